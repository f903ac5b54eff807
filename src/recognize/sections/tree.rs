//! The spine-based tree builder: turns the flat list of headings, in document order, into
//! the nested [`Section`] tree, and checks the numbering.
//!
//! The *spine* is the path from the root to the last heading placed. A heading whose style
//! is on the spine closes everything below that style and becomes its sibling; a style the
//! document has not used before opens a new level under the spine's tip (the tree follows
//! the order in which styles appear); a style used before but not on the spine first
//! closes the tips that rank below it. Ranks are learned from the document itself (a style
//! seen nested under another ranks below it), with the GB/T 9704 order as the fallback:
//!
//! ```text
//! 附件 > 第一部分 > 第一章 > 第一节 > 第一条 > 一、 > (一) > 1. > 1、 > (1) > ① > 一是
//! ```
//!
//! So a document may skip levels, start at (一), or number (一)…(六十六) straight through
//! its 一、 sections. Hands on the tree plus diagnostics: `heading_gap`,
//! `heading_duplicate` where the printed sequence really breaks, and
//! `heading_marker_repaired` for a marker whose numeral was lost and is inferred.

use std::collections::HashMap;

use crate::model::{Diagnostic, Section, SectionStyle};
use crate::span::Span;

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

/// Rank of a style when the document has not shown its own order (smaller = outer).
fn default_rank(style: SectionStyle) -> u8 {
    use SectionStyle::*;
    match style {
        Attachment => 0,
        Part => 10,
        Chapter => 20,
        Section => 30,
        Article => 40,
        ChineseDun => 50,
        ParenChinese => 60,
        ArabicDot => 70,
        ArabicDun => 72,
        ParenArabic => 80,
        Circled => 90,
        EnumShi => 100,
    }
}

/// How many styles there are: the size of the per-style tables below.
const STYLES: usize = 12;

/// A style's slot in a per-style table (small fixed arrays instead of hash maps: a
/// document has at most [`STYLES`] styles, and lookups run for every heading).
fn slot(style: SectionStyle) -> usize {
    use SectionStyle::*;
    match style {
        ChineseDun => 0,
        ParenChinese => 1,
        ArabicDot => 2,
        ArabicDun => 3,
        ParenArabic => 4,
        Circled => 5,
        Part => 6,
        Chapter => 7,
        Section => 8,
        Article => 9,
        EnumShi => 10,
        Attachment => 11,
    }
}

/// A value per style.
type PerStyle<T> = [T; STYLES];

fn is_paren(style: SectionStyle) -> bool {
    matches!(
        style,
        SectionStyle::ParenChinese | SectionStyle::ParenArabic
    )
}

struct Node {
    cand: Candidate,
    ordinal: u32,
    depth: usize,
    children: Vec<usize>,
    end: usize,
}

