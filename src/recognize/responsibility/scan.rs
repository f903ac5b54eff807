//! Fast searches that pick out the few places of a text worth a closer look (brackets,
//! clause punctuation, spaces): over a whole document with one [`crate::bytescan`] pass
//! per kind, and over a short clause with memchr or a byte loop, so that the recognizer
//! only decodes and compares characters where one of its literals stands. Hands byte
//! offsets to the callers in [`super`] and [`super::clause`].

use std::sync::LazyLock;

use memchr::{memchr3, memchr3_iter, memmem};

use crate::bytescan;
use crate::chars;

/// The byte offset of every bracket ([`chars::is_bracket_bytes`]), in order, in one
/// [`bytescan`] pass.
pub(crate) fn brackets(text: &str) -> Vec<usize> {
    bytescan::places(text.as_bytes(), chars::is_bracket_bytes)
}

/// Texts shorter than this, in bytes, are read byte by byte: cheaper than setting up
/// several searches.
const SHORT: usize = 64;

/// `。` in UTF-8.
static FULL_STOP: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("。".as_bytes()));

/// `U+3000` (ideographic space) in UTF-8.
static IDEOGRAPHIC_SPACE: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("\u{3000}".as_bytes()));

/// True when `f` accepts the offset of some `, ; : 。` of `text`, in no particular order.
pub(crate) fn any_stop(text: &str, mut f: impl FnMut(usize) -> bool) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < SHORT {
        return (0..bytes.len()).any(|i| chars::is_clause_stop_at(bytes, i) && f(i));
    }
    memchr3_iter(b',', b';', b':', bytes).any(&mut f) || FULL_STOP.find_iter(bytes).any(&mut f)
}

/// True when `text` holds a space, as `text.contains(char::is_whitespace)`: the ASCII
/// spaces by memchr, the others by their lead bytes ([`chars::SPACE_LEADS`]).
pub(crate) fn has_space(text: &str) -> bool {
    let bytes = text.as_bytes();
    let space_at = |i: usize| {
        text.get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_whitespace)
    };
    // U+3000 is found whole by its own searcher.
    let [nel, ogham, general, _] = chars::SPACE_LEADS;
    if bytes.len() < SHORT {
        return bytes.iter().enumerate().any(|(i, &b)| match b {
            9..=13 | b' ' => true,
            _ if chars::SPACE_LEADS.contains(&b) => space_at(i),
            _ => false,
        });
    }
    memchr3(b' ', b'\t', b'\n', bytes).is_some()
        || memchr3(0x0B, 0x0C, b'\r', bytes).is_some()
        || IDEOGRAPHIC_SPACE.find(bytes).is_some()
        || memchr3_iter(nel, ogham, general, bytes).any(space_at)
}

/// `text` with its white-space characters left out, copied run by run between the
/// spaces one [`bytescan`] pass finds.
pub(crate) fn without_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    let space = |a, b, c| (a == b'\n') | chars::is_space_bytes(a, b, c);
    bytescan::each_place(text.as_bytes(), space, |i| {
        if i < run {
            return;
        }
        out.push_str(text.get(run..i).unwrap_or_default());
        run = i + text
            .get(i..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
    });
    out.push_str(text.get(run..).unwrap_or_default());
    out
}

/// The places of a text where spaces stand, found in one pass over the whole text and
/// then asked for line by line: the same answers as [`has_space`] on each line, without a
/// search per line.
pub(crate) struct Places {
    /// Offsets of the white-space characters other than a line feed, ascending.
    spaces: Vec<usize>,
}

impl Places {
    /// Searches `text`.
    pub(crate) fn new(text: &str) -> Self {
        Places {
            spaces: bytescan::places(text.as_bytes(), chars::is_space_bytes),
        }
    }

    /// [`has_space`] on the text's `start..end` (a line without its line break).
    pub(crate) fn has_space(&self, start: usize, end: usize) -> bool {
        !bytescan::within(&self.spaces, start, end).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_are_found_in_order() {
        let text = "(一)〔2023〕【注】[1](二)a".repeat(3);
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| "()[]〔〕【】".contains(*c))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(
            brackets(&text),
            expected,
            "the search finds what a char loop finds"
        );
    }

    #[test]
    fn spaces_match_char_is_whitespace() {
        let long = "长".repeat(30);
        let long_spaced = format!("{long} {long}");
        let long_wide = format!("{long}\u{2002}{long}");
        for s in [
            long.as_str(),
            long_spaced.as_str(),
            long_wide.as_str(),
            "市科委 市财政局",
            "a\u{3000}b",
            "甲\t乙\r丙\u{b}丁\u{c}戊\u{85}己\u{1680}庚\u{2000}辛\u{200a}壬\u{2028}癸\u{2029}子\u{202f}丑",
            "\u{200b}零宽\u{2060}不是空格\u{feff}",
            " 首尾 ",
            "牵头部\n\n门:市科委",
            "a\u{a0}b",
            "a\u{2002}b",
            "a\u{205f}b",
            "“引号”—…、。",
            "没有空格",
            "",
        ] {
            let expected: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(
                without_spaces(s),
                expected,
                "the spaces of ({s}) are left out as a char filter does"
            );
            assert_eq!(
                has_space(s),
                s.contains(char::is_whitespace),
                "the space search of ({s}) matches char::is_whitespace"
            );
        }
    }

    #[test]
    fn places_answer_as_the_search_per_line() {
        let text = "一、市科委 负责,其他。\n\n  二、各区落实\u{3000}。\n三、没有\u{2002}标点\n四、甲；乙：丙\n";
        let places = Places::new(text);
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.len();
            assert_eq!(
                places.has_space(start, end),
                has_space(line),
                "the space answer for ({line}) is that of its own search"
            );
            start = end + 1;
        }
    }

    #[test]
    fn every_stop_is_offered() {
        let short = "甲,乙;丙:丁,戊;己:庚。辛".to_string();
        let long = short.repeat(5);
        for text in [short, long] {
            let mut seen = Vec::new();
            any_stop(&text, |i| {
                seen.push(i);
                false
            });
            seen.sort_unstable();
            let expected: Vec<usize> = text
                .char_indices()
                .filter(|(_, c)| matches!(c, ',' | ';' | ':' | '。'))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(
                seen, expected,
                "every clause stop of ({text}) is offered once"
            );
        }
    }
}
