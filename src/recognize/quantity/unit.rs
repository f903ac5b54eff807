//! Units and measure words after a number, from `grammars/units.txt`.
//!
//! Hands on the canonical unit and the matched length; the longest entry wins
//! (个百分点 before 个, 平方公里 before 公里, 人次 before 人). A compound rate such as
//! 元/吨 or 吨/日 is read as one unit.
//!
//! ```bnf
//! unit = lexicon-entry ("/" (lexicon-entry | "日" | "月" | "年"))?
//! ```

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::grammar;

/// A unit as printed and as output.
type Entry = (&'static str, &'static str);

/// Units grouped by their first character (sorted, for a binary search without hashing),
/// longest first within a group.
static UNITS: LazyLock<Vec<(char, Vec<Entry>)>> = LazyLock::new(|| {
    let mut groups: Vec<(char, Vec<Entry>)> = Vec::new();
    for row in grammar::entries(grammar::UNITS.contents) {
        if let (Some(&printed), Some(&canonical)) = (row.first(), row.get(1)) {
            if let Some(c) = printed.chars().next() {
                match groups.iter_mut().find(|g| g.0 == c) {
                    Some(g) => g.1.push((printed, canonical)),
                    None => groups.push((c, vec![(printed, canonical)])),
                }
            }
        }
    }
    for g in &mut groups {
        g.1.sort_by_key(|u| std::cmp::Reverse(u.0.len()));
    }
    groups.sort_by_key(|g| g.0);
    groups
});

/// The unit at the start of `s`: canonical form and byte length.
///
/// ```
/// use zhengce::recognize::quantity::unit::read;
/// assert_eq!(read("个百分点以上"), Some(("个百分点".to_string(), 12)));
/// assert_eq!(read("元/吨"), Some(("元/吨".to_string(), 7)));
/// assert_eq!(read("月"), None);
/// ```
pub fn read(s: &str) -> Option<(String, usize)> {
    read_cow(s).map(|(u, len)| (u.into_owned(), len))
}

/// [`read`] without an allocation unless the unit is a compound rate (元/吨).
///
/// ```
/// use zhengce::recognize::quantity::unit::read_cow;
/// assert_eq!(read_cow("人次以上"), Some(("人次".into(), 6)));
/// ```
pub fn read_cow(s: &str) -> Option<(Cow<'static, str>, usize)> {
    let (canonical, len) = lookup(s)?;
    let rest = s.get(len..).unwrap_or_default();
    if let Some(after) = rest.strip_prefix('/') {
        let per = lookup(after).map(|(c, l)| (c.to_string(), l)).or_else(|| {
            after
                .chars()
                .next()
                .filter(|c| matches!(c, '日' | '月' | '年' | '天' | '人' | '户'))
                .map(|c| (c.to_string(), c.len_utf8()))
        });
        if let Some((p, l)) = per {
            return Some((Cow::Owned(format!("{canonical}/{p}")), len + 1 + l));
        }
    }
    Some((Cow::Borrowed(canonical), len))
}

/// The longest lexicon entry at the start of `s`.
fn lookup(s: &str) -> Option<(&'static str, usize)> {
    let c = s.chars().next()?;
    let group = UNITS.binary_search_by_key(&c, |g| g.0).ok()?;
    UNITS
        .get(group)?
        .1
        .iter()
        .find(|(printed, _)| super::has_prefix(s, printed))
        .map(|&(printed, canonical)| (canonical, printed.len()))
}
