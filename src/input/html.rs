//! HTML pages: the charset they declare, and the document's own text read out of them.
//!
//! The page is decoded by its `<meta charset>` or `http-equiv` declaration (gb2312, gbk and
//! gb18030 read as GB18030), else by detection; a declaration that reads worse than
//! detection (a page that says utf-8 and is GBK) loses to it. The decoded source is then
//! tokenized with a WHATWG tokenizer (`html5gum`), which reports the byte position of
//! every piece of text, so each character of the extracted text keeps its place in the
//! source:
//!
//! - paragraphs and other block elements end lines, `<br>` breaks them, table rows become
//!   `| cell | cell |` lines; runs of white space fold to one space, entities are decoded;
//! - scripts, styles, forms, `<nav>`/`<header>`/`<footer>`/`<aside>` and portal chrome
//!   (elements whose class or id names a menu, breadcrumb, footer, share bar …) are left out;
//! - when the page has a body container (`<div id="zoom">`, a `TRS_Editor` div,
//!   `class="pages_content"`, else a generic `class="content"`/`"article"`), only its text
//!   is read, after the page's headings (`<h1>`–`<h3>`, `class="…title…"`) that come before it;
//! - the portal's `<meta>` tags (ArticleTitle, PubDate, ContentSource, Keywords) and the
//!   `<title>` become metadata lines at the top (`标题：…`, `发布日期：…`), whose values map
//!   to the `content` attribute in the source: evidence for the frame recognizer.
//!
//! Hands on an [`Extracted`] text whose map leads back into the decoded HTML.

use encoding_rs::Encoding;
use html5gum::{
    DefaultEmitter, Emitter, EndTag, ForwardingEmitter, StartTag, State, Token, Tokenizer,
};

use super::{Extracted, SourceMap};
use crate::decode::{self, Decoded};
use crate::error::Error;

/// How many leading bytes are searched for a charset declaration.
const PRESCAN: usize = 4096;
/// Fewest non-space characters a body container must hold to be chosen.
const MIN_CONTAINER_CHARS: usize = 10;

/// More line boundaries than this inside one table row make it a layout row.
const LAYOUT_BOUNDARIES: usize = 6;

/// Class or id words that mark portal chrome (compared whole, lowercased, after splitting
/// class names at `-` and `_`).
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "crumb",
    "crumbs",
    "bread",
    "position",
    "location",
    "weizhi",
    "dqwz",
    "footer",
    "foot",
    "bottom",
    "copyright",
    "share",
    "bdshare",
    "sidebar",
    "search",
    "login",
    "toolbar",
    "print",
    "related",
    "recommend",
    "banner",
    "logo",
    "friendlink",
    "fontsize",
    "qrcode",
    "ewm",
];

/// Body containers: a class or id (whole, lowercased) and how sure it is.
const CONTAINERS: &[(&str, u8)] = &[
    ("zoom", 3),
    ("trs_editor", 3),
    ("trs_ueditor", 3),
    ("ucap-content", 3),
    ("pages_content", 3),
    ("pages-content", 3),
    ("article-content", 3),
    ("article_content", 3),
    ("articlecontent", 3),
    ("custom_unionstyle", 2),
    ("content", 1),
    ("article", 1),
    ("main-content", 1),
    ("detail", 1),
    ("zw", 1),
];

/// Portal `<meta name>`s (lowercased) and the metadata key each becomes.
const META_KEYS: &[(&str, &str)] = &[
    ("articletitle", "标题"),
    ("pubdate", "发布日期"),
    ("contentsource", "来源"),
    ("keywords", "关键词"),
];

/// How an element takes part in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No end tag (`<br>`, `<img>`, `<meta>` …).
    Void,
    /// Its content is never text of the document (scripts, styles, forms, navigation).
    Skipped,
    /// It starts and ends lines.
    Block,
    /// Inline: text flows through it.
    Inline,
}

