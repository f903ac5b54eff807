//! Quantitative targets and statistics: every amount, count, share, rate or duration.
//!
//! Reads the body lines of the normalized text and adds to `quantities`, each with its
//! exact value (万/亿 multiplied out), unit, comparator, kind (target or statistic),
//! deadline and subject; `section` is left for the assembler.
//!
//! ```bnf
//! quantity = before? number approx? unit after? (range-tail)?
//! before   = comparator word ending at the number        ; 不低于, 超过, 约, 近, 达到
//! number   = see [number]                                ; 1379, 1.2万亿, 百分之六十, 三百
//! approx   = "余" | "多"                                 ; 800余家, 20多个
//! unit     = see [unit]                                  ; 人次, 个百分点, 元/吨
//! after    = comparator word after the unit              ; 以上, 以下, 以内, 左右
//! range    = number unit? range-sep number unit          ; 3至5年
//!          | number unit open-range number unit "以下"   ; 一万元以上十万元以下
//! range-sep, open-range: rows of grammars/quantity_words.txt (至 到 - ~ —; 以上 及以上)
//! ```
//!
//! Real examples: "年抽检样本不低于5000批次" (5000 批次 >=), "共出动执法人员1379人次"
//! (statistic), "比现行国家标准提高60%以上" (60 % >=), "3至5年" (3..5 年).
//!
//! Not quantities: years and dates (2025年, 9月30日), doc numbers, ordinals (第九届),
//! section markers, numbers inside 《》, phone numbers and hotlines (no unit), URLs,
//! names and slogans from `grammars/quantity_stoplist.txt` (中央八项规定).
//!
//! Speed: one pass over each line's bytes; a Han character that is no numeral costs a
//! bit test (no `char` decoding through `str`), and sentence-level work (cue words,
//! deadline) is done only for sentences that hold a quantity. Nothing is allocated per
//! character.

pub mod comparator;
pub mod context;
pub mod number;
pub mod unit;

use std::borrow::Cow;
use std::sync::LazyLock;

use super::{Findings, Input};
use crate::chars::{self, CharSet};
use crate::decimal::Decimal;
use crate::grammar;
use crate::model::{Comparator, DocKind, Quantity, QuantityKind};
use crate::span::Span;
use comparator::Relation;

/// Phrases that are names or slogans, not quantities.
static STOPLIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    grammar::entries(grammar::QUANTITY_STOPLIST.contents)
        .filter_map(|row| row.first().copied())
        .collect()
});

/// The words of `grammars/quantity_words.txt`, read once.
pub(crate) struct Words {
    /// Genre words and the kind of figure each implies.
    genres: Vec<(&'static str, QuantityKind)>,
    /// Verbs with 《 that carry an issued document's title.
    issuing: Vec<&'static str>,
    /// Words joining two coordinated figures.
    joiners: Vec<&'static str>,
    /// Range separators.
    ranges: Vec<&'static str>,
    /// Opening bounds and the word that closes their range.
    open_ranges: Vec<(&'static str, &'static str)>,
    /// Units a lone 一 may count.
    one_units: Vec<&'static str>,
    /// Words before a lone 一 that make it part of a word.
    one_words: Vec<&'static str>,
    /// Scale words and their factors, first match wins.
    pub(crate) scales: Vec<(&'static str, i128)>,
}

/// The words of the quantity grammar.
pub(crate) static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let file = &grammar::QUANTITY_WORDS;
    let kind = |k: &str| match k {
        "statistic" => Some(QuantityKind::Statistic),
        "target" => Some(QuantityKind::Target),
        _ => None,
    };
    Words {
        genres: grammar::pairs(file, "genre")
            .into_iter()
            .filter_map(|(w, k)| Some((w, kind(k)?)))
            .collect(),
        issuing: grammar::words(file, "issuing"),
        joiners: grammar::words(file, "joiner"),
        ranges: grammar::words(file, "range"),
        open_ranges: grammar::pairs(file, "open_range"),
        one_units: grammar::words(file, "one_unit"),
        one_words: grammar::words(file, "one_word"),
        scales: grammar::pairs(file, "scale")
            .into_iter()
            .filter_map(|(w, k)| Some((w, k.parse().ok()?)))
            .collect(),
    }
});

