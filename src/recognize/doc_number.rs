//! Document numbers (发文字号): 机关代字 + 〔year〕 + serial + 号.
//!
//! Candidates are located with one regex on the bracketed year and the 号 that ends the
//! number; the small span is then read with a nom parser, and the issuer code is taken
//! from the Han characters before the bracket (stopping at words that cannot be part of a
//! code, `grammars/doc_number_stops.txt`). The full grammar is in `grammars/doc_number.md`.
//!
//! ```bnf
//! doc-number = code ws open ws year ws close ws ["字"] ["第"] ws serial ws ("号" | "號")
//!            | code ws open year4 serial ("号" | "號")          ; close bracket lost: repaired
//! open       = "〔" | "[" | "(" | "【" | "﹝" | "〖"            ; （）［］ arrive folded to ASCII
//! close      = "〕" | "]" | ")" | "】" | "﹞" | "〗"
//! year       = digit{4} | digit{2} | ε                        ; 〔23〕 → 2023, 〔〕 year lost
//! serial     = digit{1,6}
//! ```
//!
//! Decree (令) and announcement (公告) numbers have their own productions; their issuer is
//! the organ's name, which must end like one (`grammars/doc_number_issuers.txt`):
//!
//! ```bnf
//! decree       = issuer ws "令" ws [open] ws "第" ws serial ws "号" [close]  ; 国务院令第513号
//! announcement = issuer (" " issuer)* ws "公告" ws (year4 ws "年" | open year4 close) ws ["第"] ws serial ws "号"
//! issuer       = han{2,24} ending                          ; 国家市场监督管理总局, 财政部 税务总局
//! ```
//!
//! Real examples: 津质量发〔2023〕3号, 皖政\[2001\]85號, 岳办发(2017)2号, 国函〔2021〕第3号,
//! and garbled scraped text: 国市监质〔202151号 → 国市监质〔2021〕51号 (`repaired`).
//!
//! Hands on [`Found`]: a [`DocNumber`] whose `normalized` form always uses 〔〕 and no
//! spaces, with diagnostics for anything repaired.

use crate::chars;
use std::collections::HashMap;
use std::sync::LazyLock;

use nom::character::complete::{char as ch, digit0, one_of, space0};
use nom::combinator::opt;
use nom::{IResult, Parser};
use regex::Regex;

use crate::grammar;
use crate::model::{Diagnostic, DocNumber, DocNumberKind};
use crate::span::Span;

/// A document number found in a text, with what was repaired to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The number; its span indexes the searched text.
    pub number: DocNumber,
    /// Notes on repairs (`doc_number_repaired`, `doc_number_two_digit_year`, …).
    pub diagnostics: Vec<Diagnostic>,
}

const OPEN: &str = "〔[(【﹝〖";
const CLOSE: &str = "〕])】﹞〗";
/// Longest issuer code kept, in characters.
const MAX_CODE: usize = 10;

/// The bracketed year up to 号 (the code before it is read separately).
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔\[(【﹝〖] *[0-9]* *[〕\])】﹞〗]? *字? *第? *[0-9]* *[号號]")
        .unwrap_or_else(|e| panic!("doc number regex: {e}"))
});

static STOPS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    grammar::entries(grammar::DOC_NUMBER_STOPS.contents)
        .filter_map(|row| row.first().copied())
        .collect()
});

/// [`STOPS`] grouped by their last letter.
static STOPS_BY_LAST: LazyLock<HashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_last: HashMap<char, Vec<&'static str>> = HashMap::new();
    for &w in STOPS.iter() {
        if let Some(last) = w.chars().next_back() {
            by_last.entry(last).or_default().push(w);
        }
    }
    by_last
});

/// Where the issuer code may start in `run`: just after the last stop word, or 0. The end
/// of the last occurrence of each word is its latest end, so this is the latest end of
/// any stop word in `run`, found by trying the ends from the right (only the words ending
/// in the letter there) instead of one reverse search per word.
fn stop_cut(run: &str) -> usize {
    cut_after_last(run, &STOPS_BY_LAST)
}

