//! Properties of the whole pipeline over generated and mutated documents: no panic, every
//! span inside the decoded text on char boundaries, every responsibility and quantity
//! inside the section its `section` path names, deterministic output, and JSON that
//! validates against the published schema.
//!
//! Case counts are small so the file runs in a few seconds in a debug build.

use std::sync::LazyLock;

use proptest::prelude::*;
use zhengce::{Document, Section, Span};

/// Fixture texts the mutations start from.
static FIXTURES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut texts = Vec::new();
    for dir in ["fixtures/seeds", "fixtures/cases", "fixtures/corpus"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("fixture directory exists")
            .map(|e| e.expect("readable dir entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let bytes = std::fs::read(&p).expect("readable fixture");
            texts.push(
                zhengce::decode::decode(&bytes, None)
                    .expect("fixture decodes")
                    .text
                    .into_owned(),
            );
        }
    }
    texts
});

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    jsonschema::validator_for(&zhengce::schema()).expect("the published schema compiles")
});

/// Characters the mutations insert: brackets, list punctuation, numerals, units.
const MUTATION_CHARS: &[char] = &[
    '（', '）', '(', ')', '〔', '〕', '、', '，', '。', '一', '二', '十', '1', '.', '%', '号',
    '年', '月', '日',
];

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    Insert(usize, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), prop::sample::select(MUTATION_CHARS))
            .prop_map(|(i, c)| Edit::Insert(i, c)),
    ]
}

/// Applies `edits` to `text`, each at a char position taken modulo the current length.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let n = chars.len();
        match *e {
            Edit::Delete(i) if n > 0 => {
                chars.remove(i % n);
            }
            Edit::Duplicate(i) if n > 0 => {
                let c = chars[i % n];
                chars.insert(i % n, c);
            }
            Edit::Insert(i, c) => chars.insert(i % (n + 1), c),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// Every section with `path`, searched through the whole tree. A path is not unique when
/// the numbering repeats (七、 followed by 第七条 both read as 7).
fn find<'a>(sections: &'a [Section], path: &str, out: &mut Vec<&'a Section>) {
    for s in sections {
        if s.path == path {
            out.push(s);
        }
        find(&s.children, path, out);
    }
}

/// The spans of the sections named `path`.
fn section_spans(doc: &Document, path: &str) -> Vec<Span> {
    let mut found = Vec::new();
    find(&doc.sections, path, &mut found);
    found.iter().map(|s| s.span).collect()
}

fn inside(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Parses `text` and checks every property, returning the first violation.
fn check(text: &str) -> Result<(), TestCaseError> {
    let doc = zhengce::parse(text.as_bytes()).map_err(|e| {
        TestCaseError::fail(format!("a text input gives a document, got {}", e.code()))
    })?;
    let mut bad = Vec::new();
    doc.clone().map_spans(&mut |s: Span| {
        if s.start > s.end || text.get(s.start..s.end).is_none() {
            bad.push(s);
        }
        s
    });
    prop_assert!(
        bad.is_empty(),
        "every span lies in the text on char boundaries: {:?}",
        bad
    );
    for r in &doc.responsibilities {
        if let Some(path) = &r.section {
            let spans = section_spans(&doc, path);
            prop_assert!(
                spans.iter().any(|s| inside(r.span, *s)),
                "responsibility {:?} lies inside a section named {}: {:?}",
                r.span,
                path,
                spans
            );
        }
    }
    for q in &doc.quantities {
        if let Some(path) = &q.section {
            let spans = section_spans(&doc, path);
            prop_assert!(
                spans.iter().any(|s| inside(q.span, *s)),
                "quantity {:?} lies inside a section named {}: {:?}",
                q.span,
                path,
                spans
            );
        }
    }
    let json = serde_json::to_string(&doc).expect("a document serializes");
    let again = serde_json::to_string(&zhengce::parse(text.as_bytes()).expect("parses again"))
        .expect("serializes again");
    prop_assert_eq!(&json, &again, "parsing twice gives the same JSON");
    let value: serde_json::Value = serde_json::from_str(&json).expect("the JSON reads back");
    let errors: Vec<String> = VALIDATOR
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    prop_assert!(
        errors.is_empty(),
        "the output validates against the schema: {:?}",
        errors
    );
    let back: Document = serde_json::from_value(value).expect("the JSON reads back as a Document");
    prop_assert_eq!(back, doc, "the JSON round-trips");
    Ok(())
}

/// Pieces a generated document is built from.
fn line() -> impl Strategy<Value = String> {
    let marker = prop_oneof![
        (1u32..30).prop_map(|n| format!("{}、", cn(n))),
        (1u32..30).prop_map(|n| format!("（{}）", cn(n))),
        (1u32..30).prop_map(|n| format!("{n}．")),
        (1u32..30).prop_map(|n| format!("({n})")),
        (1u32..30).prop_map(|n| format!("第{}条 ", cn(n))),
        (1u32..30).prop_map(|n| format!("{}是", cn(n))),
        Just(String::new()),
    ];
    let body = prop_oneof![
        Just("总体要求".to_string()),
        Just("加强组织领导。".to_string()),
        (
            1u32..3000,
            prop::sample::select(vec!["%", "个", "万元", "家", "亿元", "人次"])
        )
            .prop_map(|(n, u)| format!("到2025年，全市完成{n}{u}以上。")),
        prop::sample::select(vec!["市发展改革委", "市财政局", "各区人民政府", "市教育局"])
            .prop_map(|d| format!("（责任单位：{d}）")),
        prop::sample::select(vec!["市发展改革委", "市财政局", "市教育局"])
            .prop_map(|d| format!("{d}牵头，各区配合。")),
        Just("津政办发〔2023〕12号".to_string()),
        (2000u32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}年{m}月{d}日")),
        Just("各区人民政府，市政府各委、局：".to_string()),
        Just("《天津市质量提升行动方案》".to_string()),
        "[一-龥（）()、，。0-9%]{0,20}",
    ];
    (marker, prop::collection::vec(body, 1..4)).prop_map(|(m, b)| format!("{m}{}", b.concat()))
}

/// A Chinese numeral for 1..=99.
fn cn(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_hold_every_property(
        title in prop::sample::select(vec![
            "天津市人民政府办公厅关于印发质量提升行动方案的通知",
            "关于开展安全生产检查工作的通知",
            "",
        ]),
        lines in prop::collection::vec(line(), 0..40),
    ) {
        let text = format!("{title}\n{}\n", lines.join("\n"));
        check(&text)?;
    }

    #[test]
    fn mutated_fixtures_hold_every_property(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..40),
    ) {
        let base = which.get(&FIXTURES);
        check(&mutate(base, &edits))?;
    }
}
