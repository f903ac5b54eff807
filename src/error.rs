//! The library's error type: the few cases where an input yields no document at all.
//!
//! Everything that can be repaired or skipped is a [`Diagnostic`](crate::Diagnostic)
//! inside the document instead; an [`Error`] means "this input is not a text document".

/// Why an input could not be parsed. Each kind has a stable [`code`](Error::code).
///
/// ```
/// let err = zhengce::parse(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
/// assert_eq!(err.code(), "not_text");
/// let big = zhengce::Options::default().max_bytes(4);
/// assert_eq!(zhengce::parse_with("关于印发".as_bytes(), &big).unwrap_err().code(), "too_large");
/// ```
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
    /// The input is a PDF, which is not read: its text must be extracted first.
    #[error("input is a PDF; extract its text (or save it as .docx) first")]
    Pdf,
    /// The input is an OLE compound file without encryption: a Word 97–2003 `.doc` or
    /// another legacy Office file.
    #[error("input is a legacy Office file (Word 97-2003 .doc); save it as .docx first")]
    LegacyDoc,
    /// The input is a password-protected Office file (an OLE compound file holding
    /// `EncryptionInfo`).
    #[error("input is an encrypted (password-protected) Office file")]
    EncryptedDocx,
    /// The input looks like a .docx (a zip archive, or named so) but cannot be read as one.
    #[error("input is not a readable .docx: {reason}")]
    CorruptDocx {
        /// What was wrong.
        reason: String,
    },
    /// Reading the input failed (used by callers that do I/O, such as the CLI).
    #[error("cannot read input: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// A stable snake_case code for programs: `not_text`, `too_large`, `unknown_encoding`,
    /// `pdf`, `legacy_doc`, `encrypted_docx`, `corrupt_docx`, `io`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotText { .. } => "not_text",
            Error::TooLarge { .. } => "too_large",
            Error::UnknownEncoding { .. } => "unknown_encoding",
            Error::Pdf => "pdf",
            Error::LegacyDoc => "legacy_doc",
            Error::EncryptedDocx => "encrypted_docx",
            Error::CorruptDocx { .. } => "corrupt_docx",
            Error::Io(_) => "io",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_messages_say_why() {
        let cases = [
            (
                Error::NotText {
                    reason: "NUL byte at offset 8".into(),
                },
                "not_text",
                "input is not text: NUL byte at offset 8",
            ),
            (
                Error::TooLarge {
                    size: 20,
                    limit: 10,
                },
                "too_large",
                "input is 20 bytes, over the limit of 10 bytes",
            ),
            (
                Error::UnknownEncoding {
                    label: "klingon".into(),
                },
                "unknown_encoding",
                "unknown encoding label \"klingon\"",
            ),
            (
                Error::Pdf,
                "pdf",
                "input is a PDF; extract its text (or save it as .docx) first",
            ),
            (
                Error::LegacyDoc,
                "legacy_doc",
                "input is a legacy Office file (Word 97-2003 .doc); save it as .docx first",
            ),
            (
                Error::EncryptedDocx,
                "encrypted_docx",
                "input is an encrypted (password-protected) Office file",
            ),
            (
                Error::CorruptDocx {
                    reason: "no word/document.xml".into(),
                },
                "corrupt_docx",
                "input is not a readable .docx: no word/document.xml",
            ),
            (
                Error::from(std::io::Error::new(std::io::ErrorKind::NotFound, "gone")),
                "io",
                "cannot read input: gone",
            ),
        ];
        for (err, code, message) in cases {
            assert_eq!(err.code(), code, "the code of {err:?} is stable");
            assert_eq!(err.to_string(), message, "the message of {code} says why");
        }
    }
}
