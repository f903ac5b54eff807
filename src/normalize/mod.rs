//! Stage 2, normalize: the view of the text that the recognizers read.
//!
//! One pass over the decoded text produces [`Normalized`]: full-width ASCII (digits,
//! letters and punctuation such as （）：，；％［］) folded to ASCII, small-form brackets
//! ﹝﹞﹙﹚ to 〔〕(), U+3000, NBSP and the other typographic spaces to a space, CR, BOM and
//! zero-width characters dropped, Kangxi radicals mapped to ideographs, and scraper pinyin
//! removed. 〔〕【】《》、。“”—… are kept: they carry meaning the recognizers need. Runs of
//! unchanged bytes are copied in bulk, so a clean simplified UTF-8 text costs little more
//! than a byte scan. When the result is mostly traditional script, a second pass
//! ([`t2s`]) converts it to simplified, byte-for-byte aligned.
//!
//! Scraper pinyin, removed only directly after a Han character:
//!
//! ```text
//! annotation ::= "(" syllable ")"                     網(wǎng) → 網
//! corrupt    ::= ( "?" broken stray? )+ "?"?          秩序?qū)m?xiàng)整治 → 秩序整治
//! broken     ::= syllable ")"                         ?xiàng)
//!              | debris "(" syllable ")"              整改?,F(xiàn)將 → 整改將
//! debris     ::= 1–3 printable ASCII, not "(" or "?"
//! syllable   ::= 1–7 of [a-zü] and tone letters (āáǎà…), at least one tone letter
//! stray      ::= 1–6 of [a-z] followed by "?" or a Han character
//! ```
//!
//! Brackets may be full-width (`（）`, `？`). Without a tone mark nothing is removed:
//! `(abc)`, `(试行)` stay. A corrupt run means the scraper lost the annotated characters;
//! it is removed and reported as a `pinyin_corrupt` warning at its span.
//!
//! Every change is recorded in an [`OffsetMap`], so a span found in the normalized view
//! maps back to the decoded text that the user has.

pub mod offset_map;
pub mod t2s;

pub use offset_map::OffsetMap;

use crate::model::Diagnostic;
use crate::span::Span;
use offset_map::Builder;

/// The normalized view of a decoded text.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The text the recognizers read.
    pub text: String,
    /// Offsets in `text` → offsets in the decoded text.
    pub map: OffsetMap,
    /// Whether traditional characters were converted.
    pub traditional_converted: bool,
    /// How many scraper pinyin annotations were removed.
    pub pinyin_removed: usize,
    /// Spans of the decoded text where corrupted scraper pinyin was removed
    /// (`秩序?qū)m?xiàng)整治`): the characters it annotated are lost.
    pub pinyin_corrupt: Vec<Span>,
}

impl Normalized {
    /// A span of the normalized text as a span of the decoded text.
    pub fn to_original(&self, span: Span) -> Span {
        self.map.to_original(span)
    }

    /// Adds what normalization repaired to `diagnostics`, whose spans already index the
    /// decoded text, keeping them ordered by position.
    pub fn add_diagnostics(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.pinyin_removed > 0 {
            diagnostics.push(Diagnostic::info(
                "pinyin_removed",
                format!("{} scraper pinyin annotations removed", self.pinyin_removed),
                None,
            ));
        }
        for &span in &self.pinyin_corrupt {
            diagnostics.push(Diagnostic::warning(
                "pinyin_corrupt",
                "corrupted scraper pinyin removed; the characters it annotated are lost",
                Some(span),
            ));
        }
        diagnostics.sort_by_key(|d| d.span.map_or((0, 0), |s| (s.start, s.end)));
    }
}

/// Normalizes a decoded text.
///
/// ```
/// let n = zhengce::normalize::normalize("（一）目标：到２０２５年");
/// assert_eq!(n.text, "(一)目标:到2025年");
/// let n = zhengce::normalize::normalize("中國計量網(wǎng)");
/// assert_eq!(n.text, "中国计量网");
/// ```
pub fn normalize(decoded: &str) -> Normalized {
    let mut n = fold_text(decoded);
    if t2s::is_mostly_traditional(&n.text) {
        // Byte-for-byte aligned: the offset map stays exact.
        n.text = t2s::to_simplified(&n.text);
        n.traditional_converted = true;
    }
    n
}

