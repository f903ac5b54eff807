//! What a quantity's clause says about it: target or statistic, deadline, subject.
//!
//! Hands on, for a sentence, the weight of its target cues (到…年, 力争, 确保, 不低于)
//! against its statistic cues (共, 累计, 截至, 同比) from `grammars/quantity_cues.txt`;
//! the deadline a sentence sets (到2025年, 2025年底前, "十四五"期间 → "2025"); and the
//! subject of a quantity, trimmed with `grammars/quantity_subject.txt`.
//!
//! ```bnf
//! deadline = ("力争" | "争取" | "确保")? ("到" | "至") year "年" ("底" | "末")?
//!          | year "年" ("底" | "末")? ("前" | "以前" | "之前")
//!          | "“"? five-year-plan "”"? ("期间" | "末")        ; 十四五 → 2025
//! ```

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use crate::grammar;
use crate::model::QuantityKind;

/// Cue words with their side (true = target) and weight.
struct Cues {
    automaton: AhoCorasick,
    side: Vec<(bool, i32)>,
}

static CUES: LazyLock<Option<Cues>> = LazyLock::new(|| {
    let mut words = Vec::new();
    let mut side = Vec::new();
    for row in grammar::entries(grammar::QUANTITY_CUES.contents) {
        let (Some(&w), Some(&s), Some(&k)) = (row.first(), row.get(1), row.get(2)) else {
            continue;
        };
        words.push(w);
        side.push((s == "target", k.parse().unwrap_or(1)));
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&words)
        .ok()?;
    Some(Cues { automaton, side })
});

/// The cues of a text, summed per side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueScore {
    /// Weight of target cues.
    pub target: i32,
    /// Weight of statistic cues.
    pub statistic: i32,
    /// A strong target cue (weight 3) is present.
    pub strong_target: bool,
    /// A strong statistic cue (weight 3) is present.
    pub strong_statistic: bool,
}

impl CueScore {
    /// True when no cue was found.
    pub fn is_empty(&self) -> bool {
        self.target == 0 && self.statistic == 0
    }
}

/// The target and statistic cues of a text.
///
/// ```
/// use zhengce::recognize::quantity::context::cues;
/// assert!(cues("力争到2025年").strong_target);
/// assert!(cues("截至2023年底").strong_statistic);
/// ```
pub fn cues(text: &str) -> CueScore {
    let mut score = CueScore::default();
    let Some(cues) = CUES.as_ref() else {
        return score;
    };
    for m in cues.automaton.find_iter(text) {
        if let Some(&(target, w)) = cues.side.get(m.pattern().as_usize()) {
            if target {
                score.target += w;
                score.strong_target |= w >= 3;
            } else {
                score.statistic += w;
                score.strong_statistic |= w >= 3;
            }
        }
    }
    score
}

/// The kind cues say. With the document's genre known (`genre`), only a strong cue that
/// also outweighs the other side overrules it; otherwise the heavier side wins and
/// `default` breaks a tie.
pub fn kind_of(
    score: CueScore,
    genre: Option<QuantityKind>,
    default: QuantityKind,
) -> Option<QuantityKind> {
    let by_weight = match score.target.cmp(&score.statistic) {
        std::cmp::Ordering::Greater => Some(QuantityKind::Target),
        std::cmp::Ordering::Less => Some(QuantityKind::Statistic),
        std::cmp::Ordering::Equal => None,
    };
    match genre {
        Some(QuantityKind::Target) if score.strong_statistic => {
            (by_weight == Some(QuantityKind::Statistic)).then_some(QuantityKind::Statistic)
        }
        Some(QuantityKind::Statistic) if score.strong_target => {
            (by_weight == Some(QuantityKind::Target)).then_some(QuantityKind::Target)
        }
        Some(_) => None,
        None => by_weight.or(if score.is_empty() {
            None
        } else {
            Some(default)
        }),
    }
}

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(到|至|截至|截止)?((?:19|20)\d\d)年(\d{1,2}月)?(底|末|年底|年末)?(前|以前|之前)?|(十[一二三四五六七八九]五)”?(期间|末|时期)",
    )
    .expect("the deadline pattern is valid")
});

/// The first deadline a sentence sets, and where it ends.
///
/// ```
/// use zhengce::recognize::quantity::context::deadline;
/// assert_eq!(deadline("到2025年，覆盖率达到90%").map(|d| d.0), Some("2025".to_string()));
/// assert_eq!(deadline("2025年底前完成").map(|d| d.0), Some("2025".to_string()));
/// assert_eq!(deadline("2023年共出动").map(|d| d.0), None);
/// assert_eq!(deadline("增加到2021年的5481万公里").map(|d| d.0), None);
/// ```
pub fn deadline(sentence: &str) -> Option<(String, usize)> {
    for caps in DEADLINE.captures_iter(sentence) {
        let end = caps.get(0).map_or(0, |m| m.end());
        if let Some(plan) = caps.get(6) {
            let n = crate::recognize::numeral::integer(plan.as_str().get(..6)?)?;
            // 十四五 is 2021–2025: the Nth five-year plan ends in 1955 + 5N.
            return Some(((1955 + 5 * n).to_string(), end));
        }
        let lead = caps.get(1).map(|m| m.as_str());
        if matches!(lead, Some("截至" | "截止")) {
            continue;
        }
        // 从2012年的…增加到2021年的…: a past comparison, not a deadline.
        let start = caps.get(0).map_or(0, |m| m.start());
        let from_year = matches!(lead, Some("到" | "至"))
            && sentence
                .get(..start)
                .is_some_and(|h| h.contains("从19") || h.contains("从20"));
        let past = from_year || sentence.get(end..).is_some_and(|t| t.starts_with('的'));
        if (lead.is_some() || caps.get(5).is_some()) && !past {
            let year = caps.get(2)?.as_str();
            return Some((year.to_string(), end));
        }
    }
    None
}

