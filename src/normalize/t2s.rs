//! Traditional → simplified conversion, for documents written mostly in traditional script.
//!
//! Data: OpenCC's `TSCharacters.txt` (one character → its first simplified candidate) and
//! `TSPhrases.txt` (phrases where the character table alone is wrong: 乾隆, 瞭解, 憑藉),
//! embedded from `grammars/` (Apache-2.0, see `grammars/opencc-LICENSE.txt`), plus
//! `grammars/t2s-overrides.txt` for 著 → 着, which OpenCC never makes.
//!
//! The conversion never moves an offset: only entries whose every character keeps its
//! UTF-8 length are used (so a phrase also keeps its character count), and the converted
//! text is byte-for-byte aligned with its input. Phrases are matched leftmost-longest on
//! the character-converted text, so a half-simplified `随著` matches the row `隨著` too.
//!
//! ```
//! use zhengce::normalize::t2s;
//! let text = "市場監管委員會著力優化營商環境";
//! assert!(t2s::is_mostly_traditional(text));
//! assert_eq!(t2s::to_simplified(text), "市场监管委员会着力优化营商环境");
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::grammar;

/// Phrase rows sharing a first char: `(key, value)`.
type PhraseRows = Vec<(Vec<char>, Vec<char>)>;

/// The compiled conversion tables.
struct Tables {
    /// BMP character → simplified character, `'\0'` where unchanged.
    bmp: Vec<char>,
    /// One bit per BMP char: is it converted? 8 KB, so the detection scan over a long
    /// simplified text stays in the first-level cache instead of reading `bmp`.
    bmp_converted: Vec<u64>,
    /// Characters outside the BMP.
    astral: HashMap<char, char>,
    /// Phrases by their first (character-converted) char: `(key, value)`, longest first.
    /// Keys are character-converted, values are the final simplified phrase.
    phrases: HashMap<char, PhraseRows>,
    /// One bit per BMP char: does a phrase start with it (after conversion)? Saves a
    /// hash lookup for nearly every character.
    phrase_start: Vec<u64>,
    /// One bit per BMP char: converted or the start of a phrase, the union of the two
    /// tables above. A char without it is copied as it stands.
    acted_on: Vec<u64>,
}

impl Tables {
    fn char(&self, c: char) -> Option<char> {
        let i = c as usize;
        if let Some(&s) = self.bmp.get(i) {
            return (s != '\0').then_some(s);
        }
        self.astral.get(&c).copied()
    }

    /// True when `c` has a simplified form: the same answer as `self.char(c).is_some()`.
    fn is_converted(&self, c: char) -> bool {
        let i = c as usize;
        match self.bmp_converted.get(i / 64) {
            Some(word) => word & (1 << (i % 64)) != 0,
            None => self.astral.contains_key(&c),
        }
    }

    fn convert(&self, c: char) -> char {
        self.char(c).unwrap_or(c)
    }

    /// Byte length of the character at byte `i` of `text` when [`to_simplified`] copies it
    /// as it stands (no bit in `acted_on`): an ASCII or three-byte character, read from
    /// its bytes without decoding it. `None` for a character to look at, a two- or
    /// four-byte one, and at the end.
    #[inline]
    fn unchanged_len(&self, text: &[u8], i: usize) -> Option<usize> {
        crate::bytescan::unmarked_len(&self.acted_on, text, i)
    }

    /// The phrases starting with the converted char `conv`, if any.
    fn phrases_at(&self, conv: char) -> Option<&PhraseRows> {
        let i = conv as usize;
        match self.phrase_start.get(i / 64) {
            Some(word) if word & (1 << (i % 64)) == 0 => None,
            _ => self.phrases.get(&conv),
        }
    }
}

/// The first candidate of an OpenCC row's value field.
fn first_candidate(value: &str) -> &str {
    value.split(' ').next().unwrap_or_default()
}

