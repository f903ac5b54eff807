//! Portal metadata: key–value pairs printed around a document.
//!
//! ```bnf
//! line  = sep* pair (sep+ pair)*
//!       | sep* key sep* [":"] NL value-line     ; 发文字号: ⏎ 镇政发〔2024〕7号 (a bullet list)
//! pair  = key sep* (":" sep*)? value
//! sep   = " " | "|" | "*" | "-" | ">" | "#" | "•"
//! key   = 索引号 | 发布机构 | 文号 | 发布日期 | …   ; grammars/metadata_keys.txt, letters may be spaced
//! ```
//!
//! Real lines: `**发布日期**: 2025-05-27`, `文号: 普府办〔2025〕1号`,
//! `发布日期 2023-09-07 生效日期 2023-09-07`, `索 引 号:009050039/2020-00253`,
//! `文号 | 汉政办发〔2021〕88号 | 成文日期: | 2021年09月28日 |`.
//!
//! Hands on [`Pair`]s with their [`Role`] so the frame can take the doc number, the
//! publication date or the title from them.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{Role, METADATA_KEYS};
use crate::chars::{low_byte, ByteSet};
use crate::span::Span;

/// One key–value pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The key as listed in the lexicon (spaces between its letters removed).
    pub key: &'static str,
    /// What it supplies.
    pub role: Role,
    /// The value, trimmed.
    pub value: String,
    /// Where the value was read from.
    pub value_span: Span,
    /// From the key to the end of the value.
    pub span: Span,
}

static KEY_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = METADATA_KEYS
        .iter()
        .map(|(k, _)| {
            k.chars()
                .map(|c| regex::escape(&c.to_string()))
                .collect::<Vec<_>>()
                .join(" *")
        })
        .collect();
    Regex::new(&format!("(?:{})", alts.join("|")))
        .unwrap_or_else(|e| panic!("metadata key regex: {e}"))
});

fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '|' | '*' | '-' | '>' | '#' | '【' | '】' | '•')
}

/// True when `found` with its spaces removed is `key`: the same answer as removing the
/// spaces into a new string and comparing, without the string.
fn equal_without_spaces(found: &str, key: &str) -> bool {
    found.bytes().filter(|&b| b != b' ').eq(key.bytes())
}

