//! Repairs of the heading list read line by line: what extraction and page rendering did
//! to the structure around the body.
//!
//! ```text
//! table-of-contents = 目录 entry entry+  (each a heading line alone, nothing but white space
//!                                    between them; the first printed again right after
//!                                    the run, every entry again in order)
//! lost-level        = bare-line above a run of (一) or 1. items, in a part without 一、:
//!                     every bare line of that part is the 一、 level whose markers were lost
//! lost-marker       = the one bare line standing where a sequence of 第N章 / 第N部分 /
//!                     第N节 / N、 skips a number: the heading printed without its marker
//! lone-enum-shi     = 一是 with no 二是 opening a later sentence: no enumeration
//! ```
//!
//! A *bare line* is a short line of Han characters only, after the first paragraph of its
//! part, between a paragraph or heading and a line that is not bare: no marker, no
//! punctuation, not a title (…方案, …办法) and not an organization's name (a signature).
//! A repaired heading has no marker and no ordinal: the assembler infers the ordinal from
//! the sequence and flags it `heading_marker_repaired`.

use super::Candidate;
use crate::model::SectionStyle;

/// What follows a bare line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Follower {
    /// Nothing yet (the line is the last read).
    Nothing,
    /// A heading line: the index of its heading among the candidates.
    Heading(usize),
    /// A paragraph of text.
    Text,
    /// Another bare line (a title or signature block, not a heading).
    Bare,
}

/// A short unmarked line that may be a heading whose marker was lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BareLine {
    /// Where the line's text starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// The line's text.
    pub text: String,
    /// How many headings were read before it.
    pub cands_before: usize,
    /// True when a paragraph of its part was read before it.
    pub after_paragraph: bool,
    /// What the next body line is.
    pub follower: Follower,
}

/// Applies every repair to the headings of a document, in text order: `bares` are its bare
/// lines, `stops` its closing offsets (sorted), `text` the normalized text.
pub(super) fn repair(
    cands: Vec<Candidate>,
    bares: &[BareLine],
    stops: &[usize],
    text: &str,
) -> Vec<Candidate> {
    let cands = drop_table_of_contents(cands, text);
    let cands = drop_lone_enum_shi(cands);
    restore_lost_markers(cands, bares, stops)
}

/// The key two printings of one heading share: style, ordinal and heading text without
/// spaces.
fn key(c: &Candidate) -> (SectionStyle, Option<u32>, String) {
    (
        c.style,
        c.ordinal,
        c.heading.chars().filter(|c| !c.is_whitespace()).collect(),
    )
}

/// True when the heading's line holds nothing after the heading.
fn heading_only(c: &Candidate) -> bool {
    c.body_start >= c.line_end && c.style != SectionStyle::EnumShi
}

/// True when only white space or page numbers stand between the end of `a`'s line and
/// the start of `b`.
fn adjacent(a: &Candidate, b: &Candidate, text: &str) -> bool {
    text.get(a.line_end..b.start)
        .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || c.is_ascii_digit()))
}

/// How many headings after a table of contents, per entry, are searched for the entries
/// printed again (the body's headings between them: articles under chapters).
const BODY_PER_ENTRY: usize = 40;

/// True when the line before `c` is a table of contents' title (目录, 目 录).
fn after_contents_line(text: &str, c: &Candidate) -> bool {
    text.get(..c.start)
        .and_then(|head| head.trim_end().lines().next_back())
        .is_some_and(|l| l.chars().filter(|c| !c.is_whitespace()).eq("目录".chars()))
}

/// True when every heading of `cands[s..e]` is printed again, in order, from `e` on.
fn printed_again(cands: &[Candidate], s: usize, e: usize) -> bool {
    let window = (e - s).saturating_mul(BODY_PER_ENTRY);
    let mut later = cands.iter().skip(e).take(window).map(key);
    cands
        .get(s..e)
        .unwrap_or_default()
        .iter()
        .all(|entry| {
            let k = key(entry);
            later.any(|l| l == k)
        })
}

/// table-of-contents: a run of heading-only lines whose first heading is printed again
/// right after the run, and every other one after it in order. The run is dropped; the
/// body keeps the second printing.
fn drop_table_of_contents(cands: Vec<Candidate>, text: &str) -> Vec<Candidate> {
    let mut drop = vec![false; cands.len()];
    let mut s = 0;
    while s < cands.len() {
        let Some(first) = cands.get(s).filter(|c| heading_only(c)) else {
            s += 1;
            continue;
        };
        let first_key = key(first);
        let mut k = s + 1;
        let mut end = None;
        while let (Some(prev), Some(cur)) = (cands.get(k - 1), cands.get(k)) {
            if !heading_only(prev) || !adjacent(prev, cur, text) {
                break;
            }
            if key(cur) == first_key {
                end = Some(k);
                break;
            }
            k += 1;
        }
        match end {
            Some(e) if e - s >= 2 && after_contents_line(text, first) && printed_again(&cands, s, e) => {
                for d in drop.iter_mut().take(e).skip(s) {
                    *d = true;
                }
                s = e;
            }
            _ => s = k.max(s + 1),
        }
    }
    cands
        .into_iter()
        .zip(drop)
        .filter_map(|(c, d)| (!d).then_some(c))
        .collect()
}

/// lone-enum-shi: an 一是 that no 二是 follows is no enumeration.
fn drop_lone_enum_shi(cands: Vec<Candidate>) -> Vec<Candidate> {
    let shi: Vec<(usize, Option<u32>)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.style == SectionStyle::EnumShi)
        .map(|(i, c)| (i, c.ordinal))
        .collect();
    let mut lone = vec![false; cands.len()];
    for (k, &(i, ordinal)) in shi.iter().enumerate() {
        let next = shi.get(k + 1).map(|&(_, o)| o);
        if ordinal == Some(1) && next != Some(Some(2)) {
            if let Some(l) = lone.get_mut(i) {
                *l = true;
            }
        }
    }
    cands
        .into_iter()
        .zip(lone)
        .filter_map(|(c, l)| (!l).then_some(c))
        .collect()
}

