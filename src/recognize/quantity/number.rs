//! Mixed numbers as printed in quantities: Arabic, Chinese, mixed scales, shares.
//!
//! Reads one number at the start of a string and hands on its exact [`Decimal`] value,
//! its byte length and how it was written. Integer Chinese numerals come from
//! [`crate::recognize::numeral`]; this module adds decimals, 万/亿 scales after Arabic
//! digits, percentages written in words, 成 and fractions.
//!
//! ```bnf
//! number    = share-words | fraction | share | plain
//! plain     = (arabic | chinese) scale? tail?     ; 1.2万亿, 3.5万, 两万, 1万600, 5千
//! arabic    = digit+ ("," digit{3})* ("." digit+)?  ; 1379, 1,234, 1.57
//! chinese   = numeral-int ("点" numeral-digit+)?    ; 三百, 一点五
//! scale     = "万亿" | "千万" | "百万" | "十万" | "万" | "亿"
//! tail      = digit+                                ; 1万600 = 10600 (after 万 only)
//! share-words = ("百分之" | "千分之" | "万分之") plain   ; 百分之一点五 = 1.5 %, 千分之三 = 3 ‰
//! fraction  = chinese "分之" plain                   ; 四分之三 = 75 %, 三分之二 = 66.67 %
//!           | digit{1,3} "/" digit{1,3}              ; 1/3 = 33.33 % (a rounded share)
//! share     = (arabic | numeral-digit) "成"          ; 六成 = 60 %
//! ```

use super::is_numeral_char;
use crate::decimal::Decimal;
use crate::recognize::numeral::{digit_value, integer};

/// A number read at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// Its value (scales multiplied out; shares in their unit), exact unless `rounded`.
    pub value: Decimal,
    /// Its length in bytes.
    pub len: usize,
    /// Written with Chinese numerals.
    pub chinese: bool,
    /// Already a share (百分之…, …成, …分之…, 1/3): its unit, "%", "‰" or "‱".
    pub share: Option<&'static str>,
    /// A scale word (万, 亿) was part of it.
    pub scaled: bool,
    /// The scale word's factor (万 10000), 1 when none: a range whose first end has no
    /// scale takes the second's (3-5万元).
    pub factor: i128,
    /// A fraction whose share is no short decimal, rounded to two places (三分之二 → 66.67).
    pub rounded: bool,
}

/// The longest numeral run accepted; no real number is longer.
const LONGEST: usize = 40;

/// Shares written in words: the word and the unit of the figure after it.
const SHARE_WORDS: [(&str, &str); 3] = [("百分之", "%"), ("千分之", "‰"), ("万分之", "‱")];

/// Reads the number at the start of `s`, if one is there.
///
/// ```
/// use zhengce::recognize::quantity::number::read;
/// assert_eq!(read("1.2万亿元").unwrap().value.to_string(), "1200000000000");
/// assert_eq!(read("百分之一点五七").unwrap().value.to_string(), "1.57");
/// assert_eq!(read("三百余家").unwrap().value.to_string(), "300");
/// assert_eq!(read("1万600人").unwrap().value.to_string(), "10600");
/// assert_eq!(read("三分之二").unwrap().value.to_string(), "66.67");
/// assert_eq!(read("千分之1.5").unwrap().share, Some("‰"));
/// assert_eq!(read("5千元").unwrap().value.to_string(), "5000");
/// ```
pub fn read(s: &str) -> Option<Number> {
    for (word, unit) in SHARE_WORDS {
        if let Some(rest) = s.strip_prefix(word) {
            let inner = read_plain(rest)?;
            return Some(Number {
                len: inner.len + word.len(),
                share: Some(unit),
                ..inner
            });
        }
    }
    let plain = read_plain(s)?;
    let rest = s.get(plain.len..).unwrap_or_default();
    if let Some(n) = fraction(plain, rest) {
        return Some(n);
    }
    if plain.chinese && !plain.scaled && rest.starts_with("分之") {
        return None;
    }
    if rest.starts_with('成') && !plain.scaled && is_share(&rest['成'.len_utf8()..]) {
        let ten = plain.value.checked_mul_int(10)?;
        if plain.value.to_f64() <= 10.0 {
            return Some(Number {
                value: ten,
                len: plain.len + '成'.len_utf8(),
                share: Some("%"),
                ..plain
            });
        }
    }
    Some(plain)
}