/// The kind of an element, by its (lowercase) name.
fn kind(name: &[u8]) -> Kind {
    match name {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"param" | b"source" | b"track" | b"wbr" => Kind::Void,
        b"script" | b"style" | b"noscript" | b"template" | b"iframe" | b"object" | b"svg"
        | b"canvas" | b"select" | b"button" | b"textarea" | b"head" | b"nav" | b"aside"
        | b"map" => Kind::Skipped,
        b"address" | b"article" | b"blockquote" | b"body" | b"center" | b"dd" | b"details"
        | b"dir" | b"div" | b"dl" | b"dt" | b"fieldset" | b"figcaption" | b"figure" | b"form"
        | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"hgroup" | b"html" | b"li" | b"main"
        | b"menu" | b"ol" | b"p" | b"pre" | b"section" | b"summary" | b"table" | b"tbody"
        | b"thead" | b"tfoot" | b"ul" | b"caption" | b"header" | b"footer" => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Decodes a page: a BOM, else its declared charset, else detection (see the module doc).
pub fn decode_page<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
) -> Result<Decoded<'a>, Error> {
    if forced.is_some() || Encoding::for_bom(bytes).is_some() {
        return decode::decode(bytes, forced);
    }
    let Some(declared) = declared_charset(bytes) else {
        return decode::decode(bytes, None);
    };
    let read = decode::decode(bytes, Some(declared))?;
    if read.replaced == 0 {
        return Ok(read);
    }
    match decode::decode(bytes, None) {
        Ok(detected) if detected.replaced < read.replaced => Ok(detected),
        _ => Ok(read),
    }
}

/// The encoding a page declares in its first [`PRESCAN`] bytes, if it names one this
/// crate reads (GBK-family labels as GB18030; UTF-16 labels as UTF-8, as browsers do).
///
/// ```
/// let page = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#;
/// assert_eq!(zhengce::input::html::declared_charset(page).unwrap().name(), "gb18030");
/// ```
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..PRESCAN).unwrap_or(bytes);
    for token in Tokenizer::new(head).flatten() {
        let tag = match token {
            Token::StartTag(tag) => tag,
            _ => continue,
        };
        if tag.name.as_slice() == b"body" {
            return None;
        }
        if tag.name.as_slice() != b"meta" {
            continue;
        }
        let attr = |name: &[u8]| {
            tag.attributes
                .iter()
                .find(|(k, _)| k.as_slice() == name)
                .map(|(_, v)| v.value.as_slice())
        };
        let label = match attr(b"charset") {
            Some(label) => Some(label),
            None if attr(b"http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case(b"content-type")) =>
            {
                attr(b"content").and_then(charset_param)
            }
            None => None,
        };
        if let Some(enc) = label.and_then(Encoding::for_label) {
            return Some(readable(enc));
        }
    }
    None
}

/// The value of `charset=` in a `content` attribute such as `text/html; charset=gbk`.
fn charset_param(content: &[u8]) -> Option<&[u8]> {
    let lower = content.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset")? + b"charset".len();
    let rest = content.get(at..)?.trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b';' | b'"' | b'\'' | b' ' | b'\t'))
        .unwrap_or(rest.len());
    rest.get(..end).filter(|l| !l.is_empty())
}

/// The encoding a declared one is read as.
fn readable(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc.output_encoding()
    }
}

/// One piece of the page's text, in source order.
#[derive(Debug, Clone, Copy)]
enum Piece {
    /// Text `buf[out.0..out.1]` made from source `[src.0, src.1)`.
    Text {
        src: (usize, usize),
        out: (usize, usize),
    },
    /// A line ends at this source offset.
    Break(usize),
    /// A word boundary at this source offset (a block inside a table cell).
    Space(usize),
    /// Text the page does not contain, at this source offset (table cell borders).
    Synth(usize, &'static str),
}

/// An element open while tokenizing.
#[derive(Debug)]
struct Open {
    name: Vec<u8>,
    /// It starts left-out content (a script, chrome).
    skip: bool,
    /// Index into `Collector::containers`.
    container: Option<usize>,
    /// Piece index where it began, when it is a heading.
    heading: Option<usize>,
    /// It is a table row: the piece index where it began.
    row: Option<usize>,
    /// Open table rows around it (a container sets them aside until it ends).
    rows_outside: usize,
}

/// A body container: its rank and the pieces inside it.
#[derive(Debug, Clone, Copy)]
struct Container {
    rank: u8,
    start: usize,
    end: Option<usize>,
}

/// A portal `<meta>` tag: the key it becomes, the source of its name, its value and the
/// source of the value.
#[derive(Debug)]
struct Meta {
    key: &'static str,
    name_src: (usize, usize),
    value: String,
    value_src: (usize, usize),
}

/// What the tokenizer's events leave behind.
#[derive(Debug, Default)]
struct Collector {
    pieces: Vec<Piece>,
    buf: Vec<u8>,
    stack: Vec<Open>,
    skip_depth: usize,
    /// Open `<article>`/`<main>` elements (inside them `<header>` is not chrome).
    article_depth: usize,
    row_depth: usize,
    /// Cells opened in the innermost open row.
    row_cells: usize,
    containers: Vec<Container>,
    headings: Vec<(usize, usize)>,
    metas: Vec<Meta>,
    title: Option<(Vec<u8>, (usize, usize))>,
}

/// The tokenizer's emitter: forwards tags to html5gum's own emitter and takes the text.
struct Extractor<'c> {
    inner: DefaultEmitter<usize>,
    source: &'c str,
    pos: usize,
    last: usize,
    into: &'c mut Collector,
}

