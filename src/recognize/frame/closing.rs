//! The end of a notice: the written date (成文日期), the signature block (落款) above it, the
//! disclosure note, the attachment list and the 版记 (抄送, 印发机关 and 印发日期).
//!
//! ```bnf
//! closing     = [attachments] signature* date-line [disclosure]
//! date-line   = [org " "+] date [weekday]        ; 2023年9月4日, 2021910日 (repaired)
//!             | [org " "+] month                 ; 2019年6月: only when no line has a full date
//!             | date-start NL date-rest          ; 2023年 / 8月15日: broken by PDF extraction
//! signature   = org | "(" org "代章" ")"         ; one entry a line
//! attachments = "附件" ":" [index] title (index title)*
//! index       = digit+ ("." | "、")
//! disclosure  = ["("] "此件" (公开发布 | 主动公开 | …) [")"]   ; grammars/frame_words.txt
//! 版记        = "抄送" ":" unit ("," unit)* ; org " "* date "印发"
//! ```

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::lexicon::{is_org, DISCLOSURE, SEAL};
use super::Line;
use crate::model::{Attachment, Diagnostic, TextSpan};
use crate::recognize::date::{self, FoundDate};
use crate::span::Span;

/// A written-date line and where it is in the line list.
pub struct DateLine {
    /// Index into the frame's lines.
    pub index: usize,
    /// The date.
    pub date: FoundDate,
    /// A signature printed before the date on the same line.
    pub signer: Option<TextSpan>,
}

/// Reads a line as a written-date line: a date alone, or an organisation then the date;
/// with `month_ok`, a month alone (2019年6月) too.
pub fn date_line(l: &Line, month_ok: bool) -> Option<(FoundDate, Option<TextSpan>)> {
    let t = l.text;
    if t.ends_with("印发") || t.ends_with("通过") || t.ends_with("发布") {
        return None;
    }
    // Every full date ends in 日, 号 or a digit, a month in 月, and a weekday may follow
    // either: most lines are refused without a search.
    let last = t.trim_end_matches([' ', '(', ')']).chars().next_back();
    let weekday = t.contains("星期") || t.contains('周') || t.contains("礼拜");
    if !weekday
        && !last.is_some_and(|c| c == '日' || c == '号' || (month_ok && c == '月') || date::is_numeric(c))
    {
        return None;
    }
    let whole = if month_ok {
        date::parse_line_or_month(t)
    } else {
        date::parse_line(t)
    };
    if let Some(d) = whole {
        return Some((
            FoundDate {
                span: d.span.shift(l.span.start),
                ..d
            },
            None,
        ));
    }
    // Exact prefilter: the text before the date must be an organisation name, which never
    // holds these marks, and neither a date nor the ") " after it does.
    if t.contains(['。', ',', ':', ';']) {
        return None;
    }
    let last = date::find_all(t).into_iter().last()?;
    let rest = t.get(last.span.end..)?.trim_matches([' ', ')']);
    let before = t.get(..last.span.start)?.trim_end();
    let full = last.value.len() == 10 || (month_ok && last.value.len() == 7);
    if !rest.is_empty() || !full || before.is_empty() || !is_org(before) {
        return None;
    }
    let signer = TextSpan::new(before, Span::new(l.span.start, l.span.start + before.len()));
    Some((
        FoundDate {
            span: last.span.shift(l.span.start),
            ..last
        },
        Some(signer),
    ))
}

/// A date broken over two lines by PDF extraction (2023年 / 8月15日, 二〇二三年八月 / 十五日):
/// the first line ends in 年 or 月 and both read as one date alone. The span runs from the
/// first line to the second, line break included.
pub fn broken_date(first: &Line, second: &Line, text: &str) -> Option<FoundDate> {
    if !first.text.ends_with(['年', '月']) || first.text.chars().count() > 12 {
        return None;
    }
    let joined = format!("{}{}", first.text, second.text);
    let d = date::parse_line(&joined)?;
    let cut = first.text.len();
    let at = |p: usize| {
        if p <= cut {
            first.span.start + p
        } else {
            second.span.start + (p - cut)
        }
    };
    let span = Span::new(at(d.span.start), at(d.span.end));
    Some(FoundDate {
        raw: text.get(span.start..span.end)?.to_string(),
        span,
        ..d
    })
}

