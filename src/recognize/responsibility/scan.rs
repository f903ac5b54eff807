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
    memchr3(b' ', b'\t', b'\n', bytes).is_some()
        || memchr3(0x0B, 0x0C, b'\r', bytes).is_some()
        || IDEOGRAPHIC_SPACE.find(bytes).is_some()
        || memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(space_at)
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
        for s in [
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
    fn every_stop_is_offered() {
        let text = "甲,乙;丙:丁，戊；己：庚。辛";
        let mut seen = Vec::new();
        any_stop(text, |i| {
            seen.push(i);
            false
        });
        seen.sort_unstable();
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|(_, c)| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '。'))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(seen, expected, "every clause stop is offered once");
    }
}
