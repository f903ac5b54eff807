//! Stage 3, segment: the normalized text as lines, each classified.
//!
//! A line is the unit every line-level recognizer (headings, metadata, signature, 附件)
//! looks at; inline recognizers (doc numbers, quantities, responsibilities) search inside
//! the body lines. Web chrome — navigation, sharing widgets, counters, footers, page
//! numbers such as "— 3 —" — is recognized from `grammars/chrome.txt` and kept out of the
//! body, but stays in the list so nothing is lost.
//!
//! Hands on [`Segmented`]: every line with its span in the normalized text.

use std::sync::LazyLock;

use crate::grammar;
use crate::span::Span;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or only spaces.
    Blank,
    /// Portal chrome (navigation, sharing, counters, footers, page numbers).
    Chrome,
    /// Part of the document.
    Body,
}

/// One line of the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// The whole line, without its line break; for a run of blank lines, which is kept as
    /// one blank line, the whole run.
    pub span: Span,
    /// The line without leading and trailing spaces.
    pub content: Span,
    /// What it is.
    pub kind: LineKind,
}

impl Line {
    /// The trimmed text of the line.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.content.slice(text).unwrap_or_default()
    }

    /// True for a body line.
    pub fn is_body(&self) -> bool {
        self.kind == LineKind::Body
    }
}

/// The lines of a normalized text.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Every line, in order.
    pub lines: Vec<Line>,
}

impl Segmented {
    /// The body lines, in order.
    pub fn body(&self) -> impl Iterator<Item = &Line> + '_ {
        self.lines.iter().filter(|l| l.is_body())
    }
}

/// Splits `text` into classified lines.
///
/// ```
/// let s = zhengce::segment::segment("首页 > 政策\n一、总体要求\n\n");
/// assert_eq!(s.lines.len(), 3);
/// assert_eq!(s.lines[0].kind, zhengce::segment::LineKind::Chrome);
/// assert_eq!(s.lines[1].kind, zhengce::segment::LineKind::Body);
/// ```
pub fn segment(text: &str) -> Segmented {
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        if start > text.len() {
            break;
        }
        let raw = text.get(start..end).unwrap_or_default();
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        let content = Span::new(start + lead, start + lead + trimmed.len());
        let kind = if trimmed.is_empty() {
            // A run of blank lines is one blank line spanning the run: a text of nothing
            // but line breaks then costs one entry, not one per byte.
            if let Some(last) = lines
                .last_mut()
                .filter(|l: &&mut Line| l.kind == LineKind::Blank)
            {
                last.span = Span::new(last.span.start, end);
                start = end + 1;
                continue;
            }
            LineKind::Blank
        } else if is_chrome(trimmed) {
            LineKind::Chrome
        } else {
            LineKind::Body
        };
        lines.push(Line {
            span: Span::new(start, end),
            content,
            kind,
        });
        start = end + 1;
    }
    if lines
        .last()
        .is_some_and(|l| l.span.is_empty() && l.span.start == text.len())
        && !text.is_empty()
    {
        lines.pop();
    }
    Segmented { lines }
}

