//! Flat tables: a [`Document`]'s sections, references, responsibilities, quantities and
//! contacts as rows, for pandas, R or a spreadsheet.
//!
//! Hands on CSV (RFC 4180: a header line, fields holding `,` `"` CR or LF quoted, `"`
//! doubled, `\n` line ends) or JSON Lines (one object per row, keys in column order).
//! Every row starts with `file`, the input's path (`-` for standard input). Offsets
//! (`start`, `end`) are in the unit the document was parsed with (bytes by default).
//!
//! | table | columns |
//! |---|---|
//! | sections | file, path, level, style, marker, ordinal, heading, start, end |
//! | references | file, title, doc_number, start, end |
//! | responsibilities | file, section, heading, unit, role, phrase, raw |
//! | quantities | file, section, kind, value, value_max, unit, comparator, approximate, deadline, subject, raw |
//! | contacts | file, name, phone, email, fax, address, start, end |
//!
//! A responsibility gives one row per (task, unit, role): `role` is `lead`, `support`,
//! `implied`, or `responsible` for a named unit that is neither lead nor support; `heading`
//! is the heading of the task's section.
//!
//! ```
//! use zhengce::table::{write_csv_header, TableKind};
//! let mut out = Vec::new();
//! write_csv_header(TableKind::References, &mut out);
//! assert_eq!(out, b"file,title,doc_number,start,end\n");
//! ```

use std::collections::HashMap;
use std::io::Write;

use serde_json::Value;

use crate::model::{Document, Section, TextSpan};

/// Which flat table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// One row per section, in document order (parents before children).
    Sections,
    /// One row per cited document.
    References,
    /// One row per (task, unit, role).
    Responsibilities,
    /// One row per quantity.
    Quantities,
    /// One row per contact.
    Contacts,
}

/// How rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// CSV with a header line.
    Csv,
    /// One JSON object per row.
    Jsonl,
}

impl TableKind {
    /// Every table, in the order the CLI lists them.
    pub const ALL: [TableKind; 5] = [
        TableKind::Sections,
        TableKind::References,
        TableKind::Responsibilities,
        TableKind::Quantities,
        TableKind::Contacts,
    ];

    /// The table's name, as the CLI spells it (`sections`, …, `contacts`).
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Sections => "sections",
            TableKind::References => "references",
            TableKind::Responsibilities => "responsibilities",
            TableKind::Quantities => "quantities",
            TableKind::Contacts => "contacts",
        }
    }

    /// The column names, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            TableKind::Sections => &[
                "file", "path", "level", "style", "marker", "ordinal", "heading", "start", "end",
            ],
            TableKind::References => &["file", "title", "doc_number", "start", "end"],
            TableKind::Responsibilities => &[
                "file", "section", "heading", "unit", "role", "phrase", "raw", "start", "end",
            ],
            TableKind::Quantities => &[
                "file",
                "section",
                "kind",
                "value",
                "value_max",
                "unit",
                "comparator",
                "approximate",
                "deadline",
                "subject",
                "raw",
                "start",
                "end",
            ],
            TableKind::Contacts => &[
                "file", "name", "phone", "email", "fax", "address", "start", "end",
            ],
        }
    }
}

