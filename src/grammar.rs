//! Lexicons and grammar data compiled in from `grammars/`.
//!
//! Every file there is UTF-8, one entry per line, fields separated by a tab, `#` starting
//! a comment line (`grammars/README.md` says who reads each file and what a row means).
//! Each file declares its columns ([`Column`]): free text, one of a closed set of words,
//! or an integer. A recognizer reads its file through [`entries`] (or [`words`] for the
//! rows of one kind); [`FILES`] lists every file so one unit test can check every row
//! against its columns and for duplicates.

/// A grammar file: its name under `grammars/`, its contents, and how many fields a row has
/// (a range: some columns are optional).
pub struct GrammarFile {
    /// File name under `grammars/`.
    pub name: &'static str,
    /// Contents, compiled in.
    pub contents: &'static str,
    /// Fewest fields a row may have.
    pub min_fields: usize,
    /// Most fields a row may have.
    pub max_fields: usize,
    /// What each field holds, in order (a row's fields past this list are free text).
    pub columns: &'static [Column],
}

/// What one field of a grammar row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Any text.
    Text,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A non-negative integer.
    Integer,
}

impl Column {
    /// True when `field` is a value of this column.
    pub fn admits(&self, field: &str) -> bool {
        match self {
            Column::Text => true,
            Column::OneOf(words) => words.contains(&field),
            Column::Integer => field.parse::<u64>().is_ok(),
        }
    }
}

/// Kinds of document (the `DocKind` names).
const DOC_KIND_NAMES: &[&str] = &[
    "notice",
    "plan",
    "opinion",
    "summary",
    "regulation",
    "report",
    "decision",
    "reply",
    "other",
];

/// The two kinds of figure.
const FIGURE_KINDS: &[&str] = &["target", "statistic"];

/// Web-page chrome: lines that are navigation, sharing widgets, footers.
pub const CHROME: GrammarFile = GrammarFile {
    name: "chrome.txt",
    contents: include_str!("../grammars/chrome.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[
        Column::OneOf(&["contains", "exact", "prefix", "suffix"]),
        Column::Text,
    ],
};

