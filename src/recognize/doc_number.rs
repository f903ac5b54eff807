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
use crate::model::{Diagnostic, DocNumber};
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
    for (i, c) in run.char_indices().rev() {
        let end = i + c.len_utf8();
        let head = run.get(..end).unwrap_or_default();
        if STOPS_BY_LAST
            .get(&c)
            .is_some_and(|words| words.iter().any(|w| head.ends_with(w)))
        {
            return end;
        }
    }
    0
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
    for (i, c) in trimmed.char_indices().rev() {
        if !chars::is_bmp_han(c) || trimmed.len() - i > MAX_CODE * 3 + 3 {
            break;
        }
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

/// Reads the number whose bracket starts at byte `open` of `text` and whose candidate span
/// ends at `end`.
fn read_at(text: &str, open: usize, end: usize) -> Option<Found> {
    let start = code_start(text, open)?;
    let code = text.get(start..open)?.trim_end_matches(' ');
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
            issuer_code: code.to_string(),
            year,
            serial,
            repaired: t.repaired,
            span,
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
    out
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