/// True for the first bytes of a character [`fold_text`] may change or must look at: every
/// other character is copied in bulk. Exact where it matters for speed (the common 、。《》
/// and Han characters never match), a little wider elsewhere, which costs nothing: a
/// character [`fold`] keeps is passed over.
///
/// `\r ( ?`; NBSP (C2 A0); U+2002–U+200D, U+202F, U+205F, U+2060 and the Kangxi radicals
/// U+2F00–U+2FD5 (E2 BC–BF); U+3000 (E3 80 80); and in U+FE00–U+FFFF the small forms
/// (EF B9), the BOM (EF BB) and the full-width forms (EF BC, EF BD).
#[inline(always)]
fn may_fold(a: u8, b: u8, c: u8) -> bool {
    (a == b'\r')
        | (a == b'(')
        | (a == b'?')
        | ((a == 0xC2) & (b == 0xA0))
        | ((a == 0xE2)
            & (((b == 0x80) & ((0x82..=0x8D).contains(&c) | (c == 0xAF)))
                | ((b == 0x81) & ((c == 0x9F) | (c == 0xA0)))
                | (b >= 0xBC)))
        | ((a == 0xE3) & (b == 0x80) & (c == 0x80))
        | ((a == 0xEF) & ((b == 0xB9) | (b == 0xBB) | (b == 0xBC) | (b == 0xBD)))
}

/// The one pass without traditional conversion: width folding, spaces, pinyin removal.
fn fold_text(decoded: &str) -> Normalized {
    let bytes = decoded.as_bytes();
    let len = bytes.len();
    let mut b = Builder::with_capacity(len);
    let mut pinyin_removed = 0;
    let mut pinyin_corrupt = Vec::new();
    // `[run, i)` is an unchanged stretch not yet copied; bytes before `i` are handled.
    let mut run = 0;
    let mut i = 0;
    crate::bytescan::each_place(bytes, may_fold, |at| {
        // A place inside removed pinyin, or (never in valid UTF-8) inside a character.
        if at < i {
            return;
        }
        i = at;
        // `may_fold` matches ASCII or lead bytes only, so `i` is a char boundary.
        let Some(c) = decoded.get(i..).and_then(|s| s.chars().next()) else {
            return;
        };
        let end = i + c.len_utf8();
        let removal = match c {
            '(' | '\u{FF08}' | '?' | '\u{FF1F}'
                if last_char(&b, decoded, run, i).is_some_and(is_han) =>
            {
                let rest = decoded.get(i..).unwrap_or_default();
                if matches!(c, '(' | '\u{FF08}') {
                    pinyin_annotation_len(rest).inspect(|_| pinyin_removed += 1)
                } else {
                    corrupt_pinyin_len(rest).inspect(|&n| pinyin_corrupt.push(Span::new(i, i + n)))
                }
            }
            _ => None,
        };
        if let Some(n) = removal {
            flush(&mut b, decoded, run, i);
            b.skip(i, i + n);
            i += n;
            run = i;
            return;
        }
        match fold(c) {
            Fold::Keep => {}
            Fold::To(n) => {
                flush(&mut b, decoded, run, i);
                b.push_char(i, end, n);
                run = end;
            }
            Fold::Drop => {
                flush(&mut b, decoded, run, i);
                b.skip(i, end);
                run = end;
            }
        }
        i = end;
    });
    flush(&mut b, decoded, run, len);
    let (text, map) = b.finish(len);
    Normalized {
        text,
        map,
        traditional_converted: false,
        pinyin_removed,
        pinyin_corrupt,
    }
}

/// Copies the unchanged stretch `[from, to)` of `decoded`.
fn flush(b: &mut Builder, decoded: &str, from: usize, to: usize) {
    if from < to {
        b.push(from, to, decoded.get(from..to).unwrap_or_default());
    }
}

/// The last char of the output so far: the end of the pending stretch, else the builder's.
fn last_char(b: &Builder, decoded: &str, run: usize, i: usize) -> Option<char> {
    if run < i {
        decoded.get(run..i).and_then(|s| s.chars().next_back())
    } else {
        b.last_char()
    }
}

enum Fold {
    Keep,
    To(char),
    Drop,
}

fn fold(c: char) -> Fold {
    match c {
        // Full-width ASCII block: ！ … ～ → ! … ~
        '\u{FF01}'..='\u{FF5E}' => match char::from_u32(c as u32 - 0xFEE0) {
            Some(n) => Fold::To(n),
            None => Fold::Keep,
        },
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => {
            Fold::To(' ')
        }
        // Small form variants used for brackets in doc numbers: ﹝2023﹞ ﹙一﹚.
        '\u{FE5D}' => Fold::To('〔'),
        '\u{FE5E}' => Fold::To('〕'),
        '\u{FE59}' => Fold::To('('),
        '\u{FE5A}' => Fold::To(')'),
        '\r' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        // Kangxi radicals → unified ideographs (PDF-extracted text).
        '\u{2F00}'..='\u{2FD5}' => match kangxi(c) {
            Some(n) => Fold::To(n),
            None => Fold::Keep,
        },
        _ => Fold::Keep,
    }
}

