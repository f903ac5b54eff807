//! References to other documents: 《titles》 and the document numbers printed with them.
//!
//! ```bnf
//! reference = "《" title "》" [ws "(" doc-number ")"]    ; title may nest 〈…〉 or <…>
//!           | doc-number                                ; standing alone: title null
//! ```
//!
//! Real examples: 《质量强国建设纲要》; 《关于开展2021年全国“质量月”活动的通知》(国市监质〔202151号);
//! (中办发〔2016〕8号). The document's own number (found by the frame) and 《》 inside the
//! document's own title are not references. Repeated references are reported once.
//!
//! Hands on `references`, in order of first appearance.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::doc_number;
use super::{Findings, Input};
use crate::chars;
use crate::model::{Diagnostic, Reference};
use crate::span::Span;

/// Finds 《 (built once: building a searcher per line costs more than the search).
static OPEN_TITLE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("《"));

/// The 《…》 spans of a line (outermost only), as byte ranges of the inner title.
fn titles(line: &str) -> Vec<(usize, usize, usize)> {
    // Exact prefilter: a title needs a 《.
    if OPEN_TITLE.find(line.as_bytes()).is_none() {
        return Vec::new();
    }
    // 《 and 》 share their first byte, which memchr finds (a lead byte, so always at a
    // char boundary); the other chars are passed over undecoded.
    const _: () = assert!(chars::lead('《') == chars::lead('》'));
    let marks = memchr::memchr_iter(chars::lead('《'), line.as_bytes())
        .filter_map(|i| Some((i, line.get(i..)?.chars().next()?)));
    // (open of 《, start of inner, end of inner)
    chars::outermost_pairs(marks, '《', '》')
        .into_iter()
        .map(|(open, close)| (open, open + '《'.len_utf8(), close))
        .collect()
}

/// A reference read from a line, before duplicates and the document's own are dropped:
/// where it starts, the reference, and the diagnostics of its number.
type Read = (usize, Reference, Vec<Diagnostic>);

/// What a reference is checked against: the document's own number and titles, and the
/// references already reported.
struct Known {
    /// The document's own number, normalized.
    own: Option<String>,
    /// Where the document's own title is.
    title_span: Option<Span>,
    /// Keys of the document's own title's 《》 and of the documents it carries.
    own_titles: HashSet<String>,
    /// (title, number) pairs reported so far.
    seen: HashSet<(Option<String>, Option<String>)>,
}

/// Adds the references of the body lines.
pub fn recognize(input: &Input<'_>, found: &mut Findings) {
    let text = input.text;
    let frame = input.frame;
    // The document's own title, and the documents it carries, are not citations.
    let mut own_titles: HashSet<String> = frame.embedded.iter().map(|e| key(&e.title)).collect();
    if let Some(t) = &frame.title {
        for (_, s, e) in titles(&t.text) {
            own_titles.insert(key(t.text.get(s..e).unwrap_or_default()));
        }
    }
    let mut known = Known {
        own: frame.doc_number.as_ref().map(|n| n.normalized.clone()),
        title_span: frame.title.as_ref().map(|t| t.span),
        own_titles,
        seen: HashSet::new(),
    };
    // Exact prefilters, one pass over the whole text instead of a search per line: a doc
    // number ends in 号 or 號, a title opens with 《.
    let hao = offsets(&["号", "號"], text);
    let open_title = offsets(&["《"], text);
    for line in input.segmented.body() {
        let l = line.text(text);
        let (start, end) = (line.content.start, line.content.end);
        let numbers = if any_in(&hao, start, end) {
            doc_number::find_all(l)
        } else {
            Vec::new()
        };
        let line_titles = if any_in(&open_title, start, end) {
            titles(l)
        } else {
            Vec::new()
        };
        let mut read = line_references(l, start, &numbers, line_titles, known.title_span);
        read.sort_by_key(|(p, _, _)| *p);
        for (_, r, diags) in read {
            if known.admits(&r) {
                found.diagnostics.extend(diags);
                found.references.push(r);
            }
        }
    }
}

impl Known {
    /// True for a reference that is not the document's own and not reported before.
    fn admits(&mut self, r: &Reference) -> bool {
        let norm = r.doc_number.as_ref().map(|n| n.normalized.clone());
        if norm.is_some() && norm == self.own {
            return false;
        }
        let carried = norm.is_none()
            && !self.own_titles.is_empty()
            && r.title
                .as_ref()
                .is_some_and(|t| self.own_titles.contains(&key(t)));
        !carried && self.seen.insert((r.title.clone(), norm))
    }
}

