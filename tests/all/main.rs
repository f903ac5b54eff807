//! The integration tests, as one test crate: one binary to link after a change instead of
//! one per file. Each module is one former test file, under its old name.

mod cases;
#[cfg(feature = "cli")]
mod cli;
#[cfg(all(feature = "cli", unix))]
mod cli_hostile;
mod contacts;
mod encodings;
mod fixtures;
mod formats;
mod frame_corpus;
mod fuzz_regressions;
mod offsets;
mod pathological;
mod properties;
mod quantities;
mod responsibilities;
mod schema;
mod sections;
mod sections_prop;
mod spans;
