//! Dates as printed in policy documents, read to ISO form.
//!
//! ```bnf
//! date     = year "年" month "月" day ("日" | "号")          ; 2023年9月4日
//!          | year ("-" | "." | "/") month sep day           ; 2023-09-07, 2023.9.4, 2023/9/4
//!          | cn-year "年" cn-number "月" cn-number "日"        ; 二〇二三年九月四日, 二00八年九月七日
//!          | year month-day ("日")?                          ; 2021910日: 年/月 lost, repaired
//!          | year4 month2 day2                              ; 20230815, exactly eight digits
//! month    = year "年" month "月"                            ; 2023年9月 → 2023-09
//!          | cn-year "年" cn-number "月"                      ; 二〇一〇年五月 → 2010-05
//! cn-year  = ("〇" | "○" | "零" | "O" | "0" | "一" … "九"){4}  ; look-alike zeros all read as 0
//! range    = year ("—" | "-" | "–" | "~" | "至" | "到") year "年" ; 2023—2025年
//! ```
//!
//! A date is checked against the calendar (2021年2月29日, 2023年4月31日, 2023年13月1日 are
//! impossible): [`find_all`] never returns an impossible date, [`find_impossible`] returns
//! the ones printed, so that a caller can say why it read none.
//!
//! Hands on [`FoundDate`] (raw text, ISO value, span, whether it was repaired) to the
//! frame recognizer, which decides which date is the written, published or printed one.

use crate::chars;
use std::sync::LazyLock;

use regex::Regex;

use crate::recognize::numeral::{digit_value, integer};
use crate::span::Span;

/// A date read from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// As printed.
    pub raw: String,
    /// ISO `YYYY-MM-DD` or `YYYY-MM`.
    pub value: String,
    /// Where it was read from (byte offsets in the searched text).
    pub span: Span,
    /// True when lost 年/月 characters were inferred (2021910日).
    pub repaired: bool,
}

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("date regex {p}: {e}"))
}

static YMD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d{4}) *年 *(\d{1,2}) *月 *(\d{1,2}) *[日号]"));
static YM: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4}) *年 *(\d{1,2}) *月"));
static SEP: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4})([-./])(\d{1,2})([-./])(\d{1,2})"));
static CN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([〇○零O0一二三四五六七八九]{4}) *年 *([〇零一二三四五六七八九十]{1,3}) *月 *([〇零一二三四五六七八九十]{1,3}) *[日号]",
    )
});
static CN_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"([〇○零O0一二三四五六七八九]{4}) *年 *([〇零一二三四五六七八九十]{1,3}) *月")
});
static COMPACT: LazyLock<Regex> = LazyLock::new(|| re(r"(?:19|20)[0-9]{6}"));
static GARBLED: LazyLock<Regex> = LazyLock::new(|| re(r"((?:19|20)\d{2})(\d{2,4})日"));
static RANGE: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4}) *[—\-–~至到] *(\d{4}) *年"));

/// True for a numeric char: exactly [`char::is_numeric`], which is a table search for
/// every non-ASCII char. Exact fast answers first: ASCII by its own table, and the CJK
/// Unified Ideographs (letters, Lo) and the punctuation of Chinese text (、。〈〉《》【】〔〕,
/// ‐–—‘’“”…) are not numeric (the unit test checks every char against the standard answer).
#[inline]
pub fn is_numeric(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_digit(),
        _ if chars::is_basic_han(c) => false,
        '\u{3000}'..='\u{3006}' | '\u{3008}'..='\u{3020}' => false,
        '\u{2010}'..='\u{2027}' => false,
        _ => c.is_numeric(),
    }
}

/// Finds 年 (built once: building a searcher per line costs more than the search).
static NIAN: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("年"));
/// Finds 日 (built once: building a searcher per line costs more than the search).
static RI: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("日"));

/// Finds 月 (built once: building a searcher per line costs more than the search).
static YUE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("月"));
/// Finds 号 (built once).
static HAO: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("号"));

/// Exact prefilter for CN: its year is four chars of 〇○零O0一二三四五六七八九, so the text
/// has one of the non-ASCII ones, or two of 0 and O side by side.
fn has_cn_year_digits(text: &str) -> bool {
    text.contains([
        '〇', '○', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九',
    ]) || text
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w, [b'0' | b'O', b'0' | b'O']))
}

