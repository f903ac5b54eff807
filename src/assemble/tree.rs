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
use crate::recognize::sections::{Candidate, Outline};
use crate::span::Span;

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

/// The state of the tree while headings are placed one by one.
struct Builder {
    /// Every heading placed, in text order.
    nodes: Vec<Node>,
    /// The outermost ones.
    roots: Vec<usize>,
    /// The path from the root to the last heading placed.
    spine: Vec<usize>,
    /// (outer, inner) pairs seen nested in this document: above[outer][inner].
    above: PerStyle<PerStyle<bool>>,
    /// Styles used so far.
    seen: PerStyle<bool>,
    /// Last ordinal of a style at the root.
    last_under_root: PerStyle<Option<u32>>,
    /// Last ordinal of a style under each node (by index).
    last_under_node: Vec<PerStyle<Option<u32>>>,
    /// Last ordinal of a style at a depth (by depth), for numbering that runs on across
    /// parents.
    last_at_depth: Vec<PerStyle<Option<u32>>>,
    /// Last ordinal of a style anywhere.
    last_of_style: PerStyle<Option<u32>>,
    /// Style, printed ordinal and damage of every heading, for looking ahead.
    styles: Vec<(SectionStyle, Option<u32>, bool)>,
    /// Where the last section ends.
    end: usize,
    /// Numbering diagnostics.
    diagnostics: Vec<Diagnostic>,
}

/// Builds the section tree from the outline's headings, in document order, and checks
/// the numbering: the sections (spans in `text`, the normalized text) and the numbering
/// diagnostics.
pub fn build(outline: Outline, text: &str) -> (Vec<Section>, Vec<Diagnostic>) {
    let Outline {
        headings,
        stops,
        end,
    } = outline;
    let mut b = Builder::new(&headings, end);
    for (i, cand) in headings.into_iter().enumerate() {
        b.place(i, cand);
    }
    b.close_ends();
    let Builder {
        mut nodes,
        roots,
        diagnostics,
        ..
    } = b;
    let mut paths = SiblingPaths::new(&nodes, &roots);
    let sections = roots
        .iter()
        .map(|&r| {
            let path = nodes.get(r).map_or_else(String::new, |n| paths.path("", n));
            assemble(&mut nodes, r, path, 1, text, &stops)
        })
        .collect();
    (sections, diagnostics)
}

impl Builder {
    fn new(cands: &[Candidate], end: usize) -> Self {
        Builder {
            nodes: Vec::with_capacity(cands.len()),
            roots: Vec::new(),
            spine: Vec::new(),
            above: [[false; STYLES]; STYLES],
            seen: [false; STYLES],
            last_under_root: [None; STYLES],
            last_under_node: Vec::with_capacity(cands.len()),
            last_at_depth: Vec::new(),
            last_of_style: [None; STYLES],
            styles: cands
                .iter()
                .map(|c| (c.style, c.ordinal, c.damaged))
                .collect(),
            end,
            diagnostics: Vec::new(),
        }
    }

    /// The style of a node.
    fn style_of(&self, k: usize) -> Option<SectionStyle> {
        self.nodes.get(k).map(|n| n.cand.style)
    }

    /// True when `inner` was seen nested under `outer`.
    fn nested(&self, outer: SectionStyle, inner: SectionStyle) -> bool {
        self.above
            .get(slot(outer))
            .and_then(|row| row.get(slot(inner)))
            .copied()
            .unwrap_or(false)
    }

    /// Places heading `i`: repairs a damaged style, finds its parent on the spine, numbers
    /// it and pushes it as the spine's new tip.
    fn place(&mut self, i: usize, mut cand: Candidate) {
        if cand.damaged {
            // The style is that of the nearest parenthesized level on the spine.
            if let Some(s) = self
                .spine
                .iter()
                .rev()
                .filter_map(|&k| self.style_of(k))
                .find(|&s| is_paren(s))
            {
                cand.style = s;
            }
        }
        let style = cand.style;
        self.close_spine(style);
        if let Some(s) = self.seen.get_mut(slot(style)) {
            *s = true;
        }
        let parent = self.spine.last().copied();
        self.learn_nesting(parent, style);
        let depth = self.spine.len() + 1;
        let ordinal = self.number(i, &cand, parent, depth);
        let idx = self.nodes.len();
        self.last_under_node.push([None; STYLES]);
        self.nodes.push(Node {
            cand,
            ordinal,
            depth,
            children: Vec::new(),
            end: self.end,
        });
        match parent.and_then(|p| self.nodes.get_mut(p)) {
            Some(p) => p.children.push(idx),
            None => self.roots.push(idx),
        }
        self.spine.push(idx);
    }