/// The rows of one table for one document; each row has one value per column.
pub fn rows(kind: TableKind, doc: &Document) -> Vec<Vec<Value>> {
    let file = Value::from(doc.source.path.clone().unwrap_or_else(|| "-".to_string()));
    let mut rows = Vec::new();
    match kind {
        TableKind::Sections => {
            fn walk(sections: &[Section], file: &Value, rows: &mut Vec<Vec<Value>>) {
                for s in sections {
                    rows.push(vec![
                        file.clone(),
                        Value::from(s.path.as_str()),
                        Value::from(s.level),
                        to_value(&s.style),
                        Value::from(s.marker.as_str()),
                        Value::from(s.ordinal),
                        Value::from(s.heading.as_str()),
                        Value::from(s.span.start),
                        Value::from(s.span.end),
                    ]);
                    walk(&s.children, file, rows);
                }
            }
            walk(&doc.sections, &file, &mut rows);
        }
        TableKind::References => {
            for r in &doc.references {
                rows.push(vec![
                    file.clone(),
                    opt_str(r.title.as_deref()),
                    opt_str(r.doc_number.as_ref().map(|n| n.normalized.as_str())),
                    Value::from(r.span.start),
                    Value::from(r.span.end),
                ]);
            }
        }
        TableKind::Responsibilities => {
            let headings = section_headings(doc);
            for r in &doc.responsibilities {
                let heading = r.section.as_deref().and_then(|p| headings.get(p).copied());
                let mut push = |unit: &str, role: &str| {
                    rows.push(vec![
                        file.clone(),
                        opt_str(r.section.as_deref()),
                        opt_str(heading),
                        Value::from(unit),
                        Value::from(role),
                        opt_str(r.phrase.as_deref()),
                        Value::from(r.raw.as_str()),
                        Value::from(r.span.start),
                        Value::from(r.span.end),
                    ]);
                };
                for unit in &r.lead {
                    push(unit, "lead");
                }
                for unit in &r.support {
                    push(unit, "support");
                }
                for unit in &r.departments {
                    if !r.lead.contains(unit) && !r.support.contains(unit) {
                        push(unit, "responsible");
                    }
                }
                for unit in &r.implied {
                    push(unit, "implied");
                }
            }
        }
        TableKind::Quantities => {
            for q in &doc.quantities {
                rows.push(vec![
                    file.clone(),
                    opt_str(q.section.as_deref()),
                    to_value(&q.kind),
                    to_value(&q.value),
                    q.value_max.as_ref().map(to_value).unwrap_or(Value::Null),
                    Value::from(q.unit.as_str()),
                    to_value(&q.comparator),
                    Value::from(q.approximate),
                    opt_str(q.deadline.as_deref()),
                    opt_str(q.subject.as_deref()),
                    Value::from(q.raw.as_str()),
                    Value::from(q.span.start),
                    Value::from(q.span.end),
                ]);
            }
        }
        TableKind::Contacts => {
            for c in &doc.contacts {
                let text = |t: &Option<TextSpan>| opt_str(t.as_ref().map(|t| t.text.as_str()));
                rows.push(vec![
                    file.clone(),
                    text(&c.name),
                    text(&c.phone),
                    text(&c.email),
                    text(&c.fax),
                    text(&c.address),
                    Value::from(c.span.start),
                    Value::from(c.span.end),
                ]);
            }
        }
    }
    rows
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn opt_str(s: Option<&str>) -> Value {
    s.map(Value::from).unwrap_or(Value::Null)
}

/// Section path → heading, over the whole tree.
fn section_headings(doc: &Document) -> HashMap<&str, &str> {
    fn walk<'d>(sections: &'d [Section], map: &mut HashMap<&'d str, &'d str>) {
        for s in sections {
            map.insert(s.path.as_str(), s.heading.as_str());
            walk(&s.children, map);
        }
    }
    let mut map = HashMap::new();
    walk(&doc.sections, &mut map);
    map
}

/// Appends the CSV header line of `kind`.
pub fn write_csv_header(kind: TableKind, out: &mut Vec<u8>) {
    let row: Vec<Value> = kind.columns().iter().map(|c| Value::from(*c)).collect();
    write_csv_row(&row, out);
}

/// Appends one CSV record: strings quoted when they hold `,` `"` CR or LF, null empty.
pub fn write_csv_row(row: &[Value], out: &mut Vec<u8>) {
    for (i, value) in row.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match value {
            Value::Null => {}
            Value::String(s) => write_csv_field(s, out),
            other => write_csv_field(&other.to_string(), out),
        }
    }
    out.push(b'\n');
}

fn write_csv_field(s: &str, out: &mut Vec<u8>) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for part in s.split('"').enumerate() {
            if part.0 > 0 {
                out.extend_from_slice(b"\"\"");
            }
            out.extend_from_slice(part.1.as_bytes());
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

/// Appends one JSON object per row, keys in column order.
pub fn write_jsonl_row(kind: TableKind, row: &[Value], out: &mut Vec<u8>) {
    out.push(b'{');
    for (i, (column, value)) in kind.columns().iter().zip(row).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let _ = serde_json::to_writer(&mut *out, column);
        out.push(b':');
        let _ = serde_json::to_writer(&mut *out, value);
    }
    out.extend_from_slice(b"}\n");
}

/// Appends every row of `kind` for `doc` in `format` (no header).
pub fn write_rows(kind: TableKind, format: TableFormat, doc: &Document, out: &mut Vec<u8>) {
    for row in rows(kind, doc) {
        match format {
            TableFormat::Csv => write_csv_row(&row, out),
            TableFormat::Jsonl => write_jsonl_row(kind, &row, out),
        }
    }
}