/// Exact prefilter for GARBLED (`(19|20)\d{2}\d{2,4}日`): some 日 follows at least six
/// digits (every `\d` is numeric).
fn has_digits_before_ri(text: &str) -> bool {
    RI.find_iter(text.as_bytes()).any(|i| {
        text.get(..i).is_some_and(|before| {
            before
                .chars()
                .rev()
                .take_while(|&c| is_numeric(c))
                .nth(5)
                .is_some()
        })
    })
}

/// A character a year may start with: a decimal digit (any script, as `\d`) or a digit
/// of a year written in Chinese.
fn is_year_char(c: char) -> bool {
    matches!(
        c,
        '〇' | '○' | '零' | 'O' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    ) || is_numeric(c)
}

/// A character some date form can contain: digits of any script, Chinese numerals, 年
/// 月 日 号, the separators - . / and the space.
fn is_date_char(c: char) -> bool {
    is_year_char(c) || matches!(c, '十' | '年' | '月' | '日' | '号' | '-' | '.' | '/' | ' ')
}

/// The longest beginning of `s` made of characters a date can contain. A date that
/// [`find_all`] reads at offset 0 of `s` lies inside it (every pattern reads only such
/// characters and none looks past its match), and `find_all` of this prefix reads the
/// same date at offset 0: a search for a date at the start of a long line need not scan
/// the line.
///
/// ```
/// use zhengce::recognize::date::date_prefix;
/// assert_eq!(date_prefix("2023年2月2日在全市工作会议上"), "2023年2月2日");
/// ```
pub fn date_prefix(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !is_date_char(c))
        .map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or(s)
}

/// True for a year a policy document may print.
fn plausible_year(y: u32) -> bool {
    (1900..=2100).contains(&y)
}

/// Days in month `m` of year `y` (0 for a month that does not exist).
fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True when `y-m-d` is a day of the calendar.
fn valid(y: u32, m: u32, d: u32) -> bool {
    plausible_year(y) && (1..=days_in_month(y, m)).contains(&d)
}

