//! # zhengce (政策)
//!
//! Reads Chinese government policy documents — 通知, 实施方案, 意见, 工作总结, 办法 — as
//! scraped from the web (GBK or UTF-8, traditional script, portal chrome, lost characters)
//! and returns a typed [`Document`]: title, 发文字号, issuer, recipients, dates, the numbered
//! section tree, references, responsible departments and quantitative targets, each with a
//! byte [`Span`] into the decoded text, plus [`Diagnostic`]s for whatever was repaired.
//!
//! ```
//! let text = "天津市市场监督管理委员会关于印发方案的通知\n津质量发〔2023〕3号\n";
//! let doc = zhengce::parse(text.as_bytes()).unwrap();
//! assert_eq!(doc.doc_number.unwrap().normalized, "津质量发〔2023〕3号");
//! ```
//!
//! ## The pipeline
//! Data flows one way through one module per stage: decode (bytes → UTF-8) → normalize
//! (the view recognizers read, with an offset map back) → segment (classified lines) →
//! recognize (the frame and the headings, then every recognizer of one registry) →
//! assemble (the section tree, spans mapped back, the [`Document`] built once) → serialize
//! ([`to_json`]).
//!
//! ## The API
//! [`parse`], [`parse_with`] and [`parse_text`] return a [`Document`]; [`outline`] prints
//! its section tree, [`to_json`] writes it, [`schema()`] returns the output contract (the
//! project's `SCHEMA.md`) as JSON Schema, and [`table`] turns it into flat rows. Stage and
//! recognizer internals are private; the `unstable-internals` feature makes them public
//! for fuzzing, benchmarks and tests, with no promise of stability.
#![deny(missing_docs)]

