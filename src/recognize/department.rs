//! Department names (责任单位): a lexicon-driven recognizer and a list splitter.
//!
//! A unit name is recognized by how it ends (`grammars/departments.txt`): a suffix such as
//! 委 局 厅 办 部门 中心 总社 分行 海关 管委会 人民政府, or a listed short form (团市委),
//! unless it ends with a word that only looks like one (社会, 干部, 示范区). A trailing
//! parenthetical belongs to the name (各街镇(园区), 区委组织部(区公务员局)).
//!
//! The splitter cuts a printed list of units into names, keeping every name as printed:
//!
//! ```text
//! list      = item { sep item }
//! sep       = "、" | "," | ";" | "/"                  (never inside brackets)
//! item      = ["由"] unit { conj unit } [qualifier]
//! conj      = "及" | "以及" | "和" | "与" | "会同"   (only after a complete unit name)
//! qualifier = "等" [省|市|区|县] [有关|相关|其他] [部门|单位|机构]
//! ```
//!
//! so `市知识产权局等部门及各区人民政府` is two units, while `市文化和旅游局` is one: the
//! 和 follows 市文化, which is not a unit name. Hands on [`Unit`]s (text and byte range)
//! to the responsibility recognizer, which also uses [`is_unit`] for department headings.
//!
//! ```
//! use zhengce::recognize::department::{is_unit, split_units};
//! let names: Vec<&str> = split_units("市工业和信息化局、市市场监管委等")
//!     .iter().map(|u| u.text).collect();
//! assert_eq!(names, ["市工业和信息化局", "市市场监管委"]);
//! assert!(is_unit("人民银行天津分行"));
//! assert!(!is_unit("全社会"));
//! ```

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::chars::{
    is_close, is_open, is_sentence_punct, low_byte, pieces, top_level, trailing_group_start,
    ByteSet,
};
use crate::grammar;

struct Lexicon {
    /// Listed short forms, sorted for binary search.
    names: Vec<&'static str>,
    /// Suffixes and look-alike endings by their last character, sorted by that character:
    /// a name is checked only against the endings that share its last character.
    endings: Vec<(char, Endings)>,
    /// Stop words by their first character, sorted by that character.
    stops: Vec<(char, Vec<&'static str>)>,
    /// The low bytes of the stop words' first characters: most characters are ruled out
    /// without a search.
    stop_filter: ByteSet,
    /// Words joining two units inside one list item, in file order.
    conjunctions: Vec<&'static str>,
    /// The first characters of [`Lexicon::conjunctions`]: the cheap test before the
    /// words are compared.
    conjunction_starts: Vec<char>,
    /// Leading words that are not part of the first unit's name, in file order.
    leads: Vec<&'static str>,
    /// Words of a qualifier after 等 (等有关部门).
    generic: Vec<&'static str>,
}

/// The suffixes and the look-alike (`not`) endings that end with one character.
#[derive(Default)]
struct Endings {
    suffixes: Vec<&'static str>,
    not: Vec<&'static str>,
}

impl Lexicon {
    /// The endings whose last character is `last`.
    fn endings(&self, last: char) -> Option<&Endings> {
        self.endings
            .binary_search_by_key(&last, |(c, _)| *c)
            .ok()
            .and_then(|i| self.endings.get(i))
            .map(|(_, e)| e)
    }

