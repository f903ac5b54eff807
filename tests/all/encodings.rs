//! Every seed fixture gives the same document whatever encoding it is stored in, and
//! seed 000 (traditional script with scraper pinyin) comes out simplified, pinyin-free,
//! with every span on char boundaries of the decoded text.

use std::fs;
use std::path::PathBuf;

use encoding_rs::{BIG5, GB18030};
use serde_json::Value;
use zhengce::Span;

fn seeds() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut out: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 5, "the five seed fixtures are present");
    out
}

/// The document as JSON, without `source` (which names the encoding).
fn json_without_source(bytes: &[u8]) -> Value {
    let doc = zhengce::parse(bytes).unwrap();
    let mut v = serde_json::to_value(&doc).unwrap();
    v.as_object_mut().unwrap().remove("source");
    v
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn every_encoding_gives_the_same_document() {
    for (name, text) in seeds() {
        let want = json_without_source(text.as_bytes());
        let (gb, _, unmappable) = GB18030.encode(&text);
        assert!(!unmappable, "{name}: GB18030 encodes every character");
        let copies = [
            ("GB18030", gb.into_owned()),
            ("UTF-16LE", utf16(&text, true)),
            ("UTF-16BE", utf16(&text, false)),
        ];
        for (encoding, bytes) in copies {
            let doc = zhengce::parse(&bytes).unwrap();
            assert_eq!(
                doc.source.encoding, encoding,
                "{name}: detected as {encoding}"
            );
            assert_eq!(
                doc.source.replaced_invalid, 0,
                "{name} in {encoding}: nothing replaced"
            );
            assert_eq!(
                json_without_source(&bytes),
                want,
                "{name} in {encoding}: the same JSON as the UTF-8 copy apart from source"
            );
        }
    }
}

#[test]
fn big5_copy_of_seed_000_decodes_right() {
    let (_, text) = seeds()
        .into_iter()
        .find(|(n, _)| n.starts_with("000_"))
        .unwrap();
    let (bytes, _, _) = BIG5.encode(&text);
    // What Big5 cannot hold, the encoder wrote as a numeric character reference.
    let expected: String = text
        .chars()
        .map(|c| {
            let s = c.to_string();
            let (_, _, unmappable) = BIG5.encode(&s);
            if unmappable {
                format!("&#{};", c as u32)
            } else {
                s
            }
        })
        .collect();
    let decoded = zhengce::decode::decode(&bytes, None).unwrap();
    assert_eq!(
        decoded.encoding, "Big5",
        "seed 000 in Big5 is detected as Big5"
    );
    assert_eq!(decoded.replaced, 0, "nothing replaced");
    assert!(
        decoded.text == expected,
        "Big5 decoding gives back the text"
    );
    let doc = zhengce::parse(&bytes).unwrap();
    assert!(
        doc.source.traditional_converted,
        "Big5 seed 000 is converted to simplified"
    );
}

/// Every string value in a JSON tree, with its path.
fn strings<'v>(v: &'v Value, path: String, out: &mut Vec<(String, &'v str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| strings(x, format!("{path}[{i}]"), out)),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| strings(x, format!("{path}.{k}"), out)),
        _ => {}
    }
}

#[test]
fn seed_000_is_simplified_pinyin_free_and_spans_index_the_original() {
    let (_, text) = seeds()
        .into_iter()
        .find(|(n, _)| n.starts_with("000_"))
        .unwrap();
    let norm = zhengce::normalize::normalize(&text);
    assert!(
        norm.traditional_converted,
        "seed 000 is detected as traditional"
    );
    assert!(
        norm.pinyin_removed >= 599,
        "the scraper pinyin annotations are removed"
    );
    assert_eq!(
        norm.pinyin_corrupt.len(),
        4,
        "the four corrupted runs are found"
    );
    let pinyin = regex::Regex::new(r"[(?][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńň]{1,7}\)").unwrap();
    assert!(
        !pinyin.is_match(&norm.text),
        "no pinyin is left in the normalized text: {:?}",
        pinyin.find(&norm.text)
    );
    assert_eq!(
        zhengce::normalize::t2s::to_simplified(&norm.text),
        norm.text,
        "the normalized text is simplified throughout"
    );
    assert!(norm.text.contains("着力优化营商环境"), "著力 becomes 着力");

    let mut doc = zhengce::parse(text.as_bytes()).unwrap();
    assert!(doc.source.traditional_converted);
    let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        codes.contains(&"pinyin_removed"),
        "pinyin removal is reported"
    );
    assert_eq!(
        codes.iter().filter(|&&c| c == "pinyin_corrupt").count(),
        4,
        "each corrupted run is reported"
    );
    let json = serde_json::to_value(&doc).unwrap();
    let mut found = Vec::new();
    strings(&json, String::new(), &mut found);
    for (path, s) in found {
        if path.starts_with(".source") || path.starts_with(".diagnostics") {
            continue;
        }
        assert_eq!(
            zhengce::normalize::t2s::to_simplified(s),
            s,
            "{path} is simplified"
        );
        assert!(!pinyin.is_match(s), "{path} has no pinyin: {s}");
    }
    let mut spans = 0;
    doc.map_spans(&mut |span: Span| {
        spans += 1;
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{span:?} in bounds"
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{span:?} lies on char boundaries of the decoded text"
        );
        span
    });
    for d in doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "pinyin_corrupt")
    {
        let s = d.span.unwrap().slice(&text).unwrap();
        assert!(
            s.starts_with('?') && s.ends_with([')', '?', 'l']),
            "corrupt span {s:?}"
        );
    }
    assert!(
        spans >= 4,
        "the span walk visits the diagnostics' spans at least"
    );
}