/// The first written-date line at or after `from`, else the first before it. A line
/// printing only the month counts when no line prints a full date.
pub fn written(lines: &[Line], skip: &[bool], from: usize, text: &str) -> Option<DateLine> {
    written_as(lines, skip, from, text, false).or_else(|| written_as(lines, skip, from, text, true))
}

fn written_as(
    lines: &[Line],
    skip: &[bool],
    from: usize,
    text: &str,
    month_ok: bool,
) -> Option<DateLine> {
    let usable = |i: usize| {
        lines
            .get(i)
            .filter(|l| !l.chrome && !skip.get(i).copied().unwrap_or(false))
    };
    let scan = |range: std::ops::Range<usize>| {
        range
            .filter_map(|i| {
                let l = usable(i)?;
                if let Some((date, signer)) = date_line(l, month_ok) {
                    // A month alone is a written date only under a signature.
                    let signed = signer.is_some()
                        || i.checked_sub(1)
                            .and_then(&usable)
                            .is_some_and(|p| is_org(p.text));
                    if date.value.len() != 10 && !signed {
                        return None;
                    }
                    return Some(DateLine {
                        index: i,
                        date,
                        signer,
                    });
                }
                let next = usable(i + 1)?;
                broken_date(l, next, text).map(|date| DateLine {
                    index: i,
                    date,
                    signer: None,
                })
            })
            .next()
    };
    let after = scan(from..lines.len());
    // A dateline counts only before the date line found (it wins only when earlier), so
    // the search stops there.
    let dateline_end = after.as_ref().map_or(lines.len(), |a| a.index);
    let dateline = lines
        .iter()
        .enumerate()
        .take(dateline_end)
        .find_map(|(i, l)| {
            if l.chrome || skip.get(i).copied().unwrap_or(false) {
                return None;
            }
            dateline(l).map(|date| DateLine {
                index: i,
                date,
                signer: None,
            })
        });
    match (after, dateline) {
        (Some(a), Some(d)) => Some(if d.index < a.index { d } else { a }),
        (Some(a), None) => Some(a),
        (None, Some(d)) => Some(d),
        // Before the body, a bare ISO date is the page's publication stamp, not a 成文日期.
        (None, None) => scan(0..from.min(lines.len())).filter(|d| d.date.raw.contains('年')),
    }
}

/// A dateline under a speech or report title ("——2023年2月2日在…会议上") or an adoption
/// line of a resolution ("一九五○年一月十日通过"): the date it was delivered or adopted.
pub fn dateline(l: &Line) -> Option<FoundDate> {
    let dashed = l.text.starts_with('—');
    let t = l.text.trim_start_matches(['—', '-', '(', ' ']);
    let offset = l.text.len() - t.len();
    if !opens_with_full_date(t) {
        return None;
    }
    // Only a date at offset 0 counts: read it from the date characters at the start.
    let d = date::find_all(date::date_prefix(t)).into_iter().next()?;
    if d.span.start != 0 || d.value.len() != 10 {
        return None;
    }
    let rest = t.get(d.span.end..)?.trim_start();
    let ok = (dashed && rest.starts_with('在')) || rest.starts_with("通过");
    ok.then(|| FoundDate {
        span: d.span.shift(l.span.start + offset),
        ..d
    })
}

/// A digit of a year or a month written in Chinese (二〇二三年九月).
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '○' | '零' | 'O' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// True when `t` opens like a full date: four year digits (ASCII or other decimal digits,
/// or the digits of a year written in Chinese: 二〇二三, 二00八, 一九五○), then, after
/// spaces, a separator (-./), another digit (年/月 lost: 2021910日), or 年 and, after
/// spaces, a month digit. Exact prefilter for [`dateline`]: every full date that
/// [`date::find_all`] can read at offset 0 has that shape (`\d{4} *年 *\d`, `\d{4}[-./]`,
/// `[〇…九]{4} *年 *[〇…十]`, `(19|20)\d{2}\d{2,4}日`), and every `\d` is numeric.
fn opens_with_full_date(t: &str) -> bool {
    let mut chars = t.chars();
    let year = (0..4).all(|_| {
        chars
            .next()
            .is_some_and(|c| is_cn_digit(c) || date::is_numeric(c))
    });
    if !year {
        return false;
    }
    let mut rest = chars.skip_while(|&c| c == ' ');
    match rest.next() {
        Some('-' | '.' | '/') => true,
        Some('年') => rest
            .find(|&c| c != ' ')
            .is_some_and(|c| c == '十' || is_cn_digit(c) || date::is_numeric(c)),
        Some(c) => date::is_numeric(c),
        None => false,
    }
}