    /// True for a listed short form.
    fn is_name(&self, s: &str) -> bool {
        self.names.binary_search(&s).is_ok()
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lex = Lexicon {
        names: Vec::new(),
        endings: Vec::new(),
        stops: Vec::new(),
        stop_filter: ByteSet::new(),
        conjunctions: Vec::new(),
        conjunction_starts: Vec::new(),
        leads: Vec::new(),
        generic: Vec::new(),
    };
    let mut stops: std::collections::BTreeMap<char, Vec<&'static str>> = Default::default();
    let mut endings: std::collections::BTreeMap<char, Endings> = Default::default();
    for row in grammar::entries(grammar::DEPARTMENTS.contents) {
        match row.as_slice() {
            ["suffix", s] => {
                if let Some(c) = s.chars().next_back() {
                    endings.entry(c).or_default().suffixes.push(s);
                }
            }
            ["name", s] => lex.names.push(s),
            ["not", s] => {
                if let Some(c) = s.chars().next_back() {
                    endings.entry(c).or_default().not.push(s);
                }
            }
            ["stop", s] => {
                if let Some(c) = s.chars().next() {
                    stops.entry(c).or_default().push(s);
                    lex.stop_filter.insert(low_byte(c));
                }
            }
            ["conjunction", s] => {
                lex.conjunctions.push(s);
                lex.conjunction_starts.extend(s.chars().next());
            }
            ["lead", s] => lex.leads.push(s),
            ["generic", s] => lex.generic.push(s),
            _ => {}
        }
    }
    lex.names.sort_unstable();
    lex.names.dedup();
    lex.endings = endings.into_iter().collect();
    lex.stops = stops.into_iter().collect();
    lex
});

/// True when `s` holds a stop word (a word a name never holds): at each character that
/// passes the first-character filter, the stop words starting with it are compared.
fn has_stop(s: &str) -> bool {
    let lex = &*LEXICON;
    s.char_indices().any(|(i, c)| {
        lex.stop_filter.contains(low_byte(c))
            && lex
                .stops
                .binary_search_by_key(&c, |(first, _)| *first)
                .ok()
                .and_then(|k| lex.stops.get(k))
                .zip(s.get(i..))
                .is_some_and(|((_, words), rest)| words.iter().any(|w| rest.starts_with(w)))
    })
}

/// Longest name, in characters, that is still read as one unit.
const MAX_UNIT_CHARS: usize = 60;

/// True when `s` has more than `n` characters; counts at most `n + 1` of them, so a long
/// text costs no more than a short one.
pub(crate) fn more_chars_than(s: &str, n: usize) -> bool {
    // A char takes one to four bytes.
    if s.len() <= n {
        return false;
    }
    if s.len() > n.saturating_mul(4) {
        return true;
    }
    s.chars().nth(n).is_some()
}

/// The name without a trailing bracketed part: 各街镇(园区) → 各街镇.
fn without_trailing_group(name: &str) -> &str {
    match trailing_group_start(name).and_then(|i| name.get(..i)) {
        Some(head) if !head.is_empty() => head,
        _ => name,
    }
}

/// True when no sentence punctuation occurs outside brackets: 区委宣传部(区文明办、区委网信办)
/// is one name, 加强组织,建立机制 is not.
fn top_level_clean(name: &str) -> bool {
    !top_level(name).any(|(_, c)| is_sentence_punct(c))
}

/// The name with bracketed parts left out: 中国(滨海新区)知识产权保护中心 → 中国知识产权保护中心.
/// A name without brackets is returned as it is.
fn without_groups(name: &str) -> Cow<'_, str> {
    if !name.contains(|c| is_open(c) || is_close(c)) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(top_level(name).map(|(_, c)| c).collect())
}

/// True when `name` reads as the name of a government unit (or a group of units such as
/// 各区人民政府 or 各相关单位).
///
/// ```
/// use zhengce::recognize::department::is_unit;
/// assert!(is_unit("市住房城乡建设委"));
/// assert!(is_unit("中国(滨海新区)知识产权保护中心"));
/// assert!(is_unit("各街镇(园区)"));
/// assert!(!is_unit("加强组织领导"));
/// ```
pub fn is_unit(name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() || more_chars_than(name, MAX_UNIT_CHARS) || !top_level_clean(name) {
        return false;
    }
    let core = without_trailing_group(name);
    let lex = &*LEXICON;
    if lex.is_name(core) || lex.is_name(name) {
        return true;
    }
    // Every suffix and look-alike ending shares the name's last character.
    let Some(endings) = core.chars().next_back().and_then(|c| lex.endings(c)) else {
        return false;
    };
    if has_stop(&without_groups(core)) {
        return false;
    }
    let suffix = endings
        .suffixes
        .iter()
        .filter(|s| core.ends_with(**s) && core.len() > s.len())
        .map(|s| s.len())
        .max();
    let not = endings
        .not
        .iter()
        .filter(|s| core.ends_with(**s))
        .map(|s| s.len())
        .max()
        .unwrap_or(0);
    suffix.is_some_and(|len| len > not)
}