fn iso(y: u32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A year written digit by digit in Chinese (二〇二三, 二00八).
fn cn_year(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    for c in s.chars() {
        let d = if c.is_ascii_digit() {
            c.to_digit(10)?
        } else {
            u32::try_from(digit_value(c)?).ok()?
        };
        v = v.checked_mul(10)?.checked_add(d)?;
    }
    Some(v)
}

fn cn_small(s: &str) -> Option<u32> {
    integer(s).and_then(|v| u32::try_from(v).ok())
}

/// Splits the digits after a year whose 年/月 were lost (910 → 9-10) into month and day:
/// the only valid reading, or the one with a one-digit month when both are valid.
fn split_month_day(y: u32, md: &str) -> Option<(u32, u32)> {
    let mut best = None;
    for cut in 1..md.len() {
        let (m, d) = (md.get(..cut)?, md.get(cut..)?);
        if d.starts_with('0') && d.len() == 1 {
            continue;
        }
        let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        if valid(y, m, d) && best.is_none() {
            best = Some((m, d));
        }
    }
    best
}

/// Every date in `text`, in order, without overlaps.
///
/// ```
/// use zhengce::recognize::date::find_all;
/// let v: Vec<_> = find_all("2023年9月4日 2023-09-07 二〇二三年九月四日 2021910日 20230815")
///     .into_iter().map(|d| d.value).collect();
/// assert_eq!(v, ["2023-09-04", "2023-09-07", "2023-09-04", "2021-09-10", "2023-08-15"]);
/// assert!(find_all("2021年2月29日").is_empty());
/// ```
pub fn find_all(text: &str) -> Vec<FoundDate> {
    read_all(text)
        .into_iter()
        .filter_map(|r| r.possible.then_some(r.date))
        .collect()
}

/// The dates of `text` printed in a date's form but impossible in the calendar
/// (2021年2月29日, 2023年13月1日, 2023-02-30), in order; `value` is the reading refused.
///
/// ```
/// use zhengce::recognize::date::find_impossible;
/// assert_eq!(find_impossible("2021年2月29日")[0].value, "2021-02-29");
/// assert!(find_impossible("2020年2月29日").is_empty());
/// ```
pub fn find_impossible(text: &str) -> Vec<FoundDate> {
    read_all(text)
        .into_iter()
        .filter_map(|r| (!r.possible).then_some(r.date))
        .collect()
}

/// A date as read, and whether the calendar has it.
struct Reading {
    date: FoundDate,
    possible: bool,
}

/// Every reading of a date in `text`, in order, without overlaps. The garbled and the
/// compact forms are plain digits unless they read as a possible date, so only possible
/// ones are kept of them.
fn read_all(text: &str) -> Vec<Reading> {
    let mut out: Vec<Reading> = Vec::new();
    // Literal prefilters (each regex runs only where all it needs is there): YM needs 年
    // and 月, YMD and CN also 日 or 号 and CN a Chinese year digit, GARBLED a 日 after six
    // digits, SEP a separator, COMPACT eight digits in a row.
    let b = text.as_bytes();
    let ri = RI.find(b).is_some();
    let ym = NIAN.find(b).is_some() && YUE.find(b).is_some();
    let ymd = ym && (ri || HAO.find(b).is_some());
    let cn_month = ym && has_cn_year_digits(text);
    let cn = ymd && cn_month;
    let garbled = ri && has_digits_before_ri(text);
    let sep = memchr::memchr3(b'-', b'.', b'/', b).is_some();
    let compact = has_eight_digits(b);
    if !(ym || garbled || sep || compact) {
        return out;
    }
    if ymd {
        year_month_day(text, &mut out);
    }
    if sep {
        separated(text, &mut out);
    }
    if cn {
        chinese(text, &mut out);
    }
    if garbled {
        garbled_dates(text, &mut out);
    }
    if compact {
        compact_dates(text, &mut out);
    }
    if ym {
        year_month(text, &mut out);
    }
    if cn_month {
        chinese_month(text, &mut out);
    }
    leftmost_longest(out)
}

/// The reading at `all`, with its ISO value.
fn found(text: &str, all: regex::Match<'_>, value: String, repaired: bool, possible: bool) -> Reading {
    Reading {
        date: FoundDate {
            raw: text
                .get(all.start()..all.end())
                .unwrap_or_default()
                .to_string(),
            value,
            span: Span::new(all.start(), all.end()),
            repaired,
        },
        possible,
    }
}

/// `year "年" month "月" day ("日" | "号")`.
fn year_month_day(text: &str, out: &mut Vec<Reading>) {
    for c in YMD.captures_iter(text) {
        let (y, m, d) = (num(&c, 1), num(&c, 2), num(&c, 3));
        if let (Some(y), Some(m), Some(d), Some(all)) = (y, m, d, c.get(0)) {
            if plausible_year(y) {
                out.push(found(text, all, iso(y, m, d), false, valid(y, m, d)));
            }
        }
    }
}

/// `year ("-" | "." | "/") month sep day`, the same separator twice.
fn separated(text: &str, out: &mut Vec<Reading>) {
    for c in SEP.captures_iter(text) {
        let same_sep = c.get(2).map(|m| m.as_str()) == c.get(4).map(|m| m.as_str());
        let (y, m, d) = (num(&c, 1), num(&c, 3), num(&c, 5));
        if let (true, Some(y), Some(m), Some(d), Some(all)) = (same_sep, y, m, d, c.get(0)) {
            if plausible_year(y) {
                out.push(found(text, all, iso(y, m, d), false, valid(y, m, d)));
            }
        }
    }
}

/// `cn-year "年" cn-number "月" cn-number "日"`.
fn chinese(text: &str, out: &mut Vec<Reading>) {
    for c in CN.captures_iter(text) {
        let y = c.get(1).and_then(|m| cn_year(m.as_str()));
        let m = c.get(2).and_then(|m| cn_small(m.as_str()));
        let d = c.get(3).and_then(|m| cn_small(m.as_str()));
        if let (Some(y), Some(m), Some(d), Some(all)) = (y, m, d, c.get(0)) {
            if plausible_year(y) {
                out.push(found(text, all, iso(y, m, d), false, valid(y, m, d)));
            }
        }
    }
}

/// `year month-day ("日")?` with 年 and 月 lost (2021910日), repaired; not inside a longer
/// run of digits.
fn garbled_dates(text: &str, out: &mut Vec<Reading>) {
    for c in GARBLED.captures_iter(text) {
        let (Some(all), Some(y), Some(md)) = (c.get(0), num(&c, 1), c.get(2)) else {
            continue;
        };
        if follows_digit(text, all.start()) {
            continue;
        }
        if let Some((m, d)) = split_month_day(y, md.as_str()) {
            out.push(found(text, all, iso(y, m, d), true, true));
        }
    }
}

/// `year4 month2 day2` (20230815): exactly eight digits, a possible date.
fn compact_dates(text: &str, out: &mut Vec<Reading>) {
    for all in COMPACT.find_iter(text) {
        if follows_digit(text, all.start()) || text.as_bytes().get(all.end()).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let part = |r: std::ops::Range<usize>| all.as_str().get(r).and_then(|s| s.parse().ok());
        if let (Some(y), Some(m), Some(d)) = (part(0..4), part(4..6), part(6..8)) {
            if valid(y, m, d) {
                out.push(found(text, all, iso(y, m, d), false, true));
            }
        }
    }
}

/// `month = year "年" month "月"`, read as 2023-09.
fn year_month(text: &str, out: &mut Vec<Reading>) {
    for c in YM.captures_iter(text) {
        let (y, m) = (num(&c, 1), num(&c, 2));
        if let (Some(y), Some(m), Some(all)) = (y, m, c.get(0)) {
            if plausible_year(y) {
                let possible = days_in_month(y, m) > 0;
                out.push(found(text, all, format!("{y:04}-{m:02}"), false, possible));
            }
        }
    }
}

/// `month = cn-year "年" cn-number "月"`, read as 2010-05.
fn chinese_month(text: &str, out: &mut Vec<Reading>) {
    for c in CN_MONTH.captures_iter(text) {
        let y = c.get(1).and_then(|m| cn_year(m.as_str()));
        let m = c.get(2).and_then(|m| cn_small(m.as_str()));
        if let (Some(y), Some(m), Some(all)) = (y, m, c.get(0)) {
            if plausible_year(y) {
                let possible = days_in_month(y, m) > 0;
                out.push(found(text, all, format!("{y:04}-{m:02}"), false, possible));
            }
        }
    }
}

/// True when the char before byte `at` of `text` is an ASCII digit.
fn follows_digit(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|b| b.chars().next_back())
        .is_some_and(|c| c.is_ascii_digit())
}