/// What the bracket-to-号 part says.
struct Tail {
    year_digits: String,
    serial_digits: String,
    repaired: bool,
}

fn tail(input: &str) -> IResult<&str, Tail> {
    let (i, _) = one_of(OPEN).parse(input)?;
    let (i, _) = space0(i)?;
    let (i, year) = digit0(i)?;
    let (i, _) = space0(i)?;
    let (i, close) = opt(one_of(CLOSE)).parse(i)?;
    let (i, _) = space0(i)?;
    let (i, _) = opt(ch('字')).parse(i)?;
    let (i, _) = opt(ch('第')).parse(i)?;
    let (i, _) = space0(i)?;
    let (i, serial) = digit0(i)?;
    let (i, _) = space0(i)?;
    let (i, _) = one_of("号號").parse(i)?;
    let t = if close.is_some() {
        Tail {
            year_digits: year.to_string(),
            serial_digits: serial.to_string(),
            repaired: false,
        }
    } else {
        // Close bracket lost: 〔202151号 is year 2021, serial 51.
        let all = format!("{year}{serial}");
        let plausible = all.len() >= 5 && (all.starts_with("19") || all.starts_with("20"));
        if !plausible {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Verify,
            )));
        }
        Tail {
            year_digits: all.get(..4).unwrap_or_default().to_string(),
            serial_digits: all.get(4..).unwrap_or_default().to_string(),
            repaired: true,
        }
    };
    Ok((i, t))
}

/// The issuer code ending at byte `end` of `text`: the Han run before it, cut after the
/// last stop word and to [`MAX_CODE`] characters. Returns its start.
fn code_start(text: &str, end: usize) -> Option<usize> {
    let before = text.get(..end)?;
    let trimmed = before.trim_end_matches(' ');
    let mut start = trimmed.len();
    // A code letter-spaced by PDF extraction (津 市 监 质): one space between single letters.
    let mut spaced = false;
    let mut letters_since_space = 0;
    for (i, c) in trimmed.char_indices().rev() {
        if trimmed.len() - i > MAX_CODE * 4 + 3 {
            break;
        }
        if c == ' ' {
            let prev_han = trimmed
                .get(..i)
                .and_then(|b| b.chars().next_back())
                .is_some_and(chars::is_bmp_han);
            if letters_since_space == 1 && prev_han {
                spaced = true;
                letters_since_space = 0;
                continue;
            }
            break;
        }
        if !chars::is_bmp_han(c) || (spaced && letters_since_space == 1) {
            break;
        }
        letters_since_space += 1;
        start = i;
    }
    let run = trimmed.get(start..)?;
    let mut code_from = start + stop_cut(run);
    // Keep at most MAX_CODE characters.
    let code = trimmed.get(code_from..)?;
    let n = code.chars().count();
    if n > MAX_CODE {
        let skip: usize = code.chars().take(n - MAX_CODE).map(char::len_utf8).sum();
        code_from += skip;
    }
    (code_from < trimmed.len()).then_some(code_from)
}

/// `year` inside the brackets: four digits, or two (read as 19xx/20xx, with a warning),
/// or none (0, with a warning).
fn year(digits: &str, raw: &str, span: Span, diagnostics: &mut Vec<Diagnostic>) -> Option<u32> {
    Some(match digits.len() {
        4 => digits.parse().ok()?,
        2 => {
            let y: u32 = digits.parse().ok()?;
            let full = if y < 50 { 2000 + y } else { 1900 + y };
            diagnostics.push(Diagnostic::warning(
                "doc_number_two_digit_year",
                format!("two-digit year in {raw}: read as {full}"),
                Some(span),
            ));
            full
        }
        0 => {
            diagnostics.push(Diagnostic::warning(
                "doc_number_year_missing",
                format!("no year inside the brackets of {raw}"),
                Some(span),
            ));
            0
        }
        _ => return None,
    })
}

