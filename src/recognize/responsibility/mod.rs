//! Responsible units (责任分工): who carries out each task.
//!
//! Plans close a task with the units that must carry it out. Four shapes are read:
//!
//! 1. A parenthetical in any bracket — ( ), full-width （） folded to ( ), 〔 〕, 【 】, [ ] —
//!    whose text is a responsibility [`clause`]:
//!    `(市工业和信息化局、市市场监管委等按职责分工负责)`,
//!    `(牵头单位:区绿化市容局;配合单位:各街镇、开发区)`, `〔责任单位:省市场监管局〕`.
//!    A parenthetical may wrap over lines (`(牵头部\n\n门:市交通委)`).
//! 2. A sentence without brackets: one that starts with a label (`责任单位:各区人民政府`),
//!    or the last sentence of a paragraph that is only units and a role phrase
//!    (`省科技厅牵头,省财政厅配合。`).
//! 3. A task table flattened one cell per line with 牵头部门 / 配合部门 columns ([`table`]).
//! 4. Headings that are departments ([`headings`]): `一、市市场监管委开展的活动`.
//!
//! A standing instruction inside a clause (`以下均需各区人民政府落实,不再列出`) becomes the
//! clause's `scope_note`, and every later responsibility of the same document gets its units
//! in `implied`. Hands on `responsibilities` in text order, spans in the normalized text;
//! the assembler attaches the section path where `section` is None.

pub mod clause;
pub mod headings;
mod scan;
pub mod table;

use super::{Findings, Input};
use crate::chars::{closer, is_close, is_open};
use crate::model::{Embedded, Responsibility};
use crate::span::Span;

use clause::{parse, parse_sentence, strip_label, Parsed};

/// Longest parenthetical, in bytes, read as one clause.
const MAX_CLAUSE_BYTES: usize = 3000;

/// Adds the responsibilities of the text.
pub fn recognize(input: &Input<'_>, findings: &mut Findings) {
    let mut found = parentheticals(input, &section_starts(input.sections));
    found.extend(trailing_sentences(input, &found));
    found.extend(table::recognize(input));
    found.extend(headings::recognize(input.text, input.sections));
    found.sort_by_key(|r| (r.span.start, r.span.end));
    apply_scope_notes(&mut found, &input.frame.embedded);
    findings.responsibilities.extend(found);
}

/// Builds a responsibility from a parsed clause.
pub(crate) fn build(parsed: Parsed, raw: &str, span: Span) -> Responsibility {
    Responsibility {
        section: None,
        departments: parsed.departments,
        lead: parsed.lead,
        support: parsed.support,
        phrase: parsed.phrase,
        scope_note: parsed.scope_note,
        implied: Vec::new(),
        raw: raw.to_string(),
        span,
    }
}

