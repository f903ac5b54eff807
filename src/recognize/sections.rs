//! The numbered section hierarchy: 一、 （一） 1. （1） ① 第一章 第一条 一是 附件1.

use super::Input;
use crate::model::Document;

/// Fills `doc.sections`.
pub fn recognize(input: &Input<'_>, doc: &mut Document) {
    let _ = (input, doc);
}
