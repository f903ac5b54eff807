//! The organization-name test set (`fixtures/cases/org_names.tsv`): every row is a text and
//! whether it names a government unit, read by the department grammar's public test
//! [`zhengce::recognize::department::is_unit`]. Names printed in the corpus, names composed
//! by the grammar (in no lexicon) and near-misses are checked alike; every wrong answer is
//! listed in the failure message. A row after `# known wrong: …` is answered wrongly today:
//! it must stay wrong until the mark is removed, so a fix is never left unrecorded.

use zhengce::recognize::department::is_unit;

const SET: &str = include_str!("../../fixtures/cases/org_names.tsv");

/// One row of the set.
struct Row {
    text: &'static str,
    /// True when the text names a unit.
    unit: bool,
    source: &'static str,
    /// True when the row is marked as answered wrongly today.
    known_wrong: bool,
}

/// The rows of the set.
fn rows() -> Vec<Row> {
    let mut out = Vec::new();
    let mut known_wrong = false;
    for line in SET.lines() {
        if line.starts_with("# known wrong:") {
            known_wrong = true;
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let text = fields.next().unwrap_or_default();
        let expected = fields.next().unwrap_or_default();
        assert!(
            matches!(expected, "unit" | "not"),
            "row {line:?}: the expected answer is unit or not"
        );
        out.push(Row {
            text,
            unit: expected == "unit",
            source: fields.next().unwrap_or_default(),
            known_wrong: std::mem::take(&mut known_wrong),
        });
    }
    out
}

/// A name as the recognizers read it: in the normalized text, where full-width
/// brackets are ASCII.
fn normalized(name: &str) -> String {
    name.replace('（', "(").replace('）', ")")
}

#[test]
fn the_set_is_large_enough() {
    let rows = rows();
    let names = rows.iter().filter(|r| r.unit).count();
    let composed = rows
        .iter()
        .filter(|r| r.unit && r.source == "composed")
        .count();
    let not = rows.iter().filter(|r| !r.unit).count();
    assert!(names >= 200, "{names} names, at least 200 wanted");
    assert!(
        composed >= 100,
        "{composed} composed names, at least 100 wanted"
    );
    assert!(not >= 50, "{not} non-names, at least 50 wanted");
}

#[test]
fn every_row_gets_its_expected_answer() {
    let wrong: Vec<String> = rows()
        .into_iter()
        .filter(|r| (is_unit(&normalized(r.text)) == r.unit) == r.known_wrong)
        .map(|r| {
            let expected = if r.unit { "unit" } else { "not" };
            if r.known_wrong {
                format!(
                    "{} ({}): now answered {expected}: remove its known-wrong mark",
                    r.text, r.source
                )
            } else {
                format!("{} ({}): expected {expected}", r.text, r.source)
            }
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