/// A subject word list: leading and trailing words to trim, verbs that put the subject
/// after the figure.
type Words = Vec<&'static str>;

/// (leading, trailing, verb) words of a subject, longest first.
static TRIM: LazyLock<(Words, Words, Words)> = LazyLock::new(|| {
    let mut lead = Vec::new();
    let mut trail = Vec::new();
    let mut verbs = Vec::new();
    for row in grammar::entries(grammar::QUANTITY_SUBJECT.contents) {
        if let (Some(&w), Some(&side)) = (row.first(), row.get(1)) {
            match side {
                "leading" => lead.push(w),
                "trailing" => trail.push(w),
                _ => verbs.push(w),
            }
        }
    }
    verbs.sort_by_key(|w| std::cmp::Reverse(w.len()));
    lead.sort_by_key(|w| std::cmp::Reverse(w.len()));
    trail.sort_by_key(|w| std::cmp::Reverse(w.len()));
    (lead, trail, verbs)
});

/// Longest noun (in chars) read after a list the figure counts.
const LISTED_NOUN_MAX: usize = 8;

/// The subject of a quantity from the text before it (`head`) and after it (`tail`): the
/// phrase before it, or the noun after it when the phrase before is only a verb (建成,
/// 新增), a list of titles the figure counts (修订《A》《B》2项地方标准) or a list closed
/// by 等 that the figure counts on into a noun (模具工等3个竞赛职业).
///
/// ```
/// use zhengce::recognize::quantity::context::subject_around;
/// assert_eq!(subject_around("到2025年，建成", "口袋公园，").as_deref(), Some("口袋公园"));
/// assert_eq!(subject_around("检查使用单位", "，").as_deref(), Some("检查使用单位"));
/// assert_eq!(subject_around("修订《天津质量奖评审规程》", "地方标准，").as_deref(), Some("地方标准"));
/// ```
pub fn subject_around(head: &str, tail: &str) -> Option<String> {
    let before = subject(head);
    let counts_on = |b: &str| {
        b.ends_with('》')
            || (b.ends_with('等')
                && tail
                    .chars()
                    .next()
                    .is_some_and(|c| c == '“' || crate::normalize::is_han(c)))
    };
    let listed = before.as_deref().is_some_and(counts_on);
    let verb_only = match &before {
        None => true,
        Some(b) => TRIM.2.iter().any(|v| {
            b.strip_suffix(v)
                .is_some_and(|rest| rest.chars().count() <= 2)
        }),
    };
    if !verb_only && !listed {
        return before;
    }
    let noun: String = tail
        .trim_start_matches(['的', '“'])
        .chars()
        .take_while(|&c| !is_clause_break(c) && crate::normalize::is_han(c))
        .take(20)
        .collect();
    let n = noun.chars().count();
    // After a list the noun must end its clause soon: "等11项工作获得…激励" runs on
    // into a predicate, and the list itself is then the better subject.
    if n >= 2 && (verb_only || n <= LISTED_NOUN_MAX) {
        Some(noun)
    } else {
        before
    }
}

/// The subject of a quantity: the phrase before it in its clause, without framing words.
///
/// ```
/// use zhengce::recognize::quantity::context::subject;
/// assert_eq!(subject("今年以来，共出动执法人员").as_deref(), Some("执法人员"));
/// assert_eq!(subject("到2025年，年抽检样本").as_deref(), Some("年抽检样本"));
/// assert_eq!(subject("分类及绿色账户累计").as_deref(), Some("分类及绿色账户"));
/// assert_eq!(subject("，累计"), None);
/// ```
pub fn subject(head: &str) -> Option<String> {
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_break(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut s = head.get(start..)?.trim();
    if s.starts_with(['到', '至', '力', '争', '确']) {
        if let Some((_, end)) = deadline(s) {
            if end < s.len() {
                s = s.get(end..)?.trim_start_matches('，');
            }
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        // A framing word alone (累计达到30.3万户) names nothing measured.
        if TRIM.0.contains(&s.trim()) {
            return None;
        }
        for w in &TRIM.0 {
            if let Some(r) = s.strip_prefix(w) {
                if !r.is_empty() {
                    s = r;
                    changed = true;
                }
            }
        }
        for w in &TRIM.1 {
            if let Some(r) = s.strip_suffix(w) {
                if !r.is_empty() {
                    s = r;
                    changed = true;
                }
            }
        }
    }
    let s = s.trim();
    (!s.is_empty() && s.chars().count() <= 40).then(|| s.to_string())
}

/// A character that ends a clause for the subject.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '：'
            | ':'
            | '！'
            | '!'
            | '？'
            | '?'
            | '('
            | ')'
            | '“'
            | '”'
            | '、'
            | ' '
    )
}
