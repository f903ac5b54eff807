//! Fast searches that pick out the few places of a text worth a closer look (brackets,
//! clause punctuation, spaces), with memchr and a packed multi-literal search, so that the
//! recognizer only decodes and compares characters where one of its literals stands. Hands
//! byte offsets to the callers in [`super`] and [`super::clause`].

use std::sync::LazyLock;

use memchr::{memchr2_iter, memchr3, memchr3_iter, memchr_iter, memmem};

/// The byte offset of every bracket [`crate::recognize::department::is_open`] and
/// `is_close` track, in order: ( ) [ ] by memchr, and the three-byte 〔 〕 【 】 (E3 80 94/95/
/// 90/91) and （ ） (EF BC 88/89) by their lead bytes, each checked.
pub(crate) fn brackets(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out: Vec<usize> = memchr3_iter(b'(', b')', b'[', bytes)
        .chain(memchr_iter(b']', bytes))
        .collect();
    out.extend(memchr2_iter(0xE3, 0xEF, bytes).filter(|&i| {
        matches!(
            bytes.get(i..i + 3),
            Some([0xE3, 0x80, 0x90 | 0x91 | 0x94 | 0x95] | [0xEF, 0xBC, 0x88 | 0x89])
        )
    }));
    out.sort_unstable();
    out
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

/// True when `f` accepts the offset of some `, ; : ， ； ： 。` of `text`, in no particular
/// order. `， ； ：` are EF BC 8C/9B/9A: every EF lead byte is offered and `f` checks.
pub(crate) fn any_stop(text: &str, mut f: impl FnMut(usize) -> bool) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < SHORT {
        return bytes.iter().enumerate().any(|(i, &b)| match b {
            b',' | b';' | b':' | 0xEF => f(i),
            0xE3 => bytes.get(i..i + 3) == Some("。".as_bytes()) && f(i),
            _ => false,
        });
    }
    memchr3_iter(b',', b';', b':', bytes).any(&mut f)
        || FULL_STOP.find_iter(bytes).any(&mut f)
        || memchr_iter(0xEF, bytes).any(&mut f)
}

/// True when `text` holds a space, as `text.contains(char::is_whitespace)`. The white-space
/// characters are ASCII tab to CR and space, U+0085 and U+00A0 (lead byte C2), U+1680 (E1),
/// U+2000–U+205F (E2) and U+3000; the lead bytes C2, E1 and E2 are checked one by one.
pub(crate) fn has_space(text: &str) -> bool {
    let bytes = text.as_bytes();
    let space_at = |i: usize| {
        text.get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_whitespace)
    };
    if bytes.len() < SHORT {
        return bytes.iter().enumerate().any(|(i, &b)| match b {
            9..=13 | b' ' => true,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => space_at(i),
            _ => false,
        });
    }
    memchr3(b' ', b'\t', b'\n', bytes).is_some()
        || memchr3(0x0B, 0x0C, b'\r', bytes).is_some()
        || IDEOGRAPHIC_SPACE.find(bytes).is_some()
        || memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(space_at)
}

/// A forward cursor over offsets that come in ascending order.
struct Cursor<'t> {
    iter: Box<dyn Iterator<Item = usize> + 't>,
    next: Option<usize>,
}

impl<'t> Cursor<'t> {
    fn new(mut iter: Box<dyn Iterator<Item = usize> + 't>) -> Self {
        let next = iter.next();
        Cursor { iter, next }
    }

    /// True when `f` accepts an offset in `start..end`. Offsets before `start` are passed
    /// over for good, so the ranges asked for must ascend.
    fn any_in(&mut self, start: usize, end: usize, mut f: impl FnMut(usize) -> bool) -> bool {
        while let Some(p) = self.next {
            if p >= end {
                return false;
            }
            if p >= start && f(p) {
                return true;
            }
            self.next = self.iter.next();
        }
        false
    }
}