/// Adds the quantities of the body lines.
pub fn recognize(input: &Input<'_>, findings: &mut Findings) {
    let text = input.text;
    let mut found = Vec::new();
    let mut cue_buf = Vec::new();
    for line in input.segmented.body() {
        let s = line.text(text);
        // A line without a number yields nothing from the scan, so it needs no prefilter.
        if is_title_line(s) {
            continue;
        }
        scan_line(s, line.content.start, &mut found, &mut cue_buf);
    }
    if found.is_empty() {
        return;
    }
    let genre = genre_kind(input);
    // A plan's horizon governs the targets that name no deadline of their own.
    let horizon = plan_period(input).or_else(|| found.iter().find_map(|f| f.deadline.clone()));
    let default = genre.unwrap_or_else(|| vote(&found));
    for f in found {
        let kind = context::kind_of(f.clause, genre, default)
            .or_else(|| context::kind_of(f.sentence, genre, default))
            .unwrap_or(default);
        // 财政部等11部门: the count of a document's organisers is a fact, and so is an
        // anniversary (建党100周年).
        let kind = if f.organisers || f.unit == "周年" {
            QuantityKind::Statistic
        } else {
            kind
        };
        let comparator = match f.relation {
            Relation::Is(c) => c,
            Relation::Floor if f.approx_gt => Comparator::Gt,
            Relation::Floor if kind == QuantityKind::Target => Comparator::Ge,
            Relation::Floor => Comparator::Eq,
        };
        findings.quantities.push(Quantity {
            section: None,
            kind,
            value: f.value,
            value_max: f.value_max,
            unit: f.unit,
            comparator,
            approximate: f.approximate,
            deadline: if kind == QuantityKind::Target {
                f.deadline.or_else(|| horizon.clone())
            } else {
                None
            },
            subject: f.subject,
            raw: f.raw,
            span: f.span,
        });
    }
}

/// A quantity read from a line, before its kind is settled.
#[derive(Debug, Clone)]
struct Found {
    value: Decimal,
    value_max: Option<Decimal>,
    unit: String,
    relation: Relation,
    approximate: bool,
    deadline: Option<String>,
    subject: Option<String>,
    raw: String,
    span: Span,
    /// 余/多 after the number: more than the figure.
    approx_gt: bool,
    /// A count of organisers (财政部等11部门).
    organisers: bool,
    /// Cues of its clause.
    clause: context::CueScore,
    /// Cues of its sentence.
    sentence: context::CueScore,
}

/// True for a character of a Chinese numeral (一, 十, 万, 〇, 壹 …); ASCII is never one here.
#[inline]
pub fn is_numeral_char(c: char) -> bool {
    crate::recognize::numeral::is_cjk_numeral(c as u32)
}

/// The character at byte `i` of `s` (on a character boundary) and its length.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// `s.starts_with(w)`, comparing the last byte of `w` first: against a word list most
/// words differ there, and the full comparison is skipped.
#[inline]
fn has_prefix(s: &str, w: &str) -> bool {
    s.as_bytes().get(w.len().wrapping_sub(1)) == w.as_bytes().last() && s.starts_with(w)
}

/// `s.ends_with(w)`, comparing the last bytes first (see [`has_prefix`]).
#[inline]
fn has_suffix(s: &str, w: &str) -> bool {
    w.is_empty() || (s.as_bytes().last() == w.as_bytes().last() && s.ends_with(w))
}

/// `s.strip_prefix(w)` by way of [`has_prefix`].
#[inline]
fn strip_prefix<'s>(s: &'s str, w: &str) -> Option<&'s str> {
    if has_prefix(s, w) {
        s.get(w.len()..)
    } else {
        None
    }
}

/// `s.strip_suffix(w)` by way of [`has_suffix`].
#[inline]
fn strip_suffix<'s>(s: &'s str, w: &str) -> Option<&'s str> {
    if has_suffix(s, w) {
        s.get(..s.len().checked_sub(w.len())?)
    } else {
        None
    }
}

/// The characters [`scan_line`] acts on besides the numeral characters: ASCII digits, the
/// title marks and quotes it tracks, and the sentence ends ([`is_sentence_end`]).
const SCAN_MARKS: [char; 19] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '《', '》', '“', '”', '〞', '。', ';', '!',
    '?',
];

/// The characters [`scan_line`] acts on: the numeral characters and [`SCAN_MARKS`].
static SCAN_STOPS: CharSet<1024> = CharSet::empty(0)
    .with_set(&crate::recognize::numeral::NUMERALS)
    .with(&SCAN_MARKS);