/// A fraction after its denominator (`den`, the text after it `rest`): 三分之二 (Chinese,
/// denominator first) or 1/3, ２／５ (Arabic, numerator first), read as a percentage.
///
/// ```bnf
/// fraction = chinese "分之" (chinese | arabic) | digit{1,3} "/" digit{1,3}
/// ```
fn fraction(first: Number, rest: &str) -> Option<Number> {
    if first.scaled || !first.value.is_integer() {
        return None;
    }
    if first.chinese {
        let after = rest.strip_prefix("分之")?;
        let num = read_plain(after)?;
        let (value, rounded) = percent_of(num.value, first.value)?;
        return Some(Number {
            value,
            len: first.len + "分之".len() + num.len,
            chinese: true,
            share: Some("%"),
            scaled: false,
            rounded,
            factor: 1,
        });
    }
    // 1/3: a small proper fraction, not a date (2023/1/3) nor a code (24/7).
    let after = rest.strip_prefix('/')?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let next = after.as_bytes().get(digits);
    if first.len > 3
        || !(1..=3).contains(&digits)
        || next.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-'))
    {
        return None;
    }
    let den = Decimal::parse(after.get(..digits)?)?;
    let (d, n) = (den.to_f64(), first.value.to_f64());
    if !(2.0..=100.0).contains(&d) || n <= 0.0 || n >= d {
        return None;
    }
    let (value, rounded) = percent_of(first.value, den)?;
    Some(Number {
        value,
        len: first.len + 1 + digits,
        chinese: false,
        share: Some("%"),
        scaled: false,
        rounded,
        factor: 1,
    })
}

/// True when the text after 成 leaves it a share (六成以上, 六成企业) rather than a word
/// (成为, 成效).
fn is_share(after: &str) -> bool {
    match after.chars().next() {
        None => true,
        Some(c) if !crate::normalize::is_han(c) => true,
        // 成为, 成效, 成果 … are words; 六成企业 is a share.
        Some(c) => !matches!(
            c,
            '为' | '效'
                | '果'
                | '立'
                | '绩'
                | '本'
                | '员'
                | '功'
                | '熟'
                | '就'
                | '型'
                | '品'
                | '都'
                | '交'
                | '长'
                | '片'
                | '套'
                | '批'
                | '材'
                | '才'
                | '色'
                | '分'
                | '形'
                | '像'
                | '年'
                | '真'
                | '败'
                | '全'
                | '事'
                | '语'
                | '规'
                | '风'
                | '天'
                | '家'
                | '群'
                | '倍'
                | '千'
                | '百'
                | '万'
                | '人'
        ),
    }
}

/// `num / den × 100`: exact when it ends within four decimals, else rounded half up to
/// two (the flag says so).
fn percent_of(num: Decimal, den: Decimal) -> Option<(Decimal, bool)> {
    let (n, ns) = num.parts();
    let d = i128::from(decimal_int(den)?);
    if d == 0 {
        return None;
    }
    // num × 100 / den with `ns` decimals of the numerator.
    let mut top = n.checked_mul(100)?;
    for extra in 0..=4u32 {
        if top % d == 0 {
            return Some((Decimal::new(top / d, ns + extra)?, false));
        }
        if extra < 4 {
            top = top.checked_mul(10)?;
        }
    }
    // Two decimals, rounded half up: top is num × 100 × 10^4.
    let hundredths = (top / 100).checked_mul(2)?.checked_add(d)? / (2 * d);
    Some((Decimal::new(hundredths, ns + 2)?, true))
}

/// The value of an integral decimal.
fn decimal_int(v: Decimal) -> Option<u64> {
    if !v.is_integer() {
        return None;
    }
    v.to_string().parse().ok()
}

/// An Arabic or Chinese number with its scales, no share forms.
fn read_plain(s: &str) -> Option<Number> {
    let first = s.chars().next()?;
    if first.is_ascii_digit() {
        read_arabic(s)
    } else if is_numeral_char(first) {
        read_chinese(s)
    } else {
        None
    }
}

/// 1379, 1,234, 1.57, 3.5万, 1.2万亿, 1万600.
fn read_arabic(s: &str) -> Option<Number> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() && i < LONGEST {
        i += 1;
    }
    // Thousands groups: "1,234" (exactly three digits after each comma, at most three before the first).
    if i <= 3 {
        while b.get(i) == Some(&b',')
            && b.get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            i += 4;
        }
    }
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() && i < LONGEST {
            i += 1;
        }
    }
    let value = Decimal::parse(s.get(..i)?)?;
    let mut n = Number {
        value,
        len: i,
        chinese: false,
        share: None,
        scaled: false,
        rounded: false,
        factor: 1,
    };
    apply_scale(s, &mut n);
    Some(n)
}

