//! HTML pages and Word files: the same document read as a portal page (four layouts, UTF-8
//! and GBK) or as a .docx with its markers in Word numbering gives what its text gives;
//! spans index the page; refused and broken files give their own error codes; cut and
//! garbled bytes never panic.
//!
//! The pages and Word files in `fixtures/html` and `fixtures/docx` are made from
//! `fixtures/corpus` by `tools/wrap_html.py`, `tools/make_docx.py` and `tools/make_broken.py`.

use zhengce::{Document, Options, SourceFormat};

const DOCS: [&str; 3] = ["004", "017", "031"];
const LAYOUTS: [&str; 4] = ["gov", "trs", "zoom", "html5"];

fn parse(path: &str) -> Result<Document, zhengce::Error> {
    let bytes = std::fs::read(path).unwrap();
    let options = Options::default().path(path);
    zhengce::parse_with(&bytes, &options)
}

/// What the scorer compares: title, number, dates, headings, responsibilities, quantities.
fn core(doc: &Document) -> serde_json::Value {
    serde_json::json!({
        "title": doc.title.as_ref().map(|t| t.text.clone()),
        "doc_number": doc.doc_number.as_ref().map(|n| n.normalized.clone()),
        "written": doc.dates.written.as_ref().map(|d| d.value.clone()),
        "recipients": doc.recipients.iter().map(|r| r.text.clone()).collect::<Vec<_>>(),
        "outline": zhengce::outline(doc),
        "responsibilities": doc.responsibilities.iter()
            .map(|r| (r.lead.clone(), r.support.clone(), r.section.clone()))
            .collect::<Vec<_>>(),
        "quantities": doc.quantities.iter()
            .map(|q| (q.raw.clone(), q.unit.clone(), q.section.clone()))
            .collect::<Vec<_>>(),
    })
}

#[test]
fn a_page_gives_what_its_text_gives() {
    for id in DOCS {
        let text = parse(&format!("fixtures/corpus/{id}.txt")).unwrap();
        for layout in LAYOUTS {
            let path = format!("fixtures/html/{id}_{layout}.html");
            let page = parse(&path).unwrap();
            assert_eq!(page.source.format, SourceFormat::Html, "{path}");
            assert_eq!(core(&page), core(&text), "{path} reads as its text does");
        }
    }
}

#[test]
fn page_encodings_come_from_the_declaration() {
    let enc = |layout: &str| {
        parse(&format!("fixtures/html/004_{layout}.html"))
            .unwrap()
            .source
            .encoding
    };
    assert!(enc("gov").eq_ignore_ascii_case("utf-8"));
    assert!(enc("html5").eq_ignore_ascii_case("utf-8"));
    assert!(
        enc("trs").eq_ignore_ascii_case("gb18030"),
        "gb2312 reads as GB18030"
    );
    assert!(
        enc("zoom").eq_ignore_ascii_case("gb18030"),
        "gbk reads as GB18030"
    );
}

/// Every span of a page's document indexes the decoded page: the characters there are the
/// characters the same finding spans in the text, wherever the page holds them as they are.
#[test]
fn page_spans_index_the_page() {
    for id in DOCS {
        let text_path = format!("fixtures/corpus/{id}.txt");
        let text_src = std::fs::read_to_string(&text_path).unwrap();
        let text = parse(&text_path).unwrap();
        for layout in LAYOUTS {
            let path = format!("fixtures/html/{id}_{layout}.html");
            let bytes = std::fs::read(&path).unwrap();
            let src = zhengce::input::html::decode_page(&bytes, None)
                .unwrap()
                .text;
            let page = parse(&path).unwrap();
            let mut compared = 0;
            for (p, t) in page.quantities.iter().zip(&text.quantities) {
                let got = &src[p.span.start..p.span.end];
                let want = &text_src[t.span.start..t.span.end];
                if !got.contains(['&', '<']) {
                    assert_eq!(got, want, "{path}: quantity {}", p.raw);
                    compared += 1;
                }
            }
            for (p, t) in page.sections.iter().zip(&text.sections) {
                let got = &src[p.span.start..];
                let want = text_src[t.span.start..t.span.end].lines().next().unwrap();
                assert!(
                    got.starts_with(want.trim_start_matches(['\u{3000}', ' '])),
                    "{path}: section {}",
                    p.marker
                );
                compared += 1;
            }
            assert!(compared > 0, "{path}: something was compared");
            let title = page.title.as_ref().unwrap();
            assert!(
                src[title.span.start..title.span.end]
                    .contains(&title.text[..title.text.len().min(12)]),
                "{path}: the title span holds the title"
            );
        }
    }
}