/// The Kangxi radicals used as ordinary characters in PDF-extracted text.
fn kangxi(c: char) -> Option<char> {
    const TABLE: &[(char, char)] = &[
        ('\u{2F00}', '一'),
        ('\u{2F06}', '二'),
        ('\u{2F08}', '人'),
        ('\u{2F0A}', '入'),
        ('\u{2F0B}', '八'),
        ('\u{2F17}', '十'),
        ('\u{2F1D}', '口'),
        ('\u{2F1F}', '土'),
        ('\u{2F23}', '夕'),
        ('\u{2F24}', '大'),
        ('\u{2F25}', '女'),
        ('\u{2F26}', '子'),
        ('\u{2F29}', '小'),
        ('\u{2F2D}', '山'),
        ('\u{2F2F}', '工'),
        ('\u{2F30}', '己'),
        ('\u{2F31}', '巾'),
        ('\u{2F32}', '干'),
        ('\u{2F34}', '广'),
        ('\u{2F3C}', '心'),
        ('\u{2F3E}', '户'),
        ('\u{2F3F}', '手'),
        ('\u{2F42}', '文'),
        ('\u{2F45}', '方'),
        ('\u{2F46}', '无'),
        ('\u{2F47}', '日'),
        ('\u{2F49}', '月'),
        ('\u{2F4A}', '木'),
        ('\u{2F4C}', '止'),
        ('\u{2F54}', '水'),
        ('\u{2F55}', '火'),
        ('\u{2F5C}', '牛'),
        ('\u{2F63}', '生'),
        ('\u{2F64}', '用'),
        ('\u{2F65}', '田'),
        ('\u{2F6C}', '目'),
        ('\u{2F70}', '示'),
        ('\u{2F74}', '立'),
        ('\u{2F75}', '竹'),
        ('\u{2F76}', '米'),
        ('\u{2F7C}', '老'),
        ('\u{2F7F}', '耳'),
        ('\u{2F81}', '肉'),
        ('\u{2F83}', '自'),
        ('\u{2F86}', '舌'),
        ('\u{2F8F}', '行'),
        ('\u{2F90}', '衣'),
        ('\u{2F91}', '西'),
        ('\u{2F92}', '见'),
        ('\u{2F94}', '言'),
        ('\u{2F9B}', '走'),
        ('\u{2F9C}', '足'),
        ('\u{2FA6}', '金'),
        ('\u{2FA8}', '门'),
        ('\u{2FAC}', '雨'),
        ('\u{2FAF}', '面'),
        ('\u{2FB3}', '音'),
        ('\u{2FB8}', '首'),
        ('\u{2FBC}', '高'),
    ];
    TABLE.iter().find(|&&(k, _)| k == c).map(|&(_, v)| v)
}

pub use crate::chars::is_han;

/// Length in bytes of a scraper pinyin annotation at the start of `s`: `(` + a syllable
/// (see [`syllable_paren_len`]), in either bracket width.
fn pinyin_annotation_len(s: &str) -> Option<usize> {
    let open = s.chars().next()?;
    if open != '(' && open != '\u{FF08}' {
        return None;
    }
    let n = open.len_utf8();
    syllable_paren_len(s.get(n..)?).map(|len| n + len)
}

/// Length in bytes of `syllable)` at the start of `s`: 1–7 pinyin letters, at least one
/// with a tone mark, then `)` or `）`.
fn syllable_paren_len(s: &str) -> Option<usize> {
    let mut letters = 0;
    let mut toned = false;
    for (i, c) in s.char_indices() {
        match c {
            ')' | '\u{FF09}' => {
                return (letters >= 1 && toned).then_some(i + c.len_utf8());
            }
            'a'..='z' | 'ü' => letters += 1,
            _ if is_tone_letter(c) => {
                letters += 1;
                toned = true;
            }
            _ => return None,
        }
        if letters > 7 {
            return None;
        }
    }
    None
}

/// What follows the `?` of a corrupt run: `syllable)`, or 1–3 printable ASCII bytes of
/// debris and then a whole annotation `(syllable)` (`?,F(xiàn)` where `。現` was lost).
fn broken_syllable_len(s: &str) -> Option<usize> {
    if let Some(n) = syllable_paren_len(s) {
        return Some(n);
    }
    let debris = s
        .bytes()
        .take(3)
        .take_while(|&b| b.is_ascii_graphic() && b != b'(' && b != b'?')
        .count();
    if debris == 0 {
        return None;
    }
    pinyin_annotation_len(s.get(debris..)?).map(|n| debris + n)
}