/// Declares stage and recognizer modules: private, or public (and hidden from the docs)
/// with the `unstable-internals` feature.
macro_rules! internal {
    ($($(#[$attr:meta])* mod $name:ident;)*) => {
        $(
            $(#[$attr])*
            #[cfg(feature = "unstable-internals")]
            #[doc(hidden)]
            pub mod $name;
            $(#[$attr])*
            #[cfg(not(feature = "unstable-internals"))]
            #[allow(dead_code)]
            mod $name;
        )*
    };
}

internal! {
    /// Stage 5: the section tree, and the document built once.
    mod assemble;
    /// Stage 1: bytes to UTF-8.
    mod decode;
    /// Lexicons compiled in from `grammars/`.
    mod grammar;
    /// Stage 0: what kind of file the bytes are; the text of a page or a Word file.
    mod input;
    /// Stage 2: the normalized view and its offset map.
    mod normalize;
    /// Stage 4: the recognizers.
    mod recognize;
    /// Stage 3: classified lines.
    mod segment;
}

/// A synthetic corpus recombined from the seed documents, for the benchmarks and
/// examples: not compiled at all without `unstable-internals`.
#[cfg(feature = "unstable-internals")]
#[doc(hidden)]
pub mod synth;

mod bytescan;
mod chars;
mod decimal;
mod encoding;
mod error;
pub mod json;
pub mod model;
#[cfg(feature = "parallel")]
pub mod parallel;
mod span;
pub mod table;

pub use decimal::Decimal;
pub use encoding::Encoding;
pub use error::Error;
pub use json::{to_json, OffsetUnit};
pub use model::*;
pub use span::Span;

/// How to parse: `Options::default()` and its setters.
///
/// ```
/// let options = zhengce::Options::default()
///     .encoding(zhengce::Encoding::for_label("gbk").unwrap())
///     .path("notice.txt")
///     .offsets(zhengce::OffsetUnit::Chars);
/// assert_eq!(options.path.as_deref(), Some("notice.txt"));
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// Read the bytes in this encoding instead of detecting it.
    pub encoding: Option<Encoding>,
    /// Refuse inputs larger than this many bytes ([`Error::TooLarge`]).
    pub max_bytes: Option<u64>,
    /// The input's path, reported in `source.path`.
    pub path: Option<String>,
    /// The unit of every span in the result: bytes (default) or chars of the decoded text.
    pub offsets: OffsetUnit,
    /// Read the input as this kind of file instead of telling it by the path's extension
    /// and the bytes (an `<html>` tag, a zip signature).
    pub format: Option<SourceFormat>,
}

impl Options {
    /// Reads the bytes in `encoding` instead of detecting it.
    pub fn encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    /// Refuses inputs larger than `limit` bytes.
    pub fn max_bytes(mut self, limit: u64) -> Self {
        self.max_bytes = Some(limit);
        self
    }

    /// Reports `path` in `source.path`.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Gives every span in `unit`.
    pub fn offsets(mut self, unit: OffsetUnit) -> Self {
        self.offsets = unit;
        self
    }

    /// Reads the input as `format` (text, an HTML page, a Word file) whatever its name.
    pub fn format(mut self, format: SourceFormat) -> Self {
        self.format = Some(format);
        self
    }
}

/// Parses one document from its bytes with default options.
///
/// Fails only when the input is not text at all ([`Error::NotText`]); every other problem
/// becomes a diagnostic inside the document.
pub fn parse(bytes: &[u8]) -> Result<Document, Error> {
    parse_with(bytes, &Options::default())
}

/// Parses one document from its bytes.
pub fn parse_with(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    let size = bytes.len() as u64;
    if let Some(limit) = options.max_bytes {
        if size > limit {
            return Err(Error::TooLarge { size, limit });
        }
    }
    match input::format_of(bytes, options.format, options.path.as_deref())? {
        SourceFormat::Text => {}
        other => return input::parse(bytes, other, options),
    }
    let decoded = decode::decode(bytes, options.encoding.map(Encoding::inner))?;
    let mut source = Source {
        path: options.path.clone(),
        encoding: decoded.encoding.to_string(),
        bytes: size,
        replaced_invalid: decoded.replaced,
        traditional_converted: false,
        format: SourceFormat::Text,
    };
    let mut diagnostics = Vec::new();
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
    if decoded.truncated {
        diagnostics.push(Diagnostic::warning(
            "truncated_utf8",
            "the input ends in the middle of a UTF-8 character",
            None,
        ));
    }
    let mut doc = parse_text(&decoded.text);
    if options.offsets == json::OffsetUnit::Chars {
        json::to_char_offsets(&mut doc, &decoded.text);
    }
    source.traditional_converted = doc.source.traditional_converted;
    doc.source = source;
    diagnostics.append(&mut doc.diagnostics);
    doc.diagnostics = diagnostics;
    Ok(doc)
}

/// Parses an already decoded text. Never fails; `source.encoding` is `UTF-8`.
///
/// ```
/// let doc = zhengce::parse_text("一、总体要求\n（一）目标。到2025年，覆盖率达到100%。");
/// assert_eq!(doc.source.encoding, "UTF-8");
/// ```
pub fn parse_text(text: &str) -> Document {
    let norm = normalize::normalize(text);
    let segmented = segment::segment(&norm.text);
    let source = Source {
        path: None,
        encoding: "UTF-8".to_string(),
        bytes: text.len() as u64,
        replaced_invalid: 0,
        traditional_converted: norm.traditional_converted,
        format: SourceFormat::Text,
    };
    let frame = recognize::frame::recognize(&norm.text, &segmented);
    let outline = recognize::sections::recognize(&norm.text, &segmented, &frame);
    let tree = assemble::sections(outline, &norm.text);
    let input = recognize::Input {
        text: &norm.text,
        segmented: &segmented,
        frame: &frame,
        sections: &tree.sections,
    };
    let found = recognize::run(&input);
    let mut doc = assemble::document(source, frame, tree, found, &norm);
    norm.add_diagnostics(&mut doc.diagnostics);
    doc
}

/// The output contract as a JSON Schema (draft 2020-12), generated from the types.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Document)).unwrap_or_default()
}

/// The section tree as indented text: one line per section, marker and heading (a space
/// after word markers such as 第一章 and 附件1).
///
/// ```
/// let doc = zhengce::parse_text("第一章 总则\n第一条 为了规范管理,制定本办法。\n");
/// assert_eq!(zhengce::outline(&doc), "第一章 总则\n  第一条 为了规范管理,制定本办法\n");
/// ```
pub fn outline(doc: &Document) -> String {
    fn walk(sections: &[Section], depth: usize, out: &mut String) {
        for s in sections {
            out.push_str(&"  ".repeat(depth));
            out.push_str(&s.marker);
            let word = matches!(
                s.style,
                SectionStyle::Part
                    | SectionStyle::Chapter
                    | SectionStyle::Section
                    | SectionStyle::Article
                    | SectionStyle::Attachment
            );
            if word && !s.heading.is_empty() {
                out.push(' ');
            }
            out.push_str(&s.heading);
            out.push('\n');
            walk(&s.children, depth + 1, out);
        }
    }
    let mut out = String::new();
    walk(&doc.sections, 0, &mut out);
    out
}

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
