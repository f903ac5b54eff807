//! The numbered section hierarchy: 一、 (一) 1. 1、 (1) ① 第一部分 第一章 第一节 第一条 一是 附件1.
//!
//! Reads the body lines (chrome lines are never headings), finds the heading markers with
//! [`marker`], takes the heading text — up to the first 。 or ":" or the whole line, so
//! "(一)扩大安全优质农产品供给。推广……" has the heading 扩大安全优质农产品供给 and the rest
//! is its text — and finds 一是/二是 items where they open a sentence. The assembler then nests
//! them in the order the document uses its styles and checks the numbering.
//!
//! Hands on an [`Outline`]: the headings in text order (spans in the normalized text) and
//! where sections stop; the assembler nests them and checks the numbering.
//!
//! A text that opens with "附件1" and a title is the attachment itself: that label is not
//! a section and its 一、 are the top of the tree. A "附件N" label after the notice's
//! signature opens that attachment's part of the tree.

pub mod marker;

use std::sync::LazyLock;

use super::frame::{self, Frame};
use crate::chars;
use crate::model::SectionStyle;
use crate::segment::{LineKind, Segmented};

/// Characters after which a new sentence starts (normalized text).
const SENTENCE_END: &[char] = &['。', ';', '!', '?', ':'];


/// A heading found in the text, before it is placed in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Numbering style (a guess when `damaged`).
    pub style: SectionStyle,
    /// The printed ordinal, or `None` when it was lost.
    pub ordinal: Option<u32>,
    /// True when the marker is damaged and must be repaired from the sequence.
    pub damaged: bool,
    /// Byte offset of the marker.
    pub start: usize,
    /// The marker as printed.
    pub marker: String,
    /// The heading text.
    pub heading: String,
    /// Where the section's own text starts (after the heading).
    pub body_start: usize,
    /// End of the line the heading is on; an 一是 item ends there at the latest.
    pub line_end: usize,
}

/// The headings of a document in text order, and where sections must stop: what the
/// assembler nests into the section tree.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Every heading found, in text order.
    pub headings: Vec<Candidate>,
    /// Sorted offsets no section runs past unless a child does (signature, date lines).
    pub stops: Vec<usize>,
    /// Where the last section ends: the end of the last body line read.
    pub end: usize,
}

/// The state of the line-by-line reading of the body.
struct Reader {
    /// Headings found so far.
    cands: Vec<Candidate>,
    /// Offsets of closing and date lines.
    stops: Vec<usize>,
    /// Did the previous body line end a sentence or a heading?
    prev_closed: bool,
    /// The ordinal the next 一是 item must have (after the first).
    shi_next: Option<u32>,
    /// Was a date line read (a 附件 label after it opens an attachment)?
    seen_date_line: bool,
}

/// One body line: where its content starts and ends, its Markdown decoration stripped.
struct BodyLine<'t> {
    /// The line's trimmed text.
    content: &'t str,
    /// Where `content` starts.
    start: usize,
    /// Where `content` ends.
    end: usize,
    /// `content` without its leading decoration.
    stripped: &'t str,
    /// Where `stripped` starts.
    base: usize,
}

/// Reads the headings of the body lines.
pub fn recognize(text: &str, segmented: &Segmented, frame: &Frame) -> Outline {
    let mut reader = Reader {
        cands: Vec::new(),
        stops: Vec::new(),
        prev_closed: true,
        shi_next: None,
        seen_date_line: false,
    };
    let mut last_body_end = 0;
    let title = frame
        .title
        .as_ref()
        .map(|t| (t.span.end, frame::TitleKey::new(&t.text)));
    for line in segmented.body() {
        let content = line.text(text);
        // The title printed again after the body opens the page footer.
        if !reader.cands.is_empty()
            && title
                .as_ref()
                .is_some_and(|(end, key)| line.content.start >= *end && key.repeated_by(content))
        {
            break;
        }
        last_body_end = line.content.end;
        let (lead, stripped) = strip_decoration(content);
        reader.line(&BodyLine {
            content,
            start: line.content.start,
            end: line.content.end,
            stripped,
            base: line.content.start + lead,
        });
    }
    let mut stops = reader.stops;
    stops.extend(closing_stops(text, segmented, frame));
    stops.sort_unstable();
    stops.dedup();
    Outline {
        headings: reader.cands,
        stops,
        end: last_body_end,
    }
}