/// Where a code may start in `run` when it is cut at any of `stops` (words, grouped by
/// their last letter): just after the last one, or 0.
fn cut_after_last(run: &str, stops: &HashMap<char, Vec<&'static str>>) -> usize {
    for (i, c) in run.char_indices().rev() {
        let end = i + c.len_utf8();
        let head = run.get(..end).unwrap_or_default();
        if stops
            .get(&c)
            .is_some_and(|words| words.iter().any(|w| head.ends_with(w)))
        {
            return end;
        }
    }
    0
}

/// The rows of `grammars/doc_number_issuers.txt` of one group, grouped by last letter.
fn issuer_words(group: &str) -> HashMap<char, Vec<&'static str>> {
    let mut by_last: HashMap<char, Vec<&'static str>> = HashMap::new();
    for row in grammar::entries(grammar::DOC_NUMBER_ISSUERS.contents) {
        if let [g, w] = row.as_slice() {
            if *g == group {
                if let Some(last) = w.chars().next_back() {
                    by_last.entry(last).or_default().push(w);
                }
            }
        }
    }
    by_last
}

/// Endings of the organ that issues a decree or an announcement (部, 总局, 国务院 …).
static ISSUER_ENDINGS: LazyLock<HashMap<char, Vec<&'static str>>> =
    LazyLock::new(|| issuer_words("ending"));
/// Words before a decree's or announcement's issuer that are not part of it (日, 原 …),
/// besides the stop words of an issuer code.
static ISSUER_STOPS: LazyLock<HashMap<char, Vec<&'static str>>> =
    LazyLock::new(|| issuer_words("stop"));

/// Most characters of a decree's or announcement's issuer name.
const MAX_ISSUER: usize = 24;

/// True when `s` ends like an organ that issues decrees or announcements.
fn ends_like_issuer(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| {
        ISSUER_ENDINGS
            .get(&c)
            .is_some_and(|words| words.iter().any(|w| s.ends_with(w)))
    })
}

/// The issuer name ending at byte `end` of `text` (spaces before `end` skipped): the Han
/// run before it, cut after the last stop word, at most [`MAX_ISSUER`] characters, ending
/// like an organ. Several organs may stand side by side, separated by spaces (财政部 税务总局).
/// Returns the byte range.
fn issuer_before(text: &str, end: usize) -> Option<(usize, usize)> {
    let stop = text.get(..end)?.trim_end_matches(' ').len();
    let mut start = None;
    let mut to = stop;
    loop {
        let before = text.get(..to)?;
        let run_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| chars::is_bmp_han(c))
            .last()
            .map(|(i, _)| i)?;
        let run = before.get(run_start..)?;
        // An organ's name may hold 和 and 与 (中华人民共和国, 住房和城乡建设部): only the
        // issuer stop words cut it.
        let cut = run_start + cut_after_last(run, &ISSUER_STOPS);
        let name = text.get(cut..to)?;
        if name.chars().count() < 2 || name.chars().count() > MAX_ISSUER || !ends_like_issuer(name)
        {
            break;
        }
        start = Some(cut);
        // Another organ before this one, one space apart, continues the issuer.
        if cut != run_start || !before.get(..cut)?.ends_with(' ') {
            break;
        }
        to = cut - 1;
        if text.get(..to)?.ends_with(' ') {
            break;
        }
    }
    start.map(|s| (s, stop))
}

/// A decree number: 令, then 第 serial 号, maybe in brackets: 令第513号, 令 第 21 号, 令(第256号).
static DECREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"令 *([(〔\[【])? *第 *([0-9]{1,5}) *[号號]( *[)〕\]】])?")
        .unwrap_or_else(|e| panic!("decree number regex: {e}"))
});