/// Byte length of the character at byte `i` when the line scan has nothing to do with it
/// (not in [`SCAN_STOPS`]): an ASCII or three-byte character, which is nearly every
/// character of the text. `None` when the character needs a closer look, for the rarer
/// two- and four-byte characters, and at the end.
#[inline]
fn plain_len(b: &[u8], i: usize) -> Option<usize> {
    SCAN_STOPS.unmarked_len(b, i)
}

/// The kind the document's genre implies: from the document carried inside a notice
/// (关于印发《X总结》的通知 reports facts), else the frame's kind, else the title.
fn genre_kind(input: &Input<'_>) -> Option<QuantityKind> {
    let frame = input.frame;
    if let Some(k) = frame.embedded.iter().find_map(|e| genre_of_kind(e.kind)) {
        return Some(k);
    }
    let lines = || {
        input
            .segmented
            .body()
            .take(12)
            .map(|l| l.text(input.text))
            // At most 100 characters, counted no further than that.
            .filter(|l| l.chars().nth(100).is_none())
    };
    // The title of an issued document first: 关于印发《…活动总结》的通知.
    // Every key holds 《: a line without one is passed over with a single memchr.
    for line in lines().filter(|l| l.contains('《')) {
        for key in &WORDS.issuing {
            if let Some(p) = line.find(key) {
                let inner = line.get(p + key.len()..).unwrap_or_default();
                let inner = inner.split('》').next().unwrap_or_default();
                if let Some(k) = genre_of(strip_title_tail(inner)) {
                    return Some(k);
                }
            }
        }
    }
    if let Some(k) = genre_of_kind(frame.kind) {
        return Some(k);
    }
    if let Some(t) = &frame.title {
        return genre_of(strip_title_tail(&t.text));
    }
    lines().find_map(|l| genre_of(strip_title_tail(l)))
}

/// The kind of figures a genre carries.
fn genre_of_kind(kind: DocKind) -> Option<QuantityKind> {
    match kind {
        DocKind::Summary | DocKind::Report | DocKind::News => Some(QuantityKind::Statistic),
        DocKind::Plan
        | DocKind::Opinion
        | DocKind::Regulation
        | DocKind::Notice
        | DocKind::Decision => Some(QuantityKind::Target),
        _ => None,
    }
}

/// A title without closing marks, a file extension and a trailing period note:
/// "方案(2023—2025年)》" → "方案", "## 文档 :上海市北斗产业高质量发展三年行动计划.md" → "…计划".
fn strip_title_tail(t: &str) -> &str {
    let t = t.trim_end_matches(['》', '*', '#', ' ']);
    let t = strip_file_extension(t).trim_end_matches(['》', '*', '#', ' ']);
    if t.ends_with(')') {
        if let Some(p) = t.rfind('(') {
            return t.get(..p).unwrap_or(t).trim_end();
        }
    }
    t
}

/// A scraped file name's extension (".md", ".docx", ".pdf") removed: 2 to 4 ASCII letters
/// after the last ".".
fn strip_file_extension(t: &str) -> &str {
    let Some(dot) = t.rfind('.') else {
        return t;
    };
    let ext = t.get(dot + 1..).unwrap_or_default();
    if dot > 0 && (2..=4).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphabetic()) {
        t.get(..dot).unwrap_or(t)
    } else {
        t
    }
}

/// A plan period, 2023—2025年 (`None` only if the pattern failed to compile, which the
/// tests rule out).
static PERIOD: LazyLock<Option<regex::Regex>> =
    LazyLock::new(|| regex::Regex::new(r"(?:19|20)\d\d\s*[—–\-~至到]\s*((?:19|20)\d\d)年").ok());

/// The last year of a plan period printed in a title line: 方案(2023—2025年) → 2025.
fn plan_period(input: &Input<'_>) -> Option<String> {
    let period = PERIOD.as_ref()?;
    input
        .segmented
        .body()
        .take(40)
        .map(|l| l.text(input.text))
        // Every period ends in a year and 年 (exact prefilter, see `context::holds_year`);
        // tested first as it is the cheaper test.
        .filter(|l| context::holds_year(l))
        .filter(|l| l.contains("方案") || l.contains("规划") || l.contains("计划"))
        .find_map(|l| {
            period
                .captures(l)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string())
        })
}

/// With no genre known: the side most sentences lean to, target on a tie.
fn vote(found: &[Found]) -> QuantityKind {
    let total: i32 = found
        .iter()
        .map(|f| (f.sentence.target - f.sentence.statistic).signum())
        .sum();
    if total < 0 {
        QuantityKind::Statistic
    } else {
        QuantityKind::Target
    }
}