impl ForwardingEmitter for Extractor<'_> {
    type Token = Token<usize>;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn move_position(&mut self, offset: isize) {
        self.pos = self.pos.saturating_add_signed(offset);
        Emitter::move_position(&mut self.inner, offset);
    }

    fn emit_string(&mut self, chunk: &[u8]) {
        let src = (self.last.min(self.pos), self.pos);
        self.last = self.pos;
        self.into.text(chunk, src, self.source);
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        let state = Emitter::emit_current_tag(&mut self.inner);
        self.last = self.pos;
        self.drain();
        state
    }

    fn emit_current_comment(&mut self) {
        Emitter::emit_current_comment(&mut self.inner);
        self.last = self.pos;
        self.drain();
    }

    fn emit_current_doctype(&mut self) {
        Emitter::emit_current_doctype(&mut self.inner);
        self.last = self.pos;
        self.drain();
    }

    fn pop_token(&mut self) -> Option<Token<usize>> {
        self.drain();
        None
    }
}

impl Extractor<'_> {
    fn drain(&mut self) {
        while let Some(token) = Emitter::pop_token(&mut self.inner) {
            match token {
                Token::StartTag(tag) => self.into.start_tag(&tag, self.source),
                Token::EndTag(tag) => self.into.end_tag(&tag),
                _ => {}
            }
        }
    }
}

/// The words of a class or id value: each class name whole, and its parts at `-` and `_`.
/// Compared without case (the word lists are lowercase).
fn words(value: &[u8]) -> impl Iterator<Item = (bool, &[u8])> + '_ {
    value
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .flat_map(|class| {
            let whole = std::iter::once((true, class));
            let parts = class
                .split(|&b| b == b'-' || b == b'_')
                .filter(|p| !p.is_empty() && p.len() < class.len())
                .map(|p| (false, p));
            whole.chain(parts)
        })
}

impl Collector {
    fn text(&mut self, chunk: &[u8], src: (usize, usize), source: &str) {
        if let Some(top) = self.stack.last() {
            if top.name.as_slice() == b"title" && self.title_open() {
                let (t, range) = self.title.get_or_insert_with(|| (Vec::new(), src));
                t.extend_from_slice(chunk);
                range.1 = src.1;
                return;
            }
        }
        if self.skip_depth > 0 || chunk.is_empty() {
            return;
        }
        // A copy of the source maps byte for byte; text after a dropped CR keeps to its tail.
        // (The source is sliced as bytes: the tokenizer may hand on part of a character.)
        // (A CR read as LF keeps its length, and its place.)
        let src = match source.as_bytes().get(src.0..src.1) {
            Some(s) if s.len() != chunk.len() && s.ends_with(chunk) => (src.1 - chunk.len(), src.1),
            _ => src,
        };
        let start = self.buf.len();
        self.buf.extend_from_slice(chunk);
        let exact = src.1 - src.0 == chunk.len();
        // A copy that goes on from the previous copy joins it, so a character the
        // tokenizer split between two chunks is whole again.
        if let Some(Piece::Text { src: prev, out }) = self.pieces.last_mut() {
            if exact && out.1 == start && prev.1 == src.0 && prev.1 - prev.0 == out.1 - out.0 {
                prev.1 = src.1;
                out.1 = self.buf.len();
                return;
            }
        }
        self.pieces.push(Piece::Text {
            src,
            out: (start, self.buf.len()),
        });
    }

    /// True while a `<title>` directly in the head (or before the body) is open.
    fn title_open(&self) -> bool {
        !self.stack.iter().any(|o| o.name.as_slice() == b"body")
    }

