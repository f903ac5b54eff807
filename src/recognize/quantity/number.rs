//! Mixed numbers as printed in quantities: Arabic, Chinese, mixed scales, shares.
//!
//! Reads one number at the start of a string and hands on its exact [`Decimal`] value,
//! its byte length and how it was written. Integer Chinese numerals come from
//! [`crate::recognize::numeral`]; this module adds decimals, 万/亿 scales after Arabic
//! digits, percentages written in words, 成 and fractions.
//!
//! ```bnf
//! number    = percent-words | fraction | share | plain
//! plain     = (arabic | chinese) scale? tail?     ; 1.2万亿, 3.5万, 两万, 1万600
//! arabic    = digit+ ("," digit{3})* ("." digit+)?  ; 1379, 1,234, 1.57
//! chinese   = numeral-int ("点" numeral-digit+)?    ; 三百, 一点五
//! scale     = "万亿" | "千万" | "百万" | "十万" | "万" | "亿"
//! tail      = digit+                                ; 1万600 = 10600 (after 万 only)
//! percent-words = "百分之" (arabic | chinese)       ; 百分之一点五 = 1.5 %
//! fraction  = chinese "分之" chinese                 ; 四分之三 = 75 %
//! share     = (arabic | numeral-digit) "成"          ; 六成 = 60 %
//! ```

use super::is_numeral_char;
use crate::decimal::Decimal;
use crate::recognize::numeral::{digit_value, integer};

/// A number read at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// Its exact value (scales multiplied out; shares in percent).
    pub value: Decimal,
    /// Its length in bytes.
    pub len: usize,
    /// Written with Chinese numerals.
    pub chinese: bool,
    /// Already a percentage (百分之…, …成, …分之…): the unit is "%".
    pub percent: bool,
    /// A scale word (万, 亿) was part of it.
    pub scaled: bool,
}

/// The longest numeral run accepted; no real number is longer.
const LONGEST: usize = 40;

/// Reads the number at the start of `s`, if one is there.
///
/// ```
/// use zhengce::recognize::quantity::number::read;
/// assert_eq!(read("1.2万亿元").unwrap().value.to_string(), "1200000000000");
/// assert_eq!(read("百分之一点五七").unwrap().value.to_string(), "1.57");
/// assert_eq!(read("三百余家").unwrap().value.to_string(), "300");
/// assert_eq!(read("1万600人").unwrap().value.to_string(), "10600");
/// ```
pub fn read(s: &str) -> Option<Number> {
    if let Some(rest) = s.strip_prefix("百分之") {
        let inner = read_plain(rest)?;
        return Some(Number {
            len: inner.len + "百分之".len(),
            percent: true,
            ..inner
        });
    }
    let plain = read_plain(s)?;
    let rest = s.get(plain.len..).unwrap_or_default();
    if plain.chinese && !plain.scaled {
        if let Some(after) = rest.strip_prefix("分之") {
            if let Some(num) = read_plain(after) {
                if num.chinese {
                    if let Some(v) = percent_of(num.value, plain.value) {
                        return Some(Number {
                            value: v,
                            len: plain.len + "分之".len() + num.len,
                            chinese: true,
                            percent: true,
                            scaled: false,
                        });
                    }
                }
            }
            return None;
        }
    }
    if rest.starts_with('成') && !plain.scaled && is_share(&rest['成'.len_utf8()..]) {
        let ten = plain.value.checked_mul_int(10)?;
        if plain.value.to_f64() <= 10.0 {
            return Some(Number {
                value: ten,
                len: plain.len + '成'.len_utf8(),
                percent: true,
                ..plain
            });
        }
    }
    Some(plain)
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

/// `num / den × 100`, exact, if it ends within six decimals.
fn percent_of(num: Decimal, den: Decimal) -> Option<Decimal> {
    let n = i128::from(decimal_int(num)?);
    let d = i128::from(decimal_int(den)?);
    if d == 0 {
        return None;
    }
    let mut top = n.checked_mul(100)?;
    for scale in 0..=6u32 {
        if top % d == 0 {
            return Decimal::new(top / d, scale);
        }
        top = top.checked_mul(10)?;
    }
    None
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
        percent: false,
        scaled: false,
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
                percent: false,
                scaled: false,
            };
            apply_scale(s, &mut n);
            return Some(n);
        }
    }
    let scaled = run.contains(['万', '亿', '萬', '億']);
    Some(Number {
        value,
        len,
        chinese: true,
        percent: false,
        scaled,
    })
}

/// Multiplies out a scale word after the number and the digits of a 1万600 tail.
fn apply_scale(s: &str, n: &mut Number) {
    let rest = s.get(n.len..).unwrap_or_default();
    for &(word, k) in &super::WORDS.scales {
        if let Some(after) = rest.strip_prefix(word) {
            let Some(v) = n.value.checked_mul_int(k) else {
                return;
            };
            n.value = v;
            n.len += word.len();
            n.scaled = true;
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
