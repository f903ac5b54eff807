//! Tests as data: one case file per recognizer under `fixtures/cases/`, one input per row,
//! and one snapshot per file that renders every finding of that recognizer as
//!
//! ```text
//! input ⇒ kind [start..end] "slice" {fields}
//! ```
//!
//! so a bug report becomes one row. A row is one line of the file; `\n` in it stands for a
//! line break, and in a `.tsv` file only the text before the first tab is the input. Blank
//! lines and `#` lines are skipped, except `# known wrong: …`, which marks the next row as
//! answered wrongly today and is carried into the snapshot beside it.
//!
//! Each row goes through the public API (`zhengce::parse_text`) and the findings are read
//! from the JSON of the `Document`, so the rendering does not depend on how a recognizer
//! is built inside.

use serde_json::{Map, Value};

/// One case file: its name, its contents, and the `Document` fields it renders.
struct CaseFile {
    name: &'static str,
    contents: &'static str,
    fields: &'static [&'static str],
}

/// The frame's fields of the `Document`.
const FRAME_FIELDS: &[&str] = &[
    "kind",
    "metadata",
    "title",
    "doc_number",
    "issuer",
    "recipients",
    "dates",
    "disclosure",
    "signature",
    "cc",
    "printed_by",
    "attachments",
    "embedded",
    "diagnostics",
];

const FILES: &[CaseFile] = &[
    CaseFile {
        name: "frame",
        contents: include_str!("../../fixtures/cases/frame.cases"),
        fields: FRAME_FIELDS,
    },
    CaseFile {
        name: "dates",
        contents: include_str!("../../fixtures/cases/dates.tsv"),
        fields: &["dates", "diagnostics"],
    },
    CaseFile {
        name: "doc_number",
        contents: include_str!("../../fixtures/cases/doc_number.cases"),
        fields: &["doc_number", "references", "diagnostics"],
    },
    CaseFile {
        name: "sections",
        contents: include_str!("../../fixtures/cases/sections.cases"),
        fields: &["sections", "diagnostics"],
    },
    CaseFile {
        name: "reference",
        contents: include_str!("../../fixtures/cases/reference.cases"),
        fields: &["references"],
    },
    CaseFile {
        name: "responsibility",
        contents: include_str!("../../fixtures/cases/responsibility.cases"),
        fields: &["responsibilities"],
    },
    CaseFile {
        name: "quantity",
        contents: include_str!("../../fixtures/cases/quantities.tsv"),
        fields: &["quantities"],
    },
    CaseFile {
        name: "contacts",
        contents: include_str!("../../fixtures/cases/contacts.cases"),
        fields: &["contacts"],
    },
];

/// The rows of a case file: `(known-wrong note, input)`.
fn rows(contents: &str) -> Vec<(Option<&str>, String)> {
    let mut out = Vec::new();
    let mut note = None;
    for line in contents.lines() {
        if let Some(rest) = line.strip_prefix("# known wrong:") {
            note = Some(rest.trim());
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let input = line.split('\t').next().unwrap_or_default();
        out.push((note.take(), input.replace("\\n", "\n")));
    }
    out
}

/// A value in a finding's braces: strings quoted, the rest as JSON.
fn value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

/// One finding: `kind [start..end] "slice" {fields}`, where the fields are those of the
/// JSON object apart from its span, empty values, and strings equal to the slice.
fn finding(input: &str, kind: &str, v: &Value) -> String {
    let Value::Object(map) = v else {
        return format!("{kind} {}", value(v));
    };
    let span = map.get("span").and_then(Value::as_array).and_then(|a| {
        let start = a.first()?.as_u64()? as usize;
        let end = a.get(1)?.as_u64()? as usize;
        Some((start, end))
    });
    let slice = span.map(|(s, e)| input.get(s..e).unwrap_or("<not at char boundaries>"));
    let mut fields = Vec::new();
    for (key, v) in map {
        let empty = v.is_null()
            || v.as_array().is_some_and(Vec::is_empty)
            || v.as_str().is_some_and(str::is_empty);
        if key == "span" || key == "children" || empty || v.as_str() == slice {
            continue;
        }
        fields.push(format!("{key}: {}", value(v)));
    }
    let mut out = kind.to_string();
    if let (Some((s, e)), Some(slice)) = (span, slice) {
        out.push_str(&format!(" [{s}..{e}] {slice:?}"));
    }
    out.push_str(&format!(" {{{}}}", fields.join(", ")));
    out
}

/// Every finding of one field of the document JSON, sections depth-first.
fn findings(input: &str, field: &str, v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                findings(input, field, item, out);
                if let Some(children) = item.get("children") {
                    findings(input, field, children, out);
                }
            }
        }
        Value::Object(map) if field == "dates" => {
            for (which, date) in map {
                if !date.is_null() {
                    out.push(finding(input, &format!("dates.{which}"), date));
                }
            }
        }
        Value::String(s) if field == "kind" => {
            if s != "unknown" {
                out.push(format!("kind {{{s}}}"));
            }
        }
        other => out.push(finding(input, field, other)),
    }
}