/// An announcement number: 公告, then the year and 第 serial 号: 公告2023年第1号, 公告〔2018〕第7号.
static ANNOUNCEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"公告 *(?:([0-9]{4}) *年|[〔\[(【] *([0-9]{4}) *[〕\])】]) *第? *([0-9]{1,5}) *[号號]",
    )
    .unwrap_or_else(|e| panic!("announcement number regex: {e}"))
});

/// Every decree and announcement number in `text`.
fn organ_numbers(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    if text.contains('令') {
        for c in DECREE.captures_iter(text) {
            let (Some(all), Some(serial)) = (c.get(0), c.get(2)) else {
                continue;
            };
            let Some((start, code_end)) = issuer_before(text, all.start()) else {
                continue;
            };
            // The closing bracket belongs to the number only when it opened one.
            let end = match (c.get(1), c.get(3)) {
                (Some(_), Some(close)) => close.end(),
                (_, Some(close)) => close.start(),
                _ => all.end(),
            };
            let code: String = text.get(start..code_end).unwrap_or_default().replace(' ', "");
            let Ok(serial) = serial.as_str().parse::<u32>() else {
                continue;
            };
            let raw = text.get(start..end).unwrap_or_default().to_string();
            out.push(Found {
                number: DocNumber {
                    raw,
                    normalized: format!("{code}令第{serial}号"),
                    issuer_code: code,
                    year: 0,
                    serial,
                    repaired: false,
                    span: Span::new(start, end),
                    kind: DocNumberKind::Decree,
                },
                diagnostics: Vec::new(),
            });
        }
    }
    if text.contains("公告") {
        for c in ANNOUNCEMENT.captures_iter(text) {
            let (Some(all), Some(serial)) = (c.get(0), c.get(3)) else {
                continue;
            };
            let Some((start, code_end)) = issuer_before(text, all.start()) else {
                continue;
            };
            let (year, bracketed) = match (c.get(1), c.get(2)) {
                (Some(y), _) => (y.as_str(), false),
                (None, Some(y)) => (y.as_str(), true),
                (None, None) => continue,
            };
            let (Ok(year), Ok(serial)) = (year.parse::<u32>(), serial.as_str().parse::<u32>())
            else {
                continue;
            };
            if !(1949..=2100).contains(&year) {
                continue;
            }
            let code: String = text.get(start..code_end).unwrap_or_default().replace(' ', "");
            // The year as printed: 〔2018〕7号 (no 第, like an ordinary number), 2023年第1号.
            let normalized = if bracketed {
                format!("{code}公告〔{year}〕{serial}号")
            } else {
                format!("{code}公告{year}年第{serial}号")
            };
            out.push(Found {
                number: DocNumber {
                    raw: text.get(start..all.end()).unwrap_or_default().to_string(),
                    normalized,
                    issuer_code: code,
                    year,
                    serial,
                    repaired: false,
                    span: Span::new(start, all.end()),
                    kind: DocNumberKind::Announcement,
                },
                diagnostics: Vec::new(),
            });
        }
    }
    out
}

/// Reads the number whose bracket starts at byte `open` of `text` and whose candidate span
/// ends at `end`.
fn read_at(text: &str, open: usize, end: usize) -> Option<Found> {
    let start = code_start(text, open)?;
    let code = text.get(start..open)?.trim_end_matches(' ').replace(' ', "");
    let span_text = text.get(open..end)?;
    let (_, t) = tail(span_text).ok()?;
    if t.serial_digits.is_empty() || t.serial_digits.len() > 6 {
        return None;
    }
    let serial: u32 = t.serial_digits.parse().ok()?;
    let mut diagnostics = Vec::new();
    let span = Span::new(start, end);
    let raw = text.get(start..end)?.to_string();
    let year = year(&t.year_digits, &raw, span, &mut diagnostics)?;
    if year != 0 && !(1949..=2100).contains(&year) {
        return None;
    }
    let year_text = if year == 0 {
        String::new()
    } else {
        year.to_string()
    };
    let normalized = format!("{code}〔{year_text}〕{serial}号");
    if t.repaired {
        diagnostics.push(Diagnostic::warning(
            "doc_number_repaired",
            format!("closing bracket lost: read {raw} as {normalized}"),
            Some(span),
        ));
    }
    Some(Found {
        number: DocNumber {
            raw,
            normalized,
            issuer_code: code,
            year,
            serial,
            repaired: t.repaired,
            span,
            kind: DocNumberKind::Ordinary,
        },
        diagnostics,
    })
}

