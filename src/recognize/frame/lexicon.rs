//! The frame's word lists, loaded once from `grammars/doc_kinds.txt`,
//! `grammars/metadata_keys.txt` and `grammars/frame_words.txt`.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::grammar;
use crate::model::DocKind;

/// Genre words with their kind, longest first.
pub static GENRES: LazyLock<Vec<(&'static str, DocKind)>> = LazyLock::new(|| {
    let mut v: Vec<(&'static str, DocKind)> = grammar::entries(grammar::DOC_KINDS.contents)
        .filter_map(|row| match row.as_slice() {
            [word, kind] => Some((*word, kind_of(kind))),
            _ => None,
        })
        .collect();
    v.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    v
});

/// [`GENRES`] grouped by their last letter, each group in the order of [`GENRES`]: only
/// the words ending in a title's last letter can end it, so the longest match is the first
/// match of that group.
static GENRES_BY_LAST: LazyLock<HashMap<char, Vec<(&'static str, DocKind)>>> =
    LazyLock::new(|| {
        let mut by_last: HashMap<char, Vec<(&'static str, DocKind)>> = HashMap::new();
        for &(w, k) in GENRES.iter() {
            if let Some(last) = w.chars().next_back() {
                by_last.entry(last).or_default().push((w, k));
            }
        }
        by_last
    });

/// Closing formulas of a body (特此通知 …) with the kind they imply.
pub static CLOSINGS: LazyLock<Vec<(&'static str, DocKind)>> = LazyLock::new(|| {
    grammar::entries(grammar::DOC_KINDS.contents)
        .filter_map(|row| match row.as_slice() {
            [word, kind, "closing"] => Some((*word, kind_of(kind))),
            _ => None,
        })
        .collect()
});

/// The kind implied by a closing formula the line starts with (特此通知。).
pub fn closing_kind(line: &str) -> Option<DocKind> {
    let l = line.trim_end_matches(['。', '!', ' ']);
    CLOSINGS.iter().find(|(w, _)| l == *w).map(|(_, k)| *k)
}

fn kind_of(name: &str) -> DocKind {
    match name {
        "notice" => DocKind::Notice,
        "plan" => DocKind::Plan,
        "opinion" => DocKind::Opinion,
        "summary" => DocKind::Summary,
        "regulation" => DocKind::Regulation,
        "report" => DocKind::Report,
        "decision" => DocKind::Decision,
        "reply" => DocKind::Reply,
        "news" => DocKind::News,
        _ => DocKind::Other,
    }
}

/// What a metadata key supplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The document's title.
    Title,
    /// Its doc number.
    DocNumber,
    /// Its issuer.
    Issuer,
    /// Its publication date.
    Published,
    /// Its written date.
    Written,
    /// Kept as metadata only.
    Other,
}

/// Metadata keys with their role, longest first.
pub static METADATA_KEYS: LazyLock<Vec<(&'static str, Role)>> = LazyLock::new(|| {
    let mut v: Vec<(&'static str, Role)> = grammar::entries(grammar::METADATA_KEYS.contents)
        .filter_map(|row| match row.as_slice() {
            [key, role] => Some((
                *key,
                match *role {
                    "title" => Role::Title,
                    "doc_number" => Role::DocNumber,
                    "issuer" => Role::Issuer,
                    "published" => Role::Published,
                    "written" => Role::Written,
                    _ => Role::Other,
                },
            )),
            _ => None,
        })
        .collect();
    v.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    v
});

/// The words of one group of `grammars/frame_words.txt`.
pub fn words(group: &str) -> Vec<&'static str> {
    grammar::entries(grammar::FRAME_WORDS.contents)
        .filter_map(|row| match row.as_slice() {
            [g, w] if *g == group => Some(*w),
            _ => None,
        })
        .collect()
}

/// Disclosure notes (此件公开发布 …).
pub static DISCLOSURE: LazyLock<Vec<&'static str>> = LazyLock::new(|| words("disclosure"));
/// Words that make a colon line a body sentence rather than the recipients.
pub static NOT_RECIPIENT: LazyLock<Vec<&'static str>> = LazyLock::new(|| words("not_recipient"));
/// Endings of organisation names.
pub static ORG_SUFFIX: LazyLock<Vec<&'static str>> = LazyLock::new(|| words("org_suffix"));
/// Seal notes in a signature (代章).
pub static SEAL: LazyLock<Vec<&'static str>> = LazyLock::new(|| words("seal"));
/// Verbs that end the issuer part of a title (关于, 印发, 转发).
pub static TITLE_VERB: LazyLock<Vec<&'static str>> = LazyLock::new(|| words("title_verb"));

/// `s.ends_with(word)`, comparing the last bytes first: most words of a list differ from
/// the text in their last byte, and that test is cheaper than the slice comparison.
#[inline]
pub fn ends_with(s: &str, word: &str) -> bool {
    s.as_bytes().last() == word.as_bytes().last() && s.ends_with(word)
}

/// True when `s` ends like an organisation name.
pub fn is_org(s: &str) -> bool {
    let n = s.chars().count();
    (2..=40).contains(&n)
        && !s.contains(['。', ',', ':', ';'])
        && ORG_SUFFIX.iter().any(|suf| ends_with(s, suf))
}

/// The genre word a title ends with, longest match, allowing trailing parenthesized notes
/// such as (试行) or (2021-2023年) and closing 》 after it; returns the word's kind and
/// the byte offset where the genre word ends.
pub fn title_genre(title: &str) -> Option<(DocKind, usize)> {
    let mut end = title.trim_end().len();
    // Peel trailing (…) groups, quotes and brackets.
    for _ in 0..3 {
        let t = title.get(..end)?.trim_end();
        if let Some(inner) = t.strip_suffix(')') {
            if let Some(open) = inner.rfind('(') {
                if t.len() - open <= 60 {
                    end = open;
                    continue;
                }
            }
        }
        let trimmed = t.trim_end_matches(['》', '”', '〉', '>', '*', ' ']);
        if trimmed.len() < t.len() {
            end = trimmed.len();
            continue;
        }
        end = t.len();
        break;
    }
    let head = title.get(..end)?;
    let last = head.chars().next_back()?;
    GENRES_BY_LAST
        .get(&last)?
        .iter()
        .find(|(w, _)| head.ends_with(w))
        .map(|(_, k)| (*k, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genre_words_are_never_empty() {
        assert!(
            GENRES.iter().all(|(w, _)| !w.is_empty()),
            "every genre word has a last letter, as the grouped search assumes"
        );
    }

    #[test]
    fn grouped_genre_search_finds_the_longest_word() {
        for title in [
            "关于印发《实施方案》的通知",
            "工作总结(2023年)",
            "实施意见",
            "",
            "无",
        ] {
            let head = title.trim_end();
            let linear = GENRES
                .iter()
                .find(|(w, _)| head.ends_with(w))
                .map(|(_, k)| *k);
            let grouped = head
                .chars()
                .next_back()
                .and_then(|c| GENRES_BY_LAST.get(&c))
                .and_then(|g| g.iter().find(|(w, _)| head.ends_with(w)))
                .map(|(_, k)| *k);
            assert_eq!(
                grouped, linear,
                "the grouped search reads {title:?} as the list does"
            );
        }
    }
}