/// Exact prefilter for COMPACT: eight ASCII digits in a row.
fn has_eight_digits(b: &[u8]) -> bool {
    let mut run = 0;
    for &c in b {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run == 8 {
            return true;
        }
    }
    false
}

/// The readings in text order, one inside an earlier, longer one left out.
fn leftmost_longest(mut out: Vec<Reading>) -> Vec<Reading> {
    out.sort_by_key(|r| (r.date.span.start, std::cmp::Reverse(r.date.span.end)));
    let mut kept: Vec<Reading> = Vec::with_capacity(out.len());
    for r in out {
        if kept.last().is_none_or(|k| k.date.span.end <= r.date.span.start) {
            kept.push(r);
        }
    }
    kept
}

fn num(c: &regex::Captures<'_>, i: usize) -> Option<u32> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

/// Reads a whole line as one date: "2023年9月4日", "(2023年1月2日)", "2023年8月15日(星期二)",
/// and the fully garbled signature-line form "2024327" (年, 月 and 日 all lost).
///
/// ```
/// use zhengce::recognize::date::parse_line;
/// assert_eq!(parse_line("(2023年1月2日)").unwrap().value, "2023-01-02");
/// assert_eq!(parse_line("2023年8月15日 星期二").unwrap().value, "2023-08-15");
/// assert!(parse_line("2024327").unwrap().repaired);
/// assert!(parse_line("2023年9月4日印发").is_none());
/// ```
pub fn parse_line(line: &str) -> Option<FoundDate> {
    whole_line(line, false)
}

/// Reads a whole line as one date or one month: a 落款 may print only the month
/// (2019年6月, 二〇一〇年五月).
///
/// ```
/// use zhengce::recognize::date::parse_line_or_month;
/// assert_eq!(parse_line_or_month("二〇一〇年五月").unwrap().value, "2010-05");
/// assert!(parse_line_or_month("2023年度").is_none());
/// ```
pub fn parse_line_or_month(line: &str) -> Option<FoundDate> {
    whole_line(line, true)
}

/// Reads a whole line as one date that the calendar does not have (2021年2月29日).
///
/// ```
/// use zhengce::recognize::date::impossible_line;
/// assert_eq!(impossible_line("2023年13月1日").unwrap().value, "2023-13-01");
/// assert!(impossible_line("2023年12月1日").is_none());
/// ```
pub fn impossible_line(line: &str) -> Option<FoundDate> {
    let (inner, offset) = line_date_part(line)?;
    let d = find_impossible(inner).into_iter().next()?;
    (d.span.start == 0 && d.span.end == inner.len()).then(|| FoundDate {
        span: d.span.shift(offset),
        ..d
    })
}

/// The part of a line a whole-line date must fill, and its offset: without surrounding
/// spaces and brackets and without a trailing weekday (星期二, (周二)). None when it cannot
/// start with a year (exact prefilter: a year starts with `\d`, a Chinese year digit, or
/// the ASCII digits of the garbled form).
fn line_date_part(line: &str) -> Option<(&str, usize)> {
    let inner = without_weekday(line).trim_matches(|c: char| c == ' ' || c == '(' || c == ')');
    if !inner.chars().next().is_some_and(is_year_char) {
        return None;
    }
    let offset = line.find(inner).unwrap_or(0);
    Some((inner, offset))
}

/// `s` without a weekday at its end: 星期二, 周二, (星期二), (周日).
fn without_weekday(s: &str) -> &str {
    let t = s.trim_end();
    let closed = t.strip_suffix(')');
    let t = closed.unwrap_or(t).trim_end();
    let Some(day) = t.chars().next_back() else {
        return s;
    };
    if !matches!(day, '一' | '二' | '三' | '四' | '五' | '六' | '日' | '天') {
        return s;
    }
    let head = t.get(..t.len() - day.len_utf8()).unwrap_or_default();
    let Some(head) = head
        .strip_suffix("星期")
        .or_else(|| head.strip_suffix('周'))
        .or_else(|| head.strip_suffix("礼拜"))
    else {
        return s;
    };
    let head = head.trim_end();
    match closed {
        Some(_) => head.strip_suffix('(').unwrap_or(s),
        None => head,
    }
}

fn whole_line(line: &str, month_ok: bool) -> Option<FoundDate> {
    let (inner, offset) = line_date_part(line)?;
    if let Some(d) = find_all(inner).into_iter().next() {
        let full = d.value.len() == 10 || (month_ok && d.value.len() == 7);
        if d.span.start == 0 && d.span.end == inner.len() && full {
            return Some(FoundDate {
                span: d.span.shift(offset),
                ..d
            });
        }
        return None;
    }
    let digits = inner.len() >= 6
        && inner.len() <= 8
        && inner.bytes().all(|b| b.is_ascii_digit())
        && (inner.starts_with("19") || inner.starts_with("20"));
    if digits {
        let y: u32 = inner.get(..4)?.parse().ok()?;
        let (m, d) = split_month_day(y, inner.get(4..)?)?;
        return Some(FoundDate {
            raw: inner.to_string(),
            value: iso(y, m, d),
            span: Span::new(offset, offset + inner.len()),
            repaired: true,
        });
    }
    None
}

/// A year range such as 2023—2025年 or 2020-2022年: (first year, last year).
///
/// ```
/// assert_eq!(zhengce::recognize::date::year_range("(2023—2025年)"), Some((2023, 2025)));
/// ```
pub fn year_range(s: &str) -> Option<(u32, u32)> {
    let c = RANGE.captures(s)?;
    let (a, b) = (num(&c, 1)?, num(&c, 2)?);
    (a <= b && (1900..=2100).contains(&a)).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<String> {
        find_all(s).into_iter().map(|d| d.value).collect()
    }

    #[test]
    fn fast_numeric_test_is_exact() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_numeric(c),
                c.is_numeric(),
                "the fast numeric test agrees with char::is_numeric on U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn dates_at_the_start_are_read_from_the_date_prefix() {
        for s in [
            "2023年2月2日在全市工作会议上",
            "二〇二三年九月四日通过",
            "2021910日发布",
            "2023-09-07 09:34",
            "2023 年 9 月全市",
            "2023年全市",
            "一是加强",
            "",
        ] {
            let whole = find_all(s).into_iter().next().filter(|d| d.span.start == 0);
            let prefix = find_all(date_prefix(s))
                .into_iter()
                .next()
                .filter(|d| d.span.start == 0);
            assert_eq!(
                prefix, whole,
                "the date at the start of {s:?} is read from its prefix"
            );
        }
    }

    #[test]
    fn printed_forms() {
        assert_eq!(values("2023年9月4日"), ["2023-09-04"], "年月日 form");
        assert_eq!(
            values("2023年 9 月 4 日"),
            ["2023-09-04"],
            "spaced 年月日 form"
        );
        assert_eq!(
            values("2023-09-07 09:34"),
            ["2023-09-07"],
            "ISO form with a time"
        );
        assert_eq!(values("2023.9.4"), ["2023-09-04"], "dotted form");
        assert_eq!(values("2023/9/4"), ["2023-09-04"], "slashed form");
        assert_eq!(
            values("二〇二三年九月四日"),
            ["2023-09-04"],
            "Chinese numerals"
        );
        assert_eq!(values("二○一一年七月二十八日"), ["2011-07-28"], "○ as zero");
        assert_eq!(
            values("二00八年九月七日"),
            ["2008-09-07"],
            "ASCII zeros in a Chinese year"
        );
        assert_eq!(values("2023年9月"), ["2023-09"], "year and month only");
        assert_eq!(values("二〇一〇年五月"), ["2010-05"], "Chinese year and month only");
        assert_eq!(values("20230815"), ["2023-08-15"], "compact form");
        assert_eq!(values("二O二三年八月十五日"), ["2023-08-15"], "Latin O as zero");
        assert_eq!(values("二零二三年八月十五日"), ["2023-08-15"], "零 as zero");
    }

    #[test]
    fn garbled_dates_are_repaired() {
        let d = find_all("并于2021930日前报送");
        assert_eq!(d[0].value, "2021-09-30", "年/月 lost inside running text");
        assert!(d[0].repaired, "marked repaired");
        let d = find_all("2021910日");
        assert_eq!(d[0].value, "2021-09-10", "seed 004 signature date");
    }

    #[test]
    fn the_calendar_is_checked() {
        for s in [
            "2021年2月29日",
            "2023年4月31日",
            "2023年13月1日",
            "2023年0月10日",
            "2023-02-30",
            "二〇二三年二月二十九日",
        ] {
            assert!(values(s).is_empty(), "{s} is no day of the calendar");
            assert_eq!(find_impossible(s).len(), 1, "{s} is reported as impossible");
        }
        assert_eq!(values("2020年2月29日"), ["2020-02-29"], "a leap day");
        assert_eq!(values("2000年2月29日"), ["2000-02-29"], "400 years make a leap year");
        assert!(values("1900年2月29日").is_empty(), "100 years do not");
    }

    #[test]
    fn compact_digits_must_stand_alone() {
        assert!(values("202308151").is_empty(), "nine digits are no date");
        assert!(values("20231301").is_empty(), "no 13th month");
        assert!(find_impossible("20231301").is_empty(), "nor a date's form to report");
        assert!(values("(2023—2025年)").is_empty(), "a year range is not a date");
    }

    #[test]
    fn weekdays_after_a_date_line() {
        for s in ["2023年8月15日(星期二)", "2023年8月15日 星期二", "2023年8月15日周二"] {
            assert_eq!(
                parse_line(s).map(|d| d.value),
                Some("2023-08-15".to_string()),
                "{s} is one date"
            );
        }
        assert!(parse_line("星期二").is_none(), "a weekday alone is no date");
    }

    #[test]
    fn ranges() {
        assert_eq!(
            year_range("2020-2022年"),
            Some((2020, 2022)),
            "hyphen range"
        );
        assert_eq!(year_range("2023—2025年"), Some((2023, 2025)), "dash range");
        assert!(
            values("(2022—2025年)").is_empty(),
            "a year range is not a date"
        );
    }
}
