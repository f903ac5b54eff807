//! Task tables flattened one cell per line (附件 任务分工表).
//!
//! ```text
//! table  = header row { row }
//! header = "序号" { cell }            a cell among them names a unit column:
//!                                      牵头部门 / 牵头单位 / 责任单位 / 配合部门 …
//! row    = number { cell }            number = 1, 2, 3 … in order
//! ```
//!
//! Merged cells leave gaps, so columns are not counted: from the end of a row, a time cell
//! (2019年3月, 长期) is skipped, then the cells that are only unit names are the unit
//! columns; the first is the lead column when the header has both a lead and a support
//! column, the rest support. A cell ending with 、 goes on in the next cell.
//!
//! Markdown pipe tables (`| 序号 | 任务 | 牵头单位 | 配合单位 |`) keep their columns, so
//! there each row's unit cells are read by the header's column positions.

use crate::model::Responsibility;
use crate::recognize::department::{each_unit, is_unit, more_chars_than, split_units};
use crate::recognize::Input;
use crate::span::Span;

use super::clause::{label_role, Parsed, Role};

/// Most cells a header may have.
const MAX_HEADER_CELLS: usize = 12;
/// Most cells one row may have before the table is taken to have ended.
const MAX_ROW_CELLS: usize = 40;

struct Cell<'t> {
    text: &'t str,
    span: Span,
}

fn is_unit_cell(text: &str) -> bool {
    let t = text.trim_end_matches(['、', ',']);
    let mut any = false;
    // Stops at the first unit that is not a unit name.
    each_unit(t, |u| {
        any = true;
        is_unit(u.text)
    }) && any
}

fn is_time_cell(text: &str) -> bool {
    !more_chars_than(text, 20)
        && super::clause::deadline_words()
            .iter()
            .any(|w| text.contains(w))
}

/// Reads one row's unit cells.
fn row(
    cells: &[Cell<'_>],
    text: &str,
    split_roles: bool,
    role: Role,
    label: &str,
) -> Option<Responsibility> {
    let mut end = cells.len();
    if cells
        .last()
        .is_some_and(|c| is_time_cell(c.text) && !is_unit_cell(c.text))
    {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && cells.get(start - 1).is_some_and(|c| is_unit_cell(c.text)) {
        start -= 1;
    }
    let unit_cells = cells.get(start..end)?;
    let first = unit_cells.first()?;
    let last = unit_cells.last()?;
    // Join cells continued with a trailing 、 into groups.
    let mut groups: Vec<String> = Vec::new();
    let mut open = false;
    for c in unit_cells {
        match groups.last_mut() {
            Some(g) if open => g.push_str(c.text),
            _ => groups.push(c.text.to_string()),
        }
        open = c.text.ends_with('、');
    }
    let mut parsed = Parsed {
        phrase: Some(label.to_string()),
        ..Parsed::default()
    };
    for (k, g) in groups.iter().enumerate() {
        let r = match (split_roles, k) {
            (true, 0) => Role::Lead,
            (true, _) => Role::Support,
            (false, _) => role,
        };
        for u in split_units(g.trim_end_matches('、')) {
            let name = u.text.to_string();
            match r {
                Role::Lead => parsed.lead.push(name.clone()),
                Role::Support => parsed.support.push(name.clone()),
                Role::Duty => {}
            }
            parsed.departments.push(name);
        }
    }
    if parsed.departments.is_empty() {
        return None;
    }
    let span = Span::new(first.span.start, last.span.end);
    let raw = span.slice(text).unwrap_or_default();
    Some(super::build(parsed, raw, span))
}

/// The cells of a Markdown pipe-table row, or `None` for a line that is not one.
fn pipe_cells(line: &str) -> Option<Vec<&str>> {
    let inner = line.trim().strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(str::trim).collect())
}

/// Responsibilities read from Markdown pipe tables whose header names unit columns.
fn pipe_tables(input: &Input<'_>) -> Vec<Responsibility> {
    let text = input.text;
    let mut out = Vec::new();
    let mut columns: Vec<(usize, Role)> = Vec::new();
    let mut label = String::new();
    for line in input.segmented.body() {
        let Some(cells) = pipe_cells(line.text(text)) else {
            columns.clear();
            continue;
        };
        let header: Vec<(usize, Role)> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| label_role(c).map(|r| (i, r)))
            .collect();
        if let Some(&(first, _)) = header.first() {
            label = cells.get(first).map(|c| c.to_string()).unwrap_or_default();
            columns = header;
            continue;
        }
        if columns.is_empty()
            || cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            continue;
        }
        let mut parsed = Parsed::default();
        for &(i, role) in &columns {
            let Some(cell) = cells.get(i) else { continue };
            for u in split_units(cell) {
                let name = u.text.to_string();
                match role {
                    Role::Lead => parsed.lead.push(name.clone()),
                    Role::Support => parsed.support.push(name.clone()),
                    Role::Duty => {}
                }
                parsed.departments.push(name);
            }
        }
        if !parsed.departments.is_empty() {
            parsed.phrase = Some(label.clone());
            let raw = line.text(text);
            out.push(super::build(parsed, raw, line.content));
        }
    }
    out
}

