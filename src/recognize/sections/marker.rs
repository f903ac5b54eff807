//! The heading-marker grammar: what a numbered heading looks like at the start of a line.
//!
//! Reads the normalized text, where full-width （）．： are already ASCII. Hands on a
//! [`Marker`]: the style, the ordinal (or none when scraping lost the numeral), and the
//! byte length of the marker, so the caller can take the heading text that follows.
//!
//! ```bnf
//! marker       = part | chapter | section | article      ; 第一部分 第二章 第三节 第十条
//!              | paren-num                               ; (一) (23)
//!              | numeral ("、" | "." !digit)             ; 一、 二.
//!              | digits ("." !digit | "、")              ; 1. 12、  (not 1.2万亿元)
//!              | digits ")"                              ; 1) read like (1)
//!              | circled                                 ; ① … ⑳
//!              | lost-paren                              ; "()" or ")" — numeral lost
//! part         = "第" ordinal "部分"
//! chapter      = "第" ordinal "章"
//! section      = "第" ordinal "节"
//! article      = "第" ordinal "条"
//! paren-num    = "(" (numeral | digits) ")" | "⑴" … "⒇"
//! attachment   = "附件" ordinal? (":" | " " | end)        ; a line of its own
//! enum-shi     = numeral "是"                            ; only where a sentence starts
//! ```
//!
//! Real examples: "(一)扩大安全优质农产品供给。推广……", "第一章  总则", "1.统筹规划,协调推进。",
//! ")高质量完成2020年滨海新区质量攻关活动" (the "(二" was lost), "附件1".

use std::sync::LazyLock;

use crate::grammar;
use crate::model::SectionStyle;
use crate::recognize::numeral::{is_numeral_char, leading_ordinal};

/// Rows of `grammars/heading_markers.txt` of one kind.
fn exceptions(kind: &str) -> Vec<&'static str> {
    grammar::entries(grammar::HEADING_MARKERS.contents)
        .filter_map(|row| match row.as_slice() {
            [k, text] if *k == kind => Some(*text),
            _ => None,
        })
        .collect()
}

static ARTICLE_REFERENCE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| exceptions("article_reference"));
static CHROME: LazyLock<Vec<&'static str>> = LazyLock::new(|| exceptions("chrome"));

static CLOSING: LazyLock<Vec<&'static str>> = LazyLock::new(|| exceptions("closing"));

/// True when a line closes a notice's body (特此通知, 此复, (此件公开发布)): no section
/// runs past it unless a later heading starts after it.
///
/// ```
/// assert!(zhengce::recognize::sections::marker::is_closing_line("特此通知。"));
/// ```
pub fn is_closing_line(line: &str) -> bool {
    CLOSING.iter().any(|c| line.starts_with(c))
}

/// True when a heading is a web site's notice, not part of the document.
///
/// ```
/// assert!(zhengce::recognize::sections::marker::is_chrome_heading("凡本网注明“信息来源"));
/// ```
pub fn is_chrome_heading(heading: &str) -> bool {
    CHROME.iter().any(|c| heading.contains(c))
}

/// A marker found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// Numbering style.
    pub style: SectionStyle,
    /// The number printed, or `None` when it was lost.
    pub ordinal: Option<u32>,
    /// Byte length of the marker in the line.
    pub len: usize,
    /// True when the marker is damaged ("()" or a lone ")") and the style is a guess.
    pub damaged: bool,
}

/// The largest ordinal read as a marker: bigger numbers at a line start are years or
/// amounts, not headings.
const MAX_ORDINAL: u64 = 199;

fn ordinal_at(s: &str) -> Option<(u32, usize, bool)> {
    let (v, len) = leading_ordinal(s)?;
    if v == 0 || v > MAX_ORDINAL {
        return None;
    }
    let arabic = s.chars().next().is_some_and(|c| !is_numeral_char(c));
    Some((u32::try_from(v).ok()?, len, arabic))
}

/// Reads a heading marker at the start of `line` (already trimmed and stripped of
/// Markdown decoration). Attachments and 一是 are read by [`attachment`] and [`enum_shi`].
///
/// ```
/// use zhengce::recognize::sections::marker::parse;
/// use zhengce::SectionStyle;
/// let m = parse("(二十三)加强监管").unwrap();
/// assert_eq!((m.style, m.ordinal, m.len), (SectionStyle::ParenChinese, Some(23), 11));
/// assert!(parse("1.2万亿元").is_none());
/// ```
pub fn parse(line: &str) -> Option<Marker> {
    let first = line.chars().next()?;
    match first {
        '第' => ordered(line),
        '(' => paren(line),
        ')' => lost_paren(line),
        '①'..='⑳' => Some(enclosed(first, '①', SectionStyle::Circled)),
        '⑴'..='⒇' => Some(enclosed(first, '⑴', SectionStyle::ParenArabic)),
        _ => numbered(line),
    }
}