/// Finds 号 (built once: building a searcher per line costs more than the search).
static HAO: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("号"));
/// Finds 號 (built once: building a searcher per line costs more than the search).
static HAO_TRADITIONAL: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("號"));

/// Exact prefilter for [`find_all`]: every candidate ends in 号 or 號 and holds an ASCII
/// digit, so a text without both finds nothing and the regex need not run.
fn may_hold_number(text: &str) -> bool {
    let b = text.as_bytes();
    (HAO.find(b).is_some() || HAO_TRADITIONAL.find(b).is_some()) && b.iter().any(u8::is_ascii_digit)
}

/// Every document number in `text`, in order; spans index `text`.
///
/// ```
/// use zhengce::recognize::doc_number::find_all;
/// let found = find_all("依据《通知》(国市监质〔202151号)和津质量发 [2023] 3 号");
/// assert_eq!(found[0].number.normalized, "国市监质〔2021〕51号");
/// assert!(found[0].number.repaired);
/// assert_eq!(found[1].number.normalized, "津质量发〔2023〕3号");
/// ```
pub fn find_all(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    if !may_hold_number(text) {
        return out;
    }
    for m in CANDIDATE.find_iter(text) {
        if !m.as_str().bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Some(f) = read_at(text, m.start(), m.end()) {
            if out
                .last()
                .is_none_or(|l| l.number.span.end <= f.number.span.start)
            {
                out.push(f);
            }
        }
    }
    let organ = organ_numbers(text);
    if !organ.is_empty() {
        // A decree or announcement number read as an ordinary one (公告〔2018〕第7号 has the
        // ordinary shape) is the organ's.
        out.retain(|o| {
            organ.iter().all(|f| {
                o.number.span.end <= f.number.span.start || f.number.span.end <= o.number.span.start
            })
        });
        out.extend(organ);
        out.sort_by_key(|f| f.number.span.start);
    }
    out
}

/// Reads a line that is one garbled number whose closing bracket and 号 were both lost
/// (广安区府办发〔202026 → 广安区府办发〔2020〕26号): a code, the opening bracket, a year
/// (19xx or 20xx) and one to four digits of serial, and nothing else. Only a line standing
/// alone in a document's header is read this way.
///
/// ```
/// use zhengce::recognize::doc_number::parse_bare_line;
/// let f = parse_bare_line("广安区府办发〔202026").unwrap();
/// assert_eq!(f.number.normalized, "广安区府办发〔2020〕26号");
/// assert!(parse_bare_line("(2022—2025年)").is_none());
/// ```
pub fn parse_bare_line(line: &str) -> Option<Found> {
    let open = line.find(|c: char| OPEN.contains(c))?;
    let digits = line.get(open..)?.chars().skip(1).collect::<String>();
    let digits = digits.trim();
    let plausible = (5..=8).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.starts_with("19") || digits.starts_with("20"));
    if !plausible {
        return None;
    }
    let start = code_start(line, open)?;
    if !line.get(..start)?.trim().is_empty() {
        return None;
    }
    let code = line.get(start..open)?.trim_end_matches(' ').replace(' ', "");
    let year: u32 = digits.get(..4)?.parse().ok()?;
    let serial: u32 = digits.get(4..)?.parse().ok()?;
    let span = Span::new(start, line.trim_end().len());
    let raw = line.get(span.start..span.end)?.to_string();
    let normalized = format!("{code}〔{year}〕{serial}号");
    Some(Found {
        diagnostics: vec![Diagnostic::warning(
            "doc_number_repaired",
            format!("closing bracket and 号 lost: read {raw} as {normalized}"),
            Some(span),
        )],
        number: DocNumber {
            raw,
            normalized,
            issuer_code: code,
            year,
            serial,
            repaired: true,
            span,
            kind: DocNumberKind::Ordinary,
        },
    })
}


