//! Stage 4, recognize: find the document's parts in the normalized, segmented text.
//!
//! Two recognizers read the document's structure, and their results are typed values every
//! other recognizer may read:
//!
//! 1. [`frame`]: portal metadata, title, kind, doc number, issuer, recipients, dates,
//!    disclosure, signature, attachments, embedded documents, 版记 (抄送, 印发): a
//!    [`frame::Frame`].
//! 2. [`sections`]: the numbered headings in document order, a [`sections::Outline`],
//!    which the assembler nests into the section tree (`assemble::tree`).
//!
//! Then every recognizer of the [`REGISTRY`] runs on one [`Input`] — the text, its lines,
//! the frame and the section tree — and adds what it finds to one [`Findings`]; none reads
//! another's findings, so their order does not matter:
//!
//! - [`reference`](mod@reference): cited 《titles》 and doc numbers.
//! - [`responsibility`]: responsible units per task.
//! - [`quantity`]: targets and statistics.
//! - [`contacts`]: contact lines (联系人, 联系电话, 邮箱, 传真).
//!
//! Every span a recognizer hands on is in the *normalized* text; the assembler maps them
//! back. Shared grammars used by several recognizers live beside them: [`numeral`]
//! (Chinese and Arabic numbers), [`doc_number`] (发文字号), [`date`], [`department`].
//!
//! To add a recognizer: one module with `fn recognize(input: &Input<'_>, found: &mut
//! Findings)`, one field of [`Findings`] for what it finds, one line in [`REGISTRY`].

pub mod contacts;
pub mod date;
pub mod department;
pub mod doc_number;
pub mod frame;
pub mod numeral;
pub mod quantity;
pub mod reference;
pub mod responsibility;
pub mod sections;

use crate::model::{Contact, Diagnostic, Quantity, Reference, Responsibility, Section};
use crate::segment::Segmented;

/// What every recognizer of the [`REGISTRY`] reads: the normalized text and its lines, and
/// the structure found before them.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The normalized text.
    pub text: &'a str,
    /// Its lines.
    pub segmented: &'a Segmented,
    /// The frame: title, own number, kind, closing, embedded documents.
    pub frame: &'a frame::Frame,
    /// The section tree, spans in the normalized text.
    pub sections: &'a [Section],
}

/// What the recognizers of the [`REGISTRY`] found, spans in the normalized text. Each adds
/// to its own field (and to `diagnostics`); the assembler puts them in the document.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// Cited documents, in order of first appearance ([`reference`](mod@reference)).
    pub references: Vec<Reference>,
    /// Responsible units ([`responsibility`]); `section` is set by the assembler.
    pub responsibilities: Vec<Responsibility>,
    /// Targets and statistics ([`quantity`]); `section` is set by the assembler.
    pub quantities: Vec<Quantity>,
    /// Contact lines ([`contacts`]).
    pub contacts: Vec<Contact>,
    /// What was repaired or guessed.
    pub diagnostics: Vec<Diagnostic>,
}

/// One recognizer: its name (the stage name `examples/stages.rs` prints) and its entry.
#[derive(Debug, Clone, Copy)]
pub struct Recognizer {
    /// Stage name.
    pub name: &'static str,
    /// Reads the input and adds its findings.
    pub run: fn(&Input<'_>, &mut Findings),
}

/// Every recognizer that runs on the [`Input`], in the order their diagnostics are listed.
pub const REGISTRY: &[Recognizer] = &[
    Recognizer {
        name: "reference",
        run: reference::recognize,
    },
    Recognizer {
        name: "responsibility",
        run: responsibility::recognize,
    },
    Recognizer {
        name: "quantity",
        run: quantity::recognize,
    },
    Recognizer {
        name: "contacts",
        run: contacts::recognize,
    },
];

/// Runs every recognizer of the [`REGISTRY`] on `input`.
pub fn run(input: &Input<'_>) -> Findings {
    let mut found = Findings::default();
    for r in REGISTRY {
        (r.run)(input, &mut found);
    }
    found
}