/// A heading for a bare line, its marker lost: the assembler infers the ordinal.
fn restored(style: SectionStyle, bare: &BareLine) -> Candidate {
    Candidate {
        style,
        ordinal: None,
        damaged: false,
        start: bare.start,
        marker: String::new(),
        heading: bare.text.clone(),
        body_start: bare.end,
        line_end: bare.end,
    }
}

/// True for a style whose headings stand on lines of their own, so that one printed
/// without its marker is a bare line.
fn stands_alone(style: SectionStyle) -> bool {
    matches!(
        style,
        SectionStyle::Part | SectionStyle::Chapter | SectionStyle::Section | SectionStyle::ChineseDun
    )
}

/// lost-level and lost-marker: headings for the bare lines that stand where a marker was
/// lost, merged into the headings in text order.
fn restore_lost_markers(
    cands: Vec<Candidate>,
    bares: &[BareLine],
    stops: &[usize],
) -> Vec<Candidate> {
    // Bare lines that stand between text and text or a heading.
    let usable: Vec<&BareLine> = bares
        .iter()
        .filter(|b| b.after_paragraph && matches!(b.follower, Follower::Heading(_) | Follower::Text))
        .collect();
    if usable.is_empty() {
        return cands;
    }
    // Parts: the text before the first attachment label or stop (a date line, the
    // signature), and the text after each: an attachment, or a document carried after
    // the notice's signature.
    let mut bounds: Vec<usize> = vec![0];
    bounds.extend(
        cands
            .iter()
            .filter(|c| c.style == SectionStyle::Attachment)
            .map(|c| c.start),
    );
    bounds.extend(stops.iter().copied());
    bounds.sort_unstable();
    bounds.dedup();
    let mut added: Vec<Candidate> = Vec::new();
    for (p, &from) in bounds.iter().enumerate() {
        let to = bounds.get(p + 1).copied().unwrap_or(usize::MAX);
        // Both lists are in text order: each part is a slice of them.
        let first = cands.partition_point(|c| c.start < from);
        let last = cands.partition_point(|c| c.start < to);
        let part: Vec<&Candidate> = cands.get(first..last).unwrap_or_default().iter().collect();
        let first = usable.partition_point(|b| b.start < from);
        let last = usable.partition_point(|b| b.start < to);
        let lines = usable.get(first..last).unwrap_or_default();
        added.extend(lost_level(&part, lines, &cands));
        added.extend(lost_in_sequence(&part, lines));
    }
    if added.is_empty() {
        return cands;
    }
    let mut all = cands;
    all.extend(added);
    all.sort_by_key(|c| c.start);
    all.dedup_by_key(|c| c.start);
    all
}

/// lost-level: in a part without 一、 (or chapters), bare lines of which at least one
/// stands above a run of items numbered from 1 are the 一、 level.
fn lost_level(part: &[&Candidate], lines: &[&BareLine], cands: &[Candidate]) -> Vec<Candidate> {
    let has_top = part.iter().any(|c| {
        matches!(
            c.style,
            SectionStyle::ChineseDun
                | SectionStyle::Part
                | SectionStyle::Chapter
                | SectionStyle::Section
                | SectionStyle::Article
        )
    });
    if has_top || lines.len() < 2 {
        return Vec::new();
    }
    let above_items = lines.iter().any(|b| match b.follower {
        Follower::Heading(i) => cands.get(i).is_some_and(|c| {
            c.ordinal == Some(1)
                && matches!(
                    c.style,
                    SectionStyle::ParenChinese | SectionStyle::ArabicDot | SectionStyle::ArabicDun
                )
        }),
        _ => false,
    });
    if !above_items {
        return Vec::new();
    }
    lines
        .iter()
        .map(|b| restored(SectionStyle::ChineseDun, b))
        .collect()
}

/// lost-marker: where two headings of a style that stands alone skip one number (第一章 …
/// 第三章) and exactly one bare line stands between them, that line is the missing one.
fn lost_in_sequence(part: &[&Candidate], lines: &[&BareLine]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (k, a) in part.iter().enumerate() {
        if !stands_alone(a.style) {
            continue;
        }
        let Some(b) = part.iter().skip(k + 1).find(|c| c.style == a.style) else {
            continue;
        };
        let skips_one = matches!((a.ordinal, b.ordinal), (Some(x), Some(y)) if y == x + 2);
        if !skips_one {
            continue;
        }
        let mut between = lines.iter().filter(|l| l.start > a.start && l.start < b.start);
        if let (Some(line), None) = (between.next(), between.next()) {
            out.push(restored(a.style, line));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(style: SectionStyle, ordinal: u32, heading: &str, start: usize) -> Candidate {
        Candidate {
            style,
            ordinal: Some(ordinal),
            damaged: false,
            start,
            marker: String::new(),
            heading: heading.to_string(),
            body_start: start + 10,
            line_end: start + 10,
        }
    }

    #[test]
    fn a_lone_enum_shi_is_dropped_and_a_pair_kept() {
        let lone = vec![cand(SectionStyle::EnumShi, 1, "一", 0)];
        assert!(drop_lone_enum_shi(lone).is_empty(), "一是 without 二是");
        let pair = vec![
            cand(SectionStyle::EnumShi, 1, "甲", 0),
            cand(SectionStyle::EnumShi, 2, "乙", 20),
        ];
        assert_eq!(drop_lone_enum_shi(pair).len(), 2, "一是 … 二是");
    }
}
