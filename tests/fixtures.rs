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

#[test]
fn seeds() {
    insta::glob!("../fixtures", "seeds/*.txt", |path| {
        insta::assert_json_snapshot!(parse_fixture(path));
    });
}

#[test]
fn corpus_documents() {
    insta::glob!("../fixtures", "corpus/*.txt", |path| {
        insta::assert_json_snapshot!(parse_fixture(path));
    });
}
