//! The typed output: one parsed [`Document`] and its parts.
//!
//! These types *are* the output contract (the project's `SCHEMA.md`): field names, enum
//! spellings and nesting are what `zhengce parse` prints and what downstream tools read.
//! Add fields freely; rename or remove one only with a bump of [`SCHEMA_VERSION`].
//!
//! Every item carries a [`Span`]: half-open byte offsets into the *decoded* text of the
//! input (never the normalized view the recognizers read). [`Document::map_spans`] walks
//! every span once, which is how the assembler maps normalized offsets back and how the
//! CLI switches to character offsets.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::span::Span;

/// Version of the output contract; bumped only for a breaking change.
pub const SCHEMA_VERSION: u32 = 1;

/// One parsed policy document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Document {
    /// Version of this contract (currently 1).
    pub schema_version: u32,
    /// Where the text came from and how it was decoded.
    pub source: Source,
    /// Genre of the document itself (a notice that issues a plan is a `notice`).
    pub kind: DocKind,
    /// The document's own title (标题), joined when it wraps over lines.
    pub title: Option<TextSpan>,
    /// The document's own number (发文字号).
    pub doc_number: Option<DocNumber>,
    /// The issuing body (发文机关), from the title or the signature.
    pub issuer: Option<TextSpan>,
    /// Addressees (主送机关), split at ，,；, never at 、.
    #[serde(default)]
    pub recipients: Vec<TextSpan>,
    /// Written, published and printed dates.
    #[serde(default)]
    pub dates: Dates,
    /// Disclosure note such as 此件公开发布 / 此件主动公开.
    pub disclosure: Option<TextSpan>,
    /// The signature block (落款), one entry per line, seal notes included.
    #[serde(default)]
    pub signature: Vec<TextSpan>,
    /// Copy-to bodies (抄送) from the 版记.
    #[serde(default)]
    pub cc: Vec<TextSpan>,
    /// Printing office (印发机关) from the 版记.
    pub printed_by: Option<TextSpan>,
    /// Attachments listed after the body (附件：1. …).
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Documents printed inside this one (the plan under a 印发 notice).
    #[serde(default)]
    pub embedded: Vec<Embedded>,
    /// Key–value metadata printed around the document by a portal (索引号, 发布机构, …).
    #[serde(default)]
    pub metadata: Vec<MetadataField>,
    /// The numbered section hierarchy, outermost level first.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Other documents cited: 《titles》 and doc numbers.
    #[serde(default)]
    pub references: Vec<Reference>,
    /// Who is responsible for which task.
    #[serde(default)]
    pub responsibilities: Vec<Responsibility>,
    /// Quantitative targets and statistics.
    #[serde(default)]
    pub quantities: Vec<Quantity>,
    /// Contact lines: 联系人, 联系电话, 电子邮箱, 传真, 地址.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// What was repaired, guessed or skipped.
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a document came from and how its bytes were decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The input's path as given, or null for standard input and in-memory text.
    pub path: Option<String>,
    /// Encoding the bytes were decoded from (`UTF-8`, `GB18030`, `Big5`, `UTF-16LE`, …).
    pub encoding: String,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// How many malformed byte sequences were replaced by U+FFFD.
    pub replaced_invalid: u64,
    /// Whether traditional characters were converted to simplified for recognition.
    pub traditional_converted: bool,
    /// What the input was: plain text, an HTML page (spans index its decoded source) or a
    /// Word file (spans index the text extracted from it).
    #[serde(default)]
    pub format: SourceFormat,
}

/// The kind of file an input was read as (see `SCHEMA.md`, field notes on `source`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text (also Markdown): spans index the decoded text.
    #[default]
    Text,
    /// An HTML page: spans index the decoded HTML source.
    Html,
    /// A Word file (.docx): spans index the text extracted from its paragraphs, with the
    /// markers of Word's automatic numbering written out.
    Docx,
}

