//! Stage 4, recognize: find the document's parts in the normalized, segmented text.
//!
//! Each recognizer is one module with one entry point,
//! `fn recognize(input: &Input<'_>, doc: &mut Document)`, that adds what it finds to the
//! document with spans in the *normalized* text (the assembler maps them back). They run
//! in a fixed order, and a later one may read what an earlier one found:
//!
//! 1. [`frame`]: portal metadata, title, kind, doc number, issuer, recipients, dates,
//!    disclosure, signature, attachments, embedded documents, 版记 (抄送, 印发).
//! 2. [`sections`]: the numbered heading hierarchy.
//! 3. [`reference`](mod@reference): cited 《titles》 and doc numbers.
//! 4. [`responsibility`]: responsible units per task.
//! 5. [`quantity`]: targets and statistics.
//!
//! Shared grammars used by several recognizers live beside them: [`numeral`] (Chinese and
//! Arabic numbers), [`doc_number`] (发文字号), [`date`], [`department`].

pub mod date;
pub mod department;
pub mod doc_number;
pub mod frame;
pub mod numeral;
pub mod quantity;
pub mod reference;
pub mod responsibility;
pub mod sections;

use crate::model::Document;
use crate::segment::Segmented;

/// What every recognizer reads: the normalized text and its lines.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The normalized text.
    pub text: &'a str,
    /// Its lines.
    pub segmented: &'a Segmented,
}

impl<'a> Input<'a> {
    /// The input over a normalized text and its lines.
    pub fn new(text: &'a str, segmented: &'a Segmented) -> Self {
        Input { text, segmented }
    }
}

/// Runs every recognizer in order.
pub fn run(input: &Input<'_>, doc: &mut Document) {
    frame::recognize(input, doc);
    sections::recognize(input, doc);
    reference::recognize(input, doc);
    responsibility::recognize(input, doc);
    quantity::recognize(input, doc);
}