/// True when `from` and `to` have the same characters count and each pair the same UTF-8 length.
fn same_shape(from: &str, to: &str) -> bool {
    from.chars().count() == to.chars().count()
        && from
            .chars()
            .zip(to.chars())
            .all(|(a, b)| a.len_utf8() == b.len_utf8())
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut bmp = vec!['\0'; 0x1_0000];
    let mut astral = HashMap::new();
    for row in grammar::entries(grammar::OPENCC_TS_CHARACTERS.contents) {
        let (Some(&key), Some(&value)) = (row.first(), row.get(1)) else {
            continue;
        };
        let target = first_candidate(value);
        if key == target || !same_shape(key, target) {
            continue;
        }
        let (mut k, mut t) = (key.chars(), target.chars());
        let (Some(k), None, Some(t), None) = (k.next(), k.next(), t.next(), t.next()) else {
            continue;
        };
        match bmp.get_mut(k as usize) {
            Some(slot) => *slot = t,
            None => {
                astral.insert(k, t);
            }
        }
    }
    let mut bmp_converted = vec![0u64; 0x1_0000 / 64];
    for (i, &s) in bmp.iter().enumerate() {
        if let (true, Some(word)) = (s != '\0', bmp_converted.get_mut(i / 64)) {
            *word |= 1 << (i % 64);
        }
    }
    let mut tables = Tables {
        bmp,
        bmp_converted,
        astral,
        phrases: HashMap::new(),
        phrase_start: vec![0; 0x1_0000 / 64],
        acted_on: Vec::new(),
    };
    let mut phrases: HashMap<Vec<char>, Vec<char>> = HashMap::new();
    // Overrides come last so they win over an OpenCC row with the same key.
    let rows = grammar::entries(grammar::OPENCC_TS_PHRASES.contents)
        .chain(grammar::entries(grammar::T2S_OVERRIDES.contents));
    for row in rows {
        let (Some(&key), Some(&value)) = (row.first(), row.get(1)) else {
            continue;
        };
        let target = first_candidate(value);
        if !same_shape(key, target) || key.chars().count() < 2 {
            continue;
        }
        let key: Vec<char> = key.chars().map(|c| tables.convert(c)).collect();
        phrases.insert(key, target.chars().collect());
    }
    for (key, value) in phrases {
        if let Some(&first) = key.first() {
            tables.phrases.entry(first).or_default().push((key, value));
        }
    }
    for &first in tables.phrases.keys() {
        let i = first as usize;
        if let Some(word) = tables.phrase_start.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }
    tables.acted_on = tables
        .bmp_converted
        .iter()
        .zip(&tables.phrase_start)
        .map(|(converted, start)| converted | start)
        .collect();
    for list in tables.phrases.values_mut() {
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    }
    tables
});

/// Fewest traditional-only characters that make a text traditional.
const MIN_TRADITIONAL: usize = 3;

/// How many Han characters are examined at most (the share is stable long before).
const SAMPLE_HAN: usize = 50_000;

/// Bytes read between two checks of whether the answer is already certain.
const CHUNK: usize = 4096;

/// True when the text reads as traditional script: at least 1 in 10 of its Han characters
/// (and at least 3) are traditional forms that simplified script writes differently.
///
/// The text is read in chunks, and reading stops as soon as the rest cannot change the
/// answer: the rest holds at most a third of its bytes in Han characters, and even if
/// every one of them were traditional (or none), the share would stay on the same side.
pub fn is_mostly_traditional(text: &str) -> bool {
    let tables = &*TABLES;
    let bytes = text.as_bytes();
    let mut han = 0usize;
    let mut traditional = 0usize;
    let mut start = 0;
    while start < bytes.len() && han < SAMPLE_HAN {
        let mut end = (start + CHUNK).min(bytes.len());
        // A chunk ends on a character boundary (never before a continuation byte).
        while bytes.get(end).is_some_and(|&b| b & 0xC0 == 0x80) {
            end += 1;
        }
        let (h, t) = count_han(
            tables,
            bytes.get(start..end).unwrap_or_default(),
            SAMPLE_HAN.saturating_sub(han),
        );
        han += h;
        traditional += t;
        start = end;
        let rest = ((bytes.len() - start) / 3).min(SAMPLE_HAN.saturating_sub(han));
        if traditional >= MIN_TRADITIONAL && traditional * 10 >= han + rest {
            return true;
        }
        if traditional * 10 + rest * 9 < han {
            return false;
        }
    }
    traditional >= MIN_TRADITIONAL && traditional * 10 >= han
}