/// The places of a text where clause punctuation and spaces stand, found in one pass per
/// kind over the whole text and then asked for line by line, in text order: the same
/// answers as [`any_stop`] and [`has_space`] on each line, without a search per line.
pub(crate) struct Places<'t> {
    text: &'t str,
    /// `, ; :`
    ascii_stops: Cursor<'t>,
    /// `。`
    full_stops: Cursor<'t>,
    /// EF lead bytes (`， ； ：` among them).
    wide: Cursor<'t>,
    /// Space, tab, CR.
    ascii_spaces: Cursor<'t>,
    /// Vertical tab, form feed.
    rare_spaces: Cursor<'t>,
    /// C2, E1, E2 lead bytes (other spaces among them).
    space_leads: Cursor<'t>,
    /// U+3000.
    ideographic: Cursor<'t>,
}

impl<'t> Places<'t> {
    /// Searches `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        let b = text.as_bytes();
        Places {
            text,
            ascii_stops: Cursor::new(Box::new(memchr3_iter(b',', b';', b':', b))),
            full_stops: Cursor::new(Box::new(FULL_STOP.find_iter(b))),
            wide: Cursor::new(Box::new(memchr_iter(0xEF, b))),
            ascii_spaces: Cursor::new(Box::new(memchr3_iter(b' ', b'\t', b'\r', b))),
            rare_spaces: Cursor::new(Box::new(memchr2_iter(0x0B, 0x0C, b))),
            space_leads: Cursor::new(Box::new(memchr3_iter(0xC2, 0xE1, 0xE2, b))),
            ideographic: Cursor::new(Box::new(IDEOGRAPHIC_SPACE.find_iter(b))),
        }
    }

    /// [`any_stop`] on the text's `start..end` (a line, asked for after every earlier
    /// line), with offsets of the whole text.
    pub(crate) fn any_stop(
        &mut self,
        start: usize,
        end: usize,
        mut f: impl FnMut(usize) -> bool,
    ) -> bool {
        self.ascii_stops.any_in(start, end, &mut f)
            || self.full_stops.any_in(start, end, &mut f)
            || self.wide.any_in(start, end, &mut f)
    }

    /// [`has_space`] on the text's `start..end` (a line without its line break, asked for
    /// after every earlier line).
    pub(crate) fn has_space(&mut self, start: usize, end: usize) -> bool {
        let text = self.text;
        let space_at = |i: usize| {
            text.get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_whitespace)
        };
        self.ascii_spaces.any_in(start, end, |_| true)
            || self.rare_spaces.any_in(start, end, |_| true)
            || self.ideographic.any_in(start, end, |_| true)
            || self.space_leads.any_in(start, end, space_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_are_found_in_order() {
        let text = "(一)〔2023〕【注】[1]（二）a".repeat(3);
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| "()[]〔〕【】（）".contains(*c))
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
            "a\u{a0}b",
            "a\u{2002}b",
            "a\u{205f}b",
            "“引号”—…、。",
            "没有空格",
            "",
        ] {
            assert_eq!(
                has_space(s),
                s.contains(char::is_whitespace),
                "the space search of ({s}) matches char::is_whitespace"
            );
        }
    }

    #[test]
    fn places_answer_as_the_searches_per_line() {
        let text = "一、市科委 负责,其他。\n\n  二、各区落实\u{3000}。\n三、没有\u{2002}标点\n四、甲；乙：丙\n";
        let mut places = Places::new(text);
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.len();
            let mut stops = Vec::new();
            places.any_stop(start, end, |i| {
                stops.push(i - start);
                false
            });
            let mut expected = Vec::new();
            any_stop(line, |i| {
                expected.push(i);
                false
            });
            stops.sort_unstable();
            expected.sort_unstable();
            assert_eq!(
                stops, expected,
                "the stops of ({line}) are those of its own search"
            );
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
        let short = "甲,乙;丙:丁，戊；己：庚。辛".to_string();
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
                .filter(|(_, c)| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '。'))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(
                seen, expected,
                "every clause stop of ({text}) is offered once"
            );
        }
    }
}
