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
//! range    = number unit? ("至" | "到" | "-" | "~" | "～" | "—") number unit
//!          | number unit "以上" number unit "以下"        ; 一万元以上十万元以下
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

/// The character at byte `i` of a `str`'s bytes (`i` on a character boundary) and its
/// length, decoded by hand: the scans below look at every character of a line.
#[inline]
fn char_at(b: &[u8], i: usize) -> Option<(char, usize)> {
    let x = *b.get(i)?;
    let cont = |k: usize| b.get(i + k).map_or(0, |&y| u32::from(y & 0x3F));
    let (cp, len) = if x < 0x80 {
        (u32::from(x), 1)
    } else if x < 0xE0 {
        ((u32::from(x & 0x1F) << 6) | cont(1), 2)
    } else if x < 0xF0 {
        ((u32::from(x & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            (u32::from(x & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    char::from_u32(cp).map(|c| (c, len))
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
const SCAN_MARKS: [char; 22] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '《', '》', '“', '”', '〞', '。', '；', ';',
    '！', '!', '？', '?',
];

/// One bit per BMP code point, set for the characters [`scan_line`] acts on: the numeral
/// characters and [`SCAN_MARKS`]. 8 KB.
static SCAN_STOPS: [u64; 1024] = {
    use crate::recognize::numeral::{NUMERAL_BITS, NUMERAL_FIRST};
    let mut bits = [0u64; 1024];
    // The numeral table starts on a word boundary (U+2500 is 148 × 64).
    let first = (NUMERAL_FIRST / 64) as usize;
    let mut k = 0;
    while k < NUMERAL_BITS.len() {
        bits[first + k] = NUMERAL_BITS[k];
        k += 1;
    }
    let mut m = 0;
    while m < SCAN_MARKS.len() {
        let c = SCAN_MARKS[m] as usize;
        bits[c / 64] |= 1 << (c % 64);
        m += 1;
    }
    bits
};

/// Byte length of the character at byte `i` when the line scan has nothing to do with it
/// (no bit in [`SCAN_STOPS`]): an ASCII or three-byte character, which is nearly every
/// character of the text. `None` when the character needs a closer look, for the rarer
/// two- and four-byte characters, and at the end.
#[inline]
fn plain_len(b: &[u8], i: usize) -> Option<usize> {
    crate::bytescan::unmarked_len(&SCAN_STOPS, b, i)
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
        for key in ["印发《", "转发《", "发布《"] {
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
    if t.ends_with([')', '）']) {
        if let Some(p) = t.rfind(['(', '（']) {
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
static PERIOD: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
    regex::Regex::new(r"(?:19|20)\d\d\s*[—–\-－~～至到]\s*((?:19|20)\d\d)年").ok()
});

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

/// True when `line` holds one of 。，,；; (searched with memchr / memmem).
fn is_punctuated(line: &str) -> bool {
    /// Searchers for the full-width marks, built once.
    static MARKS: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        LazyLock::new(|| ["，", "。", "；"].map(|p| memchr::memmem::Finder::new(p.as_bytes())));
    let b = line.as_bytes();
    memchr::memchr2(b',', b';', b).is_some() || MARKS.iter().any(|f| f.find(b).is_some())
}

/// Genre words that end a title, with the kind of figures the genre carries.
const GENRES: [(&str, QuantityKind); 16] = [
    ("总结", QuantityKind::Statistic),
    ("报告", QuantityKind::Statistic),
    ("通报", QuantityKind::Statistic),
    ("情况", QuantityKind::Statistic),
    ("成效", QuantityKind::Statistic),
    ("方案", QuantityKind::Target),
    ("意见", QuantityKind::Target),
    ("规划", QuantityKind::Target),
    ("计划", QuantityKind::Target),
    ("办法", QuantityKind::Target),
    ("要点", QuantityKind::Target),
    ("规定", QuantityKind::Target),
    ("细则", QuantityKind::Target),
    ("条例", QuantityKind::Target),
    ("措施", QuantityKind::Target),
    ("通知", QuantityKind::Target),
];

/// The kind a title's genre word implies.
fn genre_of(title: &str) -> Option<QuantityKind> {
    GENRES
        .iter()
        .find(|(word, _)| has_suffix(title, word))
        .map(|&(_, kind)| kind)
}

/// A character that ends a sentence.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?')
}

/// Characters before an Arabic number that make it part of a code, URL or identifier.
fn is_code_char(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '/' | '_' | '=' | '.' | '@' | '#' | '&' | '?' | '\\')
}

/// Scans one body line (`base` is its offset in the normalized text); `cue_buf` holds the
/// cue words of the sentence at hand.
fn scan_line(s: &str, base: usize, out: &mut Vec<Found>, cue_buf: &mut Vec<context::CueMatch>) {
    // The part of the line whose cue words `cue_buf` holds (the current sentence).
    let mut covered = (0usize, 0usize);
    let mut title_depth = 0u32;
    let mut sentence_start = 0usize;
    let mut sentence_info: Option<context::CueScore> = None;
    let mut quote_depth = 0u32;
    let mut deadline: Option<String> = None;
    let mut last_end = 0usize; // end of the last quantity, bounds the next subject
    let bytes = s.as_bytes();
    let mut i = 0usize;
    loop {
        // Most characters are Han characters that are no numeral: nothing to do.
        if let Some(n) = plain_len(bytes, i) {
            i += n;
            continue;
        }
        let Some((c, clen)) = char_at(bytes, i) else {
            break;
        };
        if c == '《' {
            title_depth += 1;
        } else if c == '》' {
            title_depth = title_depth.saturating_sub(1);
        } else if is_sentence_end(c) {
            sentence_start = i + clen;
            sentence_info = None;
            quote_depth = 0;
        } else if c == '“' {
            quote_depth += 1;
        } else if c == '”' || c == '〞' {
            quote_depth = quote_depth.saturating_sub(1);
        }
        let starts_number = c.is_ascii_digit() || is_numeral_char(c);
        if !starts_number {
            i += clen;
            continue;
        }
        let rest = s.get(i..).unwrap_or_default();
        let head = s.get(..i).unwrap_or_default();
        let skip = token_len(rest).max(clen);
        let prev = head.chars().next_back();
        // A Chinese numeral inside quotes names a slogan ("三大支撑八项重点", "四个年").
        let slogan = quote_depth > 0 && !c.is_ascii_digit();
        if title_depth > 0
            || slogan
            || is_marker(s, i)
            || prev == Some('第')
            || (c.is_ascii_digit() && prev.is_some_and(is_code_char))
            || (c.is_ascii_digit() && prev.is_some_and(|p| p.is_ascii_digit()))
        {
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
        // The sentence's end, cues and deadline, computed once per sentence.
        let sentence = match sentence_info {
            Some(cues) => cues,
            None => {
                let end = s
                    .get(q.end..)
                    .and_then(|r| r.char_indices().find(|&(_, c)| is_sentence_end(c)))
                    .map_or(s.len(), |(k, _)| q.end + k);
                let text = s.get(sentence_start..end).unwrap_or_default();
                let mut cues = context::cues_kept(s, sentence_start, end, cue_buf);
                covered = (sentence_start, end);
                if let Some((d, _)) = context::deadline(text) {
                    cues.target += 3;
                    cues.strong_target = true;
                    // Carried to the targets of the rest of the line.
                    deadline = Some(d);
                }
                sentence_info = Some(cues);
                cues
            }
        };
        let (from, to) = clause_around(s, q.start, q.end, sentence_start);
        let clause = context::cues_in(s, cue_buf, covered, from, to);
        let subject_from = last_end.max(sentence_start).min(q.start);
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
        out.push(Found {
            value: q.value,
            value_max: q.value_max,
            unit: q.unit,
            relation: q.relation,
            approximate: q.approximate,
            deadline: deadline.clone(),
            subject,
            raw,
            span: Span::new(base + q.start, base + q.end),
            approx_gt: q.approx_gt,
            organisers,
            clause,
            sentence,
        });
        last_end = q.end;
        i = q.end.max(i + clen);
    }
}

/// True when the number at byte `i` is a section marker: at the line start (after an
/// optional bracket) and followed by 、 . ) or ）, as in "1.", "2、", "(3)".
fn is_marker(s: &str, i: usize) -> bool {
    let head = s.get(..i).unwrap_or_default();
    if !head
        .trim_start_matches([' ', '(', '（', '*', '#'])
        .is_empty()
    {
        return false;
    }
    let rest = s.get(i..).unwrap_or_default();
    let digits = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || is_numeral_char(c)))
        .map_or(rest.len(), |(k, _)| k);
    rest.get(digits..)
        .and_then(|t| t.chars().next())
        .is_some_and(|c| matches!(c, '、' | '.' | ')' | '）' | '．'))
}

/// The clause around a quantity, as a byte range of `s`: from the last clause break
/// before it (not before `floor`) to the next one after it. Quotes and 、 do not break a
/// clause here.
fn clause_around(s: &str, start: usize, end: usize, floor: usize) -> (usize, usize) {
    // Bounded both ways so a long run of numbers without breaks stays linear.
    const REACH: usize = 80;
    let is_break = |c: char| {
        matches!(
            c,
            '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '!' | '？' | '?'
        )
    };
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

/// Units that make a bare 一 a quantity (一年, 一周); elsewhere 一 is mostly a word (一次性, 一批).
const ONE_UNITS: &[&str] = &[
    "年",
    "个月",
    "周",
    "天",
    "小时",
    "倍",
    "个百分点",
    "周岁",
    "岁",
    "个工作日",
];

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

/// Reads the quantity whose number starts at byte `i` of `s`.
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
    let mut j = i + n1.len;
    let (mut approximate, mut approx_gt) = (false, false);
    // 翻一番 / 翻两番: doubling N times, read as a multiple (2, 4 倍).
    if s.get(..i).is_some_and(|h| h.ends_with('翻'))
        && s.get(j..).is_some_and(|t| t.starts_with('番'))
        && n1.value.is_integer()
    {
        let times = n1.value.to_f64();
        if (1.0..=6.0).contains(&times) {
            let mut value = Decimal::from_int(1);
            for _ in 0..(times as u32) {
                value = value.checked_mul_int(2)?;
            }
            return Some(Read {
                start: i - '翻'.len_utf8(),
                end: j + '番'.len_utf8(),
                value,
                value_max: None,
                unit: "倍".to_string(),
                relation: Relation::Is(Comparator::Eq),
                approximate: false,
                approx_gt: false,
            });
        }
    }
    let mut unit1 = unit_at(s, j, &n1);
    if unit1.is_none() {
        // 800余家, 20多个: 余/多 between number and unit.
        let tail = s.get(j..).unwrap_or_default();
        if let Some(after) = tail.strip_prefix('余').or_else(|| tail.strip_prefix('多')) {
            let k = j + '余'.len_utf8();
            if let Some(u) = unit::read_cow(after) {
                approximate = true;
                approx_gt = true;
                j = k;
                unit1 = Some(u);
            }
        }
    }
    let unit_len = unit1.as_ref().map_or(0, |u| u.1);
    let mut unit_name = unit1.map(|u| u.0);
    // 分别提高31.1个和26.3个百分点: the first figure shares the unit of the second.
    if unit_name.as_deref() == Some("个") {
        if let Some(u) = shared_unit(s.get(j + unit_len..).unwrap_or_default()) {
            unit_name = Some(u);
        }
    }
    j += unit_len;
    // Range: 3至5年, 3-5个, 一万元以上十万元以下.
    let mut value_max = None;
    let mut end = j;
    let mut range_eq = false;
    if let Some((sep_len, closes_with)) = range_separator(s.get(j..).unwrap_or_default()) {
        let k = j + sep_len;
        if let Some(n2) = s.get(k..).and_then(number::read) {
            let u2 = unit_at(s, k + n2.len, &n2);
            let mut k2 = k + n2.len;
            let unit_ok = match (&unit_name, &u2) {
                (Some(a), Some(b)) => a == &b.0,
                (None, Some(_)) => true,
                _ => false,
            };
            let larger = n2.value.to_f64() > n1.value.to_f64();
            if unit_ok && larger && n2.chinese == n1.chinese {
                if let Some(u) = u2 {
                    k2 += u.1;
                    if unit_name.is_none() {
                        unit_name = Some(u.0);
                    }
                }
                match closes_with {
                    Some(word) => {
                        if s.get(k2..).is_some_and(|t| t.starts_with(word)) {
                            k2 += word.len();
                            value_max = Some(n2.value);
                            end = k2;
                            range_eq = true;
                        }
                    }
                    None => {
                        value_max = Some(n2.value);
                        end = k2;
                        range_eq = true;
                    }
                }
            }
        }
    }
    let unit = match unit_name {
        Some(u) => u,
        // 6.97亿 with no unit after it: the scale makes it an amount.
        None if n1.scaled
            && !n1.chinese
            && !s
                .get(j..)
                .and_then(|t| t.chars().next())
                .is_some_and(crate::normalize::is_han) =>
        {
            Cow::Borrowed("")
        }
        None => return None,
    };
    if is_year(&n1, &unit, "") {
        return None;
    }
    // "1.2025年": a list number run into a year.
    if unit == "年" && !n1.chinese {
        let text = rest.get(..n1.len).unwrap_or_default();
        if text.split_once('.').is_some_and(|(_, f)| f.len() == 4) {
            return None;
        }
    }
    // Comparator words.
    let head = s.get(..i).unwrap_or_default();
    if n1.chinese && n1.value == Decimal::from_int(0) {
        return None; // 零部件
    }
    let before = comparator::before(head);
    let after = if range_eq {
        None
    } else {
        comparator::after(s.get(end..).unwrap_or_default())
    };
    if let Some(a) = after {
        end += a.text.len();
    }
    // A bare 一 counts only as a duration or with a comparator: 一年, 不少于一场.
    if n1.chinese && value_max.is_none() && before.is_none() && after.is_none() {
        let one = rest.starts_with('一') && n1.len == '一'.len_utf8();
        let after_word = head.ends_with(['的', '这', '那', '每', '同', '统', '唯', '之']);
        if one && (after_word || !ONE_UNITS.contains(&unit.as_ref())) {
            return None;
        }
        // A lone 大写 digit is a name (陆家嘴), not a figure: 大写 amounts run long (壹佰).
        if n1.len == 3 && rest.starts_with(['壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'])
        {
            return None;
        }
        // A bare scale word (万个, 百年) is a figure of speech more often than a count.
        if n1.len == 3 && rest.starts_with(['十', '百', '千', '万', '亿']) {
            return None;
        }
    }
    let start = before.map_or(i, |b| i - b.text.len());
    let relation = if range_eq {
        Relation::Is(Comparator::Eq)
    } else {
        match (before, after) {
            (Some(b), Some(a)) if matches!(b.relation, Relation::Floor) || b.approximate => {
                a.relation
            }
            (Some(b), _) => b.relation,
            (None, Some(a)) => a.relation,
            (None, None) if approx_gt => Relation::Is(Comparator::Gt),
            (None, None) => Relation::Is(Comparator::Eq),
        }
    };
    approximate |= before.is_some_and(|b| b.approximate) || after.is_some_and(|a| a.approximate);
    Some(Read {
        start,
        end,
        value: n1.value,
        value_max,
        unit: unit.into_owned(),
        relation,
        approximate,
        approx_gt,
    })
}

/// The longer unit of a coordinated figure after "个": "和26.3个百分点" → 个百分点.
fn shared_unit(tail: &str) -> Option<Cow<'static, str>> {
    let after = ["和", "、", "与", "及"]
        .iter()
        .find_map(|w| tail.strip_prefix(w))?;
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
    for sep in ["至", "到", "-", "~", "～", "—", "－", "－"] {
        if s.starts_with(sep) {
            return Some((sep.len(), None));
        }
    }
    for open in ["以上", "及以上"] {
        if s.starts_with(open) {
            return Some((open.len(), Some("以下")));
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
    fn char_at_decodes_like_chars() {
        let s = "a《1》万é😀。";
        let mut i = 0;
        for c in s.chars() {
            assert_eq!(
                char_at(s.as_bytes(), i),
                Some((c, c.len_utf8())),
                "char at {i}"
            );
            i += c.len_utf8();
        }
        assert_eq!(char_at(s.as_bytes(), i), None, "nothing after the end");
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
    fn punctuation_is_found_in_either_width() {
        for s in ["甲，乙", "甲。", "a,b", "甲；乙", "a;b"] {
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