/// 三百, 两万五千, 一点五, 三点二万.
fn read_chinese(s: &str) -> Option<Number> {
    let mut end = 0;
    for (count, (i, c)) in s.char_indices().enumerate() {
        if !is_numeral_char(c) || count >= LONGEST {
            break;
        }
        end = i + c.len_utf8();
    }
    let run = s.get(..end)?;
    // The integer part must be the whole run (二〇二三 and 十四五 are not amounts). A run ending in a
    // scale word may carry a fraction before the scale: 一点五万.
    let int = integer(run)?;
    let mut value = Decimal::from_int(i128::from(int));
    let mut len = end;
    let rest = s.get(end..).unwrap_or_default();
    if let Some(frac) = rest.strip_prefix('点') {
        let mut digits: i128 = 0;
        let mut scale = 0u32;
        let mut flen = 0;
        for c in frac.chars() {
            let Some(d) = digit_value(c) else { break };
            if scale >= 12 {
                break;
            }
            digits = digits * 10 + i128::from(d);
            scale += 1;
            flen += c.len_utf8();
        }
        if scale > 0 && !run.ends_with(['万', '亿', '萬', '億']) {
            value = value.checked_add(Decimal::new(digits, scale)?)?;
            len = end + '点'.len_utf8() + flen;
            let mut n = Number {
                value,
                len,
                chinese: true,
                share: None,
                scaled: false,
                rounded: false,
                factor: 1,
            };
            apply_scale(s, &mut n);
            return Some(n);
        }
    }
    let scaled = run.contains(['万', '亿', '萬', '億']);
    // The factor of the last scale word: 五百万 is 500 × 万, 三千亿 500 × 亿.
    let factor = if run.ends_with("万亿") || run.ends_with("萬億") {
        1_000_000_000_000
    } else if run.ends_with(['亿', '億']) {
        100_000_000
    } else if run.ends_with(['万', '萬']) {
        10_000
    } else {
        1
    };
    Some(Number {
        value,
        len,
        chinese: true,
        share: None,
        scaled,
        rounded: false,
        factor,
    })
}

/// Multiplies out a scale word after the number and the digits of a 1万600 tail.
fn apply_scale(s: &str, n: &mut Number) {
    let rest = s.get(n.len..).unwrap_or_default();
    // 5千元 is 5000 元, but 5千克 and 5千瓦 are units: 千 that starts a unit is no scale,
    // and in a Chinese numeral 千 is part of the numeral.
    if rest.starts_with('千')
        && !rest.starts_with("千万")
        && (n.chinese || super::unit::read(rest).is_some())
    {
        return;
    }
    let words = &*super::WORDS;
    // Most numbers are followed by no scale word: its first byte says so.
    if !rest
        .as_bytes()
        .first()
        .is_some_and(|&b| words.scale_leads.contains(b))
    {
        return;
    }
    for &(word, k) in &words.scales {
        if let Some(after) = rest.strip_prefix(word) {
            let Some(v) = n.value.checked_mul_int(k) else {
                return;
            };
            n.value = v;
            n.len += word.len();
            n.scaled = true;
            n.factor = k;
            // 1万600: Arabic digits right after 万 (fewer than four) add on.
            if k == 10_000 && !n.chinese {
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                if (1..=4).contains(&digits) && !after[digits..].starts_with(['.', ',', '-']) {
                    if let Some(t) = Decimal::parse(&after[..digits]) {
                        if let Some(sum) = n.value.checked_add(t) {
                            n.value = sum;
                            n.len += digits;
                        }
                    }
                }
            }
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> String {
        read(s).map(|n| n.value.to_string()).unwrap_or_default()
    }

    #[test]
    fn mixed_numbers() {
        assert_eq!(
            v("1.2万亿元"),
            "1200000000000",
            "万亿 scales an Arabic decimal"
        );
        assert_eq!(v("3.5万人"), "35000", "万 scales an Arabic decimal");
        assert_eq!(v("1万600"), "10600", "digits after 万 add on");
        assert_eq!(v("1,234家"), "1234", "thousands separators are dropped");
        assert_eq!(v("百分之一点五七"), "1.57", "百分之 reads an exact decimal");
        assert_eq!(v("六成"), "60", "a share in 成 is ten percent each");
        assert_eq!(v("四分之三"), "75", "a fraction is read as a percentage");
        assert_eq!(v("三点二万"), "32000", "a Chinese decimal takes a scale");
        assert_eq!(v("二〇二三"), "", "a digit-by-digit year is not an amount");
        assert_eq!(v("十四五"), "", "十四五 is a plan name, not a number");
    }
}
