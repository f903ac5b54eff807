//! Stage 5, assemble: turn what the recognizers found into the final [`Document`].
//!
//! Nests the outline's headings into the section tree ([`tree`]: spine, paths, numbering
//! diagnostics), which the recognizers of the registry then read; afterwards attaches each
//! responsibility and quantity to the innermost section whose span contains it, builds the
//! [`Document`] once, maps every span from the normalized view back to the decoded text
//! (the one place that does: [`Document::map_spans`] walks every span of the model), and
//! orders the diagnostics by position.

pub mod tree;

use crate::model::{Diagnostic, Document, Section, Source, SCHEMA_VERSION};
use crate::normalize::Normalized;
use crate::recognize::frame::Frame;
use crate::recognize::sections::Outline;
use crate::recognize::Findings;
use crate::span::Span;

/// The section tree built from an outline, spans in the normalized text.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// The sections, outermost first.
    pub sections: Vec<Section>,
    /// Numbering diagnostics (`heading_gap`, `heading_duplicate`, `heading_marker_repaired`).
    pub diagnostics: Vec<Diagnostic>,
}

/// Nests the outline's headings into the section tree of the normalized `text`.
pub fn sections(outline: Outline, text: &str) -> Tree {
    let (sections, diagnostics) = tree::build(outline, text);
    Tree {
        sections,
        diagnostics,
    }
}

/// Builds the document from the frame, the section tree and the findings, whose spans
/// index `norm.text`: the document's spans index the decoded text.
pub fn document(
    source: Source,
    frame: Frame,
    tree: Tree,
    mut found: Findings,
    norm: &Normalized,
) -> Document {
    for r in &mut found.responsibilities {
        if r.section.is_none() {
            r.section = section_path_at(&tree.sections, r.span.start).map(str::to_string);
        }
    }
    for q in &mut found.quantities {
        if q.section.is_none() {
            q.section = section_path_at(&tree.sections, q.span.start).map(str::to_string);
        }
    }
    let mut diagnostics = frame.diagnostics;
    diagnostics.extend(tree.diagnostics);
    diagnostics.extend(found.diagnostics);
    let mut doc = Document {
        schema_version: SCHEMA_VERSION,
        source,
        kind: frame.kind,
        title: frame.title,
        doc_number: frame.doc_number,
        issuer: frame.issuer,
        recipients: frame.recipients,
        dates: frame.dates,
        disclosure: frame.disclosure,
        signature: frame.signature,
        cc: frame.cc,
        printed_by: frame.printed_by,
        attachments: frame.attachments,
        embedded: frame.embedded,
        metadata: frame.metadata,
        sections: tree.sections,
        references: found.references,
        responsibilities: found.responsibilities,
        quantities: found.quantities,
        contacts: found.contacts,
        diagnostics,
    };
    doc.map_spans(&mut |s| norm.to_original(s));
    doc.diagnostics
        .sort_by_key(|d| d.span.map_or((0, 0), |s| (s.start, s.end)));
    doc
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
