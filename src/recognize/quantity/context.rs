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

use regex::Regex;

use crate::chars::CharSet;
use crate::grammar;
use crate::model::QuantityKind;

/// A cue word: the word, its side (true = target) and weight.
type Cue = (&'static str, bool, i32);

/// Cue words grouped by first character, for a leftmost-longest scan by hand.
struct Cues {
    /// Groups sorted by their first character; longest word first within a group (file
    /// order among equal lengths).
    groups: Vec<(char, Vec<Cue>)>,
    /// The first characters of the cue words of the BMP.
    first: Box<CharSet<1024>>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut groups: Vec<(char, Vec<Cue>)> = Vec::new();
    for row in grammar::entries(grammar::QUANTITY_CUES.contents) {
        let (Some(&w), Some(&s), Some(&k)) = (row.first(), row.get(1), row.get(2)) else {
            continue;
        };
        let Some(c) = w.chars().next() else {
            continue;
        };
        let cue = (w, s == "target", k.parse().unwrap_or(1));
        match groups.iter_mut().find(|g| g.0 == c) {
            Some(g) => g.1.push(cue),
            None => groups.push((c, vec![cue])),
        }
    }
    for g in &mut groups {
        g.1.sort_by_key(|cue| std::cmp::Reverse(cue.0.len()));
    }
    groups.sort_by_key(|g| g.0);
    let mut first = Box::new(CharSet::empty(0));
    for (c, _) in &groups {
        first.insert(*c);
    }
    Cues { groups, first }
});

/// The longest cue word at the start of `s`, whose first character is `c`.
fn cue_at(cues: &Cues, c: char, s: &str) -> Option<Cue> {
    let group = cues.groups.binary_search_by_key(&c, |g| g.0).ok()?;
    cues.groups
        .get(group)?
        .1
        .iter()
        .find(|cue| super::has_prefix(s, cue.0))
        .copied()
}

/// A cue word found in a line: its byte range, side (true = target) and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    start: usize,
    end: usize,
    target: bool,
    weight: i32,
}

/// Every cue word of `text`, leftmost-longest and without overlaps, handed to `found`
/// with its byte range shifted by `base`.
fn scan_cues(text: &str, base: usize, mut found: impl FnMut(CueMatch)) {
    let cues = &*CUES;
    // The first byte not yet covered by a cue word found.
    let mut next = 0;
    for (i, c) in text.char_indices() {
        if i < next {
            continue;
        }
        // Most characters start no cue word: one bit says so.
        let may_start = u32::from(c) >= 0x1_0000 || cues.first.contains(c);
        if may_start {
            if let Some((w, target, weight)) = cue_at(cues, c, text.get(i..).unwrap_or_default()) {
                found(CueMatch {
                    start: base + i,
                    end: base + i + w.len(),
                    target,
                    weight,
                });
                next = i + w.len();
            }
        }
    }
}

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

    /// Adds one cue word.
    fn add(&mut self, m: CueMatch) {
        if m.target {
            self.target += m.weight;
            self.strong_target |= m.weight >= 3;
        } else {
            self.statistic += m.weight;
            self.strong_statistic |= m.weight >= 3;
        }
    }
}

/// The target and statistic cues of a text: every cue word, leftmost-longest and
/// without overlaps.
///
/// ```
/// use zhengce::recognize::quantity::context::cues;
/// assert!(cues("力争到2025年").strong_target);
/// assert!(cues("截至2023年底").strong_statistic);
/// ```
pub fn cues(text: &str) -> CueScore {
    let mut score = CueScore::default();
    scan_cues(text, 0, |m| score.add(m));
    score
}

/// The cues of `line[from..to]` (a sentence), keeping its cue words in `out` (cleared
/// first) for [`cues_in`].
pub fn cues_kept(line: &str, from: usize, to: usize, out: &mut Vec<CueMatch>) -> CueScore {
    out.clear();
    let mut score = CueScore::default();
    scan_cues(line.get(from..to).unwrap_or_default(), from, |m| {
        score.add(m);
        out.push(m);
    });
    score
}

/// `cues(&line[from..to])`, summed from the cue words `kept` by [`cues_kept`] for
/// `line[covered.0..covered.1]` instead of scanning the text again.
///
/// Exact: when `from..to` lies inside the covered text and no kept word crosses `from` or
/// `to`, the scan of the part sees the same words as the scan of the covered text between
/// them (both start fresh at `from`, and at every position the longest word fits in the
/// part). Otherwise the part is scanned.
pub fn cues_in(
    line: &str,
    kept: &[CueMatch],
    covered: (usize, usize),
    from: usize,
    to: usize,
) -> CueScore {
    let part = || cues(line.get(from..to).unwrap_or_default());
    if from < covered.0 || to > covered.1 || line.get(covered.0..covered.1).is_none() {
        return part();
    }
    let k = kept.partition_point(|m| m.end <= from);
    let mut score = CueScore::default();
    for m in kept.get(k..).unwrap_or_default() {
        if m.start >= to {
            break;
        }
        if m.start < from || m.end > to {
            return part();
        }
        score.add(*m);
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

/// A year or a five-year plan that may set a deadline (`None` only if the pattern failed
/// to compile, which the tests rule out).
static DEADLINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(到|至|截至|截止)?((?:19|20)\d\d)年(\d{1,2}月)?(底|末|年底|年末)?(前|以前|之前)?|(十[一二三四五六七八九]五)”?(期间|末|时期)",
    )
    .ok()
});

