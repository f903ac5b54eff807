//! Comparator words around a quantity, from `grammars/comparators.txt`.
//!
//! A word before the number (不低于, 超过, 约, 近) or after the number and unit (以上,
//! 以下, 左右) says how the printed value relates to the real figure. 达到 is a floor for
//! a target ("达到90%以上") and a plain report for a statistic ("上网人数达10.32亿人"), so
//! it is handed on as [`Relation::Floor`] and settled once the kind is known.
//!
//! Vague words ride on the number: 余/多/几 between a number and its scale or unit
//! (300余万, 1700多家: more than the figure), 数/几 before a bare scale (数百亿: from one to
//! ten of the scale), except where 数 ends a noun (株数十倍). Direction words before the
//! number (`grammars/quantity_direction.txt`) say a figure is a change up or down
//! (下降2.7%).
//!
//! ```bnf
//! quantity = direction? before? number vague? unit after?
//! vague    = "余" | "多" | "几"                 ; 800余家, 1700多家: ">" and approximate
//! ```

use std::sync::LazyLock;

use crate::chars::ByteSet;
use crate::grammar;
use crate::model::{Comparator, Direction};

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
    /// 余, 多, 几 after a number.
    vague_after: Vec<Word>,
    /// 数, 几 before a bare scale.
    vague_before: Vec<&'static str>,
    /// Nouns that end in a vague-before word (人数, 株数).
    not_vague: Vec<&'static str>,
    /// Direction words, longest first (`None`: a word that only looks like one).
    directions: Vec<(&'static str, Option<Direction>)>,
    /// The last bytes of the before-words.
    last: ByteSet,
    /// The first bytes of the after-words.
    first: ByteSet,
}

/// The comparator words of the grammar.
static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let (mut vague_after, mut vague_before, mut not_vague) = (Vec::new(), Vec::new(), Vec::new());
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
        match pos {
            "before" => before.push(word),
            "after" => after.push(word),
            "vague-after" => vague_after.push(word),
            "vague-before" => vague_before.push(text),
            _ => not_vague.push(text),
        }
    }
    let mut directions: Vec<(&'static str, Option<Direction>)> =
        grammar::entries(grammar::QUANTITY_DIRECTION.contents)
            .filter_map(|row| {
                let way = match *row.get(1)? {
                    "up" => Some(Direction::Up),
                    "down" => Some(Direction::Down),
                    _ => None,
                };
                Some((*row.first()?, way))
            })
            .collect();
    directions.sort_by_key(|d| std::cmp::Reverse(d.0.len()));
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
        vague_after,
        vague_before,
        not_vague,
        directions,
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

/// The vague word (余, 多, 几) that starts right after a number.
///
/// ```
/// use zhengce::recognize::quantity::comparator::vague_after;
/// assert_eq!(vague_after("余万元").map(|w| w.text), Some("余"));
/// assert!(vague_after("万元").is_none());
/// ```
pub fn vague_after(tail: &str) -> Option<Word> {
    WORDS
        .vague_after
        .iter()
        .copied()
        .find(|w| super::has_prefix(tail, w.text))
}

/// The vague word (数, 几) that ends `head`, right before a bare scale, unless it ends a
/// noun (株数十倍 is ten times the 株数).
///
/// ```
/// use zhengce::recognize::quantity::comparator::vague_before;
/// assert_eq!(vague_before("撬动社会资本数"), Some("数"));
/// assert_eq!(vague_before("补种盗伐花木株数"), None);
/// ```
pub fn vague_before(head: &str) -> Option<&'static str> {
    let words = &*WORDS;
    if words.not_vague.iter().any(|w| super::has_suffix(head, w)) {
        return None;
    }
    words
        .vague_before
        .iter()
        .copied()
        .find(|w| super::has_suffix(head, w))
}

/// The direction a change word ending `head` gives the figure after it (下降 → down;
/// 降至, a level reached, none).
///
/// ```
/// use zhengce::model::Direction;
/// use zhengce::recognize::quantity::comparator::direction;
/// assert_eq!(direction("同比下降"), Some(Direction::Down));
/// assert_eq!(direction("新增"), None);
/// assert_eq!(direction("降至"), None);
/// ```
pub fn direction(head: &str) -> Option<Direction> {
    WORDS
        .directions
        .iter()
        .find(|(w, _)| super::has_suffix(head, w))
        .and_then(|&(_, way)| way)
}