/// A title line (of this document or one it names): no sentence punctuation and ends in a
/// genre word, as "上海市北斗产业高质量发展三年行动计划(2021-2025年)". Its numbers are
/// part of a name, not figures.
fn is_title_line(line: &str) -> bool {
    !is_punctuated(line) && genre_of(strip_title_tail(line)).is_some()
}

/// True when `line` holds one of 。,; (searched with memchr / memmem).
fn is_punctuated(line: &str) -> bool {
    static FULL_STOP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("。"));
    let b = line.as_bytes();
    memchr::memchr2(b',', b';', b).is_some() || FULL_STOP.find(b).is_some()
}

/// The kind a title's genre word implies.
fn genre_of(title: &str) -> Option<QuantityKind> {
    WORDS
        .genres
        .iter()
        .find(|(word, _)| has_suffix(title, word))
        .map(|&(_, kind)| kind)
}

/// A character that ends a sentence.
fn is_sentence_end(c: char) -> bool {
    chars::is_full_stop(c) || c == ';'
}

/// Characters before an Arabic number that make it part of a code, URL or identifier.
fn is_code_char(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '/' | '_' | '=' | '.' | '@' | '#' | '&' | '?' | '\\')
}

/// Scans one body line (`base` is its offset in the normalized text); `cue_buf` holds the
/// cue words of the sentence at hand. Every numeral or digit that starts no quantity in
/// its context ([`Line::passes_over`]) is skipped with its token.
fn scan_line(s: &str, base: usize, out: &mut Vec<Found>, cue_buf: &mut Vec<context::CueMatch>) {
    let mut line = Line::new(s, base);
    let bytes = s.as_bytes();
    let mut i = 0usize;
    loop {
        // Most characters are Han characters that are no numeral: nothing to do.
        if let Some(n) = plain_len(bytes, i) {
            i += n;
            continue;
        }
        let Some((c, clen)) = char_at(s, i) else {
            break;
        };
        line.mark(c, i + clen);
        let starts_number = c.is_ascii_digit() || is_numeral_char(c);
        if !starts_number {
            i += clen;
            continue;
        }
        let rest = s.get(i..).unwrap_or_default();
        let skip = token_len(rest).max(clen);
        if line.passes_over(i, c) {
            i += skip;
            continue;
        }
        let Some(q) = read_quantity(s, i) else {
            i += skip;
            continue;
        };
        if let Some(stop) = STOPLIST.iter().find(|w| has_prefix(rest, w)) {
            i += stop.len();
            continue;
        }
        let end = q.end;
        out.push(line.found(q, cue_buf));
        i = end.max(i + clen);
    }
}

/// Where a line scan stands: the open 《》 and quotes, the sentence at hand and its cues,
/// the deadline carried on, and the end of the last quantity.
struct Line<'a> {
    s: &'a str,
    base: usize,
    /// The part of the line whose cue words the cue buffer holds (the current sentence).
    covered: (usize, usize),
    title_depth: u32,
    quote_depth: u32,
    sentence_start: usize,
    sentence_cues: Option<context::CueScore>,
    deadline: Option<String>,
    /// End of the last quantity, bounds the next subject.
    last_end: usize,
}

impl<'a> Line<'a> {
    fn new(s: &'a str, base: usize) -> Self {
        Line {
            s,
            base,
            covered: (0, 0),
            title_depth: 0,
            quote_depth: 0,
            sentence_start: 0,
            sentence_cues: None,
            deadline: None,
            last_end: 0,
        }
    }

    /// Follows the marks: 《 》 open and close a title, “ ” a quote, and a sentence end
    /// (the character ends at byte `after`) starts a new sentence.
    #[inline]
    fn mark(&mut self, c: char, after: usize) {
        if c == '《' {
            self.title_depth += 1;
        } else if c == '》' {
            self.title_depth = self.title_depth.saturating_sub(1);
        } else if is_sentence_end(c) {
            self.sentence_start = after;
            self.sentence_cues = None;
            self.quote_depth = 0;
        } else if c == '“' {
            self.quote_depth += 1;
        } else if c == '”' || c == '〞' {
            self.quote_depth = self.quote_depth.saturating_sub(1);
        }
    }