/// True when `name` could be a name at all: short, no sentence punctuation outside
/// brackets, none of the words a name never holds (的, 要, 开展). Looser than [`is_unit`]:
/// 中国联通 and 国网电力 pass.
pub fn is_name_like(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && !more_chars_than(name, MAX_UNIT_CHARS)
        && top_level_clean(name)
        && !has_stop(&without_groups(name))
}

/// One unit cut from a list: its text as printed and its byte range in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit<'a> {
    /// The name as printed.
    pub text: &'a str,
    /// Byte offset of its start in the list.
    pub start: usize,
    /// Byte offset of its end in the list.
    pub end: usize,
}

/// True for the first character of a conjunction: the cheap test before the words are
/// compared.
fn is_conjunction_start(c: char) -> bool {
    LEXICON.conjunction_starts.contains(&c)
}

/// Where a qualifier (等, 等部门, 等省有关部门) starts in `item`, if it has one.
fn qualifier_start(item: &str) -> Option<usize> {
    top_level(item)
        .filter(|&(i, c)| c == '等' && i > 0)
        .map(|(i, _)| i)
        .find(|&i| {
            let rest = item.get(i + '等'.len_utf8()..).unwrap_or_default();
            rest.is_empty()
                || (!more_chars_than(rest, 8) && LEXICON.generic.iter().any(|g| rest.contains(g)))
        })
}

/// Trims spaces, leading joiners (由, 及) and a trailing qualifier from `item[start..end]`.
fn tidy(list: &str, mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    loop {
        let s = list.get(start..end)?;
        let trimmed = s.trim_start();
        start += s.len() - trimmed.len();
        match LEXICON.leads.iter().find(|l| trimmed.starts_with(**l)) {
            Some(l) if trimmed.len() > l.len() => start += l.len(),
            _ => break,
        }
    }
    let s = list.get(start..end)?;
    if let Some(q) = qualifier_start(s) {
        end = start + q;
    }
    let s = list.get(start..end)?;
    end = start + s.trim_end().len();
    (end > start).then_some((start, end))
}

/// Splits one list item (no separators left) at conjunctions that follow a complete unit.
/// Each unit goes to `f`; returns false as soon as `f` does.
fn split_item<'a>(
    list: &'a str,
    start: usize,
    end: usize,
    f: &mut impl FnMut(Unit<'a>) -> bool,
) -> bool {
    let Some(item) = list.get(start..end) else {
        return true;
    };
    let mut cur = start;
    let mut iter = top_level(item);
    while let Some((i, c)) = iter.next() {
        if !is_conjunction_start(c) {
            continue;
        }
        let at = start + i;
        let rest = item.get(i..).unwrap_or_default();
        let Some(conj) = LEXICON.conjunctions.iter().find(|w| rest.starts_with(**w)) else {
            continue;
        };
        if at == cur || rest.len() == conj.len() {
            continue;
        }
        let Some((ls, le)) = tidy(list, cur, at) else {
            continue;
        };
        let left = list.get(ls..le).unwrap_or_default();
        let right = rest.get(conj.len()..).unwrap_or_default();
        let right_unit = || {
            tidy(right, 0, right.len())
                .and_then(|(s, e)| right.get(s..e))
                .is_some_and(|r| is_unit(r) || r.contains(['、', ',']))
        };
        if is_unit(left) && right_unit() {
            if !f(Unit {
                text: left,
                start: ls,
                end: le,
            }) {
                return false;
            }
            cur = at + conj.len();
            // Skip the rest of a two-character conjunction.
            for _ in 1..conj.chars().count() {
                iter.next();
            }
        }
    }
    match tidy(list, cur, end) {
        Some((s, e)) => f(Unit {
            text: list.get(s..e).unwrap_or_default(),
            start: s,
            end: e,
        }),
        None => true,
    }
}