/// The Han characters ([`super::is_han`]) among the UTF-8 bytes `text`, and how many of
/// them are converted, counting no more than `limit` Han characters. The detection scan
/// reads every byte of a long simplified text, so a three-byte character (every Han
/// character of the BMP, and the punctuation of Chinese text) is counted without a
/// branch: the Han ranges of the BMP are whole 64-character blocks, and the block number
/// (the lead byte's low bits and the second byte's) is also the word of the converted
/// bit set. Other characters are passed over by their length, and the rare four-byte
/// characters decoded.
fn count_han(tables: &Tables, text: &[u8], limit: usize) -> (usize, usize) {
    let (mut han, mut converted) = (0usize, 0usize);
    let mut i = 0;
    while let Some(&lead) = text.get(i) {
        if han >= limit {
            break;
        }
        if lead & 0xF0 == 0xE0 {
            let Some(&[b1, b2]) = text.get(i + 1..i + 3) else {
                break;
            };
            let block = crate::bytescan::bmp_block(lead, b1);
            let in_han = usize::from(is_han_block(block));
            let bits = tables.bmp_converted.get(block).copied().unwrap_or(0);
            han += in_han;
            converted += in_han & (bits >> (b2 & 0x3F)) as usize & 1;
            i += 3;
        } else if lead < 0xC0 {
            // ASCII (a continuation byte never starts a character).
            i += 1;
        } else if lead < 0xE0 {
            i += 2;
        } else {
            let Some(c) = text
                .get(i..(i + 4).min(text.len()))
                .and_then(|b| std::str::from_utf8(b).ok())
                .and_then(|s| s.chars().next())
            else {
                break;
            };
            if super::is_han(c) {
                han += 1;
                converted += usize::from(tables.is_converted(c));
            }
            i += 4;
        }
    }
    (han, converted)
}

/// True when the BMP block of 64 code points `block` (`code / 64`) holds Han characters:
/// the ranges of [`super::is_han`] in the BMP, each a run of whole blocks.
#[inline]
fn is_han_block(block: usize) -> bool {
    // 3400..=4DBF, 4E00..=9FFF, F900..=FAFF.
    (block.wrapping_sub(0x3400 / 64) <= (0x4DBF - 0x3400) / 64)
        | (block.wrapping_sub(0x4E00 / 64) <= (0x9FFF - 0x4E00) / 64)
        | (block.wrapping_sub(0xF900 / 64) <= (0xFAFF - 0xF900) / 64)
}

