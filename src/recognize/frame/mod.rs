//! The frame of a document: everything around the body.
//!
//! Reads, in this order: portal metadata ([`metadata`]: 索引号, 发布机构, 文号, 发布日期 …),
//! the recipients line (主送机关, the first line ending in ":" before the first heading),
//! the title ([`title`], the last title-like line before the body, joined when wrapped),
//! the document's own number (the first 发文字号 in the header that is not inside the
//! title), the closing ([`closing`]: written date, signature, disclosure, attachments,
//! 版记), the issuer (from the title, else the signature, else the metadata), the kind (from
//! the title's genre word, [`lexicon`]) and the documents embedded in a 印发 notice.
//!
//! ```text
//! [chrome / metadata]
//! title                       天津市市场监督管理委员会关于印发《…实施方案(2023—2025年)》的通知
//! [doc number]                津质量发〔2023〕3号
//! recipients ":"              市质量强市建设协调推进领导小组各成员单位,各相关单位:
//! body …
//! [附件: …] [signature] date  2023年9月4日
//! [(disclosure)]              (此件公开发布)
//! [embedded title, body …]    天津市进一步提高产品 工程和服务质量行动实施方案(2023—2025年)
//! [版记: 抄送 … / … 印发]
//! ```
//!
//! Hands on a [`Frame`]: the frame fields of the document, spans in the normalized text.

pub mod closing;
pub mod lexicon;
pub mod metadata;
pub mod title;

use crate::chars;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{
    Attachment, DateValue, Dates, Diagnostic, DocKind, DocNumber, Embedded, MetadataField, TextSpan,
};
use crate::recognize::date::FoundDate;
use crate::recognize::doc_number;
use crate::segment::{LineKind, Segmented};
use crate::span::Span;
use lexicon::{is_org, title_genre, Role, NOT_RECIPIENT, TITLE_VERB};

/// A non-blank line as the frame sees it.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// Trimmed text.
    pub text: &'a str,
    /// Where the trimmed text is.
    pub span: Span,
    /// True for portal chrome.
    pub chrome: bool,
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[#* ]*(?:[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十百零〇]+[章条节部])")
        .unwrap_or_else(|e| panic!("heading regex: {e}"))
});

/// True when a line starts with a top-level section marker (一、 / 第一章 / 第一条).
pub fn is_heading(s: &str) -> bool {
    HEADING.is_match(s)
}

/// True for the 主送机关 line: ends in ":", names organisations, is no sentence.
pub fn is_recipient_line(s: &str) -> bool {
    let Some(body) = s.strip_suffix(':') else {
        return false;
    };
    let body = body.trim_end();
    let n = body.chars().count();
    if !(2..=250).contains(&n)
        || body.contains(['。', ':', '!', '?', '|'])
        || is_heading(body)
        || NOT_RECIPIENT.iter().any(|w| body.contains(w))
        || metadata::is_metadata_line(s)
    {
        return false;
    }
    let last = body.rsplit([',', ';', '、']).next().unwrap_or(body).trim();
    body.contains('各') || is_org(last) || is_org(body)
}

/// A line that reads as a paragraph of the body.
fn is_paragraph(s: &str) -> bool {
    let n = s.chars().count();
    (n >= 30 && s.contains('。')) || (n >= 60 && s.contains([',', '、']))
}

fn date_value(d: &FoundDate) -> DateValue {
    DateValue {
        raw: d.raw.clone(),
        value: d.value.clone(),
        span: d.span,
    }
}

