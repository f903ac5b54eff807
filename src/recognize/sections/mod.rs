//! The numbered section hierarchy: 一、 (一) 1. 1、 (1) ① 第一部分 第一章 第一节 第一条 一是 附件1.
//!
//! Reads the body lines (chrome lines are never headings), finds the heading markers with
//! [`marker`], takes the heading text — up to the first 。 or ":" or the whole line, so
//! "(一)扩大安全优质农产品供给。推广……" has the heading 扩大安全优质农产品供给 and the rest
//! is its text — and finds 一是/二是 items where they open a sentence. [`tree`] then nests
//! them in the order the document uses its styles and checks the numbering.
//!
//! Hands on `doc.sections` (spans in the normalized text) and `heading_*` diagnostics.
//!
//! A text that opens with "附件1" and a title is the attachment itself: that label is not
//! a section and its 一、 are the top of the tree. A "附件N" label after the notice's
//! signature opens that attachment's part of the tree.

pub mod marker;
pub mod tree;

use std::sync::LazyLock;

use super::{frame, Input};
use crate::chars;
use crate::model::{Document, SectionStyle};
use crate::segment::LineKind;
use tree::Candidate;

/// Characters after which a new sentence starts (normalized text).
const SENTENCE_END: &[char] = &['。', ';', '!', '?', ':'];

/// Fills `doc.sections`.
pub fn recognize(input: &Input<'_>, doc: &mut Document) {
    let text = input.text;
    let mut cands: Vec<Candidate> = Vec::new();
    let mut stops: Vec<usize> = Vec::new();
    let mut prev_closed = true; // did the previous body line end a sentence or a heading?
    let mut shi_next: Option<u32> = None;
    let mut seen_date_line = false;
    let mut last_body_end = 0;
    let title = doc
        .title
        .as_ref()
        .map(|t| (t.span.end, frame::TitleKey::new(&t.text)));
    for line in input.segmented.body() {
        let content = line.text(text);
        // The title printed again after the body opens the page footer.
        if !cands.is_empty()
            && title
                .as_ref()
                .is_some_and(|(end, key)| line.content.start >= *end && key.repeated_by(content))
        {
            break;
        }
        last_body_end = line.content.end;
        let (lead, stripped) = strip_decoration(content);
        let base = line.content.start + lead;
        let line_end = line.content.end;
        if is_date_line(stripped) || marker::is_closing_line(stripped) {
            stops.push(line.content.start);
            seen_date_line = true;
            prev_closed = true;
            continue;
        }
        let mut found = false;
        if let Some((ordinal, len)) = marker::attachment(stripped) {
            let leading = cands.is_empty() && !seen_date_line;
            if !leading {
                let rest = stripped.get(len..).unwrap_or_default();
                cands.push(Candidate {
                    style: SectionStyle::Attachment,
                    ordinal: Some(ordinal),
                    damaged: false,
                    start: base,
                    marker: stripped
                        .get(..len)
                        .unwrap_or_default()
                        .trim_end()
                        .to_string(),
                    heading: clean(rest.trim().trim_start_matches(':')),
                    body_start: line_end,
                    line_end,
                });
            }
            prev_closed = true;
            shi_next = None;
            continue;
        }
        // A 附件 list: "附件:1.xxx" — the items are numbered lines.
        let (list_lead, item) = match stripped.strip_prefix("附件") {
            Some(r) if r.trim_start().starts_with(':') => {
                let r2 = r.trim_start().trim_start_matches(':').trim_start();
                (stripped.len() - r2.len(), r2)
            }
            _ => (0, stripped),
        };
        let list_item = list_lead > 0
            && marker::parse(item).is_some_and(|m| {
                matches!(m.style, SectionStyle::ArabicDot | SectionStyle::ArabicDun)
            });
        if list_item {
            cands.push(Candidate {
                style: SectionStyle::Attachment,
                ordinal: Some(1),
                damaged: false,
                start: base,
                marker: "附件".to_string(),
                heading: String::new(),
                body_start: base + list_lead,
                line_end,
            });
        }
        let mut rest_from = base; // where 一是 scanning starts
        if let Some(m) = marker::parse(item) {
            let accept = !m.damaged || m.len == 2 || prev_closed;
            let list_ok = list_lead == 0
                || matches!(m.style, SectionStyle::ArabicDot | SectionStyle::ArabicDun);
            if accept && list_ok {
                let start = base + list_lead;
                let after = item.get(m.len..).unwrap_or_default();
                let (heading, consumed) = heading_of(after, &['。', ':']);
                let body_start = start + m.len + consumed;
                if (!heading.is_empty() || m.style == SectionStyle::Chapter)
                    && !marker::is_chrome_heading(&heading)
                {
                    cands.push(Candidate {
                        style: m.style,
                        ordinal: m.ordinal,
                        damaged: m.damaged,
                        start,
                        marker: item.get(..m.len).unwrap_or_default().to_string(),
                        heading,
                        body_start,
                        line_end,
                    });
                    found = true;
                    shi_next = None;
                    rest_from = body_start;
                }
            }
        }
        // 一是 / 二是 where a sentence starts.
        let scan_from = rest_from.saturating_sub(line.content.start);
        let at_line_start = !found;
        scan_enum_shi(
            line.content.start,
            content,
            scan_from,
            at_line_start,
            line_end,
            &mut shi_next,
            &mut cands,
        );
        if let Some((offset, ordinal)) = glued_attachment(stripped) {
            let start = base + offset;
            cands.push(Candidate {
                style: SectionStyle::Attachment,
                ordinal: Some(ordinal),
                damaged: false,
                start,
                marker: stripped.get(offset..).unwrap_or_default().to_string(),
                heading: String::new(),
                body_start: line_end,
                line_end,
            });
            found = true;
        }
        prev_closed = found || content.trim_end_matches('*').ends_with(SENTENCE_END);
    }
    // The frame's signature and dates end the last section of the notice.
    for s in doc.signature.iter().map(|t| t.span) {
        stops.push(s.start);
    }
    if let Some(d) = &doc.dates.written {
        stops.push(d.span.start);
    }
    // So does the 附件 note (附件: 1. …) printed between the body and the signature.
    if let Some(a) = doc.attachments.first() {
        let lines = &input.segmented.lines;
        if let Some(i) = lines
            .iter()
            .position(|l| l.span.start <= a.span.start && a.span.start <= l.span.end)
        {
            // The items may follow a "附件:" line of their own.
            let head = lines
                .get(..=i)
                .unwrap_or_default()
                .iter()
                .rev()
                .filter(|l| l.kind != LineKind::Blank)
                .take(2)
                .find(|l| l.text(text).starts_with("附件"));
            if let Some(l) = head.or_else(|| lines.get(i)) {
                stops.push(l.content.start);
            }
        }
    }
    stops.sort_unstable();
    stops.dedup();
    let end = last_body_end;
    let mut diagnostics = Vec::new();
    doc.sections = tree::build(cands, text, end, &stops, &mut diagnostics);
    doc.diagnostics.append(&mut diagnostics);
}