/// Writes every row of `kind` for `doc` to a writer, with a CSV header when `header` is set.
pub fn write_table(
    kind: TableKind,
    format: TableFormat,
    doc: &Document,
    header: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    if header && format == TableFormat::Csv {
        write_csv_header(kind, &mut buf);
    }
    write_rows(kind, format, doc, &mut buf);
    out.write_all(&buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Quantity, QuantityKind, Responsibility, SectionStyle, Source};
    use crate::{Comparator, Decimal, Span};

    fn doc() -> Document {
        let mut doc = Document::empty(Source {
            path: Some("a,b.txt".into()),
            encoding: "UTF-8".into(),
            ..Source::default()
        });
        doc.sections.push(Section {
            path: "1".into(),
            level: 1,
            style: SectionStyle::ChineseDun,
            marker: "一、".into(),
            ordinal: 1,
            heading: "总体\"要求\"".into(),
            text: String::new(),
            span: Span::new(0, 9),
            children: vec![Section {
                path: "1.1".into(),
                level: 2,
                style: SectionStyle::ParenChinese,
                marker: "(一)".into(),
                ordinal: 1,
                heading: "目标\n续".into(),
                text: String::new(),
                span: Span::new(10, 20),
                children: Vec::new(),
            }],
        });
        doc.responsibilities.push(Responsibility {
            section: Some("1.1".into()),
            departments: vec!["市发展改革委".into(), "市财政局".into(), "各区".into()],
            lead: vec!["市发展改革委".into()],
            support: vec!["市财政局".into()],
            phrase: Some("牵头".into()),
            scope_note: None,
            implied: vec!["各区人民政府".into()],
            raw: "市发展改革委牵头,市财政局配合".into(),
            span: Span::new(12, 20),
        });
        doc.quantities.push(Quantity {
            section: Some("1.1".into()),
            kind: QuantityKind::Target,
            value: Decimal::from_int(85),
            value_max: None,
            unit: "%".into(),
            comparator: Comparator::Ge,
            approximate: false,
            deadline: Some("2025".into()),
            subject: Some("覆盖率".into()),
            raw: "不低于85%".into(),
            span: Span::new(12, 18),
        });
        doc
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let mut out = Vec::new();
        write_table(
            TableKind::Sections,
            TableFormat::Csv,
            &doc(),
            true,
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "file,path,level,style,marker,ordinal,heading,start,end\n\
             \"a,b.txt\",1,1,chinese_dun,一、,1,\"总体\"\"要求\"\"\",0,9\n\
             \"a,b.txt\",1.1,2,paren_chinese,(一),1,\"目标\n续\",10,20\n",
            "fields with , \" or newline should be quoted, quotes doubled, children after parents"
        );
    }

    #[test]
    fn responsibilities_one_row_per_unit_and_role() {
        let rows = rows(TableKind::Responsibilities, &doc());
        let pairs: Vec<(String, String)> = rows
            .iter()
            .map(|r| (r[3].as_str().unwrap().into(), r[4].as_str().unwrap().into()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("市发展改革委".into(), "lead".into()),
                ("市财政局".into(), "support".into()),
                ("各区".into(), "responsible".into()),
                ("各区人民政府".into(), "implied".into()),
            ],
            "each unit should appear once with its role"
        );
        assert_eq!(
            rows[0][2], "目标\n续",
            "the task heading comes from the section path"
        );
    }

    #[test]
    fn jsonl_rows_keep_column_order() {
        let mut out = Vec::new();
        write_rows(TableKind::Quantities, TableFormat::Jsonl, &doc(), &mut out);
        let line = String::from_utf8(out).unwrap();
        assert!(
            line.starts_with("{\"file\":\"a,b.txt\",\"section\":\"1.1\",\"kind\":\"target\","),
            "keys should follow the column order: {line}"
        );
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["comparator"], ">=", "comparator is written as its symbol");
        assert_eq!(v["value_max"], Value::Null, "a missing value is null");
    }

    #[test]
    fn every_row_has_one_value_per_column() {
        let d = doc();
        for kind in [
            TableKind::Sections,
            TableKind::References,
            TableKind::Responsibilities,
            TableKind::Quantities,
        ] {
            for row in rows(kind, &d) {
                assert_eq!(row.len(), kind.columns().len(), "{kind:?} row width");
            }
        }
    }
}