/// True for a letter or digit: exactly [`char::is_alphanumeric`], which is a table search
/// for every non-ASCII char. The ranges answered here first are exact: ASCII is decided by
/// its own table, every CJK Unified Ideograph (U+4E00–U+9FFF) is a letter (Lo), and the
/// punctuation of Chinese text (、。〈〉《》「」『』【】〔〕, ‐–—‘’“”…) is neither letter nor
/// digit (the unit test checks every char against the standard answer).
#[inline]
pub(crate) fn is_key_char(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        _ if chars::is_basic_han(c) => true,
        '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' | '\u{2010}'..='\u{2027}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Letters and digits only: the form two spellings of one title are compared in.
fn key(s: &str) -> String {
    s.chars().filter(|&c| is_key_char(c)).collect()
}

/// A title's comparison key, computed once and matched against many lines (see
/// [`repeats_title`]).
///
/// ```
/// use zhengce::recognize::frame::TitleKey;
/// let key = TitleKey::new("天津市市场监督管理委员会关于印发《实施方案》的通知");
/// assert!(key.repeated_by("**天津市市场监督管理委员会关于印发实施方案的通知**"));
/// assert!(!key.repeated_by("实施方案"));
/// ```
#[derive(Debug, Clone)]
pub struct TitleKey {
    /// Letters and digits of the title.
    key: String,
    /// A key this short (under 8 letters) never matches: too many lines would.
    usable: bool,
}

impl TitleKey {
    /// The key of `title`.
    pub fn new(title: &str) -> Self {
        let key = key(title);
        let usable = key.chars().count() >= 8;
        Self { key, usable }
    }

    /// True when `line` has the same letters and digits as the title, in order. Compares
    /// as it reads the line and stops at the first difference, allocating nothing; a line
    /// with fewer bytes than the key cannot have all its letters (they are a part of it).
    pub fn repeated_by(&self, line: &str) -> bool {
        if !self.usable || line.len() < self.key.len() {
            return false;
        }
        let mut want = self.key.chars();
        for c in line.chars() {
            if is_key_char(c) && want.next() != Some(c) {
                return false;
            }
        }
        want.next().is_none()
    }
}

/// True when `line` is the document's title printed again, as portals do at the foot of
/// the page after the body: what follows is the page footer, not the document. To test
/// many lines against one title, build its [`TitleKey`] once.
///
/// ```
/// use zhengce::recognize::frame::repeats_title;
/// let title = "天津市市场监督管理委员会关于印发《实施方案》的通知";
/// assert!(repeats_title("天津市市场监督管理委员会关于印发《实施方案》的通知", title));
/// assert!(!repeats_title("实施方案", title));
/// ```
pub fn repeats_title(line: &str, title: &str) -> bool {
    TitleKey::new(title).repeated_by(line)
}

/// The comparison key of a carried title: [`key`] without a leading 关于 and without 的,
/// which a notice's title often drops from the title it carries (印发广东省…生长实行方案
/// carries 广东省…生长的实行方案; 印发贯彻《…》推进…实施方案 carries 关于贯彻《…》推进…的实施方案).
fn loose_key(s: &str) -> String {
    let k = key(s);
    let k = k.strip_prefix("关于").unwrap_or(&k);
    k.chars().filter(|&c| c != '的').collect()
}

/// How the [`loose_key`] of some text compares with a wanted loose key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LooseMatch {
    /// The same key.
    Equal,
    /// A proper beginning of the wanted key (maybe empty): more text may complete it.
    Prefix,
    /// Neither.
    Differ,
}

/// Compares the [`loose_key`] of the concatenation of `parts` with `want`, reading the
/// letters one by one and stopping at the first difference, allocating nothing. Same
/// answer as comparing `loose_key(&parts.concat())` with `want`: the key of a
/// concatenation is the concatenation of the keys, and the leading 关于 is dropped only
/// when the first two letters of the whole are 关 and 于.
fn loose_match(parts: &[&str], want: &str) -> LooseMatch {
    let mut letters = parts
        .iter()
        .flat_map(|p| p.chars())
        .filter(|&c| is_key_char(c));
    let first = letters.next();
    let second = letters.next();
    let head = if first == Some('关') && second == Some('于') {
        [None, None]
    } else {
        [first, second]
    };
    let mut want = want.chars();
    for c in head.into_iter().flatten().chain(letters) {
        if c != '的' && want.next() != Some(c) {
            return LooseMatch::Differ;
        }
    }
    if want.next().is_none() {
        LooseMatch::Equal
    } else {
        LooseMatch::Prefix
    }
}

