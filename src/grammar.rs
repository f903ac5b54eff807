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

/// Words that cannot be part of a doc number's issuer code (机关代字).
pub const DOC_NUMBER_STOPS: GrammarFile = GrammarFile {
    name: "doc_number_stops.txt",
    contents: include_str!("../grammars/doc_number_stops.txt"),
    min_fields: 1,
    max_fields: 1,
};

/// Genre words (文种) ending a title, and the document kind each stands for.
pub const DOC_KINDS: GrammarFile = GrammarFile {
    name: "doc_kinds.txt",
    contents: include_str!("../grammars/doc_kinds.txt"),
    min_fields: 2,
    max_fields: 3,
};

/// Keys of portal metadata tables (索引号, 发布机构, 文号, …) and their roles.
pub const METADATA_KEYS: GrammarFile = GrammarFile {
    name: "metadata_keys.txt",
    contents: include_str!("../grammars/metadata_keys.txt"),
    min_fields: 2,
    max_fields: 2,
};

/// Word lists of the document frame (disclosure notes, organisation suffixes, …).
pub const FRAME_WORDS: GrammarFile = GrammarFile {
    name: "frame_words.txt",
    contents: include_str!("../grammars/frame_words.txt"),
    min_fields: 2,
    max_fields: 2,
};

/// Every grammar file, for validation.
pub const FILES: &[&GrammarFile] = &[
    &CHROME,
    &DOC_NUMBER_STOPS,
    &DOC_KINDS,
    &METADATA_KEYS,
    &FRAME_WORDS,
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
                assert!(seen.insert(row.clone()), "{}: duplicate row {:?}", file.name, row);
            }
        }
    }
}