/// A diagnostic for each line at or after `from` that prints a date the calendar does not
/// have (2021年2月29日): it is never read as the written date, and this says why.
pub fn impossible_dates(lines: &[Line], skip: &[bool], from: usize) -> Vec<Diagnostic> {
    lines
        .iter()
        .enumerate()
        .skip(from)
        .filter(|(i, l)| !l.chrome && !skip.get(*i).copied().unwrap_or(false))
        .filter_map(|(_, l)| {
            let d = date::impossible_line(l.text)?;
            Some(impossible(&d, l.span.start))
        })
        .collect()
}

/// The diagnostic for an impossible date found at `base` of the text.
pub fn impossible(d: &FoundDate, base: usize) -> Diagnostic {
    Diagnostic::warning(
        "date_impossible",
        format!("{} is no day of the calendar (read as {}): not used", d.raw, d.value),
        Some(d.span.shift(base)),
    )
}

/// The signature lines directly above the date line (top to bottom).
pub fn signature(lines: &[Line], date: &DateLine) -> Vec<TextSpan> {
    let mut out = Vec::new();
    let mut i = date.index;
    while i > 0 && out.len() < 4 {
        i -= 1;
        let Some(l) = lines.get(i) else { break };
        if l.chrome {
            break;
        }
        let t = l.text;
        let inner = t.trim_matches(['(', ')', ' ']);
        let seal = SEAL.iter().any(|s| inner.ends_with(s)) && inner.chars().count() <= 40;
        let org = is_org(t) && !super::is_heading(t) && !t.starts_with("附件");
        if !(seal || org) {
            break;
        }
        out.push(TextSpan::new(t, l.span));
    }
    out.reverse();
    if let Some(s) = &date.signer {
        out.push(s.clone());
    }
    out
}

/// True when `s` has more than `n` chars; decided by the byte length alone when it is
/// at most `n` (a char takes at least one byte) or over `4 * n` (at most four).
fn longer_than(s: &str, n: usize) -> bool {
    s.len() > n && (s.len() > 4 * n || s.chars().count() > n)
}

/// The first letters of the disclosure words, each with its searcher: a line holding none
/// of them holds no disclosure word (exact prefilter before the word search).
static DISCLOSURE_LEADS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    let mut leads: Vec<&'static str> = DISCLOSURE
        .iter()
        .filter_map(|w| {
            w.char_indices()
                .nth(1)
                .map(|(i, _)| w.get(..i))
                .unwrap_or(Some(w))
        })
        .collect();
    leads.sort_unstable();
    leads.dedup();
    leads.into_iter().map(memchr::memmem::Finder::new).collect()
});

/// Any disclosure word: one pass over a line instead of one search per word.
static DISCLOSURE_ANY: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(DISCLOSURE.iter()).unwrap_or_else(|e| panic!("disclosure words: {e}"))
});

/// The disclosure note (此件公开发布 …) on a short line at or after `from`.
pub fn disclosure(lines: &[Line], from: usize) -> Option<TextSpan> {
    for l in lines.iter().skip(from) {
        if l.chrome
            || longer_than(l.text, 30)
            || !DISCLOSURE_LEADS
                .iter()
                .any(|f| f.find(l.text.as_bytes()).is_some())
            || !DISCLOSURE_ANY.is_match(l.text)
        {
            continue;
        }
        for w in DISCLOSURE.iter() {
            if let Some(p) = l.text.find(w) {
                let tail = l.text.get(p..)?;
                let end = tail.find(')').unwrap_or(tail.len());
                let note = tail.get(..end)?.trim();
                let s = l.span.start + p;
                return Some(TextSpan::new(note, Span::new(s, s + note.len())));
            }
        }
    }
    None
}

static ATTACHMENT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^附 *件 *:\s*(.*)$").unwrap_or_else(|e| panic!("attachment regex: {e}"))
});
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})? *[.、]? *(\S.*)$").unwrap_or_else(|e| panic!("numbered regex: {e}"))
});
static NUMBERED_STRICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}) *[.、] *(\S.*)$").unwrap_or_else(|e| panic!("numbered regex: {e}"))
});

