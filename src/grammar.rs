//! Lexicons and grammar data compiled in from `grammars/`.
//!
//! Every file there is UTF-8, one entry per line, fields separated by a tab, `#` starting
//! a comment line. A recognizer reads its file through [`entries`]; [`FILES`] lists every
//! file so one unit test can check them all for malformed rows and duplicates.

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
}

/// Web-page chrome: lines that are navigation, sharing widgets, footers.
pub const CHROME: GrammarFile = GrammarFile {
    name: "chrome.txt",
    contents: include_str!("../grammars/chrome.txt"),
    min_fields: 2,
    max_fields: 2,
};

/// Units and measure words after a number (read by `recognize::quantity::unit`).
pub const UNITS: GrammarFile = GrammarFile {
    name: "units.txt",
    contents: include_str!("../grammars/units.txt"),
    min_fields: 2,
    max_fields: 2,
};

/// Comparator words around a quantity (read by `recognize::quantity::comparator`).
pub const COMPARATORS: GrammarFile = GrammarFile {
    name: "comparators.txt",
    contents: include_str!("../grammars/comparators.txt"),
    min_fields: 4,
    max_fields: 4,
};

/// Target and statistic cue words (read by `recognize::quantity::context`).
pub const QUANTITY_CUES: GrammarFile = GrammarFile {
    name: "quantity_cues.txt",
    contents: include_str!("../grammars/quantity_cues.txt"),
    min_fields: 3,
    max_fields: 3,
};

/// Names and slogans that are not quantities (read by `recognize::quantity`).
pub const QUANTITY_STOPLIST: GrammarFile = GrammarFile {
    name: "quantity_stoplist.txt",
    contents: include_str!("../grammars/quantity_stoplist.txt"),
    min_fields: 1,
    max_fields: 1,
};

/// Words trimmed from a quantity's subject (read by `recognize::quantity::context`).
pub const QUANTITY_SUBJECT: GrammarFile = GrammarFile {
    name: "quantity_subject.txt",
    contents: include_str!("../grammars/quantity_subject.txt"),
    min_fields: 2,
    max_fields: 2,
};

/// Every grammar file, for validation.
pub const FILES: &[&GrammarFile] = &[
    &CHROME,
    &UNITS,
    &COMPARATORS,
    &QUANTITY_CUES,
    &QUANTITY_STOPLIST,
    &QUANTITY_SUBJECT,
];

/// The rows of a grammar file: each non-empty, non-comment line split at tabs.
pub fn entries(contents: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    contents
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('\t').collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_grammar_file_is_well_formed() {
        for file in FILES {
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