/// The chrome rules of `grammars/chrome.txt`, indexed so that a body line costs one
/// binary search on its first char: most lines begin with a character no rule starts with.
#[derive(Default)]
struct ChromeRules {
    /// `prefix` and `exact` rules as `(first char, text, exact?)`, sorted by first char.
    by_first: Vec<(char, &'static str, bool)>,
    /// `contains` rules, tried on short lines only, all at once.
    contains: Option<aho_corasick::AhoCorasick>,
    /// `suffix` rules, tried on short all-Han lines only.
    suffix: Vec<&'static str>,
}

static CHROME_RULES: LazyLock<ChromeRules> = LazyLock::new(|| {
    let mut rules = ChromeRules::default();
    let mut contains: Vec<&'static str> = Vec::new();
    for row in grammar::entries(grammar::CHROME.contents) {
        match row.as_slice() {
            [kind @ ("prefix" | "exact"), p] => {
                if let Some(first) = p.chars().next() {
                    rules.by_first.push((first, p, *kind == "exact"));
                }
            }
            ["contains", p] => contains.push(*p),
            ["suffix", p] => rules.suffix.push(p),
            _ => {}
        }
    }
    rules.by_first.sort_by_key(|r| r.0);
    rules.contains = aho_corasick::AhoCorasick::new(contains).ok();
    rules
});

/// Longest line (in chars) that a `contains` rule may call chrome.
const SHORT_LINE: usize = 40;

/// Longest line (in chars) that a `suffix` rule may call chrome.
const LABEL_LINE: usize = 20;

/// True when a trimmed line is portal chrome.
pub fn is_chrome(line: &str) -> bool {
    if is_page_number(line) {
        return true;
    }
    let rules = &*CHROME_RULES;
    let Some(first) = line.chars().next() else {
        return false;
    };
    let from = rules.by_first.partition_point(|r| r.0 < first);
    let starting = rules.by_first.get(from..).unwrap_or_default();
    if starting
        .iter()
        .take_while(|r| r.0 == first)
        .any(|&(_, p, exact)| {
            if exact {
                line == p
            } else {
                line.starts_with(p)
            }
        })
    {
        return true;
    }
    // Only the first SHORT_LINE + 1 chars are counted: a longer line is neither.
    let chars = line.chars().take(SHORT_LINE + 1).count();
    (chars <= SHORT_LINE && rules.contains.as_ref().is_some_and(|ac| ac.is_match(line)))
        || (chars <= LABEL_LINE
            && rules.suffix.iter().any(|p| line.ends_with(p))
            && line.chars().all(crate::normalize::is_han))
}

/// A page number line: "— 3 —", "- 12 -", "第3页", "3/12".
fn is_page_number(line: &str) -> bool {
    let inner = line.trim_matches(|c: char| matches!(c, '—' | '-' | '－' | '–' | ' '));
    let dashed = inner.len() < line.len() && !inner.is_empty();
    let digits = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit());
    if dashed && digits && inner.len() <= 4 {
        return true;
    }
    if let Some(rest) = line.strip_prefix('第').and_then(|r| r.strip_suffix('页')) {
        return !rest.is_empty() && rest.len() <= 4 && rest.chars().all(|c| c.is_ascii_digit());
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_chrome() {
        assert!(is_chrome("— 3 —"));
        assert!(is_chrome("- 12 -"));
        assert!(
            !is_chrome("3"),
            "a bare number is not known to be a page number"
        );
        assert!(!is_chrome("一、总体要求"));
    }

    #[test]
    fn portal_widgets_are_chrome_and_body_lines_are_not() {
        for chrome in [
            "位置:首页 > 行政范文 > 请示",
            "无障碍版 | 繁体版 | 智能问答| 个人中心| APP",
            "字号: 下载 我要纠错 打印 收藏",
            "(阅读全部图文内容,您需要先登录!)",
            "视力保护色:",
            "核心提示:为贯彻落实《质量强国建设纲要》,制定本方案。",
            "全国各省市政府网站",
            "滨海新区政府系统网站",
            "重点链接",
        ] {
            assert!(is_chrome(chrome), "{chrome} is portal chrome");
        }
        for body in [
            "位置",
            "各单位要明确工作位置和职责分工。",
            "(一)加强组织领导",
            "相关部门要按照职责分工抓好落实。",
            "(三)加强政府网站建设",
            "各区要加强政府网站和政务新媒体建设。",
        ] {
            assert!(!is_chrome(body), "{body} is part of the document");
        }
    }

    #[test]
    fn spans_cover_each_line() {
        let text = "  一、目标  \n正文";
        let s = segment(text);
        assert_eq!(s.lines[0].text(text), "一、目标");
        assert_eq!(s.lines[1].text(text), "正文");
        assert_eq!(s.lines[1].span, Span::new(text.len() - 6, text.len()));
    }
}