/// Finds 是 (built once: building a searcher per line costs more than the search).
static SHI: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("是"));

/// Finds 一是/二是 items that open a sentence in `content` from byte `from` on.
fn scan_enum_shi(
    line_start: usize,
    content: &str,
    from: usize,
    at_line_start: bool,
    line_end: usize,
    shi_next: &mut Option<u32>,
    cands: &mut Vec<Candidate>,
) {
    let Some(tail) = content.get(from..) else {
        return;
    };
    // Exact prefilter: every item is read from a suffix of `tail` and needs its 是.
    if SHI.find(tail.as_bytes()).is_none() {
        return;
    }
    for pos in sentence_openings(content, from, at_line_start) {
        if let Some(item) = enum_item(content, pos, *shi_next) {
            let start = line_start + item.start;
            cands.push(Candidate {
                style: SectionStyle::EnumShi,
                ordinal: Some(item.n),
                damaged: false,
                start,
                body_start: start + item.marker.len() + item.consumed,
                marker: item.marker,
                heading: item.heading,
                line_end,
            });
            *shi_next = Some(item.n + 1);
        }
    }
}

/// Where a sentence opens in `content` from byte `from` on: at `from` when the line
/// starts there or a full stop precedes it, and after every full stop
/// ([`chars::is_full_stop`]); a list after ":" or ";" is an inline enumeration, not a run
/// of items.
fn sentence_openings(content: &str, from: usize, at_line_start: bool) -> Vec<usize> {
    let mut positions: Vec<usize> = Vec::new();
    let after_stop = content
        .get(..from)
        .and_then(|h| h.trim_end_matches([' ', '*']).chars().next_back())
        .is_some_and(chars::is_full_stop);
    if at_line_start || after_stop {
        positions.push(from);
    }
    let tail = content.get(from..).unwrap_or_default();
    // The lead byte of 。 begins a char, so a match is at a char boundary.
    for i in memchr::memchr3_iter(b'!', b'?', chars::lead('。'), tail.as_bytes()) {
        if let Some(c) = tail.get(i..).and_then(|t| t.chars().next()) {
            if chars::is_full_stop(c) {
                positions.push(from + i + c.len_utf8());
            }
        }
    }
    positions
}