/// Every balanced bracket pair of the text, as (start of opener, end of closer).
fn bracket_pairs(text: &str) -> Vec<(usize, usize)> {
    const MAX_OPEN: usize = 32;
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut pairs = Vec::new();
    for i in scan::brackets(text) {
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        if is_open(c) {
            if stack.len() >= MAX_OPEN {
                stack.remove(0);
            }
            stack.push((c, i));
        } else if is_close(c) {
            if let Some(k) = stack.iter().rposition(|(o, _)| closer(*o) == c) {
                if let Some(&(_, start)) = stack.get(k) {
                    pairs.push((start, i + c.len_utf8()));
                }
                stack.truncate(k);
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// True when the offset lies on a body line.
fn on_body_line(input: &Input<'_>, offset: usize) -> bool {
    let lines = &input.segmented.lines;
    let i = lines.partition_point(|l| l.span.start <= offset);
    i.checked_sub(1)
        .and_then(|i| lines.get(i))
        .is_some_and(|l| l.is_body())
}

/// The sorted start offsets of every section in the tree.
fn section_starts(sections: &[crate::model::Section]) -> Vec<usize> {
    fn walk(sections: &[crate::model::Section], out: &mut Vec<usize>) {
        for s in sections {
            out.push(s.span.start);
            walk(&s.children, out);
        }
    }
    let mut out = Vec::new();
    walk(sections, &mut out);
    out.sort_unstable();
    out
}

/// Responsibility parentheticals. A bracket pair may span lines, but never a section
/// heading: an unclosed （ before one is a lost bracket, not a clause running on.
fn parentheticals(input: &Input<'_>, section_starts: &[usize]) -> Vec<Responsibility> {
    let text = input.text;
    let mut out: Vec<Responsibility> = Vec::new();
    let mut covered_to = 0usize;
    for (start, end) in bracket_pairs(text) {
        if start < covered_to || end - start > MAX_CLAUSE_BYTES || !on_body_line(input, start) {
            continue;
        }
        let next_section = section_starts.partition_point(|&s| s <= start);
        if section_starts.get(next_section).is_some_and(|&s| s < end) {
            continue;
        }
        let Some(raw) = text.get(start..end) else {
            continue;
        };
        let inner = raw
            .char_indices()
            .nth(1)
            .and_then(|(i, _)| {
                let last = raw.char_indices().next_back()?.0;
                raw.get(i..last)
            })
            .unwrap_or_default();
        if let Some(parsed) = parse(inner) {
            out.push(build(parsed, raw, Span::new(start, end)));
            covered_to = end;
        }
    }
    out
}

/// Sentences of a line, split at 。 outside brackets, as byte ranges of the text.
fn sentences(text: &str, line: Span) -> Vec<Span> {
    let Some(s) = line.slice(text) else {
        return Vec::new();
    };
    let mut out: Vec<Span> = clause::split_top_ranges(s, &['。'])
        .into_iter()
        .map(|r| Span::new(line.start + r.start, line.start + r.end))
        .collect();
    out.retain(|sp| sp.slice(text).is_some_and(|t| !t.trim().is_empty()));
    out
}

/// Trims spaces and trailing sentence punctuation from a span.
fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text).unwrap_or_default();
    let lead = s.len() - s.trim_start().len();
    let body = s.trim().trim_end_matches(['。', ';', ',']);
    Span::new(span.start + lead, span.start + lead + body.len())
}

/// True when a body line may hold a clause without brackets. A labelled sentence needs a
/// label and its colon, and a closing sentence a cue where a part ends; both are cues
/// [`clause::has_cue`] finds in the whole line, as a sentence is a slice of the line and
/// what follows its end there is 。 ; , ； ， or the line's end. In a line with spaces the
/// cues are looked for with the spaces left out, as compacting a clause joins a cue
/// across a space (牵头单位 :, 负责 。).
fn may_hold_clause(text: &str, line: Span, places: &scan::Places, candidates: &[usize]) -> bool {
    let Some(s) = line.slice(text) else {
        return true;
    };
    if places.has_space(line.start, line.end) {
        return clause::has_cue_without_spaces(s);
    }
    clause::has_cue_in_line(s, line.start, candidates)
}

/// A labelled sentence `sp` on body line `index` with the labelled lines that follow it
/// (配合部门:… under 牵头部门:…): its span, and the index of the first line after it.
fn labelled_run(
    text: &str,
    body: &[&crate::segment::Line],
    index: usize,
    sp: Span,
) -> (Span, usize) {
    let mut end = body.get(index).map_or(sp.end, |l| l.content.end);
    let mut after = index + 1;
    while let Some(l) = body.get(after) {
        if strip_label(l.text(text)).is_none() {
            break;
        }
        end = l.content.end;
        after += 1;
    }
    (trim_span(text, Span::new(sp.start, end)), after)
}

/// Clauses without brackets: labelled sentences, and a closing units-and-role sentence.
fn trailing_sentences(input: &Input<'_>, taken: &[Responsibility]) -> Vec<Responsibility> {
    let text = input.text;
    // `taken` is in text order and its spans do not overlap, so their ends ascend too: only
    // the first one that ends after `sp` starts can overlap it.
    let overlaps = |sp: Span| {
        let first = taken.partition_point(|r| r.span.end <= sp.start);
        taken.get(first).is_some_and(|r| r.span.start < sp.end)
    };
    let mut out = Vec::new();
    let body: Vec<_> = input
        .segmented
        .body()
        .filter(|l| !l.content.is_empty())
        .collect();
    let mut next_line = 0usize;
    let places = scan::Places::new(text);
    let candidates = clause::cue_stop_candidates(text);
    for (index, line) in body.iter().enumerate() {
        if index < next_line || !may_hold_clause(text, line.content, &places, &candidates) {
            continue;
        }
        let spans = sentences(text, line.content);
        let count = spans.len();
        for (k, sp) in spans.into_iter().enumerate() {
            let sp = trim_span(text, sp);
            if sp.is_empty() || overlaps(sp) {
                continue;
            }
            let Some(sentence) = sp.slice(text) else {
                continue;
            };
            if sentence.len() > MAX_CLAUSE_BYTES {
                continue;
            }
            if strip_label(sentence).is_some() {
                let (tail, after) = labelled_run(text, &body, index, sp);
                if overlaps(tail) || tail.len() > MAX_CLAUSE_BYTES {
                    continue;
                }
                let raw = tail.slice(text).unwrap_or_default();
                if let Some(parsed) = parse(raw) {
                    out.push(build(parsed, raw, tail));
                    next_line = after;
                    break;
                }
            } else if k + 1 == count && count > 0 {
                if let Some(parsed) = parse_sentence(sentence) {
                    out.push(build(parsed, sentence, sp));
                }
            }
        }
    }
    out
}

/// Gives every responsibility after a standing instruction the units it implies, up to the
/// end of the (embedded) document that holds the instruction.
fn apply_scope_notes(found: &mut [Responsibility], embedded: &[Embedded]) {
    let mut implied: Vec<String> = Vec::new();
    let mut until = 0usize;
    for r in found.iter_mut() {
        if r.span.start >= until {
            implied.clear();
        }
        if r.scope_note.is_none() {
            if !implied.is_empty() {
                r.implied = implied.clone();
            }
            continue;
        }
        let units = r
            .scope_note
            .as_deref()
            .map(clause::parse_scope_units)
            .unwrap_or_default();
        if !units.is_empty() {
            implied = units;
            until = embedded
                .iter()
                .find(|e| e.span.start <= r.span.start && r.span.start < e.span.end)
                .map_or(usize::MAX, |e| e.span.end);
        }
    }
}
