//! The library's error type: the few cases where an input yields no document at all.
//!
//! Everything that can be repaired or skipped is a [`Diagnostic`](crate::Diagnostic)
//! inside the document instead; an [`Error`] means "this input is not a text document".

/// Why an input could not be parsed. Each kind has a stable [`code`](Error::code).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are binary data, not text (NUL bytes, or mostly control/undecodable bytes).
    #[error("input is not text: {reason}")]
    NotText {
        /// What gave it away.
        reason: String,
    },
    /// The input is larger than the configured limit.
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input.
        size: u64,
        /// The configured limit ([`Options::max_bytes`](crate::Options::max_bytes)).
        limit: u64,
    },
    /// An encoding label given by the caller is unknown.
    #[error("unknown encoding label {label:?}")]
    UnknownEncoding {
        /// The label as given.
        label: String,
    },
    /// Reading the input failed (used by callers that do I/O, such as the CLI).
    #[error("cannot read input: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// A stable snake_case code for programs: `not_text`, `too_large`, `unknown_encoding`, `io`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotText { .. } => "not_text",
            Error::TooLarge { .. } => "too_large",
            Error::UnknownEncoding { .. } => "unknown_encoding",
            Error::Io(_) => "io",
        }
    }
}
