//! Responsible units: department parentheticals and labelled clauses, per task.

use super::Input;
use crate::model::Document;

/// Fills `doc.responsibilities`.
pub fn recognize(input: &Input<'_>, doc: &mut Document) {
    let _ = (input, doc);
}
