//! Every span of every real document's JSON points at what it names in the decoded text.
//!
//! The recognizers hand on spans in the normalized text and the assembler maps them back
//! once ([`zhengce::Document::map_spans`]); a part whose spans were left out of that walk
//! keeps normalized offsets, which point elsewhere in a text that normalization changed.
//! This test walks the JSON, not the types, so a new field is checked the day it is added:
//! every span lies in the text on char boundaries, and where its object has a `raw` or a
//! `text` of its own (a text with a span), the decoded slice, normalized, reads as it.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The real documents under `fixtures/`.
fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for dir in ["seeds", "corpus"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("fixture directory")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        out.extend(paths);
    }
    out
}

/// Letters and digits only: a joined title loses its line breaks, a heading its spaces.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Checks every span under `v`; `at` names the field for the failure message.
fn walk(v: &Value, at: &str, text: &str, checked: &mut usize) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{at}[{i}]"), text, checked);
            }
        }
        Value::Object(map) => {
            if let Some(span) = map.get("span").and_then(Value::as_array) {
                let start = span.first().and_then(Value::as_u64).unwrap_or(u64::MAX) as usize;
                let end = span.get(1).and_then(Value::as_u64).unwrap_or(u64::MAX) as usize;
                let slice = text
                    .get(start..end)
                    .unwrap_or_else(|| panic!("{at}: span {start}..{end} is not a slice"));
                let own = map.get("raw").or_else(|| {
                    // A text with a span (title, issuer, signature line, contact field).
                    (map.len() == 2).then(|| map.get("text")).flatten()
                });
                if let Some(own) = own.and_then(Value::as_str) {
                    // Normalized as the document was: width folded, and in simplified script.
                    let folded = zhengce::normalize::normalize(slice).text;
                    let read = zhengce::normalize::t2s::to_simplified(&folded);
                    assert_eq!(
                        letters(&read),
                        letters(own),
                        "{at}: the text at {start}..{end} is {slice:?}, not {own:?}"
                    );
                    *checked += 1;
                }
            }
            for (k, child) in map {
                if k != "span" {
                    walk(child, &format!("{at}.{k}"), text, checked);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn every_span_points_at_what_it_names() {
    let mut checked = 0;
    for path in documents() {
        let bytes = std::fs::read(&path).expect("readable fixture");
        let text = zhengce::decode::decode(&bytes, None).expect("text").text;
        let doc = zhengce::parse(&bytes).expect("a real document parses");
        let json = serde_json::to_value(&doc).expect("json");
        walk(&json, &path.display().to_string(), &text, &mut checked);
    }
    assert!(checked >= 500, "only {checked} spans had a text to check");
}