/// Builds the tree from headings in document order. `end` is where the last section
/// ends; `stops` (sorted) are offsets no section runs past unless a child does
/// (signature, date lines).
pub fn build(
    cands: Vec<Candidate>,
    text: &str,
    end: usize,
    stops: &[usize],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Section> {
    let mut nodes: Vec<Node> = Vec::with_capacity(cands.len());
    let mut roots: Vec<usize> = Vec::new();
    let mut spine: Vec<usize> = Vec::new();
    // (outer, inner) pairs seen nested in this document: above[outer][inner].
    let mut above: PerStyle<PerStyle<bool>> = [[false; STYLES]; STYLES];
    let nested = |above: &PerStyle<PerStyle<bool>>, outer: SectionStyle, inner: SectionStyle| {
        above
            .get(slot(outer))
            .and_then(|row| row.get(slot(inner)))
            .copied()
            .unwrap_or(false)
    };
    // Styles used so far.
    let mut seen: PerStyle<bool> = [false; STYLES];
    // Last ordinal of a style under a parent: at the root, and under each node (by index).
    let mut last_under_root: PerStyle<Option<u32>> = [None; STYLES];
    let mut last_under_node: Vec<PerStyle<Option<u32>>> = Vec::with_capacity(cands.len());
    // Last ordinal of a style at a depth (by depth), for numbering that runs on across
    // parents.
    let mut last_at_depth: Vec<PerStyle<Option<u32>>> = Vec::new();
    let mut last_of_style: PerStyle<Option<u32>> = [None; STYLES];

    let styles: Vec<(SectionStyle, Option<u32>, bool)> = cands
        .iter()
        .map(|c| (c.style, c.ordinal, c.damaged))
        .collect();

    for (i, mut cand) in cands.into_iter().enumerate() {
        if cand.damaged {
            // The style is that of the nearest parenthesized level on the spine.
            if let Some(s) = spine
                .iter()
                .rev()
                .filter_map(|&k| nodes.get(k))
                .map(|n| n.cand.style)
                .find(|&s| is_paren(s))
            {
                cand.style = s;
            }
        }
        let style = cand.style;
        // Place it: find the spine position.
        if style == SectionStyle::Attachment {
            spine.clear();
        } else if let Some(pos) = spine
            .iter()
            .position(|&k| nodes.get(k).is_some_and(|n| n.cand.style == style))
        {
            spine.truncate(pos);
        } else if !seen.get(slot(style)).copied().unwrap_or(false) {
            // A style the document has not used yet opens a level under the tip (closing
            // only a 一是 item).
            while spine
                .last()
                .and_then(|&k| nodes.get(k))
                .is_some_and(|n| n.cand.style == SectionStyle::EnumShi)
            {
                spine.pop();
            }
        } else {
            while let Some(&top) = spine.last() {
                let Some(top_style) = nodes.get(top).map(|n| n.cand.style) else {
                    break;
                };
                let pop = if top_style == SectionStyle::Attachment {
                    false
                } else if top_style == SectionStyle::EnumShi || nested(&above, style, top_style) {
                    true
                } else if nested(&above, top_style, style) {
                    false
                } else {
                    default_rank(top_style) >= default_rank(style)
                };
                if !pop {
                    break;
                }
                spine.pop();
            }
        }
        if let Some(s) = seen.get_mut(slot(style)) {
            *s = true;
        }
        let parent = spine.last().copied();
        if let Some(p) = parent.and_then(|p| nodes.get(p)) {
            let ps = p.cand.style;
            if !matches!(ps, SectionStyle::Attachment) && style != SectionStyle::EnumShi {
                if let Some(a) = above
                    .get_mut(slot(ps))
                    .and_then(|row| row.get_mut(slot(style)))
                {
                    *a = true;
                }
            }
        }
        let depth = spine.len() + 1;
        let under = match parent {
            None => Some(&mut last_under_root),
            Some(p) => last_under_node.get_mut(p),
        };
        let prev = under
            .as_ref()
            .and_then(|u| u.get(slot(style)))
            .copied()
            .flatten();
        if last_at_depth.len() <= depth {
            last_at_depth.resize(depth + 1, [None; STYLES]);
        }
        // Running numbering: on from the same style at this depth, or anywhere (articles
        // run on across chapters and sections).
        let running = [
            last_at_depth
                .get(depth)
                .and_then(|d| d.get(slot(style)))
                .copied()
                .flatten(),
            last_of_style.get(slot(style)).copied().flatten(),
        ];
        let ordinal = match cand.ordinal {
            Some(n) => {
                check_sequence(&cand, n, prev, running, diagnostics);
                n
            }
            None => {
                let n = infer_ordinal(&styles, i, style, prev);
                diagnostics.push(Diagnostic::warning(
                    "heading_marker_repaired",
                    format!(
                        "heading marker \"{}\" lost its numeral; read as {} from the sequence",
                        cand.marker, n
                    ),
                    Some(Span::new(cand.start, cand.line_end)),
                ));
                n
            }
        };
        if let Some(u) = under.and_then(|u| u.get_mut(slot(style))) {
            *u = Some(ordinal);
        }
        if let Some(d) = last_at_depth
            .get_mut(depth)
            .and_then(|d| d.get_mut(slot(style)))
        {
            *d = Some(ordinal);
        }
        if let Some(l) = last_of_style.get_mut(slot(style)) {
            *l = Some(ordinal);
        }
        let idx = nodes.len();
        last_under_node.push([None; STYLES]);
        // Close every open node at this depth or deeper.
        nodes.push(Node {
            cand,
            ordinal,
            depth,
            children: Vec::new(),
            end,
        });
        match parent.and_then(|p| nodes.get_mut(p)) {
            Some(p) => p.children.push(idx),
            None => roots.push(idx),
        }
        spine.push(idx);
    }
    // Ends: a node ends where the next node at its depth or shallower starts.
    let mut open: Vec<usize> = Vec::new();
    let starts: Vec<(usize, usize)> = nodes.iter().map(|n| (n.depth, n.cand.start)).collect();
    for (k, &(depth, start)) in starts.iter().enumerate() {
        while let Some(&o) = open.last() {
            if nodes.get(o).is_some_and(|n| n.depth >= depth) {
                if let Some(n) = nodes.get_mut(o) {
                    n.end = start;
                }
                open.pop();
            } else {
                break;
            }
        }
        open.push(k);
    }
    let mut paths = SiblingPaths::new(&nodes, &roots);
    roots
        .iter()
        .map(|&r| {
            let path = nodes.get(r).map_or_else(String::new, |n| paths.path("", n));
            assemble(&mut nodes, r, path, 1, text, stops)
        })
        .collect()
}

/// Checks a printed ordinal against the previous sibling of the same style.
fn check_sequence(
    cand: &Candidate,
    n: u32,
    prev: Option<u32>,
    running: [Option<u32>; 2],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let span = Some(Span::new(cand.start, cand.line_end));
    match prev {
        Some(p) if n == p.saturating_add(1) || n == 1 => {}
        Some(p) if n == p => diagnostics.push(Diagnostic::warning(
            "heading_duplicate",
            format!("heading {} repeats number {}", cand.marker, n),
            span,
        )),
        Some(p) => diagnostics.push(Diagnostic::warning(
            "heading_gap",
            format!(
                "heading {} follows number {} (expected {})",
                cand.marker,
                p,
                p.saturating_add(1)
            ),
            span,
        )),
        // First of its style here: 1, or running on from the previous parent.
        None if n == 1 || running.iter().flatten().any(|&r| n == r.saturating_add(1)) => {}
        None => diagnostics.push(Diagnostic::warning(
            "heading_gap",
            format!("heading {} starts a list at number {}", cand.marker, n),
            span,
        )),
    }
}

/// The ordinal of a marker whose numeral was lost: one after the previous sibling, or
/// counted back from the next printed one of its style.
fn infer_ordinal(
    styles: &[(SectionStyle, Option<u32>, bool)],
    i: usize,
    style: SectionStyle,
    prev: Option<u32>,
) -> u32 {
    if let Some(p) = prev {
        return p.saturating_add(1);
    }
    // Look ahead over the following damaged markers to the next printed one.
    let mut lost = 1u32;
    for &(s, ord, damaged) in styles.iter().skip(i + 1).take(8) {
        if damaged {
            lost += 1;
            continue;
        }
        if s == style {
            if let Some(k) = ord {
                if k > lost {
                    return k - lost;
                }
            }
        }
        break;
    }
    1
}

/// `text[start..end]` without trailing white space: the end offset.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let slice = text.get(start..end).unwrap_or_default();
    start + slice.trim_end().len()
}

