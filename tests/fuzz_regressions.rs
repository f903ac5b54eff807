//! Inputs that once broke a guarantee, found by the fuzz targets in `fuzz/` and the
//! properties in `tests/properties.rs`, kept so the fix stays fixed. Each is parsed through
//! the whole pipeline and checked for spans inside the decoded text on char boundaries,
//! valid JSON, and the property it once broke.

use zhengce::{Document, Section, Span};

/// Parses `bytes`, checks spans and JSON, and returns the document.
fn parse_checked(name: &str, bytes: &[u8]) -> Document {
    let doc = zhengce::parse(bytes).unwrap_or_else(|e| panic!("{name}: a document, not {e}"));
    let text = zhengce::decode::decode(bytes, None).unwrap().text;
    doc.clone().map_spans(&mut |s: Span| {
        assert!(
            s.slice(&text).is_some(),
            "{name}: span {s:?} lies on char boundaries of the decoded text"
        );
        s
    });
    let json = serde_json::to_string(&doc).unwrap();
    let back: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(back, doc, "{name}: the JSON round-trips");
    doc
}

fn section_spans(sections: &[Section], path: &str, out: &mut Vec<Span>) {
    for s in sections {
        if s.path == path {
            out.push(s.span);
        }
        section_spans(&s.children, path, out);
    }
}

/// An unclosed （ in one task's heading was paired with a ) three tasks later, so one
/// responsibility swallowed the tasks between and lay outside the section it named.
#[test]
fn a_parenthetical_never_spans_a_section_heading() {
    let bytes = std::fs::read("fixtures/fuzz/parenthetical_across_headings.txt").unwrap();
    let doc = parse_checked("parenthetical across headings", &bytes);
    for r in &doc.responsibilities {
        let path = r
            .section
            .as_deref()
            .expect("every task clause has a section");
        let mut spans = Vec::new();
        section_spans(&doc.sections, path, &mut spans);
        assert!(
            spans
                .iter()
                .any(|s| s.start <= r.span.start && r.span.end <= s.end),
            "responsibility {:?} lies inside its section {path} {spans:?}",
            r.span
        );
    }
    assert!(
        doc.responsibilities
            .iter()
            .any(|r| r.section.as_deref() == Some("1.1")
                && r.lead.iter().any(|d| d == "省发展改革委")),
        "the real clause of task (一) is still read: {:?}",
        doc.responsibilities
    );
}
