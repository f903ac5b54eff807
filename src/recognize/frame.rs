//! The frame of a document: portal metadata, title, kind, doc number, issuer, recipients,
//! dates, disclosure, signature, attachments, embedded documents and the 版记.

use super::Input;
use crate::model::Document;

/// Fills the document's frame fields.
pub fn recognize(input: &Input<'_>, doc: &mut Document) {
    let _ = (input, doc);
}
