//! The contacts recognizer on its case file, `fixtures/cases/contacts.cases`: every row
//! rendered as `input ⇒ contact [start..end] "slice" {field: "value" [start..end], …}`
//! and compared with the snapshot, so a new case is one more row.

use zhengce::TextSpan;

/// The rows of the case file; `\n` in a row stands for a line break.
fn rows() -> Vec<String> {
    include_str!("../fixtures/cases/contacts.cases")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("\\n", "\n"))
        .collect()
}

fn field(name: &str, t: &Option<TextSpan>, input: &str) -> Option<String> {
    let t = t.as_ref()?;
    let slice = input
        .get(t.span.start..t.span.end)
        .unwrap_or("<not at char boundaries>");
    Some(format!(
        "{name}: {:?} [{}..{}] {slice:?}",
        t.text, t.span.start, t.span.end
    ))
}

fn render() -> String {
    let mut out = String::new();
    for input in rows() {
        let doc = zhengce::parse_text(&input);
        let shown = format!("{input:?}");
        if doc.contacts.is_empty() {
            out.push_str(&format!("{shown} ⇒ nothing\n"));
        }
        for c in &doc.contacts {
            let fields: Vec<String> = [
                field("name", &c.name, &input),
                field("phone", &c.phone, &input),
                field("email", &c.email, &input),
                field("fax", &c.fax, &input),
                field("address", &c.address, &input),
            ]
            .into_iter()
            .flatten()
            .collect();
            let slice = input.get(c.span.start..c.span.end).unwrap_or_default();
            out.push_str(&format!(
                "{shown} ⇒ contact [{}..{}] {slice:?} {{{}}}\n",
                c.span.start,
                c.span.end,
                fields.join(", ")
            ));
        }
    }
    out
}

#[test]
fn contact_cases_render_as_their_snapshot() {
    let rows = rows();
    assert!(rows.len() >= 10, "at least ten rows, has {}", rows.len());
    insta::assert_snapshot!("contacts_cases", render());
}

#[test]
fn contacts_are_found_with_each_field_and_nothing_in_near_misses() {
    let doc = zhengce::parse_text("联系人：张三，联系电话：022-23456789");
    let c = doc.contacts.first().expect("one contact");
    assert_eq!(c.name.as_ref().map(|t| t.text.as_str()), Some("张三"));
    assert_eq!(
        c.phone.as_ref().map(|t| t.text.as_str()),
        Some("022-23456789")
    );
    let doc = zhengce::parse_text("请将工作联系人、联系方式等反馈至协会。");
    assert!(
        doc.contacts.is_empty(),
        "labels in running text are no contact"
    );
}