/// Genre of a document (see `SCHEMA.md`, field notes on `kind`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 通知 / 通告 / 公告.
    Notice,
    /// 方案 / 计划 / 规划 / 要点.
    Plan,
    /// 意见.
    Opinion,
    /// 总结.
    Summary,
    /// 办法 / 条例 / 规定 / 细则 / 规则.
    Regulation,
    /// 报告 / 通报.
    Report,
    /// 决定 / 决议.
    Decision,
    /// 批复 / 函.
    Reply,
    /// A news article about a document.
    News,
    /// Anything else, or unknown.
    #[default]
    Other,
}

/// A piece of text and where it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextSpan {
    /// The text, normalized (simplified script, scraper pinyin removed, width folded).
    pub text: String,
    /// Where it was read from in the decoded input.
    pub span: Span,
}

impl TextSpan {
    /// A text with its span.
    pub fn new(text: impl Into<String>, span: Span) -> Self {
        TextSpan {
            text: text.into(),
            span,
        }
    }
}

/// A document number (发文字号): 机关代字 + 〔year〕 + serial + 号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocNumber {
    /// As printed (normalized script).
    pub raw: String,
    /// Canonical form: `CODE〔YEAR〕N号`, six-angle brackets, no spaces (decree and
    /// announcement numbers: see [`DocNumberKind`]).
    pub normalized: String,
    /// The issuer code (机关代字), e.g. 津质量发.
    pub issuer_code: String,
    /// Four-digit year (0 when none is printed).
    pub year: u32,
    /// Serial number.
    pub serial: u32,
    /// True when a lost bracket, digit or year part was inferred.
    pub repaired: bool,
    /// Where it was read from.
    pub span: Span,
    /// What kind of number it is: an ordinary 发文字号, a decree's (令) or an
    /// announcement's (公告).
    #[serde(default)]
    pub kind: DocNumberKind,
}

/// The kind of a document number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocNumberKind {
    /// An ordinary 发文字号: 津质量发〔2023〕3号; `normalized` is `CODE〔YEAR〕N号`.
    #[default]
    Ordinary,
    /// A decree number: 国务院令第513号; `normalized` is `ISSUER令第N号`, `year` is 0.
    Decree,
    /// An announcement number: 国家税务总局公告2023年第1号; `normalized` keeps the year
    /// as printed (`ISSUER公告YEAR年第N号` or `ISSUER公告〔YEAR〕N号`).
    Announcement,
}

/// The dates of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// 成文日期: the date under the signature.
    pub written: Option<DateValue>,
    /// 发布日期 / 发布时间 from the page header.
    pub published: Option<DateValue>,
    /// 印发日期 from the 版记.
    pub printed: Option<DateValue>,
}

/// A date as printed and as an ISO value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateValue {
    /// As printed.
    pub raw: String,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub value: String,
    /// Where it was read from.
    pub span: Span,
}

/// An attachment named after the body (附件：1. …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// 1-based number as printed (1 when unnumbered).
    pub index: u32,
    /// The attachment's title.
    pub title: String,
    /// Where it was read from.
    pub span: Span,
}

/// A document printed inside this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Embedded {
    /// Its own title line.
    pub title: String,
    /// Its genre.
    pub kind: DocKind,
    /// From its title line to the end of its body.
    pub span: Span,
}

/// A key–value pair printed by a portal around a document (索引号, 发布机构, 文号, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetadataField {
    /// The key as printed, e.g. 发布机构.
    pub key: String,
    /// The value, trimmed.
    pub value: String,
    /// Where the pair was read from.
    pub span: Span,
}

/// Numbering style of a section marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionStyle {
    /// 一、
    ChineseDun,
    /// （一） or (一)
    ParenChinese,
    /// 1. or 1．
    ArabicDot,
    /// 1、
    ArabicDun,
    /// （1） or (1)
    ParenArabic,
    /// ①
    Circled,
    /// 第一部分
    Part,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 第一条
    Article,
    /// 一是 / 二是
    EnumShi,
    /// 附件1
    Attachment,
}