/// The frame's signature and dates end the last section of the notice; so does the 附件
/// note (附件: 1. …) printed between the body and the signature.
fn closing_stops(text: &str, segmented: &Segmented, frame: &Frame) -> Vec<usize> {
    let mut stops: Vec<usize> = frame.signature.iter().map(|t| t.span.start).collect();
    if let Some(d) = &frame.dates.written {
        stops.push(d.span.start);
    }
    if let Some(a) = frame.attachments.first() {
        let lines = &segmented.lines;
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
    stops
}

impl Reader {
    /// body-line = closing-line | attachment-label | [attachment-list] [heading] {enum-shi}
    ///             [glued-attachment]
    fn line(&mut self, line: &BodyLine<'_>) {
        let stripped = line.stripped;
        if is_date_line(stripped) || marker::is_closing_line(stripped) {
            self.stops.push(line.start);
            self.seen_date_line = true;
            self.prev_closed = true;
            return;
        }
        if let Some((ordinal, len)) = marker::attachment(stripped) {
            self.attachment_label(line, ordinal, len);
            return;
        }
        let (list_lead, item) = attachment_list(stripped);
        if list_lead > 0 && is_list_marker(item) {
            self.cands.push(Candidate {
                style: SectionStyle::Attachment,
                ordinal: Some(1),
                damaged: false,
                start: line.base,
                marker: "附件".to_string(),
                heading: String::new(),
                body_start: line.base + list_lead,
                line_end: line.end,
            });
        }
        let heading_end = self.heading(line, list_lead, item);
        let mut found = heading_end.is_some();
        // 一是 / 二是 where a sentence starts.
        let rest_from = heading_end.unwrap_or(line.base);
        scan_enum_shi(
            line.start,
            line.content,
            rest_from.saturating_sub(line.start),
            !found,
            line.end,
            &mut self.shi_next,
            &mut self.cands,
        );
        if let Some((offset, ordinal)) = glued_attachment(stripped) {
            self.cands.push(Candidate {
                style: SectionStyle::Attachment,
                ordinal: Some(ordinal),
                damaged: false,
                start: line.base + offset,
                marker: stripped.get(offset..).unwrap_or_default().to_string(),
                heading: String::new(),
                body_start: line.end,
                line_end: line.end,
            });
            found = true;
        }
        self.prev_closed = found || line.content.trim_end_matches('*').ends_with(SENTENCE_END);
    }

    /// attachment-label = "附件" number [":"] [title]: a section, unless it opens the text
    /// (then the text is the attachment itself).
    fn attachment_label(&mut self, line: &BodyLine<'_>, ordinal: u32, len: usize) {
        let leading = self.cands.is_empty() && !self.seen_date_line;
        if !leading {
            let rest = line.stripped.get(len..).unwrap_or_default();
            self.cands.push(Candidate {
                style: SectionStyle::Attachment,
                ordinal: Some(ordinal),
                damaged: false,
                start: line.base,
                marker: line
                    .stripped
                    .get(..len)
                    .unwrap_or_default()
                    .trim_end()
                    .to_string(),
                heading: clean(rest.trim().trim_start_matches(':')),
                body_start: line.end,
                line_end: line.end,
            });
        }
        self.prev_closed = true;
        self.shi_next = None;
    }

    /// heading = marker heading-text ("。" | ":" | end of line): where the section's own
    /// text starts, when `item` (after an attachment list's lead) is a heading.
    fn heading(&mut self, line: &BodyLine<'_>, list_lead: usize, item: &str) -> Option<usize> {
        let m = marker::parse(item)?;
        let accept = !m.damaged || m.len == 2 || self.prev_closed;
        let list_ok =
            list_lead == 0 || matches!(m.style, SectionStyle::ArabicDot | SectionStyle::ArabicDun);
        if !(accept && list_ok) {
            return None;
        }
        let start = line.base + list_lead;
        let after = item.get(m.len..).unwrap_or_default();
        let (heading, consumed) = heading_of(after, &['。', ':']);
        let body_start = start + m.len + consumed;
        if (heading.is_empty() && m.style != SectionStyle::Chapter)
            || marker::is_chrome_heading(&heading)
        {
            return None;
        }
        self.cands.push(Candidate {
            style: m.style,
            ordinal: m.ordinal,
            damaged: m.damaged,
            start,
            marker: item.get(..m.len).unwrap_or_default().to_string(),
            heading,
            body_start,
            line_end: line.end,
        });
        self.shi_next = None;
        Some(body_start)
    }
}

/// attachment-list = "附件" ":" item: the lead's length and the item, or (0, the line).
fn attachment_list(stripped: &str) -> (usize, &str) {
    match stripped.strip_prefix("附件") {
        Some(r) if r.trim_start().starts_with(':') => {
            let r2 = r.trim_start().trim_start_matches(':').trim_start();
            (stripped.len() - r2.len(), r2)
        }
        _ => (0, stripped),
    }
}

/// True when an attachment list's item opens with 1. or 1、.
fn is_list_marker(item: &str) -> bool {
    marker::parse(item)
        .is_some_and(|m| matches!(m.style, SectionStyle::ArabicDot | SectionStyle::ArabicDun))
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
    let Some(positions) = sentence_starts(content, from, at_line_start) else {
        return;
    };
    for pos in positions {
        let Some(s) = content.get(pos..) else {
            continue;
        };
        let trimmed = s.trim_start_matches([' ', '*']);
        let pos = pos + (s.len() - trimmed.len());
        let Some((n, len)) = marker::enum_shi(trimmed) else {
            continue;
        };
        let ok = n == 1 || *shi_next == Some(n);
        if !ok {
            continue;
        }
        let after = trimmed.get(len..).unwrap_or_default();
        let (heading, consumed) = heading_of(after, &['。', ';', ':', '!', '?']);
        if heading.is_empty() {
            continue;
        }
        let start = line_start + pos;
        cands.push(Candidate {
            style: SectionStyle::EnumShi,
            ordinal: Some(n),
            damaged: false,
            start,
            marker: trimmed.get(..len).unwrap_or_default().to_string(),
            heading,
            body_start: start + len + consumed,
            line_end,
        });
        *shi_next = Some(n + 1);
    }
}

/// Where a sentence may start in `content` from byte `from` on: at `from` itself when it
/// opens the line or follows a full stop, and after every full stop. `None` when the rest
/// of the line has no 是, so no item.
fn sentence_starts(content: &str, from: usize, at_line_start: bool) -> Option<Vec<usize>> {
    let tail = content.get(from..)?;
    // Exact prefilter: every item is read from a suffix of `tail` and needs its 是.
    SHI.find(tail.as_bytes())?;
    let mut positions: Vec<usize> = Vec::new();
    let after_stop = content
        .get(..from)
        .and_then(|h| h.trim_end_matches([' ', '*']).chars().next_back())
        .is_some_and(chars::is_full_stop);
    if at_line_start || after_stop {
        positions.push(from);
    }
    // After every full stop ([`chars::is_full_stop`]): an 一是 item opens a sentence, and
    // a list after ":" or ";" is an inline enumeration, not a run of items. The lead byte
    // of 。 begins a char, so a match is at a char boundary.
    for i in memchr::memchr3_iter(b'!', b'?', chars::lead('。'), tail.as_bytes()) {
        if let Some(c) = tail.get(i..).and_then(|t| t.chars().next()) {
            if chars::is_full_stop(c) {
                positions.push(from + i + c.len_utf8());
            }
        }
    }
    Some(positions)
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
