//! The document's own title: the last title-like line (or lines) before the body.
//!
//! ```bnf
//! title      = issuer-line{0,7} title-line+       ; may wrap over up to four lines
//! issuer-line = org                               ; 中共河北雄安新区工作委员会 / 河北雄安新区管理委员会
//! title-line = ["# " | "**"] text genre-word [trailing-notes] [" " | "("] [doc-number [")"]]
//! genre-word = 通知 | 实施方案 | 意见 | 总结 | 办法 | …    ; grammars/doc_kinds.txt, longest match
//! trailing-notes = "(" … ")" | "》"                   ; (试行), (2021-2023年), 《…》
//! ```
//!
//! A title wraps when its 《 is not yet closed, or when it does not yet start with 关于 or
//! an issuer: 关于印发《滨海新区2020年“质量月” / 活动总结》的通知 is one title, and so is
//! 关于印发2022年《政府工作报告》 / 重点任务责任落实分工的通知 (a line ending in the 》 of a
//! carried title does not end the notice's title). Several issuers, one a line, go before it. A doc number
//! after the title on the same line (seed: …的通知 (津质量发〔2023〕3号)) is not part of it.
//!
//! Hands on [`Title`] with the offset where its genre word ends, so the frame can tell a
//! number printed after the title (the document's own) from one inside it (a citation).

use super::lexicon::{is_org, title_genre, TITLE_VERB};
use super::Line;
use crate::chars;
use crate::model::DocKind;
use crate::recognize::doc_number;
use crate::span::Span;

/// The title found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// Joined text.
    pub text: String,
    /// From its first to its last character.
    pub span: Span,
    /// Kind from its genre word.
    pub kind: DocKind,
    /// Indices (into the frame's line list) of its first and last line.
    pub lines: (usize, usize),
    /// Byte offset (in the document) where the title text ends.
    pub end: usize,
}

/// Most characters a title line may have.
const MAX_TITLE: usize = 150;
/// Most issuer lines above a title (联合发文: several organs, one a line).
const MAX_ISSUERS: usize = 7;
/// Most characters of a fragment joined to a wrapped title.
const MAX_FRAGMENT: usize = 60;

/// A line cleaned for reading as a title: Markdown marks removed, a trailing doc number cut.
/// Returns (start, end) byte offsets inside `line`.
pub fn title_part(line: &str) -> Option<(usize, usize)> {
    let mut start = line.len() - line.trim_start_matches(['#', '*', ' ', '>']).len();
    // A short site label before a colon: "北京:关于印发…的通知".
    if let Some(p) = line.find(':') {
        let label = line.get(start..p).unwrap_or_default();
        let rest = line.get(p + 1..).unwrap_or_default().trim_start();
        if (1..=6).contains(&label.chars().count())
            && title_genre(label).is_none()
            && TITLE_VERB.iter().any(|v| rest.starts_with(v))
        {
            start = line.len() - rest.len();
        }
    }
    let mut end = line.trim_end_matches(['*', ' ']).len();
    if start >= end {
        return None;
    }
    let body = line.get(start..end)?;
    let genre_end = title_genre(body).map(|(_, e)| start + e);
    // Only a number after the genre word cuts the title: without a genre word, none does.
    let numbers = if genre_end.is_some() {
        doc_number::find_all(line)
    } else {
        Vec::new()
    };
    for f in numbers {
        if f.number.span.start >= start
            && genre_end.is_some_and(|g| f.number.span.start >= g)
            && f.number.span.start < end
        {
            end = line
                .get(..f.number.span.start)?
                .trim_end_matches([' ', '(', '【', '['])
                .len();
            break;
        }
    }
    (start < end).then_some((start, end))
}

/// True when the line can end a title.
fn ends_title(line: &str) -> bool {
    let Some((s, e)) = title_part(line) else {
        return false;
    };
    let Some(t) = line.get(s..e) else {
        return false;
    };
    let n = t.chars().count();
    (2..=MAX_TITLE).contains(&n)
        && !t.contains('。')
        && !t.contains(':')
        && title_genre(t).is_some()
        && !super::is_heading(t)
}

fn fragment_ok(line: &str) -> bool {
    let n = line.chars().count();
    n <= MAX_FRAGMENT
        && !line.starts_with("附件")
        && !line.contains(['。', ':', ','])
        && doc_number::find_all(line).is_empty()
        && crate::recognize::date::parse_line(line).is_none()
        && !super::is_heading(line)
}

fn starts_like_title(s: &str) -> bool {
    TITLE_VERB.iter().any(|v| s.starts_with(v))
}

/// The text outside 《…》 (a verb inside a cited title does not start this title).
fn outside_quotes(s: &str) -> String {
    let mut depth = 0i32;
    s.chars()
        .filter(|c| {
            match c {
                '《' => depth += 1,
                '》' => depth -= 1,
                _ => return depth <= 0,
            }
            false
        })
        .collect()
}

/// A short parenthesized note printed on the line after a title: (2021-2023年), (试行).
fn trailing_note(line: &str) -> bool {
    let n = line.chars().count();
    line.starts_with('(')
        && line.ends_with(')')
        && (3..=20).contains(&n)
        && doc_number::find_all(line).is_empty()
        && crate::recognize::date::parse_line(line).is_none()
        && !line.contains("此件")
}