    fn boundary(&mut self, at: usize) {
        self.pieces.push(if self.row_depth > 0 {
            Piece::Space(at)
        } else {
            Piece::Break(at)
        });
    }

    fn start_tag(&mut self, tag: &StartTag<usize>, source: &str) {
        let name = tag.name.as_slice();
        let at = tag.span.start;
        if name == b"meta" {
            self.meta(tag, source);
        }
        if name == b"br" || name == b"hr" {
            self.boundary(at);
            return;
        }
        let element = kind(name);
        if element == Kind::Void {
            return;
        }
        let mut chrome = element == Kind::Skipped
            || ((name == b"header" || name == b"footer") && self.article_depth == 0);
        let mut rank = 0;
        let mut titled = false;
        for (key, value) in &tag.attributes {
            if key.as_slice() != b"class" && key.as_slice() != b"id" {
                continue;
            }
            for (whole, word) in words(&value.value) {
                chrome |= CHROME_WORDS
                    .iter()
                    .any(|w| w.as_bytes().eq_ignore_ascii_case(word));
                titled |= word.eq_ignore_ascii_case(b"title");
                if whole {
                    if let Some(&(_, r)) = CONTAINERS
                        .iter()
                        .find(|(c, _)| c.as_bytes().eq_ignore_ascii_case(word))
                    {
                        rank = rank.max(r);
                    }
                }
            }
        }
        if name == b"title" && self.title_open() {
            chrome = false;
        }
        if element == Kind::Block {
            self.boundary(at);
        }
        if name == b"article" || name == b"main" {
            self.article_depth += 1;
        }
        let row = (name == b"tr").then_some(self.pieces.len());
        if row.is_some() {
            self.pieces.push(Piece::Break(at));
            self.row_depth += 1;
            self.row_cells = 0;
        }
        if (name == b"td" || name == b"th") && self.row_depth > 0 && self.skip_depth == 0 {
            let border = if self.row_cells == 0 { "| " } else { " | " };
            self.pieces.push(Piece::Synth(at, border));
            self.row_cells += 1;
        }
        let skip = chrome;
        if skip {
            self.skip_depth += 1;
        }
        let rows_outside = self.row_depth;
        let container = (rank > 0 && self.skip_depth == 0).then(|| {
            // A body container's text is its own flow, even inside a layout table.
            self.row_depth = 0;
            self.containers.push(Container {
                rank,
                start: self.pieces.len(),
                end: None,
            });
            self.containers.len() - 1
        });
        let heading =
            (matches!(name, b"h1" | b"h2" | b"h3") || titled).then_some(self.pieces.len());
        if tag.self_closing && container.is_none() {
            self.close(
                Open {
                    name: name.to_vec(),
                    skip,
                    container,
                    heading,
                    row,
                    rows_outside,
                },
                at,
            );
            return;
        }
        self.stack.push(Open {
            name: name.to_vec(),
            skip,
            container,
            heading,
            row,
            rows_outside,
        });
    }

    fn end_tag(&mut self, tag: &EndTag<usize>) {
        let name = tag.name.as_slice();
        let at = tag.span.start;
        if name == b"br" || name == b"p" && !self.stack.iter().any(|o| o.name.as_slice() == b"p") {
            self.boundary(at);
            return;
        }
        let Some(i) = self.stack.iter().rposition(|o| o.name.as_slice() == name) else {
            return;
        };
        while self.stack.len() > i {
            if let Some(open) = self.stack.pop() {
                self.close(open, at);
            }
        }
    }

    fn close(&mut self, open: Open, at: usize) {
        let name = open.name.as_slice();
        if open.skip {
            self.skip_depth = self.skip_depth.saturating_sub(1);
        }
        if let Some(row_start) = open.row {
            self.unless_layout(row_start);
            if self.row_cells > 0 {
                self.pieces.push(Piece::Synth(at, " |"));
            }
            self.row_depth = self.row_depth.saturating_sub(1);
            self.row_cells = 0;
            self.pieces.push(Piece::Break(at));
        } else if kind(name) == Kind::Block {
            self.boundary(at);
        }
        if name == b"article" || name == b"main" {
            self.article_depth = self.article_depth.saturating_sub(1);
        }
        if let Some(c) = open.container.and_then(|c| self.containers.get_mut(c)) {
            c.end = Some(self.pieces.len());
            self.row_depth = open.rows_outside;
        }
        if let Some(start) = open.heading {
            if self.skip_depth == 0 {
                self.headings.push((start, self.pieces.len()));
            }
        }
    }