fn render(file: &CaseFile) -> String {
    let mut out = String::new();
    for (note, input) in rows(file.contents) {
        let doc = zhengce::parse_text(&input);
        let json = serde_json::to_value(&doc).unwrap_or(Value::Object(Map::new()));
        let mut found = Vec::new();
        for field in file.fields {
            if let Some(v) = json.get(field) {
                findings(&input, field, v, &mut found);
            }
        }
        let shown = format!("{input:?}");
        if let Some(note) = note {
            out.push_str(&format!("# known wrong: {note}\n"));
        }
        if found.is_empty() {
            out.push_str(&format!("{shown} ⇒ nothing\n"));
        }
        for f in found {
            out.push_str(&format!("{shown} ⇒ {f}\n"));
        }
    }
    out
}

#[test]
fn every_case_file_renders_as_its_snapshot() {
    for file in FILES {
        let rows = rows(file.contents);
        assert!(
            rows.len() >= 10,
            "{} should hold at least ten rows, has {}",
            file.name,
            rows.len()
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!(format!("cases__cases_{}", file.name), render(file));
        });
    }
}

/// What one row of the date suite expects, checked against the document: `which=ISO`
/// (written, published or printed), `none` (neither a written nor a published date) and
/// `diag=CODE` (a diagnostic with that code).
fn date_row_holds(doc: &Value, expected: &str) -> bool {
    let date = |which: &str| {
        doc.pointer(&format!("/dates/{which}/value"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    expected
        .split_whitespace()
        .all(|want| match want.split_once('=') {
            Some(("diag", code)) => doc
                .get("diagnostics")
                .and_then(Value::as_array)
                .is_some_and(|ds| {
                    ds.iter()
                        .any(|d| d.get("code").and_then(Value::as_str) == Some(code))
                }),
            Some((which, iso)) => date(which).as_deref() == Some(iso),
            None => want == "none" && date("written").is_none() && date("published").is_none(),
        })
}

#[test]
fn the_date_suite_is_read_as_printed() {
    let contents = include_str!("../../fixtures/cases/dates.tsv");
    let mut rows = 0;
    let mut misses = Vec::new();
    for line in contents.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((input, expected)) = line.split_once('\t') else {
            continue;
        };
        rows += 1;
        let input = input.replace("\\n", "\n");
        let doc = serde_json::to_value(zhengce::parse_text(&input)).unwrap_or(Value::Null);
        if !date_row_holds(&doc, expected) {
            misses.push(format!(
                "{input:?} expected {expected}, got {}",
                doc["dates"]
            ));
        }
    }
    assert!(
        rows >= 60,
        "the suite holds at least 60 date forms, has {rows}"
    );
    let share = 1.0 - misses.len() as f64 / rows as f64;
    assert!(
        share >= 0.95,
        "{:.3} of {rows} date rows as expected; misses:\n{}",
        share,
        misses.join("\n")
    );
}