/// One numbered section and its children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Dotted ordinals from the root, e.g. "2.3.1"; unique in the document: "附件2.1" in
    /// an attachment, "1~2" for the second 一、 when numbering starts over.
    pub path: String,
    /// Depth in this document's own tree (1 = outermost).
    pub level: u32,
    /// Numbering style of the marker.
    pub style: SectionStyle,
    /// The marker as printed, e.g. （一）.
    pub marker: String,
    /// The number the marker stands for.
    pub ordinal: u32,
    /// Title part: up to the first 。 or ：, or the whole line.
    pub heading: String,
    /// The section's own body text, without its children.
    pub text: String,
    /// From the marker to the end of the section, children included.
    pub span: Span,
    /// Nested sections.
    #[serde(default)]
    pub children: Vec<Section>,
}

/// A cited document: a 《title》, a doc number, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The title inside 《》, or null for a bare doc number.
    pub title: Option<String>,
    /// The doc number printed with it.
    pub doc_number: Option<DocNumber>,
    /// Where it was read from.
    pub span: Span,
}

/// Who is responsible for a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    /// Path of the section (task) it belongs to, or null outside any section.
    pub section: Option<String>,
    /// Every unit named, in order, as printed.
    pub departments: Vec<String>,
    /// Units labelled as leading (牵头).
    #[serde(default)]
    pub lead: Vec<String>,
    /// Units labelled as supporting (配合 / 参与).
    #[serde(default)]
    pub support: Vec<String>,
    /// The responsibility phrase, e.g. 负责落实 / 按职责分工负责 / 牵头.
    pub phrase: Option<String>,
    /// A standing instruction such as 以下均需各区人民政府落实,不再列出.
    pub scope_note: Option<String>,
    /// Units implied by an earlier standing instruction.
    #[serde(default)]
    pub implied: Vec<String>,
    /// The clause as printed.
    pub raw: String,
    /// Where it was read from.
    pub span: Span,
}

/// Whether a quantity is a goal or a reported fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A goal, requirement or plan figure.
    Target,
    /// A reported fact.
    Statistic,
}

/// Which way a figure that is a change goes: 下降2.7% is the figure 2.7 going down, 同比增长
/// 8.5% the figure 8.5 going up. A level reached (降至35微克/立方米, 提高到73%) has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A rise (增长, 提高, 增加).
    Up,
    /// A fall (下降, 降低, 减少).
    Down,
}

/// How a quantity's value relates to the real figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Comparator {
    /// Exactly.
    #[serde(rename = "=")]
    Eq,
    /// At least (不低于, 以上).
    #[serde(rename = ">=")]
    Ge,
    /// More than (超过).
    #[serde(rename = ">")]
    Gt,
    /// At most (不超过, 以下).
    #[serde(rename = "<=")]
    Le,
    /// Less than (低于, 不足).
    #[serde(rename = "<")]
    Lt,
    /// About (约, 左右).
    #[serde(rename = "~")]
    Approx,
}

/// An amount, count, share, rate or duration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// Path of the section it belongs to.
    pub section: Option<String>,
    /// Target or statistic.
    pub kind: QuantityKind,
    /// The value, exact (万/亿 multiplied out).
    pub value: Decimal,
    /// Upper end of a range.
    pub value_max: Option<Decimal>,
    /// Unit or measure word ("%", "个百分点", "家", "元", …); `None` when the figure has
    /// none (月活跃用户数达6.97亿).
    pub unit: Option<String>,
    /// Relation to the real figure.
    pub comparator: Comparator,
    /// True for 约/左右/近/余/多/数百 and for a fraction rounded to two places (三分之二).
    pub approximate: bool,
    /// The way a change goes (下降2.7%: down), `None` for a figure that is no change.
    pub direction: Option<Direction>,
    /// Year or date by which a target is due.
    pub deadline: Option<String>,
    /// The phrase that names what is measured.
    pub subject: Option<String>,
    /// The shortest text holding comparator words, number and unit.
    pub raw: String,
    /// Where it was read from.
    pub span: Span,
}