/// True for a character that separates units in a list.
fn is_separator(c: char) -> bool {
    matches!(c, '、' | ',' | ';' | '/' | '\n')
}

/// Splits a printed list of units into names, in order, as printed.
///
/// ```
/// use zhengce::recognize::department::split_units;
/// let list = "市农业农村委、市知识产权局等部门及各区人民政府";
/// let names: Vec<&str> = split_units(list).iter().map(|u| u.text).collect();
/// assert_eq!(names, ["市农业农村委", "市知识产权局", "各区人民政府"]);
/// ```
pub fn split_units(list: &str) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    each_unit(list, |u| {
        out.push(u);
        true
    });
    out
}

/// Hands the units of a list, in the order [`split_units`] returns them, to `f` until it
/// returns false; returns false when it was stopped. A test over every unit stops at the
/// first that fails, without cutting the rest of a long list.
///
/// ```
/// use zhengce::recognize::department::{each_unit, is_unit};
/// assert!(each_unit("市科委、市财政局", |u| is_unit(u.text)));
/// assert!(!each_unit("市科委、加强组织领导、市财政局", |u| is_unit(u.text)));
/// ```
pub fn each_unit<'a>(list: &'a str, mut f: impl FnMut(Unit<'a>) -> bool) -> bool {
    pieces(list.len(), list.char_indices(), is_separator)
        .all(|r| split_item(list, r.start, r.end, &mut f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &str) -> Vec<&str> {
        split_units(list).iter().map(|u| u.text).collect()
    }

    #[test]
    fn and_inside_a_name_does_not_split() {
        assert_eq!(
            names("市文化和旅游局、市粮食和物资局"),
            ["市文化和旅游局", "市粮食和物资局"],
            "和 after 市文化 / 市粮食 is part of the name"
        );
    }

    #[test]
    fn qualifiers_are_dropped() {
        assert_eq!(
            names("能源局等省有关部门和各地级以上市人民政府"),
            ["能源局", "各地级以上市人民政府"],
            "等省有关部门 is dropped and 和 joins two units"
        );
    }

    #[test]
    fn inner_parentheses_stay_in_the_name() {
        assert_eq!(
            names("中国(滨海新区)知识产权保护中心、区委宣传部(区文明办、区委网信办)"),
            [
                "中国(滨海新区)知识产权保护中心",
                "区委宣传部(区文明办、区委网信办)"
            ],
            "separators inside brackets do not split"
        );
    }

    #[test]
    fn stop_search_matches_a_plain_search() {
        let words: Vec<&str> = LEXICON
            .stops
            .iter()
            .flat_map(|(_, w)| w.iter().copied())
            .collect();
        assert!(!words.is_empty(), "the lexicon lists stop words");
        for s in [
            "各区要加强组织",
            "市科委",
            "负责落实的单位",
            "根",
            "按照",
            "市场监管局",
            "",
        ] {
            assert_eq!(
                has_stop(s),
                words.iter().any(|w| s.contains(w)),
                "the filtered stop search of ({s}) finds what a plain search finds"
            );
        }
    }

    #[test]
    fn conjunction_starts_cover_every_conjunction() {
        assert!(
            !LEXICON.conjunctions.is_empty(),
            "the lexicon lists conjunctions"
        );
        for w in &LEXICON.conjunctions {
            assert!(
                w.chars().next().is_some_and(is_conjunction_start),
                "the first character of {w} passes the conjunction pre-test"
            );
        }
    }

    #[test]
    fn non_units_are_rejected() {
        for s in ["全社会", "各区要加强组织", "召开动员大会", "广大干部"] {
            assert!(!is_unit(s), "{s} is not a unit name");
        }
        for s in ["团市委", "市消协", "天津海关", "市政务服务办", "各相关单位"]
        {
            assert!(is_unit(s), "{s} is a unit name");
        }
    }
}