/// The attachment list: "附件:" then one title, or numbered titles on the same and the
/// following lines.
pub fn attachments(lines: &[Line], from: usize) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    let Some((head, l)) = lines
        .iter()
        .enumerate()
        .skip(from)
        // The regex is anchored on 附: test that byte prefix first.
        .find(|(_, l)| !l.chrome && l.text.starts_with('附') && ATTACHMENT_HEAD.is_match(l.text))
    else {
        return out;
    };
    let rest = ATTACHMENT_HEAD
        .captures(l.text)
        .and_then(|c| c.get(1))
        .map_or((0, ""), |m| (m.start(), m.as_str()));
    if !rest.1.trim().is_empty() {
        if let Some(c) = NUMBERED.captures(rest.1) {
            let index = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(1);
            if let Some(t) = c.get(2) {
                let s = l.span.start + rest.0 + t.start();
                out.push(Attachment {
                    index,
                    title: t.as_str().trim().to_string(),
                    span: Span::new(s, s + t.as_str().trim().len()),
                });
            }
        }
    }
    for l in lines.iter().skip(head + 1).take(30) {
        let Some(c) = NUMBERED_STRICT.captures(l.text) else {
            break;
        };
        let index: u32 = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        let expected = out.last().map_or(1, |a| a.index + 1);
        if index != expected {
            break;
        }
        if let Some(t) = c.get(2) {
            let s = l.span.start + t.start();
            out.push(Attachment {
                index,
                title: t.as_str().trim().to_string(),
                span: Span::new(s, s + t.as_str().trim().len()),
            });
        }
    }
    out
}

/// What the 版记 says.
#[derive(Default)]
pub struct Colophon {
    /// 抄送 units.
    pub cc: Vec<TextSpan>,
    /// 印发机关.
    pub printed_by: Option<TextSpan>,
    /// 印发日期.
    pub printed: Option<FoundDate>,
}

static CC_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^抄 *送 *:\s*(.*)$").unwrap_or_else(|e| panic!("cc regex: {e}")));

/// Splits a list of units at , ; and, when every piece stays a name, at 、.
pub fn split_units(s: &str, base: usize) -> Vec<TextSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes_end = s.len();
    let push = |a: usize, b: usize, out: &mut Vec<TextSpan>| {
        let piece = s.get(a..b).unwrap_or_default();
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim().trim_end_matches(['。', ':']);
        if !t.is_empty() {
            out.push(TextSpan::new(
                t,
                Span::new(base + a + lead, base + a + lead + t.len()),
            ));
        }
    };
    for (i, c) in s.char_indices() {
        if matches!(c, ',' | ';') {
            push(start, i, &mut out);
            start = i + c.len_utf8();
        }
    }
    push(start, bytes_end, &mut out);
    out
}

/// The 版记 among the last lines of the document.
pub fn colophon(lines: &[Line]) -> Colophon {
    let mut c = Colophon::default();
    let from = lines.len().saturating_sub(30);
    for l in lines.iter().skip(from) {
        if l.chrome {
            continue;
        }
        // The regex is anchored on 抄: test that prefix first.
        let cc = l.text.starts_with('抄').then(|| CC_HEAD.captures(l.text));
        if let Some(m) = cc.flatten().and_then(|m| m.get(1)) {
            let base = l.span.start + m.start();
            for piece in split_units(m.as_str(), 0) {
                let sub: Vec<&str> = piece.text.split('、').collect();
                if sub.len() > 1 && sub.iter().all(|p| p.chars().count() >= 3) {
                    let mut off = piece.span.start;
                    for p in sub {
                        c.cc.push(TextSpan::new(
                            p,
                            Span::new(base + off, base + off + p.len()),
                        ));
                        off += p.len() + '、'.len_utf8();
                    }
                } else {
                    c.cc.push(TextSpan::new(piece.text, piece.span.shift(base)));
                }
            }
            continue;
        }
        if let Some(body) = l.text.strip_suffix("印发") {
            if let Some(d) = date::find_all(body).into_iter().last() {
                let org = body.get(..d.span.start).unwrap_or_default().trim();
                if body.get(d.span.end..).unwrap_or_default().trim().is_empty() {
                    if !org.is_empty() {
                        let s = l.span.start;
                        c.printed_by = Some(TextSpan::new(org, Span::new(s, s + org.len())));
                    }
                    c.printed = Some(FoundDate {
                        span: d.span.shift(l.span.start),
                        ..d
                    });
                }
            }
        }
    }
    c
}