    /// True when the number starting with `c` at byte `i` is no quantity by where it
    /// stands: inside 《》, a Chinese numeral inside quotes (a slogan: "三大支撑八项重点"),
    /// a section marker, an ordinal (第九届), or digits of a code or a longer number.
    fn passes_over(&self, i: usize, c: char) -> bool {
        let prev = self.s.get(..i).unwrap_or_default().chars().next_back();
        let slogan = self.quote_depth > 0 && !c.is_ascii_digit();
        self.title_depth > 0
            || slogan
            || is_marker(self.s, i)
            || prev == Some('第')
            || (c.is_ascii_digit() && prev.is_some_and(is_code_char))
            || (c.is_ascii_digit() && prev.is_some_and(|p| p.is_ascii_digit()))
    }

    /// The cues of the sentence holding a quantity that ends at byte `q_end`, with a
    /// deadline in it counted as a strong target cue and carried to the rest of the line:
    /// computed once per sentence.
    fn sentence(
        &mut self,
        q_end: usize,
        cue_buf: &mut Vec<context::CueMatch>,
    ) -> context::CueScore {
        if let Some(cues) = self.sentence_cues {
            return cues;
        }
        let s = self.s;
        let start = self.sentence_start;
        let end = s
            .get(q_end..)
            .and_then(|r| r.char_indices().find(|&(_, c)| is_sentence_end(c)))
            .map_or(s.len(), |(k, _)| q_end + k);
        let text = s.get(start..end).unwrap_or_default();
        let mut cues = context::cues_kept(s, start, end, cue_buf);
        self.covered = (start, end);
        if let Some((d, _)) = context::deadline(text) {
            cues.target += 3;
            cues.strong_target = true;
            self.deadline = Some(d);
        }
        self.sentence_cues = Some(cues);
        cues
    }

    /// The quantity read, with its sentence and clause cues and its subject.
    fn found(&mut self, q: Read, cue_buf: &mut Vec<context::CueMatch>) -> Found {
        let sentence = self.sentence(q.end, cue_buf);
        let s = self.s;
        let (from, to) = clause_around(s, q.start, q.end, self.sentence_start);
        let clause = context::cues_in(s, cue_buf, self.covered, from, to);
        let subject_from = self.last_end.max(self.sentence_start).min(q.start);
        // A unit that carries its noun (21个部门) leaves nothing after it to count.
        let tail = if q.unit.ends_with("部门") {
            ""
        } else {
            s.get(q.end..).unwrap_or_default()
        };
        let subject =
            context::subject_around(s.get(subject_from..q.start).unwrap_or_default(), tail);
        let raw = s.get(q.start..q.end).unwrap_or_default().to_string();
        let organisers =
            q.unit.ends_with("部门") && s.get(..q.start).is_some_and(|h| h.ends_with('等'));
        self.last_end = q.end;
        Found {
            value: q.value,
            value_max: q.value_max,
            unit: q.unit,
            relation: q.relation,
            approximate: q.approximate,
            deadline: self.deadline.clone(),
            subject,
            raw,
            span: Span::new(self.base + q.start, self.base + q.end),
            approx_gt: q.approx_gt,
            organisers,
            clause,
            sentence,
        }
    }
}

/// True when the number at byte `i` is a section marker: at the line start (after an
/// optional bracket) and followed by 、 . ) or ）, as in "1.", "2、", "(3)".
fn is_marker(s: &str, i: usize) -> bool {
    let head = s.get(..i).unwrap_or_default();
    if !head.trim_start_matches([' ', '(', '*', '#']).is_empty() {
        return false;
    }
    let rest = s.get(i..).unwrap_or_default();
    let digits = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || is_numeral_char(c)))
        .map_or(rest.len(), |(k, _)| k);
    rest.get(digits..)
        .and_then(|t| t.chars().next())
        .is_some_and(|c| matches!(c, '、' | '.' | ')'))
}

/// The clause around a quantity, as a byte range of `s`: from the last clause break
/// before it (not before `floor`) to the next one after it. Quotes and 、 do not break a
/// clause here.
fn clause_around(s: &str, start: usize, end: usize, floor: usize) -> (usize, usize) {
    // Bounded both ways so a long run of numbers without breaks stays linear.
    const REACH: usize = 80;
    let is_break = |c: char| matches!(c, ',' | '。' | ';' | ':' | '!' | '?');
    let base = floor.min(start);
    let head = s.get(base..start).unwrap_or_default();
    let mut from = base;
    for (n, (k, c)) in head.char_indices().rev().enumerate() {
        if is_break(c) || n >= REACH {
            from = base + k + c.len_utf8();
            break;
        }
    }
    let tail = s.get(end..).unwrap_or_default();
    let mut to = s.len();
    for (n, (k, c)) in tail.char_indices().enumerate() {
        if is_break(c) || n >= REACH {
            to = end + k;
            break;
        }
    }
    (from, to)
}