/// The frame of a document, spans in the normalized text: what the frame recognizer hands
/// on to the other recognizers and to the assembler.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    /// Genre of the document itself.
    pub kind: DocKind,
    /// The document's own title.
    pub title: Option<TextSpan>,
    /// The document's own number (发文字号).
    pub doc_number: Option<DocNumber>,
    /// The issuing body.
    pub issuer: Option<TextSpan>,
    /// Addressees (主送机关).
    pub recipients: Vec<TextSpan>,
    /// Written, published and printed dates.
    pub dates: Dates,
    /// Disclosure note.
    pub disclosure: Option<TextSpan>,
    /// The signature block, one entry per line.
    pub signature: Vec<TextSpan>,
    /// Copy-to bodies (抄送).
    pub cc: Vec<TextSpan>,
    /// Printing office (印发机关).
    pub printed_by: Option<TextSpan>,
    /// Attachments listed after the body.
    pub attachments: Vec<Attachment>,
    /// Documents printed inside this one.
    pub embedded: Vec<Embedded>,
    /// Portal metadata.
    pub metadata: Vec<MetadataField>,
    /// What was repaired: the doc number, the written date.
    pub diagnostics: Vec<Diagnostic>,
}

/// The non-blank lines of the text, as the frame reads them.
fn frame_lines<'a>(text: &'a str, segmented: &Segmented) -> Vec<Line<'a>> {
    segmented
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::Blank)
        .map(|l| Line {
            text: l.text(text),
            span: l.content,
            chrome: l.kind == LineKind::Chrome,
        })
        .collect()
}

/// The portal metadata pairs, and which lines hold metadata.
fn metadata_block(lines: &[Line<'_>]) -> (Vec<bool>, Vec<metadata::Pair>) {
    let mut meta_line = vec![false; lines.len()];
    let mut pairs = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let p = metadata::pairs(l.text, l.span.start);
        if !p.is_empty() || metadata::is_metadata_line(l.text) {
            if let Some(m) = meta_line.get_mut(i) {
                *m = true;
            }
        }
        pairs.extend(p);
    }
    // pair = key ":" NL value: the value of a key standing alone is the next line.
    for i in 0..lines.len().saturating_sub(1) {
        let (Some(k), Some(v)) = (lines.get(i), lines.get(i + 1)) else {
            continue;
        };
        if k.chrome || v.chrome || meta_line.get(i + 1).copied().unwrap_or(true) {
            continue;
        }
        let pair = metadata::pair_across(k.text, k.span.start, v.text, v.span.start)
            .filter(value_fits_role);
        if let Some(p) = pair {
            if let Some(m) = meta_line.get_mut(i + 1) {
                *m = true;
            }
            pairs.push(p);
        }
    }
    pairs.sort_by_key(|p| p.span.start);
    (meta_line, pairs)
}

/// True when a value read from the line after its key is what the key supplies: a doc
/// number, a date, an organisation, a title. A line after a key of no role (备注, 来源) may
/// be anything, the recipients line included, and is not taken.
fn value_fits_role(p: &metadata::Pair) -> bool {
    match p.role {
        Role::DocNumber => !doc_number::find_all(&p.value).is_empty(),
        Role::Written | Role::Published => {
            !crate::recognize::date::find_all(&p.value).is_empty()
        }
        Role::Issuer => is_org(&p.value),
        Role::Title => true,
        Role::Other => false,
    }
}

