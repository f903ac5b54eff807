//! Characters of normalized text, in one place: the classes the recognizers test, the one
//! walk over brackets, and the byte patterns the scanning kernel ([`crate::bytescan`])
//! looks for, by name.
//!
//! Recognizers read the normalized text ([`crate::normalize`]), where full-width ASCII
//! (，：；（）！？［］) is already folded to ASCII and U+3000 to a space, so the classes
//! here name only what is left: ASCII punctuation and 、。〔〕【】《》“”.
//!
//! ```text
//! bracket      = open … close              ; ( 〔 【 [  …  ) 〕 】 ]
//! top level    = the characters outside every bracket, brackets left out
//! pieces       = the ranges between separators that stand at top level
//! ```
//!
//! A byte pattern (`is_*_bytes`) is a predicate on three bytes for
//! [`crate::bytescan::each_place`]; the UTF-8 of each character is worked out at compile
//! time from the character itself.

use std::ops::Range;

/// The UTF-8 bytes of a three-byte character (U+0800–U+FFFF); others give zeros past
/// their length.
pub(crate) const fn utf8(c: char) -> [u8; 3] {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf);
    [buf[0], buf[1], buf[2]]
}

/// The first UTF-8 byte of `c`: what memchr looks for to find it.
pub(crate) const fn lead(c: char) -> u8 {
    utf8(c)[0]
}

/// True when the three bytes are the UTF-8 of the three-byte character `$c`.
macro_rules! is3 {
    ($a:expr, $b:expr, $c:expr, $ch:expr) => {{
        const W: [u8; 3] = utf8($ch);
        ($a == W[0]) & ($b == W[1]) & ($c == W[2])
    }};
}

/// True when the three bytes are the UTF-8 of a character of `$lo..=$hi` (both three-byte
/// characters that share their first two bytes).
macro_rules! in3 {
    ($a:expr, $b:expr, $c:expr, $lo:expr, $hi:expr) => {{
        const LO: [u8; 3] = utf8($lo);
        const HI: [u8; 3] = utf8($hi);
        const _: () = assert!(LO[0] == HI[0] && LO[1] == HI[1]);
        ($a == LO[0]) & ($b == LO[1]) & ($c >= LO[2]) & ($c <= HI[2])
    }};
}

/// True for a CJK Unified Ideograph of the basic block (U+4E00–U+9FFF).
#[inline]
pub(crate) fn is_basic_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// True for a Han character of the BMP: the basic block, extension A and the
/// compatibility ideographs.
#[inline]
pub(crate) fn is_bmp_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// True for a Han character: [`is_bmp_han`] and the supplementary ideographs
/// (U+20000–U+2EBEF).
#[inline]
pub fn is_han(c: char) -> bool {
    is_bmp_han(c) || ('\u{20000}'..='\u{2EBEF}').contains(&c)
}

/// True for an opening bracket: ( 〔 【 [.
#[inline]
pub(crate) fn is_open(c: char) -> bool {
    matches!(c, '(' | '〔' | '【' | '[')
}

/// True for a closing bracket: ) 〕 】 ].
#[inline]
pub(crate) fn is_close(c: char) -> bool {
    matches!(c, ')' | '〕' | '】' | ']')
}

/// The closing bracket that matches the opening bracket `open`.
pub(crate) fn closer(open: char) -> char {
    match open {
        '(' => ')',
        '〔' => '〕',
        '【' => '】',
        _ => ']',
    }
}

/// True for the punctuation that ends or cuts a clause and never stands inside a name:
/// 。 , ; : 、 ! ? “ ” 《 》.
#[inline]
pub(crate) fn is_sentence_punct(c: char) -> bool {
    matches!(
        c,
        '。' | ',' | ';' | ':' | '、' | '!' | '?' | '“' | '”' | '《' | '》'
    )
}

/// True for a mark that ends a sentence: 。 ! ?.
#[inline]
pub(crate) fn is_full_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?')
}

/// The characters of `chars` (offsets and characters of a text, in order) that stand
/// outside every bracket, the brackets themselves left out. A closing bracket with no
/// opening one is dropped and opens nothing.
pub(crate) fn outside_brackets(
    chars: impl Iterator<Item = (usize, char)>,
) -> impl Iterator<Item = (usize, char)> {
    let mut depth = 0usize;
    chars.filter(move |&(_, c)| {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else {
            return depth == 0;
        }
        false
    })
}

/// The characters of `s` outside every bracket, with their offsets.
pub(crate) fn top_level(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    outside_brackets(s.char_indices())
}

