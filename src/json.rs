//! Stage 6, serialize: a [`Document`] as JSON ([`to_json`]), with spans in bytes or chars.
//!
//! # Wire format
//! The contract is the project's `SCHEMA.md`: one object per document. Spans are
//! half-open `[start, end]` offsets into the decoded text of the input, in bytes by
//! default, or in Unicode scalar values with [`OffsetUnit::Chars`] (what Python's and
//! JavaScript's string indexing expect). An input that fails to parse is written as
//! `{"source": {...}, "error": {"code": ..., "message": ...}}` by [`error_record`].

use serde::Serialize;
use serde_json::value::RawValue;

use crate::model::{Document, Source};
use crate::span::CharOffsets;
use crate::Error;

/// The unit of span offsets in the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Bytes of the decoded UTF-8 text.
    #[default]
    Bytes,
    /// Unicode scalar values of the decoded text.
    Chars,
}

/// The document as JSON text: compact, one line (as `--format jsonl` prints it), or
/// pretty-printed. Spans are in the unit the document was parsed with
/// ([`Options::offsets`](crate::Options::offsets)).
///
/// ```
/// let doc = zhengce::parse_text("一、总体要求\n");
/// let line = zhengce::to_json(&doc, false);
/// assert!(line.starts_with("{\"schema_version\":1,") && !line.contains('\n'));
/// ```
pub fn to_json(doc: &Document, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(doc)
    } else {
        serde_json::to_string(doc)
    };
    // A Document has string keys only: serializing it cannot fail.
    text.unwrap_or_default()
}

/// Converts every span of `doc` (bytes of `decoded`) to char offsets.
pub fn to_char_offsets(doc: &mut Document, decoded: &str) {
    let table = CharOffsets::new(decoded);
    doc.map_spans(&mut |s| table.span(s));
}

/// The error record written for an input that could not be parsed:
/// `{"id"?: …, "line"?: N, "source": {...}, "error": {"code": ..., "message": ...}}`.
///
/// Every batch output mode writes this one shape; `id` (records mode) is the record's id
/// exactly as it was written, `line` the input line number in records mode.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorRecord<'a> {
    /// The id of the record that failed, as written (records mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RawValue>,
    /// The 1-based line of the record that failed (records mode only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// What is known about the input.
    pub source: &'a Source,
    /// The error.
    pub error: ErrorBody,
}

/// Code and message of an error record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    /// Stable snake_case code.
    pub code: &'static str,
    /// What went wrong, for a person.
    pub message: String,
}

impl From<&Error> for ErrorBody {
    fn from(error: &Error) -> Self {
        ErrorBody {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

/// The error record for `error` on `source`.
pub fn error_record<'a>(source: &'a Source, error: &Error) -> ErrorRecord<'a> {
    ErrorRecord {
        id: None,
        line: None,
        source,
        error: ErrorBody::from(error),
    }
}

/// A records-mode result line: `{"id": …, …the fields of value}`, the id first and
/// exactly as it was written in the record.
#[derive(Debug, Serialize)]
pub struct WithId<'a, T: Serialize> {
    /// The record's id, as written (`null` when it had none).
    pub id: &'a RawValue,
    /// The document.
    #[serde(flatten)]
    pub value: &'a T,
}