/// The number of decimal digits of `n`.
fn decimal_len(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// Appends `n` in decimal, digit by digit: the same text `format!` gives, without
/// formatting machinery.
fn push_number(path: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut rest = n;
    let mut len = 0;
    for d in digits.iter_mut() {
        *d = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in digits.iter().take(len).rev() {
        path.push(char::from(d));
    }
}

/// What a section adds to its parent's path, before any "~k": whether it is an
/// attachment, and its number (`None` for a bare 附件 heading a list of attachments).
fn path_key(node: &Node) -> (bool, Option<u32>) {
    let attachment = node.cand.style == SectionStyle::Attachment;
    // An attachment's number only when its marker prints one (附件2, 附件二).
    let printed = !attachment
        || node
            .cand
            .marker
            .chars()
            .any(|c| c.is_ascii_digit() || crate::recognize::numeral::is_numeral_char(c));
    (attachment, printed.then_some(node.ordinal))
}

/// Gives the sections under one parent their paths, unique among them, and so in the
/// whole document, since their parents' paths are. A path is the parent's path, a dot
/// (none at the top), and:
/// - the ordinal: "2", "2.3";
/// - for an attachment, 附件 and its printed number ("附件2"), or 附件 alone;
/// - after either, "~k" for the k-th section under the parent with the same one, when
///   numbering starts over (a report's second list 一、二、…): "1~2".
///
/// Numbers that rise, as they nearly always do, cannot repeat: the uses are counted only
/// when they do not.
struct SiblingPaths {
    /// True when the numbers of each kind rise and at most one bare 附件 stands.
    rising: bool,
    /// How often each [`path_key`] was given, when they do not rise.
    uses: HashMap<(bool, Option<u32>), u32>,
}

impl SiblingPaths {
    /// For the sections `ids` under one parent.
    fn new(nodes: &[Node], ids: &[usize]) -> Self {
        // The last number of each kind (section, attachment), and whether a bare 附件
        // was seen.
        let mut last: [Option<u32>; 2] = [None, None];
        let mut bare = false;
        let rising = ids
            .iter()
            .map(|&id| nodes.get(id).map_or((false, None), path_key))
            .all(|key| match key {
                (_, None) => !std::mem::replace(&mut bare, true),
                (attachment, Some(n)) => {
                    let slot = &mut last[usize::from(attachment)];
                    let up = slot.is_none_or(|prev| n > prev);
                    *slot = Some(n);
                    up
                }
            });
        SiblingPaths {
            rising,
            uses: HashMap::new(),
        }
    }

    /// The path of `node`, the next of the sections under `parent_path`, in order.
    fn path(&mut self, parent_path: &str, node: &Node) -> String {
        let key = path_key(node);
        let k = if self.rising {
            1
        } else {
            let count = self.uses.entry(key).or_insert(0);
            *count += 1;
            *count
        };
        let (attachment, number) = key;
        // Sized exactly, as the sections' other strings are.
        let capacity = parent_path.len()
            + 1
            + if attachment { "附件".len() } else { 0 }
            + number.map_or(0, decimal_len)
            + if k > 1 { 1 + decimal_len(k) } else { 0 };
        let mut path = String::with_capacity(capacity);
        if !parent_path.is_empty() {
            path.push_str(parent_path);
            path.push('.');
        }
        if attachment {
            path.push_str("附件");
        }
        if let Some(n) = number {
            push_number(&mut path, n);
        }
        if k > 1 {
            path.push('~');
            push_number(&mut path, k);
        }
        path
    }
}

/// Builds the [`Section`] of node `k` and its children. Each node is assembled once (it
/// has one parent), so its strings and child list are moved out rather than copied.
fn assemble(
    nodes: &mut [Node],
    k: usize,
    path: String,
    level: u32,
    text: &str,
    stops: &[usize],
) -> Section {
    let Some(node) = nodes.get_mut(k) else {
        return empty_section();
    };
    let child_ids = std::mem::take(&mut node.children);
    let marker = std::mem::take(&mut node.cand.marker);
    let heading = std::mem::take(&mut node.cand.heading);
    let (style, ordinal, start, node_end) =
        (node.cand.style, node.ordinal, node.cand.start, node.end);
    let (body_start, line_end) = (node.cand.body_start, node.cand.line_end);
    let mut paths = SiblingPaths::new(nodes, &child_ids);
    let children: Vec<Section> = child_ids
        .iter()
        .map(|&c| {
            let child_path = nodes
                .get(c)
                .map_or_else(String::new, |n| paths.path(&path, n));
            assemble(nodes, c, child_path, level + 1, text, stops)
        })
        .collect();
    let mut end = node_end;
    if style == SectionStyle::EnumShi {
        end = end.min(line_end);
    }
    // Stop at the signature or a date line, unless a child runs past it.
    let i = stops.partition_point(|&s| s <= start);
    if let Some(&stop) = stops.get(i) {
        end = end.min(stop);
    }
    if let Some(last) = children.last() {
        end = end.max(last.span.end);
    }
    end = trim_end(text, start, end.max(start));
    let body_start = body_start.clamp(start, end.max(start));
    let own_end = children
        .first()
        .map_or(end, |c| c.span.start)
        .max(body_start);
    let own = text
        .get(body_start..own_end)
        .unwrap_or_default()
        .trim()
        .to_string();
    Section {
        path,
        level,
        style,
        marker,
        ordinal,
        heading,
        text: own,
        span: Span::new(start, end),
        children,
    }
}

fn empty_section() -> Section {
    Section {
        path: String::new(),
        level: 0,
        style: SectionStyle::ChineseDun,
        marker: String::new(),
        ordinal: 0,
        heading: String::new(),
        text: String::new(),
        span: Span::new(0, 0),
        children: Vec::new(),
    }
}

#[cfg(test)]
mod path_tests {
    use super::push_number;

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0u32, 1, 9, 10, 99, 100, 12345, u32::MAX] {
            let mut path = String::from("2.");
            push_number(&mut path, n);
            assert_eq!(path, format!("2.{n}"), "{n}");
            assert_eq!(super::decimal_len(n), n.to_string().len(), "digits of {n}");
        }
    }
}
