//! References to other documents: 《titles》 and the doc numbers printed with them.

use super::Input;
use crate::model::Document;

/// Fills `doc.references`.
pub fn recognize(input: &Input<'_>, doc: &mut Document) {
    let _ = (input, doc);
}