/// The first two letters of every key (the second `None` for a one-letter key), sorted.
static KEY_STARTS: LazyLock<Vec<(char, Option<char>)>> = LazyLock::new(|| {
    let mut v: Vec<(char, Option<char>)> = METADATA_KEYS
        .iter()
        .filter_map(|(k, _)| {
            let mut c = k.chars();
            Some((c.next()?, c.next()))
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// The keys' first letters as a 256-bit set on the low byte of the code point: most
/// lines are refused by one bit test before the sorted table is searched.
static KEY_FIRST_BITS: LazyLock<ByteSet> =
    LazyLock::new(|| ByteSet::of_low_bytes(KEY_STARTS.iter().map(|&(first, _)| first)));

/// True when a key may open the line: its first letters after the leading separators
/// (skipping the spaces of a letter-spaced key, 索 引 号) are a key's first two letters.
/// Exact prefilter: [`pairs`] and [`is_metadata_line`] both need a key right after the
/// leading separators (no key starts with a separator), so when this is false both find
/// nothing, and neither regex runs on the line.
fn may_open_with_key(line: &str) -> bool {
    let mut rest = line.trim_start_matches(is_sep).chars();
    let Some(first) = rest.next() else {
        return false;
    };
    if !KEY_FIRST_BITS.contains(low_byte(first)) {
        return false;
    }
    let starts = KEY_STARTS.as_slice();
    let from = starts.partition_point(|&(a, _)| a < first);
    let with_first = starts.get(from..).unwrap_or_default();
    if with_first.first().is_none_or(|&(a, _)| a != first) {
        return false;
    }
    let second = rest.find(|&c| c != ' ');
    with_first
        .iter()
        .take_while(|&&(a, _)| a == first)
        .any(|&(_, b)| b.is_none() || b == second)
}

/// Longest line (in chars) read as metadata.
const MAX_LINE: usize = 240;

/// The pairs on one line (`line` is the trimmed line text starting at byte `base` of the
/// document); empty when the line is not a metadata line.
pub fn pairs(line: &str, base: usize) -> Vec<Pair> {
    if !may_open_with_key(line) || line.chars().count() > MAX_LINE {
        return Vec::new();
    }
    match keys(line) {
        Some(keys) => values(line, base, &keys),
        None => Vec::new(),
    }
}

/// A key found on a line: where it starts and ends, the key as listed, its role.
type KeyAt = (usize, usize, &'static str, Role);

/// line = key value { key value }: the keys of a line, in order; `None` when the first
/// key does not open the line.
fn keys(line: &str) -> Option<Vec<KeyAt>> {
    let mut keys: Vec<KeyAt> = Vec::new();
    for m in KEY_RE.find_iter(line) {
        let before_ok = line
            .get(..m.start())
            .and_then(|b| b.chars().last())
            .is_none_or(|c| is_sep(c) || c == ':');
        let after = line.get(m.end()..).unwrap_or_default();
        let after_trim = after.trim_start_matches([' ', '*']);
        let colon = after_trim.starts_with(':');
        let after_ok = colon
            || after_trim.is_empty()
            || after.starts_with(' ')
            || after_trim.starts_with('|')
            || after.starts_with('*');
        // After the first pair, a key followed by ":" may be run on to the previous
        // value (作者:CFFA发布机构:…).
        if !((before_ok || (colon && !keys.is_empty())) && after_ok) {
            continue;
        }
        let found = m.as_str();
        let Some((key, role)) = METADATA_KEYS
            .iter()
            .find(|(k, _)| equal_without_spaces(found, k))
        else {
            continue;
        };
        // The first key must open the line.
        if keys.is_empty()
            && !line
                .get(..m.start())
                .unwrap_or_default()
                .chars()
                .all(is_sep)
        {
            return None;
        }
        keys.push((m.start(), m.end(), key, *role));
    }
    Some(keys)
}

/// value = the text up to the next key, separators and colons trimmed: a pair for each
/// key with a value.
fn values(line: &str, base: usize, keys: &[KeyAt]) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, &(ks, ke, key, role)) in keys.iter().enumerate() {
        let vend = keys.get(i + 1).map_or(line.len(), |n| n.0);
        let raw = line.get(ke..vend).unwrap_or_default();
        let lead = raw.len()
            - raw
                .trim_start_matches(|c: char| is_sep(c) || c == ':')
                .len();
        let value = raw.trim_matches(|c: char| is_sep(c) || c == ':');
        if value.is_empty() {
            continue;
        }
        let vs = base + ke + lead;
        out.push(Pair {
            key,
            role,
            value: value.to_string(),
            value_span: Span::new(vs, vs + value.len()),
            span: Span::new(base + ks, vs + value.len()),
        });
    }
    out
}

/// The key of a line that holds one key and no value (`• 发文字号:`), whose value stands
/// on the next line, with its role and where the key starts in the line.
pub fn lone_key(line: &str) -> Option<(&'static str, Role, usize)> {
    if !may_open_with_key(line) {
        return None;
    }
    let m = KEY_RE.find(line)?;
    let lead_ok = line.get(..m.start())?.chars().all(is_sep);
    let rest = line
        .get(m.end()..)?
        .trim_matches(|c: char| is_sep(c) || c == ':');
    if !lead_ok || !rest.is_empty() {
        return None;
    }
    METADATA_KEYS
        .iter()
        .find(|(k, _)| equal_without_spaces(m.as_str(), k))
        .map(|&(k, role)| (k, role, m.start()))
}

/// The pair of a [`lone_key`] line (at byte `key_base` of the document) and the value
/// line after it (at `value_base`); None when the value line is itself metadata.
pub fn pair_across(key_line: &str, key_base: usize, value: &str, value_base: usize) -> Option<Pair> {
    let (key, role, at) = lone_key(key_line)?;
    if is_metadata_line(value) {
        return None;
    }
    let lead = value.len() - value.trim_start_matches(|c: char| is_sep(c)).len();
    let v = value.trim_matches(|c: char| is_sep(c));
    if v.is_empty() || v.chars().count() > MAX_LINE {
        return None;
    }
    let vs = value_base + lead;
    Some(Pair {
        key,
        role,
        value: v.to_string(),
        value_span: Span::new(vs, vs + v.len()),
        span: Span::new(key_base + at, vs + v.len()),
    })
}

/// True when the whole line is made of metadata keys (with or without values).
pub fn is_metadata_line(line: &str) -> bool {
    may_open_with_key(line)
        && KEY_RE.find(line).is_some_and(|m| {
            line.get(..m.start())
                .unwrap_or_default()
                .chars()
                .all(is_sep)
                && line
                    .get(m.end()..)
                    .unwrap_or_default()
                    .trim_start_matches([' ', '*'])
                    .chars()
                    .next()
                    .is_none_or(|c| c == ':' || c == '|' || c == ' ')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(line: &str) -> Vec<(String, String)> {
        pairs(line, 0)
            .into_iter()
            .map(|p| (p.key.to_string(), p.value))
            .collect()
    }

    #[test]
    fn no_key_starts_with_a_separator() {
        for (k, _) in METADATA_KEYS.iter() {
            assert!(
                !k.starts_with(is_sep) && !k.starts_with(':'),
                "key {k} opens with a letter, as the key prefilter assumes"
            );
        }
        assert!(
            may_open_with_key("| 索 引 号:009050039"),
            "a letter-spaced key after separators passes the prefilter"
        );
        assert!(
            !may_open_with_key("各区发布日期不一致"),
            "a sentence not opening with a key is refused"
        );
    }

    #[test]
    fn markdown_front_matter() {
        assert_eq!(
            kv("**发布日期**: 2025-05-27"),
            [("发布日期".into(), "2025-05-27".into())],
            "bold Markdown key"
        );
        assert_eq!(
            kv("文号: 普府办〔2025〕1号"),
            [("文号".into(), "普府办〔2025〕1号".into())],
            "YAML key"
        );
    }

    #[test]
    fn several_pairs_on_one_line() {
        assert_eq!(
            kv("发布日期 2023-09-07 生效日期 2023-09-07"),
            [
                ("发布日期".into(), "2023-09-07".into()),
                ("生效日期".into(), "2023-09-07".into())
            ],
            "space-separated pairs"
        );
        assert_eq!(
            kv("文号 | 汉政办发〔2021〕88号 | 成文日期: | 2021年09月28日 |"),
            [
                ("文号".into(), "汉政办发〔2021〕88号".into()),
                ("成文日期".into(), "2021年09月28日".into())
            ],
            "pipe table row"
        );
    }

    #[test]
    fn empty_values_and_view_counters() {
        assert_eq!(
            kv("发布时间:2020-09-03 作者: 来源: 浏览:1840"),
            [
                ("发布时间".into(), "2020-09-03".into()),
                ("浏览".into(), "1840".into())
            ],
            "empty 作者/来源 give no pair and the view counter is not read as the source"
        );
    }

    #[test]
    fn key_and_value_on_two_lines() {
        let p = pair_across("• 发文字号:", 0, "镇政发〔2024〕7号", 20).map(|p| (p.key, p.value));
        assert_eq!(p, Some(("发文字号", "镇政发〔2024〕7号".to_string())), "a bullet list");
        assert!(
            pair_across("发文字号:", 0, "发文日期:", 20).is_none(),
            "a key is no value"
        );
        assert!(lone_key("发文字号: 镇政发〔2024〕7号").is_none(), "a key with its value");
    }

    #[test]
    fn letter_spaced_keys_and_body_lines() {
        assert_eq!(
            kv("索 引 号:009050039/2020-00253"),
            [("索引号".into(), "009050039/2020-00253".into())],
            "letter-spaced key"
        );
        assert!(
            kv("来源于群众的意见要认真对待。").is_empty(),
            "a body sentence is not metadata"
        );
        assert!(
            kv("各区发布日期不一致").is_empty(),
            "a key inside a sentence is not metadata"
        );
    }
}
