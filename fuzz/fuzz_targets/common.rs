//! Checks shared by every target: the whole pipeline on a text, spans in bounds and on
//! char boundaries, JSON serialization.
#![allow(dead_code)]

use zhengce::{Document, Span};

/// Asserts that every span of `doc` lies inside `text` on char boundaries.
pub fn check_spans(doc: &Document, text: &str) {
    let mut doc = doc.clone();
    doc.map_spans(&mut |s: Span| {
        assert!(s.start <= s.end, "inverted span {s:?}");
        assert!(
            text.get(s.start..s.end).is_some(),
            "span {s:?} out of bounds or off a char boundary in a text of {} bytes",
            text.len()
        );
        s
    });
}

/// Serializes `doc` and reads the JSON back.
pub fn check_json(doc: &Document) {
    let json = serde_json::to_string(doc).expect("a document serializes");
    let _: serde_json::Value = serde_json::from_str(&json).expect("its JSON is valid");
}

/// Runs the whole pipeline on an already decoded text and checks the result.
pub fn check_text(text: &str) {
    let doc = zhengce::parse_text(text);
    check_spans(&doc, text);
    check_json(&doc);
}

/// Asserts that `len` bytes from the start of `s` end on a char boundary.
pub fn check_prefix(s: &str, len: usize, what: &str) {
    assert!(
        s.get(..len).is_some(),
        "{what}: length {len} is not a char boundary of a {}-byte input",
        s.len()
    );
}

/// The fuzz input as text, cut to a size that keeps runs fast.
pub fn text(data: &[u8]) -> String {
    let data = data.get(..data.len().min(4096)).unwrap_or_default();
    String::from_utf8_lossy(data).into_owned()
}