/// The byte ranges of a text of `len` bytes between the separators (`is_sep`) among
/// `chars` (its characters, or only its brackets and separators, in order) that stand
/// outside brackets: the bracket-aware splitter.
pub(crate) fn pieces(
    len: usize,
    chars: impl Iterator<Item = (usize, char)>,
    is_sep: impl Fn(char) -> bool,
) -> impl Iterator<Item = Range<usize>> {
    let mut seps = outside_brackets(chars).filter(move |&(_, c)| is_sep(c));
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match seps.next() {
            Some((i, c)) => {
                start = Some(i + c.len_utf8());
                Some(from..i)
            }
            None => {
                start = None;
                Some(from..len)
            }
        }
    })
}

/// Where the bracketed group that ends `s` opens: 各街镇(园区) → the offset of `(`. `None`
/// when `s` does not end with a closing bracket or the group never opens.
pub(crate) fn trailing_group_start(s: &str) -> Option<usize> {
    if !s.chars().next_back().is_some_and(is_close) {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        if is_close(c) {
            depth += 1;
        } else if is_open(c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// The outermost `open … close` pairs among `chars`, as (offset of `open`, offset of
/// `close`); nested pairs stay inside, and a `close` with no `open` is passed over.
pub(crate) fn outermost_pairs(
    chars: impl Iterator<Item = (usize, char)>,
    open: char,
    close: char,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    for (i, c) in chars {
        if c == open {
            if depth == 0 {
                from = i;
            }
            depth += 1;
        } else if c == close && depth > 0 {
            depth -= 1;
            if depth == 0 {
                out.push((from, i));
            }
        }
    }
    out
}

/// Byte pattern: a bracket ( ) [ ] 〔 〕 【 】.
#[inline(always)]
pub(crate) fn is_bracket_bytes(a: u8, b: u8, c: u8) -> bool {
    (a == b'(')
        | (a == b')')
        | (a == b'[')
        | (a == b']')
        | is3!(a, b, c, '〔')
        | is3!(a, b, c, '〕')
        | is3!(a, b, c, '【')
        | is3!(a, b, c, '】')
}

/// Byte pattern: a clause stop , ; : 。.
#[inline(always)]
pub(crate) fn is_clause_stop_bytes(a: u8, b: u8, c: u8) -> bool {
    (a == b',') | (a == b';') | (a == b':') | is3!(a, b, c, '。')
}

/// True when a clause stop ([`is_clause_stop_bytes`]) starts at byte `i` of `bytes`.
#[inline]
pub(crate) fn is_clause_stop_at(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    is_clause_stop_bytes(at(0), at(1), at(2))
}

/// Byte pattern: a white-space character (`char::is_whitespace`) other than a line feed.
#[inline(always)]
pub(crate) fn is_space_bytes(a: u8, b: u8, c: u8) -> bool {
    const NEL: [u8; 3] = utf8('\u{85}');
    const NBSP: [u8; 3] = utf8('\u{A0}');
    (a == b' ')
        | (a == b'\t')
        | (a == b'\r')
        | (a == 0x0B)
        | (a == 0x0C)
        | ((a == NEL[0]) & ((b == NEL[1]) | (b == NBSP[1])))
        | is3!(a, b, c, '\u{1680}')
        | in3!(a, b, c, '\u{2000}', '\u{200A}')
        | is3!(a, b, c, '\u{2028}')
        | is3!(a, b, c, '\u{2029}')
        | is3!(a, b, c, '\u{202F}')
        | is3!(a, b, c, '\u{205F}')
        | is3!(a, b, c, '\u{3000}')
}

/// The first bytes of the white-space characters that are not ASCII: U+0085 and U+00A0,
/// U+1680, U+2000–U+205F, U+3000.
pub(crate) const SPACE_LEADS: [u8; 4] = [
    lead('\u{85}'),
    lead('\u{1680}'),
    lead('\u{2000}'),
    lead('\u{3000}'),
];

/// A set of bytes, one bit each: the cheap test a scan makes before it decodes or
/// compares anything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ByteSet([u64; 4]);

impl ByteSet {
    /// The empty set.
    pub(crate) const fn new() -> Self {
        ByteSet([0; 4])
    }

    /// Adds `b`.
    pub(crate) fn insert(&mut self, b: u8) {
        if let Some(word) = self.0.get_mut(usize::from(b) / 64) {
            *word |= 1 << (b % 64);
        }
    }

    /// True when `b` is in the set.
    #[inline]
    pub(crate) fn contains(&self, b: u8) -> bool {
        self.0
            .get(usize::from(b) / 64)
            .is_some_and(|word| word >> (b % 64) & 1 == 1)
    }

    /// The set of the low bytes of the code points of `chars`: a filter on characters
    /// (a character whose low byte is not in it is none of them).
    pub(crate) fn of_low_bytes(chars: impl IntoIterator<Item = char>) -> Self {
        let mut set = ByteSet::new();
        for c in chars {
            set.insert(low_byte(c));
        }
        set
    }
}

/// The low byte of the code point of `c`, for [`ByteSet::of_low_bytes`].
#[inline]
pub(crate) fn low_byte(c: char) -> u8 {
    (u32::from(c) & 0xFF) as u8
}

/// A set of byte pairs, one bit each (8 KB): a word list ends at a place only when the
/// two bytes before it are the last two of one of its words.
#[derive(Debug, Clone)]
pub(crate) struct PairSet(Vec<u64>);

impl PairSet {
    /// The last byte pairs of `words`; a one-byte word admits every pair ending with it.
    pub(crate) fn of_word_ends<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = PairSet(vec![0u64; 1 << 10]);
        for w in words {
            match w.as_bytes() {
                [.., a, b] => set.insert(*a, *b),
                [b] => (0..=u8::MAX).for_each(|a| set.insert(a, *b)),
                [] => {}
            }
        }
        set
    }

    fn insert(&mut self, a: u8, b: u8) {
        let i = usize::from(a) << 8 | usize::from(b);
        if let Some(word) = self.0.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    /// True when the pair `(a, b)` is in the set.
    #[inline]
    pub(crate) fn contains(&self, a: u8, b: u8) -> bool {
        let i = usize::from(a) << 8 | usize::from(b);
        self.0
            .get(i / 64)
            .is_some_and(|word| word >> (i % 64) & 1 == 1)
    }
}

/// A set of characters of the range `first..first + 64 * N` (`first` a multiple of 64),
/// one bit each, built at compile time: the table a character-by-character scan looks
/// up. A `CharSet<1024>` from 0 covers the whole BMP and serves
/// [`crate::bytescan::unmarked_len`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CharSet<const N: usize> {
    first: u32,
    words: [u64; N],
}

impl<const N: usize> CharSet<N> {
    /// The empty set over `first..first + 64 * N`.
    pub(crate) const fn empty(first: u32) -> Self {
        CharSet {
            first: first / 64 * 64,
            words: [0; N],
        }
    }

    /// The set with the characters of `chars` (those in its range) added.
    pub(crate) const fn with(mut self, chars: &[char]) -> Self {
        let mut n = 0;
        while n < chars.len() {
            let code = chars[n] as u32;
            if code >= self.first {
                let k = (code - self.first) as usize;
                if k / 64 < N {
                    self.words[k / 64] |= 1 << (k % 64);
                }
            }
            n += 1;
        }
        self
    }

    /// The set with every character of `other` (those in its range) added.
    pub(crate) const fn with_set<const M: usize>(mut self, other: &CharSet<M>) -> Self {
        let mut k = 0;
        while k < M {
            let block = (other.first / 64) as usize + k;
            let mine = block.wrapping_sub((self.first / 64) as usize);
            if mine < N {
                self.words[mine] |= other.words[k];
            }
            k += 1;
        }
        self
    }

    /// Adds `c` (when it is in the set's range).
    pub(crate) fn insert(&mut self, c: char) {
        let k = u32::from(c).wrapping_sub(self.first) as usize;
        if let Some(word) = self.words.get_mut(k / 64) {
            *word |= 1 << (k % 64);
        }
    }

    /// True when the code point `code` is in the set.
    #[inline]
    pub(crate) fn contains_code(&self, code: u32) -> bool {
        let k = code.wrapping_sub(self.first) as usize;
        self.words
            .get(k / 64)
            .is_some_and(|w| w >> (k % 64) & 1 == 1)
    }

    /// True when `c` is in the set.
    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        self.contains_code(u32::from(c))
    }
}

impl CharSet<1024> {
    /// Byte length of the character at byte `i` of `bytes` when it is not in the set: the
    /// scanning kernel's [`crate::bytescan::unmarked_len`] over this table.
    #[inline(always)]
    pub(crate) fn unmarked_len(&self, bytes: &[u8], i: usize) -> Option<usize> {
        crate::bytescan::unmarked_len(&self.words, bytes, i)
    }
}

/// The first of `chars` in `s` and its byte offset: the same answer as
/// `s.char_indices().find(|(_, c)| chars.contains(c))`, found by bytes. Only a byte that
/// begins one of `chars` in UTF-8 is decoded and compared, so a line of Han characters
/// is passed over without decoding it.
pub(crate) fn first_of(s: &str, chars: &[char]) -> Option<(usize, char)> {
    // The first UTF-8 byte of each of `chars` as a set, and the first three distinct
    // ones in order (`distinct` counts them all).
    let mut leads = [0u8; 3];
    let mut distinct = 0usize;
    let mut lead_set = ByteSet::new();
    for &c in chars {
        let mut buf = [0u8; 4];
        let first = c
            .encode_utf8(&mut buf)
            .as_bytes()
            .first()
            .copied()
            .unwrap_or(0);
        if !lead_set.contains(first) {
            lead_set.insert(first);
            if let Some(slot) = leads.get_mut(distinct) {
                *slot = first;
            }
            distinct += 1;
        }
    }
    // The char starting at byte `i`, when it is one of `chars`. A lead byte found is at a
    // char boundary: continuation bytes begin no char.
    let at = |i: usize| {
        let c = s.get(i..)?.chars().next()?;
        chars.contains(&c).then_some((i, c))
    };
    let h = s.as_bytes();
    match *leads.get(..distinct).unwrap_or(&[]) {
        // Up to three lead bytes: memchr finds them.
        [a] => memchr::memchr_iter(a, h).find_map(at),
        [a, b] => memchr::memchr2_iter(a, b, h).find_map(at),
        [a, b, c] => memchr::memchr3_iter(a, b, c, h).find_map(at),
        _ => h
            .iter()
            .enumerate()
            .find_map(|(i, &b)| lead_set.contains(b).then(|| at(i)).flatten()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the BMP and a few beyond, as a text.
    fn every_char() -> String {
        (0u32..0x1_0000)
            .chain(0x2_0000..0x2_0100)
            .filter_map(char::from_u32)
            .collect()
    }

    /// The offsets where `wanted` holds, by the scanning kernel and by a char loop.
    fn both(wanted: impl Fn(u8, u8, u8) -> bool, class: impl Fn(char) -> bool) {
        let text = every_char();
        let by_bytes = crate::bytescan::places(text.as_bytes(), wanted);
        let by_chars: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| class(c))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(by_bytes, by_chars, "the byte pattern finds the class");
    }

    #[test]
    fn byte_patterns_find_their_characters() {
        both(is_bracket_bytes, |c| is_open(c) || is_close(c));
        both(is_clause_stop_bytes, |c| {
            matches!(c, ',' | ';' | ':' | '。')
        });
        both(is_space_bytes, |c| c.is_whitespace() && c != '\n');
    }

    #[test]
    fn space_leads_are_the_leads_of_every_space() {
        for c in every_char()
            .chars()
            .filter(|c| c.is_whitespace() && !c.is_ascii())
        {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes().first().copied();
            assert!(
                first.is_some_and(|b| SPACE_LEADS.contains(&b)),
                "{c:?} starts with a listed lead byte"
            );
        }
    }

    #[test]
    fn han_classes_nest() {
        for c in every_char().chars() {
            assert!(!is_basic_han(c) || is_bmp_han(c), "{c:?}");
            assert!(!is_bmp_han(c) || is_han(c), "{c:?}");
        }
        assert!(is_han('\u{20000}') && !is_bmp_han('\u{20000}'));
    }

    #[test]
    fn the_top_level_leaves_brackets_out() {
        let s = "中国(滨海新区)中心、区委(区文明办、网信办)]末";
        let top: String = top_level(s).map(|(_, c)| c).collect();
        assert_eq!(top, "中国中心、区委末");
        let parts: Vec<&str> = pieces(s.len(), s.char_indices(), |c| c == '、')
            .map(|r| s.get(r).unwrap_or_default())
            .collect();
        assert_eq!(parts, ["中国(滨海新区)中心", "区委(区文明办、网信办)]末"]);
        let none: Vec<(usize, usize)> = pieces(0, "".char_indices(), |_| true)
            .map(|r| (r.start, r.end))
            .collect();
        assert_eq!(none, [(0, 0)], "an empty text is one empty piece");
    }

    #[test]
    fn outermost_pairs_keep_nested_ones_inside() {
        let s = "》《甲《乙》丙》《丁";
        let pairs = outermost_pairs(s.char_indices(), '《', '》');
        let inner: Vec<&str> = pairs
            .iter()
            .map(|&(o, c)| s.get(o + '《'.len_utf8()..c).unwrap_or_default())
            .collect();
        assert_eq!(inner, ["甲《乙》丙"]);
    }
}