/// The text in simplified script, byte-for-byte aligned with `text`: every char is
/// replaced by a char of the same UTF-8 length, so every offset of `text` is an offset of
/// the result at the same character.
pub fn to_simplified(text: &str) -> String {
    let tables = &*TABLES;
    let mut out = String::with_capacity(text.len());
    // `[run, i)` is an unchanged stretch not yet copied.
    let mut run = 0;
    // Chars of a matched phrase, to be written one by one over the source chars.
    let mut pending: std::vec::IntoIter<char> = Vec::new().into_iter();
    let bytes = text.as_bytes();
    // The byte of the next char to read.
    let mut next = 0;
    loop {
        if pending.as_slice().is_empty() {
            if let Some(len) = tables.unchanged_len(bytes, next) {
                next += len;
                continue;
            }
        }
        let i = next;
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        next += c.len_utf8();
        let replacement = match pending.next() {
            Some(p) => p,
            None => {
                // Most characters are not converted: one bit of an 8 KB table says so,
                // without reading the 256 KB character table.
                let conv = if tables.is_converted(c) {
                    tables.convert(c)
                } else {
                    c
                };
                let phrase = tables.phrases_at(conv).and_then(|list| {
                    let rest = text.get(i..).unwrap_or_default();
                    list.iter().find_map(|(key, value)| {
                        let mut chars = rest.chars();
                        key.iter()
                            .all(|&k| chars.next().is_some_and(|s| tables.convert(s) == k))
                            .then_some(value)
                    })
                });
                match phrase {
                    Some(value) => {
                        pending = value.clone().into_iter();
                        pending.next().unwrap_or(conv)
                    }
                    None => conv,
                }
            }
        };
        if replacement != c {
            out.push_str(text.get(run..i).unwrap_or_default());
            out.push(replacement);
            run = i + c.len_utf8();
        }
    }
    out.push_str(text.get(run..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_are_counted_from_the_bytes() {
        // Every block boundary of the Han ranges, both sides, and every character length.
        let edges = "\u{33FF}\u{3400}\u{4DBF}\u{4DC0}\u{4DFF}\u{4E00}\u{9FFF}\u{A000}\u{F8FF}\u{F900}\u{FAFF}\u{FB00}";
        let text = format!("a（一）é市場\u{20000}\u{1F600}2025年,監管…\u{FFFD}{edges}〔〕國務院");
        let han: Vec<char> = text.chars().filter(|&c| super::super::is_han(c)).collect();
        let converted = |han: &[char]| han.iter().filter(|&&c| TABLES.is_converted(c)).count();
        assert_eq!(
            count_han(&TABLES, text.as_bytes(), usize::MAX),
            (han.len(), converted(&han)),
            "the byte-level count is the char-level count"
        );
        for limit in 1..=han.len() {
            let first = han.get(..limit).unwrap_or_default();
            assert_eq!(
                count_han(&TABLES, text.as_bytes(), limit),
                (limit, converted(first)),
                "counting stops at the {limit}th Han character"
            );
        }
    }

    #[test]
    fn characters_and_phrases() {
        assert_eq!(
            to_simplified("國務院辦公廳"),
            "国务院办公厅",
            "character table"
        );
        assert_eq!(
            to_simplified("乾隆年間"),
            "乾隆年间",
            "phrase keeps 乾 in 乾隆"
        );
        assert_eq!(
            to_simplified("乾淨"),
            "干净",
            "character 乾 is 干 elsewhere"
        );
        assert_eq!(
            to_simplified("隨著發展"),
            "随着发展",
            "override 隨著 → 随着"
        );
        assert_eq!(
            to_simplified("随著发展"),
            "随着发展",
            "a half-simplified phrase matches too"
        );
        assert_eq!(to_simplified("顯著提高"), "显著提高", "著 stays in 显著");
        assert_eq!(
            to_simplified("起著重要作用"),
            "起着重要作用",
            "leftmost phrase wins"
        );
    }

    #[test]
    fn only_characters_without_a_conversion_or_phrase_are_passed_over() {
        let tables = &*TABLES;
        for c in (0..=0x1_0000u32)
            .chain([0x2_0000, 0x2_A6A5])
            .filter_map(char::from_u32)
        {
            let acted = tables.is_converted(c) || tables.phrases_at(c).is_some();
            let expected = (!acted && matches!(c.len_utf8(), 1 | 3)).then_some(c.len_utf8());
            let text = format!("{c}國");
            assert_eq!(tables.unchanged_len(text.as_bytes(), 0), expected, "{c:?}");
        }
        assert_eq!(tables.unchanged_len("國".as_bytes(), 3), None, "the end");
    }

    #[test]
    fn keeps_byte_offsets() {
        let text = "中國計量網與(試行)2023年，天津市";
        let s = to_simplified(text);
        assert_eq!(s.len(), text.len(), "same byte length");
        for ((i, _), (j, _)) in text.char_indices().zip(s.char_indices()) {
            assert_eq!(i, j, "every char starts at the same offset");
        }
    }

    #[test]
    fn stopping_early_gives_the_answer_of_a_full_count() {
        let simplified = "天津市市场监管委等部门联合开展质量月活动,".repeat(3000);
        let traditional = "天津市市場監管委等部門聯合開展質量月活動,".repeat(3000);
        let chars = |s: &str, n: usize| s.chars().take(n).collect::<String>();
        let mut answers = Vec::new();
        for (base, extra) in [(&simplified, &traditional), (&traditional, &simplified)] {
            for k in [
                0, 100, 1000, 4000, 8000, 9000, 10_000, 12_000, 30_000, 60_000,
            ] {
                let text = format!("{}{}", chars(base, 40_000), chars(extra, k));
                let han: Vec<char> = text
                    .chars()
                    .filter(|&c| super::super::is_han(c))
                    .take(SAMPLE_HAN)
                    .collect();
                let trad = han.iter().filter(|&&c| TABLES.is_converted(c)).count();
                let full = trad >= MIN_TRADITIONAL && trad * 10 >= han.len();
                answers.push(full);
                assert_eq!(
                    is_mostly_traditional(&text),
                    full,
                    "the early answer with {k} characters appended is the full count's"
                );
            }
        }
        assert!(
            answers.contains(&true) && answers.contains(&false),
            "the cases cover both answers"
        );
    }

    #[test]
    fn detection() {
        assert!(is_mostly_traditional("天津市市場監管委等26個部門聯合開展"));
        assert!(!is_mostly_traditional("天津市市场监管委等26个部门联合开展"));
        assert!(!is_mostly_traditional(""), "empty text is not traditional");
        assert!(
            !is_mostly_traditional("关于乾隆时期的研究与于是"),
            "a stray 乾 in simplified text is not enough"
        );
    }
}