/// The references of line `l` (starting at `base`): each 《title》 outside the document's
/// own title with the number in the parenthesis after it, then each number left alone.
fn line_references(
    l: &str,
    base: usize,
    numbers: &[doc_number::Found],
    line_titles: Vec<(usize, usize, usize)>,
    title_span: Option<Span>,
) -> Vec<Read> {
    let mut used = vec![false; numbers.len()];
    let mut read: Vec<Read> = Vec::new();
    let mut cursor = 0;
    for (open, s, e) in line_titles {
        let abs = Span::new(base + open, base + e + '》'.len_utf8());
        if title_span.is_some_and(|t| t.contains(abs)) {
            continue;
        }
        let title = l.get(s..e).unwrap_or_default().trim().to_string();
        if title.is_empty() {
            continue;
        }
        let mut reference = Reference {
            title: Some(title),
            doc_number: None,
            span: abs,
        };
        let mut diags = Vec::new();
        if let Some(k) = number_after(l, e, numbers, &mut cursor) {
            if let (Some(u), Some(f)) = (used.get_mut(k), numbers.get(k)) {
                *u = true;
                let mut n = f.number.clone();
                n.span = n.span.shift(base);
                reference.span = Span::new(abs.start, n.span.end);
                diags = shifted(&f.diagnostics, base);
                reference.doc_number = Some(n);
            }
        }
        read.push((abs.start, reference, diags));
    }
    for (k, f) in numbers.iter().enumerate() {
        if used.get(k).copied().unwrap_or(true) {
            continue;
        }
        let mut n = f.number.clone();
        n.span = n.span.shift(base);
        read.push((
            n.span.start,
            Reference {
                title: None,
                span: n.span,
                doc_number: Some(n),
            },
            shifted(&f.diagnostics, base),
        ));
    }
    read
}

/// titled-number = "》" ws ("(" | "〔" | "【") doc-number: the index of the number printed in
/// the parenthesis after the title ending at `e`. Titles and numbers are both in order:
/// `cursor` skips the numbers before this parenthesis.
fn number_after(
    l: &str,
    e: usize,
    numbers: &[doc_number::Found],
    cursor: &mut usize,
) -> Option<usize> {
    let after = e + '》'.len_utf8();
    let rest = l.get(after..).unwrap_or_default();
    if !rest.trim_start().starts_with(['(', '〔', '【']) {
        return None;
    }
    let paren = after + (rest.len() - rest.trim_start().len());
    while numbers
        .get(*cursor)
        .is_some_and(|f| f.number.span.start <= paren)
    {
        *cursor += 1;
    }
    numbers
        .get(*cursor)
        .filter(|f| f.number.span.start <= paren + 4)
        .map(|_| *cursor)
}

/// The byte offsets of every occurrence of `needles` in `text`, sorted.
fn offsets(needles: &[&str], text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = needles
        .iter()
        .flat_map(|n| memchr::memmem::find_iter(text.as_bytes(), n.as_bytes()))
        .collect();
    out.sort_unstable();
    out
}

/// True when some offset of the sorted `offsets` lies in `start..end`.
fn any_in(offsets: &[usize], start: usize, end: usize) -> bool {
    let i = offsets.partition_point(|&o| o < start);
    offsets.get(i).is_some_and(|&o| o < end)
}

/// Letters and digits only: the form two spellings of one title are compared in.
fn key(s: &str) -> String {
    s.chars()
        .filter(|&c| super::frame::is_key_char(c))
        .collect()
}

fn shifted(d: &[Diagnostic], by: usize) -> Vec<Diagnostic> {
    d.iter()
        .cloned()
        .map(|mut d| {
            d.span = d.span.map(|s| s.shift(by));
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_titles_are_one_reference() {
        let t = titles("按照《关于印发<滨海新区2020年“质量月”活动方案>的通知》的安排");
        assert_eq!(t.len(), 1, "the inner <…> stays inside the outer 《…》");
    }

    #[test]
    fn titles_with_numbers() {
        let doc = crate::parse_text(
            "关于开展活动的通知\n各单位:\n根据《关于开展2021年全国“质量月”活动的通知》(国市监质〔202151号)和中办发〔2016〕8号精神,制定本方案。\n",
        );
        let refs: Vec<_> = doc
            .references
            .iter()
            .map(|r| {
                (
                    r.title.clone(),
                    r.doc_number.as_ref().map(|n| n.normalized.clone()),
                )
            })
            .collect();
        assert_eq!(
            refs,
            vec![
                (
                    Some("关于开展2021年全国“质量月”活动的通知".to_string()),
                    Some("国市监质〔2021〕51号".to_string())
                ),
                (None, Some("中办发〔2016〕8号".to_string())),
            ],
            "a title takes the number in the parenthesis after it; a bare number has no title"
        );
    }
}