/// `lost-paren`: "(二" lost, the line opens with the closing parenthesis.
fn lost_paren(line: &str) -> Option<Marker> {
    let next = line.get(1..)?.chars().next()?;
    is_heading_char(next).then_some(Marker {
        style: SectionStyle::ParenChinese,
        ordinal: None,
        len: 1,
        damaged: true,
    })
}

/// `circled` (① … ⑳) or a parenthesized number of one character (⑴ … ⒇): its ordinal
/// counts from `one`.
fn enclosed(c: char, one: char, style: SectionStyle) -> Marker {
    Marker {
        style,
        ordinal: Some(c as u32 - one as u32 + 1),
        len: c.len_utf8(),
        damaged: false,
    }
}

/// `numeral ("、" | "." !digit) | digits ("." !digit | "、") | digits ")"`.
fn numbered(line: &str) -> Option<Marker> {
    let (ordinal, len, arabic) = ordinal_at(line)?;
    let rest = line.get(len..)?;
    let mut rc = rest.chars();
    let sep = rc.next()?;
    let after = rc.next();
    let style = match sep {
        '、' if arabic => SectionStyle::ArabicDun,
        '、' => SectionStyle::ChineseDun,
        '.' if after.is_some_and(|c| c.is_ascii_digit() || c == '.')
            && !year_follows(rc.as_str(), after) =>
        {
            return None
        }
        '.' if arabic => SectionStyle::ArabicDot,
        // "1)" with the opening parenthesis left out is read like (1).
        ')' if arabic && after.is_some_and(is_heading_char) => SectionStyle::ParenArabic,
        '.' => SectionStyle::ChineseDun,
        _ => return None,
    };
    // "1、2、3" or "一、二、三" listing numbers is not a heading.
    if after.is_some_and(|c| c == '、' || c == ',' || c == '。') {
        return None;
    }
    Some(Marker {
        style,
        ordinal: Some(ordinal),
        len: len + sep.len_utf8(),
        damaged: false,
    })
}

/// True when the text after a marker's dot is a year ("1.2019年宝山区…"): `first` is its
/// first character and `rest` the text after it.
fn year_follows(rest: &str, first: Option<char>) -> bool {
    let Some(first) = first else {
        return false;
    };
    let b = rest.as_bytes();
    first.is_ascii_digit()
        && b.len() >= 6
        && b.iter().take(3).all(u8::is_ascii_digit)
        && rest.get(3..).is_some_and(|r| r.starts_with('年'))
}

/// A character a heading may start with: CJK, a letter or digit, or an opening quote.
fn is_heading_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '“' | '《' | '"' | '*')
}

/// 第一部分 / 第一章 / 第一节 / 第一条.
fn ordered(line: &str) -> Option<Marker> {
    let body = line.strip_prefix('第')?;
    let (ordinal, len, _) = ordinal_at(body)?;
    let rest = body.get(len..)?;
    let (style, unit) = [
        (SectionStyle::Part, "部分"),
        (SectionStyle::Chapter, "章"),
        (SectionStyle::Section, "节"),
        (SectionStyle::Section, "節"),
        (SectionStyle::Article, "条"),
        (SectionStyle::Article, "條"),
    ]
    .into_iter()
    .find(|(_, unit)| rest.starts_with(unit))?;
    let after = rest.get(unit.len()..)?;
    // "第十一條 第二十一條" is a table of contents line.
    if ARTICLE_REFERENCE.iter().any(|r| after.starts_with(r))
        || after.trim_start().starts_with('第')
    {
        return None;
    }
    let next = after.chars().next();
    let ok = match style {
        // 第一条 may run straight into its text; reject "第一条规定" style references
        // only when followed by sentence punctuation.
        SectionStyle::Article => {
            !next.is_some_and(|c| matches!(c, ',' | '、' | '。' | ')' | '"' | '”'))
        }
        // Chapter, section, part: a space, the end, or a short title.
        _ => match next {
            None => true,
            Some(c) => c == ' ' || c == ':' || (is_heading_char(c) && after.chars().count() <= 30),
        },
    };
    ok.then_some(Marker {
        style,
        ordinal: Some(ordinal),
        len: '第'.len_utf8() + len + unit.len(),
        damaged: false,
    })
}

/// (一) (12) and the damaged "()".
fn paren(line: &str) -> Option<Marker> {
    let inner = line.get(1..)?;
    if let Some(rest) = inner.strip_prefix(')') {
        let next = rest.chars().next()?;
        return is_heading_char(next).then_some(Marker {
            style: SectionStyle::ParenChinese,
            ordinal: None,
            len: 2,
            damaged: true,
        });
    }
    let (ordinal, len, arabic) = ordinal_at(inner)?;
    inner.get(len..)?.strip_prefix(')')?;
    Some(Marker {
        style: if arabic {
            SectionStyle::ParenArabic
        } else {
            SectionStyle::ParenChinese
        },
        ordinal: Some(ordinal),
        len: 1 + len + 1,
        damaged: false,
    })
}

