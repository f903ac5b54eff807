//! Comparator words around a quantity, from `grammars/comparators.txt`.
//!
//! A word before the number (不低于, 超过, 约, 近) or after the number and unit (以上,
//! 以下, 左右) says how the printed value relates to the real figure. 达到 is a floor for
//! a target ("达到90%以上") and a plain report for a statistic ("上网人数达10.32亿人"), so
//! it is handed on as [`Relation::Floor`] and settled once the kind is known.
//!
//! ```bnf
//! quantity = before? number approx? unit after?
//! approx   = "余" | "多"                       ; 800余家, 1700多家: ">" and approximate
//! ```

use std::sync::LazyLock;

use crate::chars::ByteSet;
use crate::grammar;
use crate::model::Comparator;

/// What a comparator word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// A fixed comparator.
    Is(Comparator),
    /// 达到: ">=" for a target, "=" for a statistic.
    Floor,
}

/// One comparator word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The word.
    pub text: &'static str,
    /// What it says.
    pub relation: Relation,
    /// Whether it makes the figure approximate (约, 近, 左右).
    pub approximate: bool,
}

/// Before-words, longest first, with the set of their last bytes.
struct Words {
    before: Vec<Word>,
    after: Vec<Word>,
    /// The last bytes of the before-words.
    last: ByteSet,
    /// The first bytes of the after-words.
    first: ByteSet,
}

/// The comparator words of the grammar.
static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut before = Vec::new();
    let mut after = Vec::new();
    for row in grammar::entries(grammar::COMPARATORS.contents) {
        let (Some(&text), Some(&pos), Some(&rel), Some(&approx)) =
            (row.first(), row.get(1), row.get(2), row.get(3))
        else {
            continue;
        };
        let Some(relation) = parse_relation(rel) else {
            continue;
        };
        let word = Word {
            text,
            relation,
            approximate: approx == "approx",
        };
        if pos == "before" {
            before.push(word);
        } else {
            after.push(word);
        }
    }
    before.sort_by_key(|w| std::cmp::Reverse(w.text.len()));
    after.sort_by_key(|w| std::cmp::Reverse(w.text.len()));
    let mut last = ByteSet::new();
    for b in before.iter().filter_map(|w| w.text.as_bytes().last()) {
        last.insert(*b);
    }
    let mut first = ByteSet::new();
    for b in after.iter().filter_map(|w| w.text.as_bytes().first()) {
        first.insert(*b);
    }
    Words {
        before,
        after,
        last,
        first,
    }
});

/// Reads a comparator column of the grammar file.
pub fn parse_relation(s: &str) -> Option<Relation> {
    Some(match s {
        "=" => Relation::Is(Comparator::Eq),
        ">=" => Relation::Is(Comparator::Ge),
        ">" => Relation::Is(Comparator::Gt),
        "<=" => Relation::Is(Comparator::Le),
        "<" => Relation::Is(Comparator::Lt),
        "~" => Relation::Is(Comparator::Approx),
        "floor" => Relation::Floor,
        _ => return None,
    })
}

/// The comparator word that ends right before a number (the text before it is `head`).
///
/// ```
/// use zhengce::recognize::quantity::comparator::before;
/// assert_eq!(before("年抽检样本不低于").map(|w| w.text), Some("不低于"));
/// ```
pub fn before(head: &str) -> Option<Word> {
    let words = &*WORDS;
    // No word ends in the last byte of `head`: none can end there.
    if !head
        .as_bytes()
        .last()
        .is_some_and(|&b| words.last.contains(b))
    {
        return None;
    }
    words
        .before
        .iter()
        .copied()
        .find(|w| super::has_suffix(head, w.text))
}

/// The comparator word that starts right after a number and its unit.
///
/// ```
/// use zhengce::recognize::quantity::comparator::after;
/// assert_eq!(after("以上，").map(|w| w.text), Some("以上"));
/// ```
pub fn after(tail: &str) -> Option<Word> {
    let words = &*WORDS;
    // No word starts with the first byte of `tail`: none can start there.
    if !tail
        .as_bytes()
        .first()
        .is_some_and(|&b| words.first.contains(b))
    {
        return None;
    }
    words
        .after
        .iter()
        .copied()
        .find(|w| super::has_prefix(tail, w.text))
}