/// Byte length of the number-like token at the start of `s` (digits, numeral characters
/// and the separators inside phone numbers and dates), so a rejected one is skipped whole.
fn token_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| {
            !(c.is_ascii_digit() || is_numeral_char(c) || matches!(c, '-' | '.' | ',' | ':' | '点'))
        })
        .map_or(s.len(), |(k, _)| k)
}

/// A quantity read at byte `i` of line `s`.
#[derive(Debug, Clone)]
struct Read {
    start: usize,
    end: usize,
    value: Decimal,
    value_max: Option<Decimal>,
    unit: String,
    relation: Relation,
    approximate: bool,
    approx_gt: bool,
}

/// Time units after which a four-digit number is a year, not a duration.
fn is_year(n: &number::Number, unit: &str, s_after: &str) -> bool {
    let _ = s_after;
    !n.chinese
        && !n.scaled
        && !n.percent
        && unit == "年"
        && n.value.is_integer()
        && (1900.0..=2100.0).contains(&n.value.to_f64())
}

/// Reads the quantity whose number starts at byte `i` of `s`:
/// `before? number approx? unit after? range-tail?`, or 翻 number 番.
fn read_quantity(s: &str, i: usize) -> Option<Read> {
    let rest = s.get(i..)?;
    let n1 = number::read(rest)?;
    // A leading zero is a code or phone number (0535-2129301), not an amount.
    if !n1.chinese
        && rest.starts_with('0')
        && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    if let Some(read) = doubling(s, i, &n1) {
        return Some(read);
    }
    let (unit1, j, approx_gt) = approx_unit(s, i + n1.len, &n1);
    let unit_len = unit1.as_ref().map_or(0, |u| u.1);
    let mut unit_name = unit1.map(|u| u.0);
    // 分别提高31.1个和26.3个百分点: the first figure shares the unit of the second.
    if unit_name.as_deref() == Some("个") {
        if let Some(u) = shared_unit(s.get(j + unit_len..).unwrap_or_default()) {
            unit_name = Some(u);
        }
    }
    let j = j + unit_len;
    let range = range_tail(s, j, &n1, &mut unit_name);
    let unit = unit_name.or_else(|| scaled_amount(s, j, &n1))?;
    if is_year(&n1, &unit, "") || is_list_number_and_year(rest, &n1, &unit) {
        return None;
    }
    let head = s.get(..i).unwrap_or_default();
    if n1.chinese && n1.value == Decimal::from_int(0) {
        return None; // 零部件
    }
    // Comparator words.
    let before = comparator::before(head);
    let mut end = range.map_or(j, |(_, e)| e);
    let after = if range.is_some() {
        None
    } else {
        comparator::after(s.get(end..).unwrap_or_default())
    };
    if let Some(a) = after {
        end += a.text.len();
    }
    let compared = before.is_some() || after.is_some();
    if n1.chinese && range.is_none() && !compared && is_bare_numeral_word(head, rest, &n1, &unit) {
        return None;
    }
    Some(Read {
        start: before.map_or(i, |b| i - b.text.len()),
        end,
        value: n1.value,
        value_max: range.map(|(max, _)| max),
        unit: unit.into_owned(),
        relation: relation(before, after, range.is_some(), approx_gt),
        approximate: approx_gt
            || before.is_some_and(|b| b.approximate)
            || after.is_some_and(|a| a.approximate),
        approx_gt,
    })
}

/// No unit after a number ending at byte `j`: 6.97亿 is an amount by its scale (an empty
/// unit) unless a Han character follows.
fn scaled_amount(s: &str, j: usize, n1: &number::Number) -> Option<Cow<'static, str>> {
    let han_follows = s
        .get(j..)
        .and_then(|t| t.chars().next())
        .is_some_and(crate::normalize::is_han);
    (n1.scaled && !n1.chinese && !han_follows).then_some(Cow::Borrowed(""))
}