    /// A row whose cells hold whole paragraphs is page layout, not a table of data: its
    /// block boundaries end lines again and its cell borders go.
    fn unless_layout(&mut self, row_start: usize) {
        let Some(row) = self.pieces.get_mut(row_start..) else {
            return;
        };
        let boundaries = row.iter().filter(|p| matches!(p, Piece::Space(_))).count();
        if boundaries <= LAYOUT_BOUNDARIES {
            return;
        }
        for p in row {
            *p = match *p {
                Piece::Space(at) => Piece::Break(at),
                Piece::Synth(at, _) => Piece::Space(at),
                other => other,
            };
        }
        self.row_cells = 0;
    }

    fn meta(&mut self, tag: &StartTag<usize>, source: &str) {
        let attr = |name: &[u8]| tag.attributes.iter().find(|(k, _)| k.as_slice() == name);
        let (Some((_, name)), Some((_, content))) = (attr(b"name"), attr(b"content")) else {
            return;
        };
        let lower = name.value.to_ascii_lowercase();
        let Some(&(_, key)) = META_KEYS.iter().find(|(n, _)| n.as_bytes() == lower) else {
            return;
        };
        if self.metas.iter().any(|m| m.key == key) {
            return;
        }
        let value = String::from_utf8_lossy(&content.value).trim().to_string();
        if value.is_empty() {
            return;
        }
        self.metas.push(Meta {
            key,
            name_src: attribute_value(source, (name.span.start, name.span.end)),
            value,
            value_src: attribute_value(source, (content.span.start, content.span.end)),
        });
    }
}

/// The source range of an attribute's value, given the range of the whole `name="value"`.
fn attribute_value(source: &str, attr: (usize, usize)) -> (usize, usize) {
    let Some(text) = source.get(attr.0..attr.1) else {
        return attr;
    };
    let Some(eq) = text.find('=') else {
        return (attr.1, attr.1);
    };
    let after = &text[eq + 1..];
    let lead = after.len() - after.trim_start().len();
    let start = attr.0 + eq + 1 + lead;
    let rest = after.trim_start();
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) if rest.len() > 1 && rest.ends_with(q) => (start + 1, attr.1 - 1),
        Some('"' | '\'') => (start + 1, attr.1),
        _ => (start, attr.1),
    }
}

/// Writes text and its map together, folding white space.
#[derive(Debug, Default)]
struct Writer {
    text: String,
    map: SourceMap,
    /// A space is owed before the next text, for this source range.
    pending: Option<(usize, usize)>,
}

impl Writer {
    fn push(&mut self, text: &str, src: (usize, usize)) {
        let start = self.text.len();
        self.text.push_str(text);
        self.map.push(start, self.text.len(), src.0, src.1);
    }

    fn line_empty(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    /// True when the text written last already ends with a space or a line break.
    fn at_space(&self) -> bool {
        self.line_empty() || self.text.ends_with(' ')
    }

    fn space(&mut self, src: (usize, usize)) {
        if !self.at_space() {
            self.pending = Some(self.pending.map_or(src, |p| (p.0, src.1)));
        }
    }

    fn word(&mut self, text: &str, src: (usize, usize)) {
        if let Some(p) = self.pending.take() {
            self.push(" ", p);
        }
        self.push(text, src);
    }

    fn line_break(&mut self, at: usize) {
        self.pending = None;
        if !self.line_empty() {
            self.push("\n", (at, at));
        }
    }

    /// Text from the page: white-space runs fold to one space; a copy of the source maps
    /// byte for byte, anything else (an entity) as a whole.
    fn page_text(&mut self, text: &str, src: (usize, usize)) {
        let exact = src.1 - src.0 == text.len();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let ws = bytes.get(i).is_some_and(|b| b.is_ascii_whitespace());
            let j = bytes
                .iter()
                .skip(i)
                .position(|b| b.is_ascii_whitespace() != ws)
                .map_or(bytes.len(), |n| i + n);
            let range = if exact { (src.0 + i, src.0 + j) } else { src };
            if ws {
                self.space(range);
            } else if let Some(run) = text.get(i..j) {
                self.word(run, range);
            }
            i = j;
        }
    }
}

