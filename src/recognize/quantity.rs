//! Quantitative targets and statistics.

use super::Input;
use crate::model::Document;

/// Fills `doc.quantities`.
pub fn recognize(input: &Input<'_>, doc: &mut Document) {
    let _ = (input, doc);
}