/// `"翻" number "番"`: doubling N times (翻一番, 翻两番), read as a multiple (2, 4 倍).
fn doubling(s: &str, i: usize, n1: &number::Number) -> Option<Read> {
    let j = i + n1.len;
    if !(s.get(..i).is_some_and(|h| h.ends_with('翻'))
        && s.get(j..).is_some_and(|t| t.starts_with('番'))
        && n1.value.is_integer())
    {
        return None;
    }
    let times = n1.value.to_f64();
    if !(1.0..=6.0).contains(&times) {
        return None;
    }
    let mut value = Decimal::from_int(1);
    for _ in 0..(times as u32) {
        value = value.checked_mul_int(2)?;
    }
    Some(Read {
        start: i - '翻'.len_utf8(),
        end: j + '番'.len_utf8(),
        value,
        value_max: None,
        unit: "倍".to_string(),
        relation: Relation::Is(Comparator::Eq),
        approximate: false,
        approx_gt: false,
    })
}

/// `approx? unit` after a number ending at byte `j`: the unit (and its length), where it
/// starts, and whether 余/多 stood before it (800余家, 20多个: more than the figure).
fn approx_unit(
    s: &str,
    j: usize,
    n1: &number::Number,
) -> (Option<(Cow<'static, str>, usize)>, usize, bool) {
    if let Some(unit) = unit_at(s, j, n1) {
        return (Some(unit), j, false);
    }
    let tail = s.get(j..).unwrap_or_default();
    if let Some(after) = tail.strip_prefix('余').or_else(|| tail.strip_prefix('多')) {
        if let Some(u) = unit::read_cow(after) {
            return (Some(u), j + '余'.len_utf8(), true);
        }
    }
    (None, j, false)
}

/// `range-tail` after the first figure and its unit (ending at byte `j`): 3至5年, 3-5个,
/// 一万元以上十万元以下. The upper value and where the range ends; the unit of the second
/// figure fills in a missing first one.
fn range_tail(
    s: &str,
    j: usize,
    n1: &number::Number,
    unit_name: &mut Option<Cow<'static, str>>,
) -> Option<(Decimal, usize)> {
    let (sep_len, closes_with) = range_separator(s.get(j..).unwrap_or_default())?;
    let k = j + sep_len;
    let n2 = s.get(k..).and_then(number::read)?;
    let u2 = unit_at(s, k + n2.len, &n2);
    let mut k2 = k + n2.len;
    let unit_ok = match (&*unit_name, &u2) {
        (Some(a), Some(b)) => a == &b.0,
        (None, Some(_)) => true,
        _ => false,
    };
    let larger = n2.value.to_f64() > n1.value.to_f64();
    if !(unit_ok && larger && n2.chinese == n1.chinese) {
        return None;
    }
    if let Some(u) = u2 {
        k2 += u.1;
        if unit_name.is_none() {
            *unit_name = Some(u.0);
        }
    }
    match closes_with {
        Some(word) if s.get(k2..).is_some_and(|t| t.starts_with(word)) => {
            Some((n2.value, k2 + word.len()))
        }
        Some(_) => None,
        None => Some((n2.value, k2)),
    }
}

/// "1.2025年": a list number run into a year.
fn is_list_number_and_year(rest: &str, n1: &number::Number, unit: &str) -> bool {
    unit == "年"
        && !n1.chinese
        && rest
            .get(..n1.len)
            .unwrap_or_default()
            .split_once('.')
            .is_some_and(|(_, f)| f.len() == 4)
}

/// True when a Chinese numeral with no comparator and no range is a word, not a figure:
/// a bare 一 counts only as a duration (一年, 一倍), a lone 大写 digit is a name (陆家嘴),
/// and a bare scale word (万个, 百年) is a figure of speech.
fn is_bare_numeral_word(head: &str, rest: &str, n1: &number::Number, unit: &str) -> bool {
    let one = rest.starts_with('一') && n1.len == '一'.len_utf8();
    let after_word = WORDS.one_words.iter().any(|w| head.ends_with(w));
    (one && (after_word || !WORDS.one_units.contains(&unit)))
        || (n1.len == 3 && rest.starts_with(['壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖']))
        || (n1.len == 3 && rest.starts_with(['十', '百', '千', '万', '亿']))
}

/// The comparator a figure states: a range is exact; a before-word wins unless it is a
/// floor or approximate and an after-word follows; 余/多 alone means more than.
fn relation(
    before: Option<comparator::Word>,
    after: Option<comparator::Word>,
    range: bool,
    approx_gt: bool,
) -> Relation {
    if range {
        return Relation::Is(Comparator::Eq);
    }
    match (before, after) {
        (Some(b), Some(a)) if matches!(b.relation, Relation::Floor) || b.approximate => a.relation,
        (Some(b), _) => b.relation,
        (None, Some(a)) => a.relation,
        (None, None) if approx_gt => Relation::Is(Comparator::Gt),
        (None, None) => Relation::Is(Comparator::Eq),
    }
}

/// The longer unit of a coordinated figure after "个": "和26.3个百分点" → 个百分点.
fn shared_unit(tail: &str) -> Option<Cow<'static, str>> {
    let after = WORDS.joiners.iter().find_map(|w| tail.strip_prefix(w))?;
    let n = number::read(after)?;
    let (u, _) = unit::read_cow(after.get(n.len..)?)?;
    (u.starts_with('个') && u != "个").then_some(u)
}