/// Reads `s` as exactly one document number (surrounding spaces and brackets allowed).
///
/// ```
/// use zhengce::recognize::doc_number::parse;
/// let n = parse("闽质强省办〔20214号").unwrap().number;
/// assert_eq!((n.issuer_code.as_str(), n.year, n.serial), ("闽质强省办", 2021, 4));
/// ```
pub fn parse(s: &str) -> Option<Found> {
    let found = find_all(s);
    let first = found.into_iter().next()?;
    let rest = s
        .get(first.number.span.end..)
        .unwrap_or_default()
        .trim_matches(|c: char| c == ' ' || c == ')' || c == '】');
    let lead = s
        .get(..first.number.span.start)
        .unwrap_or_default()
        .trim_matches(|c: char| c == ' ' || c == '(' || c == '【');
    (rest.is_empty() && lead.is_empty()).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_cut_is_the_end_of_the_last_stop_word() {
        assert!(
            STOPS.iter().all(|w| !w.is_empty()),
            "no stop word is empty, as the grouped search assumes"
        );
        for run in [
            "关于印发津质量发",
            "根据国务院办公厅",
            "津质量发",
            "",
            "印发印发",
        ] {
            let mut expected = 0;
            for stop in STOPS.iter() {
                if let Some(p) = run.rfind(stop) {
                    expected = expected.max(p + stop.len());
                }
            }
            assert_eq!(
                stop_cut(run),
                expected,
                "the code in {run:?} starts after its last stop word"
            );
        }
    }

    fn norm(s: &str) -> Vec<String> {
        find_all(s)
            .into_iter()
            .map(|f| f.number.normalized)
            .collect()
    }

    #[test]
    fn every_bracket_form_normalizes_to_six_angle_brackets() {
        for s in [
            "津质量发〔2023〕3号",
            "津质量发[2023]3号",
            "津质量发(2023)3号",
            "津质量发【2023】3号",
            "津质量发﹝2023﹞3号",
            "津质量发 〔 2023 〕 3 号",
            "津质量发〔2023〕第3号",
            "津质量发〔2023〕3號",
        ] {
            assert_eq!(
                norm(s),
                vec!["津质量发〔2023〕3号"],
                "{s} is one number in canonical form"
            );
        }
    }

    #[test]
    fn codes_with_and_without_fa() {
        assert_eq!(
            norm("国函〔2021〕12号"),
            vec!["国函〔2021〕12号"],
            "国函 has no 发"
        );
        assert_eq!(
            norm("津滨质量组办〔2020〕5号"),
            vec!["津滨质量组办〔2020〕5号"],
            "a six-character code is kept whole"
        );
    }

    #[test]
    fn garbled_numbers_from_seed_004_are_repaired() {
        let text = "印发《关于开展2021年全国“质量月”活动的通知》(国市监质〔202151号)及《转发…的通知》(闽质强省办〔20214号)及《通知》(市强市办〔20212号)";
        let found = find_all(text);
        let got: Vec<_> = found.iter().map(|f| f.number.normalized.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "国市监质〔2021〕51号",
                "闽质强省办〔2021〕4号",
                "市强市办〔2021〕2号"
            ],
            "lost closing brackets are inferred"
        );
        assert!(
            found.iter().all(|f| f.number.repaired),
            "each is marked repaired"
        );
        assert!(
            found.iter().all(|f| f
                .diagnostics
                .iter()
                .any(|d| d.code == "doc_number_repaired")),
            "each repair has a diagnostic"
        );
    }

    #[test]
    fn code_stops_at_function_words() {
        assert_eq!(
            norm("根据国办发〔2021〕3号文件精神"),
            vec!["国办发〔2021〕3号"],
            "根据 is not part of the code"
        );
        assert_eq!(
            norm("印发的沪府办发〔2025〕11号"),
            vec!["沪府办发〔2025〕11号"],
            "的 ends the context before the code"
        );
    }

    #[test]
    fn two_digit_and_missing_years() {
        let f = find_all("京政发〔23〕5号");
        assert_eq!(f[0].number.year, 2023, "〔23〕 is 2023");
        assert!(
            f[0].diagnostics
                .iter()
                .any(|d| d.code == "doc_number_two_digit_year"),
            "a two-digit year is flagged"
        );
        let f = find_all("湖农〔〕25号");
        assert_eq!(
            f[0].number.normalized, "湖农〔〕25号",
            "a lost year stays empty"
        );
    }

    #[test]
    fn decree_numbers() {
        for (s, want) in [
            ("国务院令第513号", "国务院令第513号"),
            ("依据国家食品药品监督管理总局令 第 21 号", "国家食品药品监督管理总局令第21号"),
            ("2022年6月6日 中华人民共和国国家安全部令第2号公布", "中华人民共和国国家安全部令第2号"),
            ("1998年3月12日原国家质量技术监督局令第51号公布", "国家质量技术监督局令第51号"),
            ("某某省人民政府令(第256号)", "某某省人民政府令第256号"),
        ] {
            let found = find_all(s);
            assert_eq!(
                found.iter().map(|f| f.number.normalized.as_str()).collect::<Vec<_>>(),
                vec![want],
                "{s} holds one decree number"
            );
            assert!(
                found.iter().all(|f| f.number.kind == DocNumberKind::Decree),
                "{s} is a decree number"
            );
        }
        for s in ["做到令行禁止,第一时间落实", "依法责令第3号楼业主限期改正", "全市发布第1号总河长令,部署"] {
            assert!(norm(s).is_empty(), "{s} holds no decree number");
        }
    }

    #[test]
    fn announcement_numbers() {
        assert_eq!(norm("国家税务总局公告2023年第1号"), vec!["国家税务总局公告2023年第1号"]);
        assert_eq!(
            norm("财政部 税务总局公告2023年第2号"),
            vec!["财政部税务总局公告2023年第2号"],
            "two organs side by side"
        );
        assert_eq!(norm("中国人民银行公告〔2018〕第7号"), vec!["中国人民银行公告〔2018〕7号"]);
        assert!(norm("特此公告。2023年第45期").is_empty(), "a closing formula");
        assert!(
            find_all("国家税务总局公告2023年第1号")
                .iter()
                .all(|f| f.number.kind == DocNumberKind::Announcement),
            "an announcement number"
        );
    }

    #[test]
    fn letter_spaced_codes() {
        assert_eq!(norm("津 市 监 质 〔 2023 〕 12 号"), vec!["津市监质〔2023〕12号"]);
        assert_eq!(norm("根据 国发〔2021〕3号"), vec!["国发〔2021〕3号"], "a word space is no letter spacing");
    }

    #[test]
    fn not_numbers() {
        assert!(
            norm("(2022—2025年)").is_empty(),
            "a year range is not a number"
        );
        assert!(
            norm("(一)加强领导").is_empty(),
            "a section marker is not a number"
        );
        assert!(
            norm("2023年第45期").is_empty(),
            "an issue number has no bracket"
        );
        assert!(
            norm("(12)3号楼").is_empty(),
            "a number needs an issuer code"
        );
    }
}