/// Responsibilities read from flattened task tables and Markdown pipe tables.
pub fn recognize(input: &Input<'_>) -> Vec<Responsibility> {
    let mut out = pipe_tables(input);
    out.extend(flattened(input));
    out
}

/// Responsibilities read from task tables flattened one cell per line.
fn flattened(input: &Input<'_>) -> Vec<Responsibility> {
    let text = input.text;
    let cells: Vec<Cell<'_>> = input
        .segmented
        .body()
        .map(|l| Cell {
            text: l.text(text),
            span: l.content,
        })
        .filter(|c| !c.text.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        if cells.get(i).is_none_or(|c| c.text != "序号") {
            i += 1;
            continue;
        }
        let (header, j) = header(&cells, i);
        if header.roles.is_empty() || cells.get(j).is_none_or(|c| c.text != "1") {
            i = j.max(i + 1);
            continue;
        }
        i = rows(&cells, j, text, &header, &mut out);
    }
    out
}

/// A table's header: the roles of its unit columns and the first unit column's label.
struct Header<'a> {
    roles: Vec<Role>,
    label: &'a str,
}

/// `header = "序号" { cell }` at cell `i`: short cells up to the first row number, and
/// the index of the cell after them.
fn header<'a>(cells: &[Cell<'a>], i: usize) -> (Header<'a>, usize) {
    let mut roles = Vec::new();
    let mut label = "";
    let mut j = i + 1;
    while let Some(c) = cells.get(j) {
        if c.text == "1" || j - i > MAX_HEADER_CELLS || more_chars_than(c.text, 10) {
            break;
        }
        if let Some(r) = label_role(c.text) {
            if roles.is_empty() {
                label = c.text;
            }
            roles.push(r);
        }
        j += 1;
    }
    (Header { roles, label }, j)
}

/// `{ row }` from cell `j` (the number 1): each row runs to the next number in order,
/// the table to the next 序号, an attachment or an overlong row. Returns the index of the
/// cell where the table ends.
fn rows(
    cells: &[Cell<'_>],
    j: usize,
    text: &str,
    header: &Header<'_>,
    out: &mut Vec<Responsibility>,
) -> usize {
    let roles = &header.roles;
    let split_roles = roles.contains(&Role::Lead) && roles.contains(&Role::Support);
    let role = if roles.iter().all(|r| *r == Role::Lead) {
        Role::Lead
    } else {
        Role::Duty
    };
    let mut expected = 1u32;
    let mut row_start = j;
    let mut k = j + 1;
    let mut next = (expected + 1).to_string();
    loop {
        let cell = cells.get(k);
        let ends_table = cell.is_none_or(|c| {
            c.text == "序号" || c.text.starts_with("附件") || k - row_start > MAX_ROW_CELLS
        });
        if ends_table || cell.is_some_and(|c| c.text == next) {
            if let Some(r) = cells
                .get(row_start + 1..k)
                .and_then(|row_cells| row(row_cells, text, split_roles, role, header.label))
            {
                out.push(r);
            }
            if ends_table {
                return k;
            }
            expected += 1;
            next = (expected + 1).to_string();
            row_start = k;
        }
        k += 1;
    }
}