/// Length in bytes of a corrupted scraper pinyin run at the start of `s`, where the
/// scraper lost the annotated character and the opening bracket: `?` + syllable + `)`
/// (`?xiàng)`), repeated, with what sticks to it — stray letters of a broken syllable
/// before the next `?` or a Han character (`?qū)m?xiàng)`, `?xiàng)l例`) and one trailing
/// lone `?` (`?xì)?`). Anything else ends the run.
fn corrupt_pinyin_len(s: &str) -> Option<usize> {
    let mut end = None;
    let mut pos = 0;
    while let Some(q @ ('?' | '\u{FF1F}')) = s.get(pos..).and_then(|r| r.chars().next()) {
        let after_q = pos + q.len_utf8();
        let Some(n) = s.get(after_q..).and_then(broken_syllable_len) else {
            if end.is_some() {
                end = Some(after_q);
            }
            break;
        };
        pos = after_q + n;
        end = Some(pos);
        let rest = s.get(pos..).unwrap_or_default();
        let stray = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        if stray > 0 && stray <= 6 {
            match rest.get(stray..).and_then(|r| r.chars().next()) {
                Some('?' | '\u{FF1F}') => pos += stray,
                Some(c) if is_han(c) => {
                    end = Some(pos + stray);
                    break;
                }
                _ => break,
            }
        }
    }
    end
}

fn is_tone_letter(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ń'
            | 'ň'
            | 'ǹ'
            | 'ḿ'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_letters_are_the_listed_ones() {
        let listed = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
        for c in listed.chars() {
            assert!(is_tone_letter(c), "{c} is a tone letter");
        }
        for c in "aeiouüvnm一(".chars() {
            assert!(!is_tone_letter(c), "{c} carries no tone mark");
        }
    }

    #[test]
    fn folds_width_and_spaces() {
        let n = normalize("（一）\u{3000}到２０２５年，提高６０％以上；");
        assert_eq!(n.text, "(一) 到2025年,提高60%以上;");
    }

    #[test]
    fn removes_pinyin_only_with_tone_marks() {
        let n = normalize("中國計量網(wǎng)與(試行)和(abc)");
        assert!(n.text.starts_with("中国计量网与") || n.text.starts_with("中國計量網與"));
        assert!(
            n.text.contains("(abc)"),
            "pinyin needs a tone mark: {}",
            n.text
        );
        assert_eq!(n.pinyin_removed, 1);
    }

    #[test]
    fn corrupt_pinyin_runs_are_removed_and_reported() {
        let cases = [
            ("市場秩序?qū)m?xiàng)整治", "市场秩序整治"),
            ("探索燃?xì)?、水表", "探索燃、水表"),
            ("監督管理?xiàng)l例》", "监督管理例》"),
            ("明辨真?zhèn)?。充分", "明辨真。充分"),
            ("問題整改?,F(xiàn)將整改", "问题整改将整改"),
        ];
        for (orig, want) in cases {
            let n = normalize(&format!("{orig}天津市質量發展"));
            assert!(n.text.starts_with(want), "{orig} → {}", n.text);
            assert_eq!(
                n.pinyin_corrupt.len(),
                1,
                "one corrupt run reported in {orig}"
            );
            let span = n.pinyin_corrupt[0];
            let removed = &orig[span.start..span.end];
            assert!(
                removed.starts_with('?'),
                "the run starts at the lost character"
            );
        }
        let n = normalize("是否(?)？ok) 网址?id=3 资金?yes)");
        assert!(
            n.pinyin_corrupt.is_empty(),
            "no tone mark, no removal: {}",
            n.text
        );
        assert!(n.text.contains("?yes)"), "{}", n.text);
    }

    #[test]
    fn bulk_copy_keeps_everything_else() {
        let orig =
            "一、总体要求\r\n（一）目标：到２０２５年，达到\u{a0}８５％。\u{feff}〔2023〕﹝2024﹞";
        let n = normalize(orig);
        assert_eq!(
            n.text,
            "一、总体要求\n(一)目标:到2025年,达到 85%。〔2023〕〔2024〕"
        );
        assert!(!n.traditional_converted);
        let whole = n.to_original(Span::new(0, n.text.len()));
        assert_eq!(
            (whole.start, whole.end),
            (0, orig.len()),
            "the whole maps to the whole"
        );
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let orig = "一、網(wǎng)站２０２３年";
        let n = normalize(orig);
        let at = n.text.find("2023").unwrap();
        let span = n.to_original(Span::new(at, at + 4));
        assert_eq!(&orig[span.start..span.end], "２０２３");
    }
}