    /// Closes the spine's tips a heading of `style` does not nest under: a style on the
    /// spine closes everything below it; a new style closes only a 一是 item; a style seen
    /// before closes the tips that rank below it.
    fn close_spine(&mut self, style: SectionStyle) {
        if style == SectionStyle::Attachment {
            self.spine.clear();
        } else if let Some(pos) = self
            .spine
            .iter()
            .position(|&k| self.style_of(k) == Some(style))
        {
            self.spine.truncate(pos);
        } else if !self.seen.get(slot(style)).copied().unwrap_or(false) {
            while self
                .spine
                .last()
                .is_some_and(|&k| self.style_of(k) == Some(SectionStyle::EnumShi))
            {
                self.spine.pop();
            }
        } else {
            while let Some(&top) = self.spine.last() {
                let Some(top_style) = self.style_of(top) else {
                    break;
                };
                let pop = if top_style == SectionStyle::Attachment {
                    false
                } else if top_style == SectionStyle::EnumShi || self.nested(style, top_style) {
                    true
                } else if self.nested(top_style, style) {
                    false
                } else {
                    default_rank(top_style) >= default_rank(style)
                };
                if !pop {
                    break;
                }
                self.spine.pop();
            }
        }
    }

    /// Records that `style` nests under the parent's style (not under an attachment, and
    /// not for a 一是 item).
    fn learn_nesting(&mut self, parent: Option<usize>, style: SectionStyle) {
        let Some(ps) = parent.and_then(|p| self.style_of(p)) else {
            return;
        };
        if !matches!(ps, SectionStyle::Attachment) && style != SectionStyle::EnumShi {
            if let Some(a) = self
                .above
                .get_mut(slot(ps))
                .and_then(|row| row.get_mut(slot(style)))
            {
                *a = true;
            }
        }
    }

    /// The ordinal of heading `i` under `parent` at `depth`: as printed (its sequence
    /// checked) or inferred; recorded as the last of its style there.
    fn number(&mut self, i: usize, cand: &Candidate, parent: Option<usize>, depth: usize) -> u32 {
        let style = cand.style;
        let prev = match parent {
            None => Some(&self.last_under_root),
            Some(p) => self.last_under_node.get(p),
        }
        .and_then(|u| u.get(slot(style)))
        .copied()
        .flatten();
        if self.last_at_depth.len() <= depth {
            self.last_at_depth.resize(depth + 1, [None; STYLES]);
        }
        // Running numbering: on from the same style at this depth, or anywhere (articles
        // run on across chapters and sections).
        let running = [
            self.last_at_depth
                .get(depth)
                .and_then(|d| d.get(slot(style)))
                .copied()
                .flatten(),
            self.last_of_style.get(slot(style)).copied().flatten(),
        ];
        let ordinal = match cand.ordinal {
            Some(n) => {
                check_sequence(cand, n, prev, running, &mut self.diagnostics);
                n
            }
            None => {
                let n = infer_ordinal(&self.styles, i, style, prev);
                self.diagnostics.push(Diagnostic::warning(
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
        let under = match parent {
            None => Some(&mut self.last_under_root),
            Some(p) => self.last_under_node.get_mut(p),
        };
        if let Some(u) = under.and_then(|u| u.get_mut(slot(style))) {
            *u = Some(ordinal);
        }
        if let Some(d) = self
            .last_at_depth
            .get_mut(depth)
            .and_then(|d| d.get_mut(slot(style)))
        {
            *d = Some(ordinal);
        }
        if let Some(l) = self.last_of_style.get_mut(slot(style)) {
            *l = Some(ordinal);
        }
        ordinal
    }

    /// Ends: a node ends where the next node at its depth or shallower starts.
    fn close_ends(&mut self) {
        let mut open: Vec<usize> = Vec::new();
        let starts: Vec<(usize, usize)> =
            self.nodes.iter().map(|n| (n.depth, n.cand.start)).collect();
        for (k, &(depth, start)) in starts.iter().enumerate() {
            while let Some(&o) = open.last() {
                match self.nodes.get_mut(o) {
                    Some(n) if n.depth >= depth => {
                        n.end = start;
                        open.pop();
                    }
                    _ => break,
                }
            }
            open.push(k);
        }
    }
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
    let (style, ordinal, start) = (node.cand.style, node.ordinal, node.cand.start);
    let node_span = Span::new(start, node.end);
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
    let end = section_end(text, stops, &node_span, style, line_end, &children);
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

/// Where a section ends: where the next heading at its depth or shallower starts
/// (`node.end`), at the end of its line for a 一是 item, at the next stop (signature, date
/// line) unless a child runs past it; trailing white space left out.
fn section_end(
    text: &str,
    stops: &[usize],
    node: &Span,
    style: SectionStyle,
    line_end: usize,
    children: &[Section],
) -> usize {
    let start = node.start;
    let mut end = node.end;
    if style == SectionStyle::EnumShi {
        end = end.min(line_end);
    }
    let i = stops.partition_point(|&s| s <= start);
    if let Some(&stop) = stops.get(i) {
        end = end.min(stop);
    }
    if let Some(last) = children.last() {
        end = end.max(last.span.end);
    }
    trim_end(text, start, end.max(start))
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