/// The unit after a number ending at byte `j`: "%" for a percentage in words.
fn unit_at(s: &str, j: usize, n: &number::Number) -> Option<(Cow<'static, str>, usize)> {
    if n.percent {
        return Some((Cow::Borrowed("%"), 0));
    }
    unit::read_cow(s.get(j..)?)
}

/// A range separator at the start of `s`: its length and the word that must close the
/// range (以上 … 以下).
fn range_separator(s: &str) -> Option<(usize, Option<&'static str>)> {
    let words = &*WORDS;
    for sep in &words.ranges {
        if s.starts_with(sep) {
            return Some((sep.len(), None));
        }
    }
    for &(open, close) in &words.open_ranges {
        if s.starts_with(open) {
            return Some((open.len(), Some(close)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeral_starts_are_cjk_numerals_only() {
        assert!(
            is_numeral_char('万') && is_numeral_char('〇'),
            "CJK numerals count"
        );
        assert!(
            !is_numeral_char('O') && !is_numeral_char('7'),
            "ASCII never does"
        );
    }

    #[test]
    fn word_tests_agree_with_std() {
        for (s, w) in [
            ("不低于", "低于"),
            ("以上", "以"),
            ("", ""),
            ("a", ""),
            ("约", "不低于"),
        ] {
            assert_eq!(has_prefix(s, w), s.starts_with(w), "prefix {w} of {s}");
            assert_eq!(has_suffix(s, w), s.ends_with(w), "suffix {w} of {s}");
            assert_eq!(
                strip_prefix(s, w),
                s.strip_prefix(w),
                "strip prefix {w} of {s}"
            );
            assert_eq!(
                strip_suffix(s, w),
                s.strip_suffix(w),
                "strip suffix {w} of {s}"
            );
        }
    }

    #[test]
    fn the_plan_period_pattern_compiles() {
        assert!(PERIOD.is_some(), "the plan period pattern is a valid regex");
    }

    #[test]
    fn the_plain_character_test_passes_over_only_plain_characters() {
        // What `scan_line` acts on, as its tests of a character say.
        let acts_on = |c: char| {
            matches!(c, '《' | '》' | '“' | '”' | '〞')
                || is_sentence_end(c)
                || c.is_ascii_digit()
                || is_numeral_char(c)
        };
        // Every character of one, two, three and four bytes, each at the end of a text and
        // followed by more.
        for c in (0..=0x1_0000u32)
            .chain([0x2_0000, 0x1_F600])
            .filter_map(char::from_u32)
        {
            let alone = c.to_string();
            let expected = (!acts_on(c) && matches!(c.len_utf8(), 1 | 3)).then_some(c.len_utf8());
            assert_eq!(
                plain_len(alone.as_bytes(), 0),
                expected,
                "{c:?} is plain or not"
            );
            let followed = format!("{c}甲");
            assert_eq!(
                plain_len(followed.as_bytes(), 0),
                expected,
                "{c:?} before a char"
            );
        }
        assert_eq!(
            plain_len("甲".as_bytes(), 3),
            None,
            "nothing is read past the end"
        );
    }

    #[test]
    fn punctuation_is_found() {
        for s in ["甲,乙", "甲。", "a,b", "甲;乙", "a;b"] {
            assert!(is_punctuated(s), "{s} is punctuated");
        }
        assert!(
            !is_punctuated("上海市北斗产业发展三年行动计划"),
            "a title is not"
        );
    }

    #[test]
    fn a_scraped_file_name_heading_is_a_title_line() {
        assert!(
            is_title_line("## 文档 :上海市北斗产业高质量发展三年行动计划.md"),
            "a Markdown file-name heading is the title, so 三年 in it is a name, not a quantity"
        );
        assert_eq!(
            strip_title_tail("关于印发《工作要点》的通知.docx"),
            "关于印发《工作要点》的通知",
            "the extension is dropped before the genre word is read"
        );
        assert!(
            !is_title_line("全年完成1.5万吨"),
            "a figure with a decimal point is no file name"
        );
    }
}