/// Reads the document's own text out of a decoded page (see the module doc).
///
/// ```
/// let page = r#"<html><head><meta name="PubDate" content="2024-03-01"></head><body>
/// <div class="nav">首页 &gt; 政策</div><div id="zoom"><p>一、总体要求</p><p>到2025年&nbsp;完成</p></div>
/// <div class="footer">版权所有</div></body></html>"#;
/// let e = zhengce::input::html::extract(page);
/// assert_eq!(e.text, "发布日期：2024-03-01\n一、总体要求\n到2025年\u{a0}完成\n");
/// let span = e.map.to_source(zhengce::Span::new(e.text.find("一").unwrap(), e.text.find("求").unwrap() + 3));
/// assert_eq!(&page[span.start..span.end], "一、总体要求");
/// ```
pub fn extract(source: &str) -> Extracted {
    let mut collected = Collector::default();
    let mut inner = DefaultEmitter::new_with_span();
    inner.naively_switch_states(true);
    let emitter = Extractor {
        inner,
        source,
        pos: 0,
        last: 0,
        into: &mut collected,
    };
    for _ in Tokenizer::new_with_emitter(source, emitter) {}
    render(&collected, source.len())
}

/// The chosen pieces, after the metadata lines.
fn render(c: &Collector, source_len: usize) -> Extracted {
    let mut w = Writer::default();
    let title = c.title.as_ref().and_then(|(t, src)| {
        let t = String::from_utf8_lossy(t);
        let clean = page_title(&t)?;
        Some(Meta {
            key: "标题",
            name_src: (src.0, src.0),
            value: clean.to_string(),
            value_src: *src,
        })
    });
    let has_title = c.metas.iter().any(|m| m.key == "标题");
    let metas = c.metas.iter().chain(title.iter().filter(|_| !has_title));
    for (_, key) in META_KEYS {
        for m in metas.clone().filter(|m| m.key == *key) {
            w.push(m.key, m.name_src);
            w.push("：", (m.name_src.1, m.name_src.1));
            // A value without entities maps byte for byte, any other as a whole.
            w.push(&m.value, m.value_src);
            w.line_break(m.value_src.1);
        }
    }
    let counts = char_counts(c);
    let chars_in = |start: usize, end: usize| {
        let at = |i: usize| counts.get(i).copied().unwrap_or(0);
        at(end).saturating_sub(at(start))
    };
    let best = c
        .containers
        .iter()
        .enumerate()
        .map(|(i, k)| (i, k, chars_in(k.start, k.end.unwrap_or(c.pieces.len()))))
        .filter(|&(_, _, n)| n >= MIN_CONTAINER_CHARS)
        .max_by_key(|&(i, k, n)| (k.rank, n, usize::MAX - i))
        .map(|(i, k, _)| (i, k));
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    match best {
        Some((_, k)) => {
            ranges.extend(c.headings.iter().copied().filter(|h| h.1 <= k.start));
            ranges.push((k.start, k.end.unwrap_or(c.pieces.len())));
        }
        None => ranges.push((0, c.pieces.len())),
    }
    for (start, end) in ranges {
        for piece in c.pieces.get(start..end).unwrap_or_default() {
            match *piece {
                Piece::Text { src, out } => {
                    if let Some(bytes) = c.buf.get(out.0..out.1) {
                        match simdutf8::basic::from_utf8(bytes) {
                            Ok(text) => w.page_text(text, src),
                            Err(_) => w.page_text(&String::from_utf8_lossy(bytes), src),
                        }
                    }
                }
                Piece::Break(at) => w.line_break(at),
                Piece::Space(at) => w.space((at, at)),
                Piece::Synth(at, text) => {
                    if text.starts_with(' ') {
                        w.pending = None;
                    }
                    w.word(text, (at, at));
                }
            }
        }
        w.line_break(source_len);
    }
    Extracted {
        text: w.text,
        map: w.map,
    }
}

/// Non-space characters of the text pieces before each piece: `counts[i]` for
/// `pieces[..i]`, so a container's count is one subtraction. Characters are counted as
/// UTF-8 lead bytes that are not ASCII white space.
fn char_counts(c: &Collector) -> Vec<usize> {
    let mut counts = Vec::with_capacity(c.pieces.len() + 1);
    let mut total = 0;
    counts.push(0);
    for p in &c.pieces {
        if let Piece::Text { out, .. } = *p {
            total += c.buf.get(out.0..out.1).map_or(0, |t| {
                t.iter()
                    .filter(|&&b| (b & 0xC0) != 0x80 && !b.is_ascii_whitespace())
                    .count()
            });
        }
        counts.push(total);
    }
    counts
}

