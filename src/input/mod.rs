//! Stage 0, input: what kind of file the bytes are, and the text to parse from them.
//!
//! Plain text goes on to [`decode`](crate::decode) as it is. An HTML page is decoded by
//! its declared charset (else detected) and its own text is read out of it ([`html`]); a
//! Word file has its paragraphs read and its automatic numbering written out ([`docx`],
//! [`numbering`]). Files that are not read — a PDF, a Word 97–2003 `.doc`, an encrypted
//! Office file, a broken zip — are refused here with their own [`Error`] code.
//!
//! Hands on an [`Extracted`] text with a [`SourceMap`] back to the source offsets, which
//! the library applies to every span of the parsed document.

use crate::error::Error;
use crate::model::{Diagnostic, Document, SourceFormat};
use crate::span::Span;
use crate::{json, Options};

pub mod docx;
pub mod html;
pub mod numbering;

/// The first bytes of a zip archive (a local file header, or the end record of an empty one).
const ZIP_MAGIC: [&[u8]; 2] = [b"PK\x03\x04", b"PK\x05\x06"];
/// The first bytes of an OLE compound file (.doc, .xls, encrypted .docx).
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// How far into a file `%PDF-` may stand (the PDF reference allows junk before it).
const PDF_WINDOW: usize = 1024;

/// What kind of file `bytes` are, from the caller's choice, the path's extension or the
/// bytes themselves; refuses the kinds that are not read.
///
/// ```
/// use zhengce::SourceFormat;
/// use zhengce::input::format_of;
/// assert_eq!(format_of(b"<!DOCTYPE html><p>x", None, None).unwrap(), SourceFormat::Html);
/// assert_eq!(format_of("关于".as_bytes(), None, Some("a.htm")).unwrap(), SourceFormat::Html);
/// assert_eq!(format_of(b"%PDF-1.7\n", None, None).unwrap_err().code(), "pdf");
/// assert_eq!(format_of("通知".as_bytes(), None, None).unwrap(), SourceFormat::Text);
/// ```
pub fn format_of(
    bytes: &[u8],
    forced: Option<SourceFormat>,
    path: Option<&str>,
) -> Result<SourceFormat, Error> {
    if let Some(f) = forced {
        return Ok(f);
    }
    let head = bytes.get(..PDF_WINDOW).unwrap_or(bytes);
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Err(Error::Pdf);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(ole_error(bytes));
    }
    if ZIP_MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return Ok(SourceFormat::Docx);
    }
    let ext = path
        .and_then(|p| std::path::Path::new(p).extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => return Ok(SourceFormat::Html),
        Some("docx") => return Ok(SourceFormat::Docx),
        Some("txt" | "text" | "md") => return Ok(SourceFormat::Text),
        _ => {}
    }
    Ok(if looks_like_html(bytes) {
        SourceFormat::Html
    } else {
        SourceFormat::Text
    })
}

/// Parses an HTML page or a Word file (`format` is not [`SourceFormat::Text`], which the
/// caller parses itself): the text is read out, parsed, and its spans mapped back.
pub(crate) fn parse(
    bytes: &[u8],
    format: SourceFormat,
    options: &Options,
) -> Result<Document, Error> {
    let mut diagnostics = Vec::new();
    let (mut doc, encoding, replaced, source) = match format {
        SourceFormat::Html | SourceFormat::Text => {
            let decoded = html::decode_page(bytes, options.encoding.map(crate::Encoding::inner))?;
            if decoded.replaced > 0 {
                diagnostics.push(Diagnostic::warning(
                    "invalid_bytes_replaced",
                    format!(
                        "{} malformed {} sequences replaced by U+FFFD",
                        decoded.replaced, decoded.encoding
                    ),
                    None,
                ));
            }
            let extracted = html::extract(&decoded.text);
            let mut doc = crate::parse_text(&extracted.text);
            doc.map_spans(&mut |s| extracted.map.to_source(s));
            (
                doc,
                decoded.encoding,
                decoded.replaced,
                decoded.text.into_owned(),
            )
        }
        SourceFormat::Docx => {
            let text = docx::extract(bytes)?;
            (crate::parse_text(&text), "UTF-8", 0, text)
        }
    };
    if options.offsets == json::OffsetUnit::Chars {
        json::to_char_offsets(&mut doc, &source);
    }
    doc.source.path = options.path.clone();
    doc.source.encoding = encoding.to_string();
    doc.source.bytes = bytes.len() as u64;
    doc.source.replaced_invalid = replaced;
    doc.source.format = if format == SourceFormat::Docx {
        SourceFormat::Docx
    } else {
        SourceFormat::Html
    };
    diagnostics.append(&mut doc.diagnostics);
    doc.diagnostics = diagnostics;
    Ok(doc)
}

/// An OLE compound file: encrypted when its directory names an `EncryptionInfo` stream
/// (directory names are UTF-16LE), else a legacy binary Office file.
fn ole_error(bytes: &[u8]) -> Error {
    let name: Vec<u8> = "EncryptionInfo"
        .bytes()
        .flat_map(|b| [b, 0])
        .collect::<Vec<u8>>();
    if memchr::memmem::find(bytes, &name).is_some() {
        Error::EncryptedDocx
    } else {
        Error::LegacyDoc
    }
}