/// Prefilter for [`DEADLINE`], exact: every match holds "19" or "20", two digits and 年,
/// or the 五 of 十X五. `\d` is any Unicode decimal digit; `char::is_numeric` takes in
/// all of those, so no match is missed.
fn may_hold_deadline(s: &str) -> bool {
    s.contains('五') || holds_year(s)
}

/// True when `s` may hold the pattern `(?:19|20)\d\d年`: some 年 comes after two
/// characters that are numeric (a superset of the `\d` decimal digits) after "19" or
/// "20". An exact prefilter for patterns that need such a year.
pub fn holds_year(s: &str) -> bool {
    /// The searcher for 年, built once.
    static NIAN: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("年".as_bytes()));
    NIAN.find_iter(s.as_bytes()).any(|p| {
        let mut head = s.get(..p).unwrap_or_default().chars();
        head.next_back().is_some_and(char::is_numeric)
            && head.next_back().is_some_and(char::is_numeric)
            && (head.as_str().ends_with("19") || head.as_str().ends_with("20"))
    })
}

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
    if !may_hold_deadline(sentence) {
        return None;
    }
    for caps in DEADLINE.as_ref()?.captures_iter(sentence) {
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
        Some(b) => TRIM
            .2
            .iter()
            .any(|v| super::strip_suffix(b, v).is_some_and(|rest| rest.chars().count() <= 2)),
    };
    if !verb_only && !listed {
        return before;
    }
    // The noun: up to 20 Han characters before a clause break.
    let after = tail.trim_start_matches(['的', '“']);
    let (mut end, mut n) = (0, 0);
    for (k, c) in after.char_indices() {
        if n == 20 || is_clause_break(c) || !crate::normalize::is_han(c) {
            break;
        }
        end = k + c.len_utf8();
        n += 1;
    }
    // After a list the noun must end its clause soon: "等11项工作获得…激励" runs on
    // into a predicate, and the list itself is then the better subject.
    if n >= 2 && (verb_only || n <= LISTED_NOUN_MAX) {
        after.get(..end).map(str::to_string)
    } else {
        before
    }
}

/// The subject of a quantity: the phrase before it in its clause, without framing words.
/// `head` is normalized text (full-width commas folded to `,`).
///
/// ```
/// use zhengce::recognize::quantity::context::subject;
/// assert_eq!(subject("今年以来,共出动执法人员").as_deref(), Some("执法人员"));
/// assert_eq!(subject("到2025年,年抽检样本").as_deref(), Some("年抽检样本"));
/// assert_eq!(subject("分类及绿色账户累计").as_deref(), Some("分类及绿色账户"));
/// assert_eq!(subject(",累计"), None);
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
                s = s.get(end..)?;
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
            if let Some(r) = super::strip_prefix(s, w) {
                if !r.is_empty() {
                    s = r;
                    changed = true;
                }
            }
        }
        for w in &TRIM.1 {
            if let Some(r) = super::strip_suffix(s, w) {
                if !r.is_empty() {
                    s = r;
                    changed = true;
                }
            }
        }
    }
    let s = s.trim();
    // At most 40 characters, counted no further than that.
    (!s.is_empty() && s.chars().nth(40).is_none()).then(|| s.to_string())
}

/// A character that ends a clause for the subject.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '。' | ';' | ':' | '!' | '?' | '(' | ')' | '“' | '”' | '、' | ' '
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_of_a_part_agree_with_a_scan_of_the_part() {
        let line =
            "今年以来，共出动执法人员1379人次，力争到2025年不低于90%，比上年增长了3个百分点。";
        let mut kept = Vec::new();
        let whole = cues_kept(line, 0, line.len(), &mut kept);
        assert_eq!(whole, cues(line), "the kept scan scores like a plain scan");
        let bounds: Vec<usize> = line
            .char_indices()
            .map(|(i, _)| i)
            .chain([line.len()])
            .collect();
        for &from in &bounds {
            for &to in &bounds {
                assert_eq!(
                    cues_in(line, &kept, (0, line.len()), from, to),
                    cues(line.get(from..to).unwrap_or_default()),
                    "the cues of {from}..{to} are those of a scan of that part"
                );
            }
        }
    }

    #[test]
    fn the_deadline_pattern_compiles() {
        assert!(DEADLINE.is_some(), "the deadline pattern is a valid regex");
    }

    #[test]
    fn the_deadline_prefilter_passes_every_pattern_match() {
        for s in [
            "到2025年",
            "2025年底前",
            "十四五”期间",
            "到20２５年",
            "1998年",
        ] {
            assert!(may_hold_deadline(s), "{s} may hold a deadline");
        }
        assert!(
            !may_hold_deadline("共出动执法人员1379人次"),
            "no year, no plan"
        );
        assert!(!may_hold_deadline("年底前"), "年 with no year before it");
    }
}