#[test]
fn word_numbering_gives_back_the_markers() {
    for id in DOCS {
        let text = parse(&format!("fixtures/corpus/{id}.txt")).unwrap();
        let path = format!("fixtures/docx/{id}.docx");
        let doc = parse(&path).unwrap();
        assert_eq!(doc.source.format, SourceFormat::Docx);
        assert_eq!(core(&doc), core(&text), "{path} reads as its text does");
        let styles = |d: &Document| {
            d.sections
                .iter()
                .map(|s| (s.style, s.ordinal, s.marker.clone()))
                .collect::<Vec<_>>()
        };
        assert!(!doc.sections.is_empty(), "{path} has sections");
        assert_eq!(styles(&doc), styles(&text), "{path}: styles and ordinals");
    }
    // The markers are not in the file's text: they come from numbering.xml.
    let bytes = std::fs::read("fixtures/docx/004.docx").unwrap();
    let xml = zip_entries(&bytes);
    assert!(
        !xml.contains("一、") && !xml.contains("（一）"),
        "document.xml holds no marker"
    );
}

/// The text of word/document.xml, read with the same crate the library uses.
fn zip_entries(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn refused_and_broken_files_have_their_codes() {
    let code = |p: &str| parse(p).unwrap_err().code();
    assert_eq!(code("fixtures/docx/report.pdf"), "pdf");
    assert_eq!(code("fixtures/docx/legacy.doc"), "legacy_doc");
    assert_eq!(code("fixtures/docx/encrypted.docx"), "encrypted_docx");
    assert_eq!(code("fixtures/docx/broken_truncated.docx"), "corrupt_docx");
    assert_eq!(code("fixtures/docx/broken_garbled.docx"), "corrupt_docx");
    let cut = parse("fixtures/html/broken_truncated.html").unwrap();
    assert!(
        cut.title.is_some(),
        "a page cut short still reads up to the cut"
    );
    // Named .docx but not a zip at all.
    let options = Options::default().path("x.docx");
    assert_eq!(
        zhengce::parse_with("关于".as_bytes(), &options)
            .unwrap_err()
            .code(),
        "corrupt_docx"
    );
}

/// Cut at many points and with bytes flipped, no page or Word file makes the parser panic;
/// a broken .docx is an error, never a document made of garbage without a word.
#[test]
fn cut_and_garbled_inputs_never_panic() {
    let inputs = [
        "fixtures/html/004_gov.html",
        "fixtures/html/004_zoom.html",
        "fixtures/docx/004.docx",
        "fixtures/docx/017.docx",
    ];
    for path in inputs {
        let bytes = std::fs::read(path).unwrap();
        let options = Options::default().path(path);
        let step = (bytes.len() / 40).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let _ = zhengce::parse_with(&bytes[..cut], &options);
        }
        for seed in 0..40usize {
            let mut garbled = bytes.clone();
            let mut at = 31 + seed * 7919;
            while at < garbled.len() {
                garbled[at] ^= (seed as u8).wrapping_mul(37) | 1;
                at += 1013 + seed * 13;
            }
            if let Ok(doc) = zhengce::parse_with(&garbled, &options) {
                let _ = serde_json::to_string(&doc).unwrap();
            }
        }
    }
}

#[test]
fn char_offsets_index_the_page() {
    let path = "fixtures/html/017_gov.html";
    let bytes = std::fs::read(path).unwrap();
    let src = zhengce::input::html::decode_page(&bytes, None)
        .unwrap()
        .text;
    let options = Options::default()
        .path(path)
        .offsets(zhengce::OffsetUnit::Chars);
    let doc = zhengce::parse_with(&bytes, &options).unwrap();
    let title = doc.title.unwrap();
    let chars: Vec<char> = src.chars().collect();
    let got: String = chars[title.span.start..title.span.end].iter().collect();
    assert_eq!(got, title.text);
}
