//! Departments as headings: a summary or plan whose sections are the units' own activities.
//!
//! ```text
//! unit-heading  = unit activity                 一、市市场监管委开展的活动
//! group-heading = group activity                四、县直相关部门主要活动
//! group-item    = unit ":" text                 (一)市场监管部门:开展消费品质量安全进社区…
//! activity      = "开展的主要活动" | "开展的活动" | "主要活动" | "的活动" | "活动"
//! ```
//!
//! A unit heading makes its unit responsible for the items under it; under a group heading
//! (a unit word with 相关/有关/各) every item that starts with a unit and a colon is that
//! unit's. Each is recorded with the phrase 开展 and a span on the heading of its section;
//! the assembler attaches the section's path.

use std::sync::LazyLock;

use crate::grammar;
use crate::model::{Responsibility, Section};
use crate::recognize::department::is_unit;
use crate::span::Span;

/// Activity words that close a department heading, longest first.
static ACTIVITY: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| grammar::words(&grammar::RESPONSIBILITY, "activity"));

/// The phrase recorded for a department heading.
const PHRASE: &str = "开展";

/// Words that make a heading's unit a group of units.
static GROUP: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| grammar::words(&grammar::RESPONSIBILITY, "group"));

/// The heading up to its first colon or 。.
fn title(heading: &str) -> &str {
    let end = heading.find([':', '。']).unwrap_or(heading.len());
    heading.get(..end).unwrap_or_default().trim()
}

/// Where `needle` is printed on the first line of the section.
fn locate(text: &str, section: &Section, needle: &str) -> Span {
    let start = section.span.start;
    let line_end = text
        .get(start..)
        .and_then(|t| t.find('\n'))
        .map_or(section.span.end, |i| start + i);
    text.get(start..line_end)
        .and_then(|line| line.find(needle))
        .map_or(Span::new(start, start), |i| {
            Span::new(start + i, start + i + needle.len())
        })
}

fn record(text: &str, section: &Section, unit: &str, raw: &str) -> Responsibility {
    Responsibility {
        section: None,
        departments: vec![unit.to_string()],
        lead: Vec::new(),
        support: Vec::new(),
        phrase: Some(PHRASE.to_string()),
        scope_note: None,
        implied: Vec::new(),
        raw: raw.to_string(),
        span: locate(text, section, raw),
    }
}

fn walk(text: &str, sections: &[Section], out: &mut Vec<Responsibility>) {
    for s in sections {
        let heading = title(&s.heading);
        let unit = ACTIVITY
            .iter()
            .find_map(|a| heading.strip_suffix(a))
            .filter(|u| is_unit(u));
        match unit {
            Some(u) if GROUP.iter().any(|g| u.contains(g)) => {
                for c in &s.children {
                    let name = title(&c.heading);
                    if !is_unit(name) {
                        continue;
                    }
                    let at = locate(text, c, name);
                    let has_colon = !at.is_empty()
                        && text
                            .get(at.end..)
                            .is_some_and(|r| r.trim_start().starts_with(':'));
                    if has_colon {
                        out.push(record(text, c, name, name));
                    }
                }
            }
            Some(u) => out.push(record(text, s, u, heading)),
            None => walk(text, &s.children, out),
        }
    }
}

/// Responsibilities read from department headings.
pub fn recognize(text: &str, sections: &[Section]) -> Vec<Responsibility> {
    let mut out = Vec::new();
    walk(text, sections, &mut out);
    out
}
