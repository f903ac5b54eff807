//! Snapshots of the full JSON of every real document in `fixtures/`.
//!
//! Each snapshot was read beside its text before it was accepted: a snapshot that records a
//! wrong answer is a bug, not a baseline.

use std::path::Path;

fn parse_fixture(path: &Path) -> zhengce::Document {
    let bytes = std::fs::read(path).expect("readable fixture");
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let options = zhengce::Options::default().path(name);
    zhengce::parse_with(&bytes, &options).expect("a real document parses")
}

/// Snapshots live in `tests/snapshots/` under names that do not depend on the module path
/// of this file inside the test crate (`fixtures__<test>@<file>.snap`).
fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn seeds() {
    snapshot_settings().bind(|| {
        insta::glob!("../../fixtures", "seeds/*.txt", |path| {
            insta::assert_json_snapshot!("fixtures__seeds", parse_fixture(path));
        });
    });
}

#[test]
fn corpus_documents() {
    snapshot_settings().bind(|| {
        insta::glob!("../../fixtures", "corpus/*.txt", |path| {
            insta::assert_json_snapshot!("fixtures__corpus_documents", parse_fixture(path));
        });
    });
}
