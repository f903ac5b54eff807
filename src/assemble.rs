//! Stage 5, assemble: turn what the recognizers found into the final [`Document`].
//!
//! Attaches each responsibility and quantity that has no section yet to the innermost
//! section whose span contains it, maps every span from the normalized view back to the
//! decoded text, and orders the diagnostics by position.

use crate::model::{Document, Section};
use crate::normalize::Normalized;
use crate::span::Span;

/// Finishes a document whose spans index `norm.text`: afterwards they index the decoded text.
pub fn finish(doc: &mut Document, norm: &Normalized) {
    for r in &mut doc.responsibilities {
        if r.section.is_none() {
            r.section = section_path_at(&doc.sections, r.span.start).map(str::to_string);
        }
    }
    for q in &mut doc.quantities {
        if q.section.is_none() {
            q.section = section_path_at(&doc.sections, q.span.start).map(str::to_string);
        }
    }
    doc.map_spans(&mut |s| norm.to_original(s));
    doc.diagnostics
        .sort_by_key(|d| d.span.map_or((0, 0), |s| (s.start, s.end)));
}

/// The path of the innermost section containing `offset`.
pub fn section_path_at(sections: &[Section], offset: usize) -> Option<&str> {
    let mut found = None;
    let mut level = sections;
    loop {
        // Sections are in order and do not overlap: binary search by start.
        let i = level.partition_point(|s| s.span.start <= offset);
        match i.checked_sub(1).and_then(|i| level.get(i)) {
            Some(s) if s.span.contains(Span::new(offset, offset)) && offset < s.span.end => {
                found = Some(s.path.as_str());
                level = &s.children;
            }
            _ => return found,
        }
    }
}