/// An 一是 item read from a line.
struct EnumItem {
    /// Its number.
    n: u32,
    /// Byte offset of its marker in the line's content.
    start: usize,
    /// The marker (一是).
    marker: String,
    /// The heading after it.
    heading: String,
    /// The bytes the heading used, terminator included.
    consumed: usize,
}

/// `enum-shi` opening the sentence at byte `pos` of `content` (spaces and bold marks
/// skipped), numbered 1 or the number expected next.
fn enum_item(content: &str, pos: usize, shi_next: Option<u32>) -> Option<EnumItem> {
    let s = content.get(pos..)?;
    let trimmed = s.trim_start_matches([' ', '*']);
    let pos = pos + (s.len() - trimmed.len());
    let (n, len) = marker::enum_shi(trimmed)?;
    if n != 1 && shi_next != Some(n) {
        return None;
    }
    let after = trimmed.get(len..).unwrap_or_default();
    let (heading, consumed) = heading_of(after, &['。', ';', ':', '!', '?']);
    if heading.is_empty() {
        return None;
    }
    Some(EnumItem {
        n,
        start: pos,
        marker: trimmed.get(..len).unwrap_or_default().to_string(),
        heading,
        consumed,
    })
}

/// An attachment label glued by scraping to the end of the line before it
/// ("8.资金测算表附件1"): its byte offset and ordinal. "详见附件1" is a cross-reference.
fn glued_attachment(line: &str) -> Option<(usize, u32)> {
    let digits = line.len() - line.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 2 {
        return None;
    }
    let head = line.get(..line.len() - digits)?.strip_suffix("附件")?;
    let before = head.chars().next_back()?;
    if matches!(before, '见' | ':' | '、' | '和' | '及' | '(' | '《') || head.chars().count() < 4
    {
        return None;
    }
    let ordinal = line.get(line.len() - digits..)?.parse().ok()?;
    Some((head.len(), ordinal))
}

/// Leading Markdown decoration (#, *, >, spaces): its byte length and the rest.
fn strip_decoration(line: &str) -> (usize, &str) {
    let rest = line.trim_start_matches(['#', '*', '>', ' ', '\t']);
    (line.len() - rest.len(), rest)
}

/// The heading text at the start of `s`: up to the first terminator (not included) or
/// the whole line; and how many bytes of `s` it used, terminator included.
fn heading_of(s: &str, terminators: &[char]) -> (String, usize) {
    match chars::first_of(s, terminators) {
        Some((i, c)) => (clean(s.get(..i).unwrap_or_default()), i + c.len_utf8()),
        None => (clean(s), s.len()),
    }
}

/// A heading without Markdown bold marks and surrounding spaces.
fn clean(s: &str) -> String {
    if memchr::memchr(b'*', s.as_bytes()).is_none() {
        // No bold marks to remove: skip the copy `replace` would make.
        return s
            .trim()
            .trim_end_matches([';', ',', '、'])
            .trim_end()
            .to_string();
    }
    s.replace("**", "")
        .trim()
        .trim_end_matches([';', ',', '、'])
        .trim_end()
        .to_string()
}

/// A line that is only a date: 2023年9月4日, 二〇二三年九月四日 (the signature date).
fn is_date_line(line: &str) -> bool {
    line.ends_with('日')
        && (6..=18).contains(&line.chars().count())
        && line.contains('年')
        && line.contains('月')
        && line.chars().all(|c| {
            c.is_ascii_digit()
                || c == ' '
                || matches!(c, '年' | '月' | '日')
                || crate::recognize::numeral::is_numeral_char(c)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_stop_at_the_first_full_stop_or_colon() {
        assert_eq!(heading_of("扩大供给。推广", &['。', ':']).0, "扩大供给");
        assert_eq!(heading_of("**总体要求**", &['。', ':']).0, "总体要求");
        assert_eq!(
            heading_of("市场监管部门:开展", &['。', ':']).0,
            "市场监管部门"
        );
    }

    #[test]
    fn terminators_found_by_bytes_as_by_chars() {
        for stops in [
            &['。', ';', ':', '!', '?'][..],
            &['。', ':'][..],
            &['、'][..],
        ] {
            for s in [
                "扩大供给。推广",
                "《条例》、办法;其他",
                "无终止符",
                "",
                "a:b",
                "都是!",
            ] {
                assert_eq!(
                    chars::first_of(s, stops),
                    s.char_indices().find(|(_, c)| stops.contains(c)),
                    "the byte search finds the first of {stops:?} in {s:?}"
                );
            }
        }
    }

    #[test]
    fn date_lines_are_recognized() {
        assert!(is_date_line("2023年9月4日"), "an Arabic date line");
        assert!(is_date_line("二〇二三年九月四日"), "a Chinese date line");
        assert!(!is_date_line("一、总体要求"), "a heading is not a date");
    }
}