fn balance(s: &str) -> i32 {
    s.chars().fold(0, |b, c| match c {
        '《' => b + 1,
        '》' => b - 1,
        _ => b,
    })
}

/// The last title before line `before` (exclusive), skipping chrome and metadata lines.
pub fn find(lines: &[Line], skip: &[bool], before: usize) -> Option<Title> {
    let limit = before.min(lines.len());
    let mut best: Option<Title> = None;
    for i in 0..limit {
        let Some(l) = lines.get(i) else { break };
        if l.chrome || skip.get(i).copied().unwrap_or(false) || !ends_title(l.text) {
            continue;
        }
        if let Some(t) = title_at(lines, skip, i) {
            best = Some(t);
        }
    }
    best
}

/// title = [issuer-line] {fragment-line} title-line [trailing-note]: the title whose
/// genre word ends line `i`, joined with the fragments wrapped before it and a note such
/// as (征求意见稿) on the line after.
fn title_at(lines: &[Line], skip: &[bool], i: usize) -> Option<Title> {
    let l = lines.get(i)?;
    let (s, e) = title_part(l.text)?;
    let mut acc = l.text.get(s..e).unwrap_or_default().to_string();
    let mut start = l.span.start + s;
    let first = join_wrapped(lines, skip, i, &mut acc, &mut start);
    let kind = title_genre(&acc).map_or(DocKind::Other, |(k, _)| k);
    let mut last = i;
    let mut end = l.span.start + e;
    if e == l.text.len() {
        if let Some(next) = lines
            .get(i + 1)
            .filter(|n| !n.chrome && trailing_note(n.text))
        {
            acc.push_str(next.text);
            last = i + 1;
            end = next.span.end;
        }
    }
    Some(Title {
        text: acc,
        span: Span::new(start, end),
        kind,
        lines: (first, last),
        end,
    })
}

/// Joins to `acc` (the title on line `i`, starting at `start`) the earlier fragments of a
/// wrapped title — up to three lines, while its 《》 do not balance or it has no title
/// verb — then the lines naming its issuers (up to [`MAX_ISSUERS`]), and returns its
/// first line.
fn join_wrapped(lines: &[Line], skip: &[bool], i: usize, acc: &mut String, start: &mut usize) -> usize {
    let mut first = i;
    let mut issuers = 0;
    while first > 0 && first + 4 + issuers > i && issuers < MAX_ISSUERS {
        let outside = outside_quotes(acc);
        let has_verb = TITLE_VERB.iter().any(|v| outside.contains(v));
        let need = issuers == 0 && (balance(acc) < 0 || !has_verb);
        let Some(prev) = lines.get(first - 1) else {
            break;
        };
        if prev.chrome || skip.get(first - 1).copied().unwrap_or(false) {
            break;
        }
        let Some((ps, pe)) = title_part(prev.text) else {
            break;
        };
        let ptext = prev.text.get(ps..pe).unwrap_or_default();
        // A line ending in the 》 of a carried title goes on in the next line.
        let carried_open = need && ptext.ends_with('》');
        if (ends_title(prev.text) && !carried_open) || !fragment_ok(ptext) {
            break;
        }
        let take_issuer = (issuers > 0 || starts_like_title(acc)) && is_org(ptext);
        if !(need || take_issuer) {
            break;
        }
        *acc = format!("{ptext}{acc}");
        *start = prev.span.start + ps;
        first -= 1;
        if take_issuer && !need {
            issuers += 1;
        }
    }
    first
}

/// When no line ends in a genre word: the last headline-like line before the body (a news
/// headline, an attachment's title under 附件1). Its kind is unknown.
pub fn fallback(lines: &[Line], skip: &[bool], before: usize) -> Option<Title> {
    let limit = before.min(lines.len());
    let mut best = None;
    for i in 0..limit {
        let Some(l) = lines.get(i) else { break };
        if l.chrome || skip.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some((s, e)) = title_part(l.text) else {
            continue;
        };
        let t = l.text.get(s..e).unwrap_or_default();
        let n = t.chars().count();
        let han = t.chars().filter(|&c| chars::is_basic_han(c)).count();
        // A headline followed by the page's date and source line may hold a colon.
        let headline = skip.get(i + 1).copied().unwrap_or(false) && n <= MAX_TITLE;
        let ok = (6..=if headline { MAX_TITLE } else { MAX_FRAGMENT }).contains(&n)
            && han >= 4
            && !t.contains(['。', '|'])
            && (headline || !t.contains([':', ',']))
            && !t.contains("http")
            && !t.contains("www")
            && (headline || fragment_ok(t))
            && !t.starts_with('(')
            && (headline || !t.starts_with('《'))
            && balance(t) == 0;
        if ok {
            best = Some(Title {
                text: t.to_string(),
                span: Span::new(l.span.start + s, l.span.start + e),
                kind: DocKind::Other,
                lines: (i, i),
                end: l.span.start + e,
            });
        }
    }
    best
}
