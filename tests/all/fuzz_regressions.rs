//! Inputs that once broke a guarantee, found by the fuzz targets in `fuzz/` and the
//! properties in `tests/properties.rs`, kept so the fix stays fixed. Each is parsed through
//! the whole pipeline and checked for spans inside the decoded text on char boundaries,
//! valid JSON, and the property it once broke.

use zhengce::{Document, Section, Span};

/// Parses `bytes`, checks spans and JSON, and returns the document.
fn parse_checked(name: &str, bytes: &[u8]) -> Document {
    let doc = zhengce::parse(bytes).unwrap_or_else(|e| panic!("{name}: a document, not {e}"));
    let text = zhengce::decode::decode(bytes, None).unwrap().text;
    check(name, doc, &text)
}

/// Parses an already decoded text (as the grammar fuzz targets do) and checks it.
fn parse_text_checked(name: &str, text: &str) -> Document {
    check(name, zhengce::parse_text(text), text)
}

fn check(name: &str, doc: Document, text: &str) -> Document {
    doc.clone().map_spans(&mut |s: Span| {
        assert!(
            s.slice(text).is_some(),
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

/// A title wrapped over two lines (issuer line, then title line) is joined without its line
/// break, so an issuer span counted in the joined title ended one byte short, inside a
/// character. Found by the `date` target.
#[test]
fn the_issuer_of_a_wrapped_title_ends_on_a_char_boundary() {
    let data = std::fs::read("fixtures/fuzz/date_issuer_span.bin").unwrap();
    let s = String::from_utf8_lossy(&data);
    let text = format!("关于开展工作的通知\n正文。\n某某市人民政府\n{s}\n");
    let doc = parse_text_checked("wrapped title with garbage", &text);
    let issuer = doc.issuer.expect("the title names an issuer");
    let printed = issuer
        .span
        .slice(&text)
        .expect("the issuer span is on char boundaries");
    assert_eq!(
        printed.replace('\n', ""),
        issuer.text,
        "the issuer span covers the issuer as printed, line break included"
    );

    let text = "某某市人民政府\n关于开展安全生产检查工作的通知\n各区人民政府:\n";
    let doc = parse_text_checked("wrapped title", text);
    let issuer = doc.issuer.expect("the title names an issuer");
    assert_eq!(
        issuer.text, "某某市人民政府",
        "the issuer line is the issuer"
    );
    assert_eq!(
        issuer.span.slice(text),
        Some("某某市人民政府"),
        "its span covers exactly the issuer line"
    );
}

/// The same wrapped-title issuer bug, reached by the `doc_number` target through a title
/// whose doc-number line was garbage joined to the title.
#[test]
fn the_issuer_of_a_title_joined_to_a_garbage_line_ends_on_a_char_boundary() {
    let data = std::fs::read("fixtures/fuzz/doc_number_issuer_span.bin").unwrap();
    let s = String::from_utf8_lossy(&data);
    let text = format!("某某市人民政府关于印发方案的通知\n{s}\n各区人民政府:\n");
    let doc = parse_text_checked("title joined to garbage", &text);
    let issuer = doc.issuer.expect("the title names an issuer");
    assert!(
        issuer.span.slice(&text).is_some(),
        "the issuer span {:?} is on char boundaries",
        issuer.span
    );
}

/// A long sentence of figures ("1%1%1%…") rescanned the rest of the sentence for each
/// figure: quadratic. The sentence end is now found once per sentence.
#[test]
fn a_sentence_of_many_figures_parses_in_linear_time() {
    use std::time::{Duration, Instant};
    let time = |s: &str| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let _ = std::hint::black_box(zhengce::parse_text(s));
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let mut n = 500;
    let mut t1 = time(&"1%".repeat(n));
    while t1 < Duration::from_millis(40) && n < 100_000 {
        n *= 2;
        t1 = time(&"1%".repeat(n));
    }
    let t10 = time(&"1%".repeat(n * 10));
    let ratio = t10.as_secs_f64() / t1.as_secs_f64();
    assert!(
        ratio <= 15.0,
        "10× the figures took {ratio:.1}× the time ({t1:?} → {t10:?}): not linear"
    );
}

/// Hostile inputs of the kinds the issue names, through the whole pipeline: mixed
/// encodings in one file, a truncated file, thousands of unmatched brackets of every kind.
#[test]
fn hostile_inputs_give_a_document() {
    let text = "天津市人民政府关于印发质量提升行动方案的通知\n一、总体要求\n（一）到2025年，覆盖率达到100%。（市财政局牵头）\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let mut mixed = gbk.to_vec();
    mixed.extend_from_slice(text.as_bytes());
    mixed.extend_from_slice(&gbk);
    parse_checked("GBK, UTF-8, GBK", &mixed);

    let utf8 = text.as_bytes();
    for cut in 1..utf8.len() {
        parse_checked("truncated UTF-8", &utf8[..cut]);
    }
    for cut in (1..gbk.len()).step_by(7) {
        parse_checked("truncated GBK", &gbk[..cut]);
    }

    let brackets = "（）()〔〕【】《》“”[]";
    let mut unmatched = String::from("一、总体要求\n");
    for (i, c) in brackets.chars().cycle().take(20_000).enumerate() {
        unmatched.push(c);
        if i % 3 == 0 {
            unmatched.push_str("市财政局牵头");
        }
        if i % 500 == 0 {
            unmatched.push_str("\n（二）");
        }
    }
    parse_text_checked("unmatched brackets", &unmatched);
    let openers: String = brackets.chars().step_by(2).cycle().take(20_000).collect();
    parse_text_checked("openers only", &format!("（一）{openers}到2025年达到90%"));
}