/// The 主送机关 line (before the first heading) and the line where the body starts.
fn recipients_line(lines: &[Line<'_>], meta_line: &[bool]) -> (Option<usize>, usize) {
    let is_meta = |i: usize| meta_line.get(i).copied().unwrap_or(false);
    let first_heading = lines
        .iter()
        .position(|l| !l.chrome && is_heading(l.text))
        .unwrap_or(lines.len());
    let recipient = lines
        .iter()
        .enumerate()
        .take(first_heading)
        .find(|(i, l)| !l.chrome && !is_meta(*i) && is_recipient_line(l.text))
        .map(|(i, _)| i);
    let body_start = recipient.map_or_else(
        || {
            lines
                .iter()
                .enumerate()
                .position(|(i, l)| {
                    !l.chrome && !is_meta(i) && (is_paragraph(l.text) || is_heading(l.text))
                })
                .unwrap_or(lines.len())
        },
        |r| r + 1,
    );
    (recipient, body_start)
}

/// The recipients of line `r`; a recipients line wrapped after 、 or , starts on the line
/// before.
fn recipients(lines: &[Line<'_>], meta_line: &[bool], r: usize) -> Vec<TextSpan> {
    let Some(line) = lines.get(r) else {
        return Vec::new();
    };
    let prev = r
        .checked_sub(1)
        .and_then(|i| {
            lines
                .get(i)
                .filter(|_| !meta_line.get(i).copied().unwrap_or(true))
        })
        .filter(|p| {
            !p.chrome
                && p.text.ends_with(['、', ','])
                && !p.text.contains(['。', ':'])
                && p.text.chars().count() <= 120
        });
    let body = line.text.trim_end_matches(':').trim_end();
    let Some(p) = prev else {
        return closing::split_units(body, line.span.start);
    };
    let mut units = closing::split_units(p.text, p.span.start);
    let tail = closing::split_units(body, line.span.start);
    let glued = p.text.ends_with('、');
    match (glued, units.last_mut(), tail.first()) {
        (true, Some(last), Some(first)) => {
            last.text.push_str(&first.text);
            last.span = last.span.cover(first.span);
            units.extend(tail.into_iter().skip(1));
        }
        _ => units.extend(tail),
    }
    units
}

/// The title: the last title-like line before `title_end` (when the body seems to start
/// on one of the first lines and no recipients line ends the header, a banner slogan above
/// the title, before the first heading),
/// else (when the metadata names no title with a genre word) a fallback line, which is
/// reported as inferred.
fn title_of(
    lines: &[Line<'_>],
    meta_line: &[bool],
    (title_end, recipient): (usize, Option<usize>),
    pairs: &[metadata::Pair],
) -> (Option<title::Title>, bool) {
    let title = title::find(lines, meta_line, title_end).or_else(|| {
        let heading = lines
            .iter()
            .position(|l| !l.chrome && is_heading(l.text))
            .unwrap_or(lines.len());
        (recipient.is_none() && title_end <= 2 && heading > title_end)
            .then(|| title::find(lines, meta_line, heading))
            .flatten()
    });
    if title.is_some() {
        return (title, false);
    }
    let title_from_meta = meta_pair(pairs, Role::Title)
        .filter(|p| lexicon::title_genre(&p.value).is_some())
        .is_some();
    if title_from_meta {
        return (None, false);
    }
    (title::fallback(lines, meta_line, title_end), true)
}

/// The first metadata pair of a role.
fn meta_pair(pairs: &[metadata::Pair], role: Role) -> Option<&metadata::Pair> {
    pairs.iter().find(|p| p.role == role)
}

/// The document's own number: the first in the header that is not inside the title nor
/// cited — on one line, broken over two (津市监质〔2023〕 / 12号, 国务院令 / 第708号), or
/// alone on a line with its closing bracket and 号 lost — else the metadata's 文号.
fn own_number(
    lines: &[Line<'_>],
    header_end: usize,
    title: Option<&title::Title>,
    pairs: &[metadata::Pair],
    text: &str,
) -> Option<doc_number::Found> {
    for (i, l) in lines.iter().enumerate().take(header_end) {
        let found = doc_number::find_all(l.text);
        let none_here = found.is_empty();
        for f in found {
            let abs = f.number.span.shift(l.span.start);
            let before = l.text.get(..f.number.span.start).unwrap_or_default();
            let open = before.matches('《').count() > before.matches('》').count();
            let in_title =
                title.is_some_and(|t| (t.lines.0..=t.lines.1).contains(&i) && abs.start < t.end);
            let cited_context = before.trim_end().ends_with(['》', ')']) && before.len() > 30;
            if open || in_title || cited_context {
                continue;
            }
            return Some(shift_found(f, l.span.start));
        }
        if !none_here || l.chrome {
            continue;
        }
        if let Some(f) = doc_number::parse_bare_line(l.text) {
            return Some(shift_found(f, l.span.start));
        }
        let next = lines.get(i + 1).filter(|n| !n.chrome);
        if let Some(f) = next.and_then(|n| number_across(l, n, text)) {
            return Some(f);
        }
    }
    let p = meta_pair(pairs, Role::DocNumber)?;
    doc_number::find_all(&p.value)
        .into_iter()
        .next()
        .map(|f| shift_found(f, p.value_span.start))
}

/// A number broken over lines `a` and `b` (PDF extraction): read in the two lines joined,
/// kept when it runs across the break. Its span runs from line `a` to line `b`, and `raw`
/// is that stretch of the text, line break included.
fn number_across(a: &Line<'_>, b: &Line<'_>, text: &str) -> Option<doc_number::Found> {
    // The second line holding a number of its own is no continuation.
    if a.text.chars().count() > 40
        || b.text.chars().count() > 40
        || !doc_number::find_all(b.text).is_empty()
    {
        return None;
    }
    let joined = format!("{}{}", a.text, b.text);
    let cut = a.text.len();
    let mut f = doc_number::find_all(&joined)
        .into_iter()
        .find(|f| f.number.span.start < cut && f.number.span.end > cut)?;
    let at = |p: usize| {
        if p <= cut {
            a.span.start + p
        } else {
            b.span.start + (p - cut)
        }
    };
    let span = Span::new(at(f.number.span.start), at(f.number.span.end));
    f.number.raw = text.get(span.start..span.end)?.to_string();
    f.number.span = span;
    for d in &mut f.diagnostics {
        d.span = Some(span);
    }
    Some(f)
}

/// The closing: written date and signature, published date, disclosure, attachments and
/// the 版记 (抄送, 印发).
fn closing_block(
    lines: &[Line<'_>],
    meta_line: &[bool],
    (body_start, header_end): (usize, usize),
    pairs: &[metadata::Pair],
    text: &str,
    frame: &mut Frame,
) {
    let written = closing::written(lines, meta_line, body_start, text);
    frame
        .diagnostics
        .extend(closing::impossible_dates(lines, meta_line, body_start));
    for p in pairs
        .iter()
        .filter(|p| matches!(p.role, Role::Written | Role::Published))
    {
        for d in crate::recognize::date::find_impossible(&p.value) {
            frame
                .diagnostics
                .push(closing::impossible(&d, p.value_span.start));
        }
    }
    if let Some(w) = &written {
        if w.date.repaired {
            frame.diagnostics.push(Diagnostic::warning(
                "date_repaired",
                format!("年/月 lost: read {} as {}", w.date.raw, w.date.value),
                Some(w.date.span),
            ));
        }
        frame.dates.written = Some(date_value(&w.date));
        frame.signature = closing::signature(lines, w);
    } else if let Some(p) = meta_pair(pairs, Role::Written).filter(|p| !has_clock_time(&p.value)) {
        // A date with a clock time (2024年04月06日 16:40) is the page's stamp, not a 成文日期.
        frame.dates.written = first_date(&p.value, p.value_span.start);
    }
    if let Some(p) = meta_pair(pairs, Role::Published) {
        frame.dates.published = first_date(&p.value, p.value_span.start);
    }
    frame.disclosure = closing::disclosure(lines, header_end);
    frame.attachments = closing::attachments(lines, header_end);
    let colophon = closing::colophon(lines);
    frame.cc = colophon.cc;
    frame.printed_by = colophon.printed_by;
    frame.dates.printed = colophon.printed.as_ref().map(date_value);
}

/// The issuer: from the title, else the first signature line that is no seal note, else
/// the metadata's 发布机构.
fn issuer(
    title: Option<&title::Title>,
    signature: &[TextSpan],
    pairs: &[metadata::Pair],
    text: &str,
) -> Option<TextSpan> {
    title
        .and_then(|t| issuer_from_title(&t.text, t.span, text))
        .or_else(|| {
            signature
                .iter()
                .find(|s| !lexicon::SEAL.iter().any(|w| s.text.contains(w)))
                .cloned()
        })
        .or_else(|| {
            meta_pair(pairs, Role::Issuer).map(|p| TextSpan::new(p.value.clone(), p.value_span))
        })
}

/// The kind: the title's genre word, else a closing line's, else `news` for a dated page
/// with a title and neither number nor recipients.
fn kind_of(
    title: Option<&title::Title>,
    lines: &[Line<'_>],
    header_end: usize,
    frame: &Frame,
) -> DocKind {
    // A title read from the metadata still names its genre.
    let mut kind = title.map_or_else(
        || {
            frame
                .title
                .as_ref()
                .and_then(|t| title_genre(&t.text))
                .map_or(DocKind::Other, |(k, _)| k)
        },
        |t| t.kind,
    );
    if kind == DocKind::Other {
        if let Some(k) = lines
            .iter()
            .skip(header_end)
            .find_map(|l| lexicon::closing_kind(l.text))
        {
            kind = k;
        }
    }
    if kind == DocKind::Other
        && frame.title.is_some()
        && frame.doc_number.is_none()
        && frame.recipients.is_empty()
        && frame.dates.published.is_some()
    {
        kind = DocKind::News;
    }
    kind
}

/// Reads the frame of the normalized `text` from its lines.
pub fn recognize(text: &str, segmented: &Segmented) -> Frame {
    let lines = frame_lines(text, segmented);
    let (meta_line, pairs) = metadata_block(&lines);
    let mut frame = Frame {
        metadata: pairs
            .iter()
            .map(|p| MetadataField {
                key: p.key.to_string(),
                value: p.value.clone(),
                span: p.span,
            })
            .collect(),
        ..Frame::default()
    };
    let (recipient, body_start) = recipients_line(&lines, &meta_line);
    if let Some(r) = recipient {
        frame.recipients = recipients(&lines, &meta_line, r);
    }
    let header_end = recipient.unwrap_or(body_start);
    let (title, inferred) = title_of(&lines, &meta_line, (header_end, recipient), &pairs);
    frame.title = match &title {
        Some(t) => Some(TextSpan::new(t.text.clone(), t.span)),
        None => {
            meta_pair(&pairs, Role::Title).map(|p| TextSpan::new(p.value.clone(), p.value_span))
        }
    };
    if let Some(t) = frame.title.as_ref().filter(|_| inferred || title.is_none()) {
        let from = if title.is_some() {
            "the last headline-like line before the body"
        } else {
            "the portal's metadata"
        };
        frame.diagnostics.push(Diagnostic::info(
            "title_inferred",
            format!("no line ends in a genre word: the title is read from {from}"),
            Some(t.span),
        ));
    }
    if let Some(f) = own_number(&lines, header_end, title.as_ref(), &pairs, text) {
        frame.diagnostics.extend(f.diagnostics);
        frame.doc_number = Some(f.number);
    }
    closing_block(
        &lines,
        &meta_line,
        (body_start, header_end),
        &pairs,
        text,
        &mut frame,
    );
    frame.issuer = issuer(title.as_ref(), &frame.signature, &pairs, text);
    if let Some(t) = &title {
        let body_end = lines
            .iter()
            .rev()
            .find(|l| !l.chrome)
            .map_or(text.len(), |l| l.span.end);
        frame.embedded.extend(embedded(&lines, t, body_end));
    }
    frame.kind = kind_of(title.as_ref(), &lines, header_end, &frame);
    frame
}

/// True when `s` holds a clock time: digits, ":", two digits (16:40).
fn has_clock_time(s: &str) -> bool {
    s.as_bytes().windows(4).any(|w| {
        matches!(w, [a, b':', b, c] if a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit())
    })
}

fn shift_found(mut f: doc_number::Found, by: usize) -> doc_number::Found {
    f.number.span = f.number.span.shift(by);
    for d in &mut f.diagnostics {
        d.span = d.span.map(|s| s.shift(by));
    }
    f
}

fn first_date(s: &str, base: usize) -> Option<DateValue> {
    crate::recognize::date::find_all(s)
        .into_iter()
        .next()
        .map(|d| DateValue {
            raw: d.raw,
            value: d.value,
            span: d.span.shift(base),
        })
}

/// The issuer named before 关于/印发 in a title. `span` is the title's span in `text`; a
/// title wrapped over lines is joined without its line breaks, so the issuer's end is
/// found again in `text` rather than counted in the joined title.
fn issuer_from_title(t: &str, span: Span, text: &str) -> Option<TextSpan> {
    let first_verb = |s: &str| TITLE_VERB.iter().filter_map(|v| s.find(v)).min();
    let pos = first_verb(t)?;
    let who = t.get(..pos)?.trim_end();
    let n = who.chars().count();
    if n < 2 || who.contains(['《', '“']) || !(is_org(who) || n >= 4) {
        return None;
    }
    let base = span.start;
    let end = if text.get(base..base + who.len()) == Some(who) {
        base + who.len()
    } else {
        text.get(base..span.end)
            .and_then(|s| s.get(..first_verb(s)?))
            .map_or(span.end, |s| base + s.trim_end().len())
    };
    Some(TextSpan::new(who, Span::new(base, end)))
}

/// embedded = carried-title-line{1,4} body: the document a 印发/转发 notice carries, its
/// title printed again after the notice's title, on up to four lines.
fn embedded(lines: &[Line<'_>], t: &title::Title, text_len: usize) -> Option<Embedded> {
    let inner = carried_title(&t.text)?;
    let want = loose_key(inner);
    if want.chars().count() < 4 {
        return None;
    }
    let title_key = TitleKey::new(&t.text);
    for i in t.lines.1 + 1..lines.len() {
        let mut parts: Vec<&str> = Vec::with_capacity(4);
        for j in i..(i + 4).min(lines.len()) {
            let l = lines.get(j)?;
            if l.chrome {
                break;
            }
            let (s, e) = title::title_part(l.text).unwrap_or((0, l.text.len()));
            parts.push(l.text.get(s..e).unwrap_or_default());
            match loose_match(&parts, &want) {
                LooseMatch::Equal => {}
                LooseMatch::Prefix => continue,
                LooseMatch::Differ => break,
            }
            let first = lines.get(i)?;
            let end = embedded_end(lines, j, &title_key)
                .unwrap_or(text_len)
                .max(first.span.end);
            return Some(Embedded {
                title: parts.concat(),
                kind: title_genre(inner).map_or(DocKind::Other, |(k, _)| k),
                span: Span::new(first.span.start, end),
            });
        }
    }
    None
}

/// carried-title = issuing-title "印发" | "转发" title ["的通知"]: the title a notice's own
/// title carries — the outermost 《…》 when it closes the carried title
/// (转发区绿化市容局制订的《…》), not a law named inside it (印发贯彻《上海市生活垃圾管理
/// 条例》推进…实施方案).
fn carried_title(title: &str) -> Option<&str> {
    let verb = ["印发", "转发", "印發", "轉發"]
        .iter()
        .filter_map(|v| title.find(v).map(|p| p + v.len()))
        .min()?;
    let rest = title.get(verb..)?;
    let end = rest.rfind("的通知").unwrap_or(rest.len());
    let inner = rest.get(..end)?.trim();
    Some(match (inner.find('《'), inner.rfind('》')) {
        (Some(a), Some(b)) if a < b && inner.ends_with('》') => {
            inner.get(a + '《'.len_utf8()..b).unwrap_or(inner)
        }
        _ => inner,
    })
}

/// Where the carried document's body ends, its title read up to line `j`: before the
/// notice's title printed again in the page footer, when it is.
fn embedded_end(lines: &[Line<'_>], j: usize, title_key: &TitleKey) -> Option<usize> {
    let k = lines
        .iter()
        .skip(j + 1)
        .position(|l| !l.chrome && title_key.repeated_by(l.text))?;
    lines
        .get(..=j + k)?
        .iter()
        .rev()
        .find(|l| !l.chrome)
        .map(|l| l.span.end)
}

#[cfg(test)]
mod tests;