/// Whom to contact about a document: the fields of one contact line or block
/// (联系人:张三,联系电话:022-23456789), each with its own span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The person or people named (联系人), as printed: 白鸽、乔磊.
    pub name: Option<TextSpan>,
    /// Telephone number(s) as printed (联系电话, 电话, 手机).
    pub phone: Option<TextSpan>,
    /// E-mail address (邮箱, 电子邮箱).
    pub email: Option<TextSpan>,
    /// Fax number (传真).
    pub fax: Option<TextSpan>,
    /// Postal address (地址, 通讯地址).
    pub address: Option<TextSpan>,
    /// From the first label to the end of the last value.
    pub span: Span,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Informational: something was read in an unusual way.
    Info,
    /// Something was repaired or guessed.
    Warning,
    /// Something could not be read.
    Error,
}

/// A problem found in the input: repaired, guessed or skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// Stable snake_case code, e.g. `doc_number_repaired`.
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// What happened, for a person.
    pub message: String,
    /// Where, or null for the whole input.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A warning with a span.
    pub fn warning(code: &str, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity: Severity::Warning,
            message: message.into(),
            span,
        }
    }

    /// An informational note with a span.
    pub fn info(code: &str, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity: Severity::Info,
            message: message.into(),
            span,
        }
    }
}

impl Document {
    /// An empty document for the given source.
    pub fn empty(source: Source) -> Self {
        Document {
            schema_version: SCHEMA_VERSION,
            source,
            kind: DocKind::Other,
            title: None,
            doc_number: None,
            issuer: None,
            recipients: Vec::new(),
            dates: Dates::default(),
            disclosure: None,
            signature: Vec::new(),
            cc: Vec::new(),
            printed_by: None,
            attachments: Vec::new(),
            embedded: Vec::new(),
            metadata: Vec::new(),
            sections: Vec::new(),
            references: Vec::new(),
            responsibilities: Vec::new(),
            quantities: Vec::new(),
            contacts: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Applies `f` to every span in the document, once each.
    pub fn map_spans(&mut self, f: &mut dyn FnMut(Span) -> Span) {
        fn text(t: &mut TextSpan, f: &mut dyn FnMut(Span) -> Span) {
            t.span = f(t.span);
        }
        fn date(d: &mut Option<DateValue>, f: &mut dyn FnMut(Span) -> Span) {
            if let Some(d) = d {
                d.span = f(d.span);
            }
        }
        fn number(n: &mut DocNumber, f: &mut dyn FnMut(Span) -> Span) {
            n.span = f(n.span);
        }
        fn section(s: &mut Section, f: &mut dyn FnMut(Span) -> Span) {
            s.span = f(s.span);
            for c in &mut s.children {
                section(c, f);
            }
        }
        self.title.iter_mut().for_each(|t| text(t, f));
        self.doc_number.iter_mut().for_each(|n| number(n, f));
        self.issuer.iter_mut().for_each(|t| text(t, f));
        self.recipients.iter_mut().for_each(|t| text(t, f));
        date(&mut self.dates.written, f);
        date(&mut self.dates.published, f);
        date(&mut self.dates.printed, f);
        self.disclosure.iter_mut().for_each(|t| text(t, f));
        self.signature.iter_mut().for_each(|t| text(t, f));
        self.cc.iter_mut().for_each(|t| text(t, f));
        self.printed_by.iter_mut().for_each(|t| text(t, f));
        self.attachments.iter_mut().for_each(|a| a.span = f(a.span));
        self.embedded.iter_mut().for_each(|e| e.span = f(e.span));
        self.metadata.iter_mut().for_each(|m| m.span = f(m.span));
        self.sections.iter_mut().for_each(|s| section(s, f));
        for r in &mut self.references {
            r.span = f(r.span);
            if let Some(n) = &mut r.doc_number {
                number(n, f);
            }
        }
        self.responsibilities
            .iter_mut()
            .for_each(|r| r.span = f(r.span));
        self.quantities.iter_mut().for_each(|q| q.span = f(q.span));
        for c in &mut self.contacts {
            c.span = f(c.span);
            for t in [
                &mut c.name,
                &mut c.phone,
                &mut c.email,
                &mut c.fax,
                &mut c.address,
            ] {
                t.iter_mut().for_each(|t| text(t, f));
            }
        }
        for d in &mut self.diagnostics {
            if let Some(s) = d.span {
                d.span = Some(f(s));
            }
        }
    }
}