/// A line that is an attachment label: "附件", "附件1", "附件2:", "附件 3". Returns the
/// ordinal (1 when none is printed) and the marker length. A 附件 list line
/// ("附件:1.xxx") is not a label.
///
/// ```
/// use zhengce::recognize::sections::marker::attachment;
/// assert_eq!(attachment("附件2"), Some((2, 7)));
/// assert_eq!(attachment("附件"), Some((1, 6)));
/// assert_eq!(attachment("附件:1.郊野公园建设项目表"), None);
/// ```
pub fn attachment(line: &str) -> Option<(u32, usize)> {
    let rest = line.strip_prefix("附件")?;
    let spaced = rest.trim_start();
    let skipped = rest.len() - spaced.len();
    let (ordinal, len) = match ordinal_at(spaced) {
        Some((n, len, _)) => (n, skipped + len),
        None => (1, 0),
    };
    let tail = rest.get(len..)?.trim();
    let tail = tail.strip_prefix(':').unwrap_or(tail).trim();
    // The label stands alone, or is followed by a short title.
    let short = tail.chars().count() <= 40;
    let plain =
        tail.is_empty() || (len > 0 && short && !tail.starts_with(|c: char| c.is_ascii_digit()));
    plain.then_some((ordinal, "附件".len() + len))
}

/// A 一是 / 二是 marker at the start of `s`: its ordinal and length.
///
/// ```
/// use zhengce::recognize::sections::marker::enum_shi;
/// assert_eq!(enum_shi("二是加强监管"), Some((2, 6)));
/// assert_eq!(enum_shi("是否"), None);
/// ```
pub fn enum_shi(s: &str) -> Option<(u32, usize)> {
    let (v, len) = leading_ordinal(s)?;
    if !s.starts_with(|c: char| is_numeral_char(c)) || v == 0 || v > 20 {
        return None;
    }
    let rest = s.get(len..)?.strip_prefix('是')?;
    // 一是一 / 一是否 are not enumerations.
    if rest.starts_with(['否', ',', '。', '的']) || rest.is_empty() {
        return None;
    }
    Some((u32::try_from(v).ok()?, len + '是'.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionStyle::*;

    fn read(s: &str) -> Option<(SectionStyle, Option<u32>)> {
        parse(s).map(|m| (m.style, m.ordinal))
    }

    #[test]
    fn every_style_is_read() {
        let cases = [
            ("一、总体要求", ChineseDun, 1),
            ("二.近期工作要求", ChineseDun, 2),
            ("(十一)加强老字号知识产权保护。", ParenChinese, 11),
            ("(3)完善机制", ParenArabic, 3),
            ("2)健全制度", ParenArabic, 2),
            ("12.加强统筹", ArabicDot, 12),
            ("1.2019年生活垃圾分类目标任务分解表", ArabicDot, 1),
            ("3、推进建设", ArabicDun, 3),
            ("②建设平台", Circled, 2),
            ("第二部分 主要任务", Part, 2),
            ("第一章  总则", Chapter, 1),
            ("第三节 监测", Section, 3),
            ("第十二条 本办法自发布之日起施行。", Article, 12),
            ("第一百零五条", Article, 105),
            ("第二條 本規定所稱", Article, 2),
        ];
        for (line, style, n) in cases {
            assert_eq!(
                read(line),
                Some((style, Some(n))),
                "{line} should read as {style:?} {n}"
            );
        }
    }

    #[test]
    fn numbers_that_are_not_markers() {
        for line in [
            "1.2万亿元的投资",
            "2023年9月4日",
            "2021.9.10",
            "二〇二三年九月",
            "(此件公开发布)",
            "第三季度完成",
            "300.",
            "第一条,",
            "第九条修改为:“各级人民政府应当",
            "第十三条后增加一条作为第十四条",
        ] {
            assert!(parse(line).is_none(), "{line} is not a heading marker");
        }
    }

    #[test]
    fn damaged_markers_are_flagged() {
        let m = parse(")高质量完成2020年质量攻关活动").unwrap();
        assert!(
            m.damaged && m.ordinal.is_none(),
            "a lone ) is a damaged marker"
        );
        let m = parse("()高度重视,精心组织。").unwrap();
        assert!(
            m.damaged && m.len == 2,
            "() is a marker whose numeral was lost"
        );
        assert!(
            parse(")。").is_none(),
            "a ) before punctuation is not a marker"
        );
    }
}