/// True when the text starts (after a BOM and white space) with a doctype, an `<html>`,
/// `<head>` or `<meta>` tag, or a comment or XML declaration followed by one of them
/// within the first kilobyte.
fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .trim_ascii_start();
    if !start.starts_with(b"<") {
        return false;
    }
    let head = start.get(..1024).unwrap_or(start).to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<meta",
        b"<body",
    ]
    .iter()
    .any(|tag| memchr::memmem::find(&head, tag).is_some())
}

/// Text read out of a file, with the way back to the file's own offsets.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The text the parser reads: one line per paragraph.
    pub text: String,
    /// Offsets in `text` → offsets in the source the spans should index.
    pub map: SourceMap,
}

/// Maps offsets in an extracted text back to its source: a sorted list of segments, each a
/// piece of output made from one range of the source. A segment whose output is a copy of
/// its source maps byte for byte; any other (a decoded entity, a synthesized line break)
/// maps as a whole.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// `(output start, output end, source start, source end)`, in output order, not
    /// overlapping; the output between segments is empty.
    segments: Vec<(usize, usize, usize, usize)>,
}

impl SourceMap {
    /// Records that output `[out_start, out_end)` was made from source `[src_start, src_end)`.
    pub fn push(&mut self, out_start: usize, out_end: usize, src_start: usize, src_end: usize) {
        if out_end <= out_start {
            return;
        }
        // A copy that continues the previous copy extends it.
        if let Some(last) = self.segments.last_mut() {
            let (os, oe, ss, se) = *last;
            if oe == out_start
                && se == src_start
                && oe - os == se - ss
                && out_end - out_start == src_end - src_start
            {
                last.1 = out_end;
                last.3 = src_end;
                return;
            }
        }
        self.segments.push((out_start, out_end, src_start, src_end));
    }

    /// The source offset of output offset `at`, read as the start (`end == false`) or the
    /// end of a range.
    fn offset(&self, at: usize, end: bool) -> usize {
        // The segment holding the byte at `at` (for an end, the byte before it).
        let probe = if end { at.saturating_sub(1) } else { at };
        let i = self.segments.partition_point(|s| s.1 <= probe);
        let Some(&(os, oe, ss, se)) = self.segments.get(i).or_else(|| self.segments.last()) else {
            return 0;
        };
        if probe < os {
            // In a gap before segment i: a start moves on to it, an end stays with the
            // segment before.
            return match i.checked_sub(1).and_then(|j| self.segments.get(j)) {
                Some(prev) if end => prev.3,
                _ => ss,
            };
        }
        if probe >= oe {
            return se;
        }
        if oe - os == se - ss {
            let mapped = ss + (at - os);
            return mapped.min(se);
        }
        if end {
            se
        } else {
            ss
        }
    }

    /// An output span as a span of the source.
    pub fn to_source(&self, span: Span) -> Span {
        let start = self.offset(span.start, false);
        let end = if span.end > span.start {
            self.offset(span.end, true)
        } else {
            start
        };
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_tells_the_kinds_apart() {
        let zip = b"PK\x03\x04rest";
        assert_eq!(format_of(zip, None, None).unwrap(), SourceFormat::Docx);
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 64]);
        assert_eq!(
            format_of(&ole, None, None).unwrap_err().code(),
            "legacy_doc"
        );
        ole.extend("EncryptionInfo".bytes().flat_map(|b| [b, 0]));
        assert_eq!(
            format_of(&ole, None, None).unwrap_err().code(),
            "encrypted_docx"
        );
        assert_eq!(
            format_of(b"\xEF\xBB\xBF  \n<html><body>x", None, None).unwrap(),
            SourceFormat::Html
        );
        assert_eq!(
            format_of(b"<p>scraped</p>", None, None).unwrap(),
            SourceFormat::Text,
            "a fragment without a document tag stays text"
        );
        assert_eq!(
            format_of(b"<html>", None, Some("a.TXT")).unwrap(),
            SourceFormat::Text,
            "the extension wins over sniffing"
        );
        assert_eq!(
            format_of(b"%PDF", Some(SourceFormat::Text), None).unwrap(),
            SourceFormat::Text,
            "the caller's choice wins"
        );
    }

    #[test]
    fn source_map_maps_copies_exactly_and_the_rest_whole() {
        // Output "ab&c\n" from source "<p>ab&amp;c</p>".
        let mut m = SourceMap::default();
        m.push(0, 2, 3, 5);
        m.push(2, 3, 5, 10);
        m.push(3, 4, 10, 11);
        m.push(4, 5, 15, 15);
        assert_eq!(m.to_source(Span::new(0, 2)), Span::new(3, 5));
        assert_eq!(m.to_source(Span::new(1, 4)), Span::new(4, 11));
        assert_eq!(m.to_source(Span::new(2, 3)), Span::new(5, 10));
        assert_eq!(m.to_source(Span::new(0, 5)), Span::new(3, 15));
        assert_eq!(m.to_source(Span::new(9, 9)), Span::new(15, 15));
    }
}