/// A `<title>` without the site name portals append (`…的通知_某某市人民政府`): the
/// longest part between `_`, `|` and ` - `.
fn page_title(title: &str) -> Option<&str> {
    title
        .split(['_', '|'])
        .flat_map(|p| p.split(" - "))
        .map(str::trim)
        .max_by_key(|p| p.chars().count())
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn find(e: &Extracted, needle: &str) -> Span {
        let start = e.text.find(needle).unwrap();
        e.map.to_source(Span::new(start, start + needle.len()))
    }

    #[test]
    fn container_chrome_and_meta() {
        let page = "<!DOCTYPE html><html><head><title>关于印发方案的通知_某市人民政府</title>\
            <meta name=\"ArticleTitle\" content=\"关于印发方案的通知\">\
            <script>var a = '<p>不要</p>';</script><style>p{}</style></head><body>\
            <div class=\"top-nav\"><a href=\"/\">首页</a></div>\
            <div class=\"bread-crumb\">当前位置：首页 &gt; 文件</div>\
            <div class=\"article\"><h1 class=\"article-title\">关于印发方案的通知</h1>\
            <div id=\"zoom\"><p>各区人民政府：</p><p>\n  一、总体\n  要求 </p>\
            <table><tr><td>序号</td><td><p>牵头</p><p>单位</p></td></tr></table>\
            <div class=\"share\">分享到</div></div></div>\
            <div class=\"footer\">主办：某市人民政府</div></body></html>";
        let e = extract(page);
        assert_eq!(
            e.text,
            "标题：关于印发方案的通知\n关于印发方案的通知\n各区人民政府：\n一、总体 要求\n| 序号 | 牵头 单位 |\n"
        );
        let s = find(&e, "一、总体");
        assert_eq!(&page[s.start..s.end], "一、总体");
        let first = e.text.find("关于").unwrap();
        let s = e
            .map
            .to_source(Span::new(first, first + "关于印发方案的通知".len()));
        assert_eq!(
            &page[s.start..s.end],
            "关于印发方案的通知",
            "a metadata value maps to the content attribute"
        );
        assert!(page[..s.start].ends_with("content=\""));
    }

    #[test]
    fn without_container_everything_but_chrome() {
        let page = "<html><body><nav>菜单</nav><p>第一段<br>第二段</p><p>a &amp; b&lt;c</p>\
            <footer>页脚</footer></body></html>";
        let e = extract(page);
        assert_eq!(e.text, "第一段\n第二段\na & b<c\n");
        let s = find(&e, "& b<");
        assert_eq!(&page[s.start..s.end], "&amp; b&lt;");
    }

    #[test]
    fn title_falls_back_to_page_title() {
        let e = extract("<html><head><title>某某网 | 关于开展检查的通知</title></head><body><p>正文内容</p></body></html>");
        assert!(
            e.text.starts_with("标题：关于开展检查的通知\n"),
            "{}",
            e.text
        );
    }

    #[test]
    fn charset_declarations() {
        let meta = |s: &str| declared_charset(s.as_bytes()).map(|e| e.name());
        assert_eq!(meta("<meta charset=\"UTF-8\">"), Some("UTF-8"));
        assert_eq!(meta("<meta charset=gbk>"), Some("gb18030"));
        assert_eq!(
            meta("<meta http-equiv='content-type' content='text/html;charset=GB2312'>"),
            Some("gb18030")
        );
        assert_eq!(meta("<meta charset=\"utf-16le\">"), Some("UTF-8"));
        assert_eq!(
            meta("<body><meta charset=gbk>"),
            None,
            "only the head declares"
        );
        assert_eq!(meta("<p>no declaration</p>"), None);
    }

    #[test]
    fn a_wrong_declaration_loses_to_detection() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("<html><head><meta charset=\"utf-8\"></head><body><p>关于进一步加强安全生产工作的通知</p></body></html>");
        let d = decode_page(&gbk, None).unwrap();
        assert!(d.encoding.eq_ignore_ascii_case("gb18030"), "{}", d.encoding);
        assert!(d.text.contains("安全生产"));
    }
}
