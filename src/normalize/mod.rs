//! Stage 2, normalize: the view of the text that the recognizers read.
//!
//! One pass over the decoded text produces [`Normalized`]: full-width ASCII (digits,
//! letters and punctuation such as （）：，；％) folded to ASCII, U+3000 and NBSP to a space,
//! CR and zero-width characters dropped, Kangxi radicals mapped to ideographs, scraper
//! pinyin injections removed ("網(wǎng)" → "網"), and — when the text is mostly
//! traditional — traditional characters converted to simplified. 〔〕【】《》、。“” are kept:
//! they carry meaning the recognizers need.
//!
//! Every change is recorded in an [`OffsetMap`], so a span found in the normalized view
//! maps back to the decoded text that the user has.

pub mod offset_map;
pub mod t2s;

pub use offset_map::OffsetMap;

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
}

impl Normalized {
    /// A span of the normalized text as a span of the decoded text.
    pub fn to_original(&self, span: Span) -> Span {
        self.map.to_original(span)
    }
}

/// Normalizes a decoded text.
///
/// ```
/// let n = zhengce::normalize::normalize("（一）目标：到２０２５年");
/// assert_eq!(n.text, "(一)目标:到2025年");
/// ```
pub fn normalize(decoded: &str) -> Normalized {
    let traditional = t2s::is_mostly_traditional(decoded);
    let simplified;
    let source: &str = if traditional {
        simplified = t2s::to_simplified(decoded);
        &simplified
    } else {
        decoded
    };
    // `source` has the same chars as `decoded`, one for one, so offsets of `decoded` are
    // walked alongside.
    let mut b = Builder::with_capacity(decoded.len());
    let mut pinyin_removed = 0;
    let mut orig = decoded.char_indices().peekable();
    let mut conv = source.chars();
    let mut last_emitted: Option<char> = None;
    while let Some((start, oc)) = orig.next() {
        let c = conv.next().unwrap_or(oc);
        let end = start + oc.len_utf8();
        // Scraper pinyin after a Han character: "網(wǎng)".
        if (c == '(' || c == '（') && last_emitted.is_some_and(is_han) {
            if let Some(len) = pinyin_annotation_len(decoded.get(start..).unwrap_or_default()) {
                let skip_to = start + len;
                b.skip(start, skip_to);
                pinyin_removed += 1;
                while orig.peek().is_some_and(|&(i, _)| i < skip_to) {
                    orig.next();
                    conv.next();
                }
                continue;
            }
        }
        match fold(c) {
            Fold::Keep if c == oc => {
                b.push(start, end, decoded.get(start..end).unwrap_or_default());
                last_emitted = Some(c);
            }
            Fold::Keep => {
                b.push_char(start, end, c);
                last_emitted = Some(c);
            }
            Fold::To(n) => {
                b.push_char(start, end, n);
                last_emitted = Some(n);
            }
            Fold::Drop => b.skip(start, end),
        }
    }
    let (text, map) = b.finish(decoded.len());
    Normalized {
        text,
        map,
        traditional_converted: traditional,
        pinyin_removed,
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

/// True for a CJK unified ideograph (the Han characters of running text).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2EBEF}')
}

/// Length in bytes of a scraper pinyin annotation at the start of `s`: `(` + 1–7 pinyin
/// letters with at least one tone mark + `)`, in either bracket width.
fn pinyin_annotation_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, open) = chars.next()?;
    if open != '(' && open != '（' {
        return None;
    }
    let mut letters = 0;
    let mut toned = false;
    for (i, c) in chars {
        match c {
            ')' | '）' => {
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

fn is_tone_letter(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn spans_map_back_to_the_original() {
        let orig = "一、網(wǎng)站２０２３年";
        let n = normalize(orig);
        let at = n.text.find("2023").unwrap();
        let span = n.to_original(Span::new(at, at + 4));
        assert_eq!(&orig[span.start..span.end], "２０２３");
    }
}
