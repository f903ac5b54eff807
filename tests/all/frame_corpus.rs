//! Frame recognition over corpus documents that exposed problems.

use zhengce::{DocKind, Document};

fn corpus(id: &str) -> Document {
    let path = format!("{}/fixtures/corpus/{id}.txt", env!("CARGO_MANIFEST_DIR"));
    zhengce::parse(&std::fs::read(path).unwrap()).unwrap()
}

fn title(doc: &Document) -> Option<&str> {
    doc.title.as_ref().map(|t| t.text.as_str())
}

fn written(doc: &Document) -> Option<&str> {
    doc.dates.written.as_ref().map(|d| d.value.as_str())
}

#[test]
fn attachment_label_is_not_part_of_the_title_and_the_year_note_is() {
    let doc = corpus("004");
    assert_eq!(
        title(&doc),
        Some("上海市北斗产业高质量发展三年行动计划(2021-2023年)"),
        "附件 stays out; the (2021-2023年) line after the title joins it"
    );
    assert_eq!(doc.kind, DocKind::Plan, "a 行动计划 is a plan");
}

#[test]
fn site_label_before_the_title_is_dropped() {
    let doc = corpus("017");
    assert_eq!(
        title(&doc),
        Some("关于印发《北京市乡村振兴责任制实施细则》的通知"),
        "北京: is a site label, not part of the title"
    );
    assert_eq!(
        written(&doc),
        Some("2023-07-20"),
        "date under the two signatures"
    );
    assert_eq!(
        doc.signature.len(),
        2,
        "two co-signing offices, one entry a line"
    );
}

#[test]
fn fully_garbled_signature_date_is_repaired() {
    let doc = corpus("025");
    assert_eq!(
        written(&doc),
        Some("2024-03-27"),
        "2024327 read as 2024-03-27"
    );
    assert!(
        doc.diagnostics.iter().any(|d| d.code == "date_repaired"),
        "the repair is reported"
    );
    assert_eq!(
        doc.dates.published.as_ref().map(|d| d.value.as_str()),
        Some("2024-03-28"),
        "发布时间 is the published date, not the written one"
    );
    assert_eq!(
        doc.disclosure.as_ref().map(|d| d.text.as_str()),
        Some("此件主动公开"),
        "disclosure note"
    );
}

#[test]
fn title_wrapped_over_four_lines_with_its_issuer() {
    let doc = corpus("032");
    let t = title(&doc).unwrap_or_default();
    assert!(
        t.ends_with("的通知"),
        "the title ends with its genre word: {t}"
    );
    assert!(t.chars().count() > 40, "the wrapped lines are joined: {t}");
    assert!(
        doc.doc_number
            .as_ref()
            .is_some_and(|n| n.serial == 9 && n.year == 2023),
        "own number read from its own line"
    );
    assert_eq!(written(&doc), Some("2023-03-15"), "written date");
}

#[test]
fn speech_dateline_is_the_written_date_and_greeting_is_no_recipient() {
    let doc = corpus("038");
    assert_eq!(written(&doc), Some("2023-02-02"), "——2023年2月2日在…会议上");
    assert!(
        doc.recipients.is_empty(),
        "各位代表: is a greeting, not 主送机关"
    );
    assert_eq!(doc.kind, DocKind::Report, "政府工作报告 is a report");
}

#[test]
fn adoption_line_dates_a_resolution() {
    let doc = corpus("050");
    assert_eq!(written(&doc), Some("1950-01-10"), "一九五○年一月十日通过");
}

#[test]
fn forwarded_plan_is_embedded() {
    let doc = corpus("062");
    assert_eq!(doc.kind, DocKind::Notice, "a 转发 notice is a notice");
    assert_eq!(
        doc.embedded.first().map(|e| (e.title.as_str(), e.kind)),
        Some(("关于进一步加强本区装修垃圾处理的工作方案", DocKind::Plan)),
        "the forwarded plan's title line is found after the notice"
    );
    assert_eq!(
        doc.doc_number.as_ref().map(|n| n.normalized.as_str()),
        Some("徐府办发〔2017〕16号"),
        "own number"
    );
}