/// OpenCC's traditional → simplified character table (read by `normalize::t2s`).
pub const OPENCC_TS_CHARACTERS: GrammarFile = GrammarFile {
    name: "opencc-TSCharacters.txt",
    contents: include_str!("../grammars/opencc-TSCharacters.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[Column::Text, Column::Text],
};

/// OpenCC's traditional → simplified phrase table (read by `normalize::t2s`).
pub const OPENCC_TS_PHRASES: GrammarFile = GrammarFile {
    name: "opencc-TSPhrases.txt",
    contents: include_str!("../grammars/opencc-TSPhrases.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[Column::Text, Column::Text],
};

/// Phrase overrides applied after OpenCC's tables, such as 著 → 着 (read by `normalize::t2s`).
pub const T2S_OVERRIDES: GrammarFile = GrammarFile {
    name: "t2s-overrides.txt",
    contents: include_str!("../grammars/t2s-overrides.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[Column::Text, Column::Text],
};

/// Words that cannot be part of a doc number's issuer code (机关代字).
pub const DOC_NUMBER_STOPS: GrammarFile = GrammarFile {
    name: "doc_number_stops.txt",
    contents: include_str!("../grammars/doc_number_stops.txt"),
    min_fields: 1,
    max_fields: 1,
    columns: &[Column::Text],
};

/// How the issuer of a decree (令) or an announcement (公告) ends, and words before it.
pub const DOC_NUMBER_ISSUERS: GrammarFile = GrammarFile {
    name: "doc_number_issuers.txt",
    contents: include_str!("../grammars/doc_number_issuers.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[Column::OneOf(&["ending", "stop"]), Column::Text],
};

/// Markup read past as layout inside a text file: HTML tag names and entities.
pub const MARKUP: GrammarFile = GrammarFile {
    name: "markup.txt",
    contents: include_str!("../grammars/markup.txt"),
    min_fields: 2,
    max_fields: 3,
    columns: &[
        Column::OneOf(&["block", "cell", "inline", "entity"]),
        Column::Text,
        Column::Text,
    ],
};

/// Genre words (文种) ending a title, and the document kind each stands for.
pub const DOC_KINDS: GrammarFile = GrammarFile {
    name: "doc_kinds.txt",
    contents: include_str!("../grammars/doc_kinds.txt"),
    min_fields: 2,
    max_fields: 3,
    columns: &[
        Column::Text,
        Column::OneOf(DOC_KIND_NAMES),
        Column::OneOf(&["closing"]),
    ],
};

/// Keys of portal metadata tables (索引号, 发布机构, 文号, …) and their roles.
pub const METADATA_KEYS: GrammarFile = GrammarFile {
    name: "metadata_keys.txt",
    contents: include_str!("../grammars/metadata_keys.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[
        Column::Text,
        Column::OneOf(&[
            "doc_number",
            "issuer",
            "other",
            "published",
            "title",
            "written",
        ]),
    ],
};

/// Word lists of the document frame (disclosure notes, organisation suffixes, …).
pub const FRAME_WORDS: GrammarFile = GrammarFile {
    name: "frame_words.txt",
    contents: include_str!("../grammars/frame_words.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[
        Column::OneOf(&[
            "disclosure",
            "not_recipient",
            "org_suffix",
            "seal",
            "title_verb",
        ]),
        Column::Text,
    ],
};

/// Heading-marker exceptions: article references and site disclaimers that are not headings.
pub const HEADING_MARKERS: GrammarFile = GrammarFile {
    name: "heading_markers.txt",
    contents: include_str!("../grammars/heading_markers.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[
        Column::OneOf(&[
            "article_reference",
            "chrome",
            "closing",
            "title_end",
            "not_heading",
        ]),
        Column::Text,
    ],
};

/// Department names: unit-name suffixes, short forms, non-unit words.
pub const DEPARTMENTS: GrammarFile = GrammarFile {
    name: "departments.txt",
    contents: include_str!("../grammars/departments.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[
        Column::OneOf(&[
            "suffix",
            "name",
            "not",
            "stop",
            "conjunction",
            "lead",
            "generic",
            "first",
            "region",
            "organ",
        ]),
        Column::Text,
    ],
};

/// Responsibility clauses: labels, role phrases, standing-instruction markers.
pub const RESPONSIBILITY: GrammarFile = GrammarFile {
    name: "responsibility.txt",
    contents: include_str!("../grammars/responsibility.txt"),
    min_fields: 3,
    max_fields: 3,
    columns: &[
        Column::OneOf(&[
            "label",
            "phrase",
            "qualifier",
            "scope",
            "activity",
            "group",
            "scope_start",
            "scope_end",
            "deadline",
            "lead_note",
        ]),
        Column::Text,
        Column::OneOf(&["lead", "support", "duty", "none"]),
    ],
};

/// Units and measure words after a number (read by `recognize::quantity::unit`).
pub const UNITS: GrammarFile = GrammarFile {
    name: "units.txt",
    contents: include_str!("../grammars/units.txt"),
    min_fields: 3,
    max_fields: 4,
    columns: &[
        Column::Text,
        Column::Text,
        Column::OneOf(&[
            "unit",
            "count",
            "prefix",
            "base",
            "length",
            "area",
            "per",
            "symbol-prefix",
            "symbol-base",
            "symbol",
        ]),
        Column::Text,
    ],
};

/// Comparator words around a quantity (read by `recognize::quantity::comparator`).
pub const COMPARATORS: GrammarFile = GrammarFile {
    name: "comparators.txt",
    contents: include_str!("../grammars/comparators.txt"),
    min_fields: 4,
    max_fields: 4,
    columns: &[
        Column::Text,
        Column::OneOf(&["before", "after", "vague-after", "vague-before", "not-vague"]),
        Column::OneOf(&["=", ">=", ">", "<=", "<", "~", "floor"]),
        Column::OneOf(&["approx", "exact"]),
    ],
};

/// Target and statistic cue words (read by `recognize::quantity::context`).
pub const QUANTITY_CUES: GrammarFile = GrammarFile {
    name: "quantity_cues.txt",
    contents: include_str!("../grammars/quantity_cues.txt"),
    min_fields: 3,
    max_fields: 3,
    columns: &[Column::Text, Column::OneOf(FIGURE_KINDS), Column::Integer],
};

/// Names and slogans that are not quantities (read by `recognize::quantity`).
pub const QUANTITY_STOPLIST: GrammarFile = GrammarFile {
    name: "quantity_stoplist.txt",
    contents: include_str!("../grammars/quantity_stoplist.txt"),
    min_fields: 1,
    max_fields: 1,
    columns: &[Column::Text],
};

/// Words trimmed from a quantity's subject (read by `recognize::quantity::context`).
pub const QUANTITY_SUBJECT: GrammarFile = GrammarFile {
    name: "quantity_subject.txt",
    contents: include_str!("../grammars/quantity_subject.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[
        Column::Text,
        Column::OneOf(&["leading", "trailing", "verb"]),
    ],
};

/// Words of the quantity grammar besides units and cues: genre words, range separators,
/// scale words (read by `recognize::quantity`).
pub const QUANTITY_WORDS: GrammarFile = GrammarFile {
    name: "quantity_words.txt",
    contents: include_str!("../grammars/quantity_words.txt"),
    min_fields: 2,
    max_fields: 3,
    columns: &[
        Column::OneOf(&[
            "genre",
            "opening",
            "issuing",
            "joiner",
            "range",
            "open_range",
            "one_unit",
            "one_word",
            "scale",
            "scale_unit",
            "half_unit",
            "sign_after",
        ]),
        Column::Text,
        Column::Text,
    ],
};

/// Words that make a figure a change up or down (read by `recognize::quantity::comparator`).
pub const QUANTITY_DIRECTION: GrammarFile = GrammarFile {
    name: "quantity_direction.txt",
    contents: include_str!("../grammars/quantity_direction.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[Column::Text, Column::OneOf(&["up", "down", "none"])],
};

/// Labels of contact lines and the field each fills (read by `recognize::contacts`).
pub const CONTACTS: GrammarFile = GrammarFile {
    name: "contacts.txt",
    contents: include_str!("../grammars/contacts.txt"),
    min_fields: 2,
    max_fields: 2,
    columns: &[
        Column::Text,
        Column::OneOf(&["name", "phone", "email", "fax", "address", "phone_or_email"]),
    ],
};

/// Every grammar file, for validation.
pub const FILES: &[&GrammarFile] = &[
    &CHROME,
    &OPENCC_TS_CHARACTERS,
    &OPENCC_TS_PHRASES,
    &T2S_OVERRIDES,
    &DOC_NUMBER_STOPS,
    &DOC_NUMBER_ISSUERS,
    &MARKUP,
    &DOC_KINDS,
    &METADATA_KEYS,
    &FRAME_WORDS,
    &HEADING_MARKERS,
    &DEPARTMENTS,
    &RESPONSIBILITY,
    &UNITS,
    &COMPARATORS,
    &QUANTITY_CUES,
    &QUANTITY_STOPLIST,
    &QUANTITY_SUBJECT,
    &QUANTITY_WORDS,
    &QUANTITY_DIRECTION,
    &CONTACTS,
];

/// The rows of a grammar file: each non-empty, non-comment line split at tabs.
pub fn entries(contents: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    contents
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// The second field of every row of `file` whose first field is `kind`, in file order:
/// the word list of one kind of a `kind<TAB>word` file.
pub fn words(file: &GrammarFile, kind: &str) -> Vec<&'static str> {
    entries(file.contents)
        .filter(|row| row.first() == Some(&kind))
        .filter_map(|row| row.get(1).copied())
        .collect()
}

/// The second and third fields of every row of `file` whose first field is `kind`, in
/// file order (rows without a third field are left out).
pub fn pairs(file: &GrammarFile, kind: &str) -> Vec<(&'static str, &'static str)> {
    entries(file.contents)
        .filter(|row| row.first() == Some(&kind))
        .filter_map(|row| Some((*row.get(1)?, *row.get(2)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_grammar_file_is_well_formed() {
        let mut names: Vec<&str> = FILES.iter().map(|f| f.name).collect();
        names.sort_unstable();
        let mut on_disk: Vec<String> = std::fs::read_dir("grammars")
            .map(|dir| {
                dir.filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .filter(|n| n.ends_with(".txt") && !n.ends_with("LICENSE.txt"))
                    .collect()
            })
            .unwrap_or_default();
        on_disk.sort_unstable();
        assert_eq!(names, on_disk, "every grammar file is listed in FILES");
        for file in FILES {
            assert!(
                file.columns.len() >= file.max_fields,
                "{}: every field has a column",
                file.name
            );
            let mut seen = HashSet::new();
            for row in entries(file.contents) {
                assert!(
                    (file.min_fields..=file.max_fields).contains(&row.len()),
                    "{}: row {:?} should have {}..={} fields",
                    file.name,
                    row,
                    file.min_fields,
                    file.max_fields
                );
                assert!(
                    row.iter().all(|f| !f.is_empty() && f.trim() == *f),
                    "{}: row {:?} has an empty or padded field",
                    file.name,
                    row
                );
                for (field, column) in row.iter().zip(file.columns) {
                    assert!(
                        column.admits(field),
                        "{}: row {:?} has {:?} where the column holds {:?}",
                        file.name,
                        row,
                        field,
                        column
                    );
                }
                assert!(
                    seen.insert(row.clone()),
                    "{}: duplicate row {:?}",
                    file.name,
                    row
                );
            }
        }
    }
}
