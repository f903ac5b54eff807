//! Numbers as printed: Chinese numerals and Arabic digits (full-width digits are folded to
//! ASCII by normalization).
//!
//! Used by every recognizer that reads a number: section markers （二十三）, dates
//! 二〇二三年九月四日, quantities 三百余家 / 两万 / 1.2万亿元.
//!
//! ```bnf
//! integer   = yi-group* wan-group? section          ; 三亿五千万, 一万亿, 一百零五
//! yi-group  = (wan-group? section | ε) "亿"
//! wan-group = section "万"
//! section   = (digit? "千")? zero? (digit? "百")? zero? (digit? "十")? digit?
//!           | "廿" digit? | "卅" digit?
//! digit     = 一 二 两 三 四 五 六 七 八 九 (and 大写 壹 贰 叁 肆 伍 陆 柒 捌 玖)
//! zero      = 〇 | 零
//! positional = (digit | zero){2,}                    ; 二〇二三 (years, digit by digit)
//! ```
//!
//! Units must decrease inside a section (一千百 is rejected), two digits may not stand side
//! by side (二三 is not a unit-form numeral; see [`positional`]), and a result that does
//! not fit in `u64` is `None`, never a wrapped value. A colloquial trailing digit after
//! 百/千/万 counts one unit lower: 一百五 = 150, 两万五 = 25000.

use crate::chars::CharSet;

/// The value of a digit character (一 … 九, 两, 大写 forms, 〇/零 as 0), if it is one.
pub const fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' | '○' | 'O' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '两' | '贰' | '貳' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The exponent of a small unit: 十 = 1, 百 = 2, 千 = 3.
const fn small_unit(c: char) -> Option<u32> {
    match c {
        '十' | '拾' => Some(1),
        '百' | '佰' => Some(2),
        '千' | '仟' => Some(3),
        _ => None,
    }
}

/// True for any character that can be part of a Chinese numeral.
///
/// A bit test: the characters are those of [`digit_value`], 十百千 (and 大写 forms),
/// 万亿 (and traditional forms), 廿 and 卅.
///
/// ```
/// use zhengce::recognize::numeral::is_numeral_char;
/// assert!(is_numeral_char('三') && is_numeral_char('〇') && is_numeral_char('O'));
/// assert!(!is_numeral_char('年') && !is_numeral_char('1'));
/// ```
#[inline]
pub fn is_numeral_char(c: char) -> bool {
    c == 'O' || is_cjk_numeral(c as u32)
}

/// True for a code point of a non-ASCII numeral character (the set of
/// [`is_numeral_char`] without 'O'). Cheap enough to call on every character of a text.
#[inline]
pub fn is_cjk_numeral(cp: u32) -> bool {
    NUMERALS.contains_code(cp)
}

/// The definition [`NUMERALS`] is checked against in the tests.
#[cfg(test)]
const fn is_numeral_match(c: char) -> bool {
    digit_value(c).is_some()
        || small_unit(c).is_some()
        || matches!(c, '万' | '萬' | '亿' | '億' | '廿' | '卅')
}

/// First and one-past-last code point covered by [`NUMERALS`] (from ○ U+25CB to the
/// end of the CJK block); outside it only the ASCII 'O' is a numeral character.
const NUMERAL_FIRST: u32 = 0x2500;
const NUMERAL_LAST: u32 = 0xA000;

/// Every numeral character; the set is built from these at compile time.
const NUMERAL_CHARS: &[char] = &[
    '〇', '零', '○', '一', '壹', '幺', '二', '两', '贰', '貳', '兩', '三', '叁', '參', '四', '肆',
    '五', '伍', '六', '陆', '陸', '七', '柒', '八', '捌', '九', '玖', '十', '拾', '百', '佰', '千',
    '仟', '万', '萬', '亿', '億', '廿', '卅',
];

/// The numeral characters, as a set over `NUMERAL_FIRST..NUMERAL_LAST`.
pub(crate) static NUMERALS: CharSet<{ ((NUMERAL_LAST - NUMERAL_FIRST) / 64) as usize }> =
    CharSet::empty(NUMERAL_FIRST).with(NUMERAL_CHARS);

/// Parses a whole unit-form Chinese numeral: 十一, 一十一, 一百零五, 六十六, 两千, 三亿五千万.
///
/// ```
/// use zhengce::recognize::numeral::integer;
/// assert_eq!(integer("一百零五"), Some(105));
/// assert_eq!(integer("六十六"), Some(66));
/// assert_eq!(integer("三亿五千万"), Some(350_000_000));
/// assert_eq!(integer("二三"), None);
/// ```
pub fn integer(s: &str) -> Option<u64> {
    let mut n = Integer::default();
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            n.digit(d)?;
        } else if let Some(exp) = small_unit(c) {
            n.small_unit(exp)?;
        } else {
            match c {
                '廿' | '卅' => n.score(if c == '廿' { 20 } else { 30 })?,
                '万' | '萬' => n.wan()?,
                '亿' | '億' => n.yi()?,
                _ => return None,
            }
        }
    }
    if s.is_empty() {
        return None;
    }
    n.value()
}

/// An [`integer`] read so far, one character at a time.
#[derive(Default)]
struct Integer {
    /// Everything already multiplied by 亿.
    total: u64,
    /// The current 万 group, multiplied by 万.
    wan: u64,
    wan_seen: bool,
    /// The `section` below 万.
    section: u64,
    /// The digit waiting for its unit.
    digit: Option<u64>,
    /// Exponent of the last small unit in this section (4: none yet).
    last_exp: Option<u32>,
    zero_pending: bool,
}

impl Integer {
    fn last_exp(&self) -> u32 {
        self.last_exp.unwrap_or(4)
    }

    /// `digit` or `zero`: two digits may not stand side by side.
    fn digit(&mut self, d: u64) -> Option<()> {
        if self.digit.is_some() {
            return None;
        }
        if d == 0 {
            self.zero_pending = true;
        } else {
            self.digit = Some(d);
        }
        Some(())
    }

    /// `digit? ("千" | "百" | "十")`: units decrease inside a section.
    fn small_unit(&mut self, exp: u32) -> Option<()> {
        if exp >= self.last_exp() {
            return None;
        }
        let d = match self.digit.take() {
            Some(d) => d,
            // 十 at the start of a section means 一十; 百/千 alone mean 一百/一千.
            None if self.section == 0 && !self.zero_pending => 1,
            None => return None,
        };
        self.section = self.section.checked_add(d.checked_mul(10u64.pow(exp))?)?;
        self.last_exp = Some(exp);
        self.zero_pending = false;
        Some(())
    }

    /// `"廿" | "卅"` (20, 30) opening a section.
    fn score(&mut self, value: u64) -> Option<()> {
        if self.section != 0 || self.digit.is_some() || self.last_exp() < 4 {
            return None;
        }
        self.section = value;
        self.last_exp = Some(1);
        Some(())
    }

    /// `wan-group = section "万"`, once per 亿 group.
    fn wan(&mut self) -> Option<()> {
        if self.wan_seen {
            return None;
        }
        let group = self.section.checked_add(self.digit.take().unwrap_or(0))?;
        let group = if group == 0 && self.total == 0 {
            1
        } else {
            group
        };
        self.wan = group.checked_mul(10_000)?;
        self.wan_seen = true;
        self.next_section();
        Some(())
    }

    /// `yi-group = (wan-group? section | ε) "亿"`.
    fn yi(&mut self) -> Option<()> {
        let group = self
            .wan
            .checked_add(self.section)?
            .checked_add(self.digit.take().unwrap_or(0))?;
        self.total = if group == 0 {
            // 亿亿: multiply what came before; 亿 alone is one 亿.
            if self.total == 0 {
                100_000_000
            } else {
                self.total.checked_mul(100_000_000)?
            }
        } else {
            self.total.checked_add(group)?.checked_mul(100_000_000)?
        };
        self.wan = 0;
        self.wan_seen = false;
        self.next_section();
        Some(())
    }

    fn next_section(&mut self) {
        self.section = 0;
        self.last_exp = None;
        self.zero_pending = false;
    }

    /// The value, with a trailing digit right after a unit counting one lower: 一百五 =
    /// 150, 两万五 = 25000.
    fn value(&self) -> Option<u64> {
        let last_exp = self.last_exp();
        let tail = match self.digit {
            Some(d) if !self.zero_pending && (2..4).contains(&last_exp) => {
                d * 10u64.pow(last_exp - 1)
            }
            Some(d)
                if !self.zero_pending && last_exp == 4 && self.wan_seen && self.section == 0 =>
            {
                d * 1000
            }
            Some(d) => d,
            None => 0,
        };
        self.total
            .checked_add(self.wan)?
            .checked_add(self.section)?
            .checked_add(tail)
    }
}

/// Parses a digit-by-digit numeral such as 二〇二三 or 一九九八 (at least two digits).
///
/// ```
/// assert_eq!(zhengce::recognize::numeral::positional("二〇二三"), Some(2023));
/// assert_eq!(zhengce::recognize::numeral::positional("二十"), None);
/// ```
pub fn positional(s: &str) -> Option<u64> {
    let mut value: u64 = 0;
    let mut n = 0;
    for c in s.chars() {
        let d = digit_value(c)?;
        value = value.checked_mul(10)?.checked_add(d)?;
        n += 1;
    }
    (n >= 2).then_some(value)
}

/// The longest prefix of `s` made of numeral characters that parses as a unit-form
/// integer: its value and byte length.
///
/// ```
/// use zhengce::recognize::numeral::leading_integer;
/// assert_eq!(leading_integer("二十三项"), Some((23, 9)));
/// assert_eq!(leading_integer("项"), None);
/// ```
pub fn leading_integer(s: &str) -> Option<(u64, usize)> {
    // No real numeral is longer than this; capping the run keeps pathological input linear.
    const LONGEST: usize = 24;
    let mut end = s
        .char_indices()
        .take(LONGEST)
        .find(|&(_, c)| !is_numeral_char(c))
        .map(|(i, _)| i)
        .unwrap_or_else(|| s.char_indices().nth(LONGEST).map_or(s.len(), |(i, _)| i));
    // Shrink from the right until it parses.
    let mut steps = 0;
    while end > 0 && steps <= LONGEST {
        if let Some(head) = s.get(..end) {
            if let Some(v) = integer(head) {
                return Some((v, end));
            }
        }
        end = s
            .get(..end)
            .and_then(|h| h.char_indices().next_back())
            .map_or(0, |(i, _)| i);
        steps += 1;
    }
    None
}

/// The longest run of numeral characters (or of ASCII digits) at the start of `s`, read as
/// a whole ordinal: its value and byte length. Unlike [`leading_integer`] the run is never
/// shortened, so a malformed numeral such as 二三 or 一千百 is rejected rather than
/// guessed, and a digit-by-digit year (二〇二三) is not an ordinal. `s` is normalized
/// text, where full-width digits are already ASCII.
///
/// ```
/// use zhengce::recognize::numeral::leading_ordinal;
/// assert_eq!(leading_ordinal("二十四)"), Some((24, 9)));
/// assert_eq!(leading_ordinal("12.加强"), Some((12, 2)));
/// assert_eq!(leading_ordinal("12、"), Some((12, 2)));
/// assert_eq!(leading_ordinal("二三、"), None);
/// assert_eq!(leading_ordinal("是"), None);
/// ```
pub fn leading_ordinal(s: &str) -> Option<(u64, usize)> {
    // Longer runs are not ordinals; the cap also keeps the scan constant per call.
    const LONGEST: usize = 8;
    let mut chars = s.char_indices().peekable();
    let first = chars.peek().map(|&(_, c)| c)?;
    if first.is_ascii_digit() {
        let mut value: u64 = 0;
        let mut end = 0;
        for (i, c) in s.char_indices() {
            let d = match c {
                '0'..='9' => u64::from(c as u32 - '0' as u32),
                _ => break,
            };
            value = value.checked_mul(10)?.checked_add(d)?;
            end = i + c.len_utf8();
            if i >= LONGEST * 3 {
                return None;
            }
        }
        return Some((value, end));
    }
    let mut end = 0;
    let mut n = 0;
    for (i, c) in s.char_indices() {
        if !is_numeral_char(c) {
            break;
        }
        n += 1;
        if n > LONGEST {
            return None;
        }
        end = i + c.len_utf8();
    }
    let head = s.get(..end)?;
    integer(head).map(|v| (v, end))
}

/// Parses an Arabic integer made of ASCII digits.
pub fn arabic(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses an ordinal in either script: `12`, `十二`, `二〇二三` is not an ordinal.
pub fn ordinal(s: &str) -> Option<u64> {
    arabic(s).or_else(|| integer(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_form_numerals() {
        let cases = [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("一十一", 11),
            ("二十", 20),
            ("廿", 20),
            ("廿三", 23),
            ("六十六", 66),
            ("一百", 100),
            ("百", 100),
            ("一百零五", 105),
            ("一百五", 150),
            ("两百", 200),
            ("两千", 2000),
            ("两千零二十三", 2023),
            ("一万", 10_000),
            ("万", 10_000),
            ("三万五千", 35_000),
            ("两万五", 25_000),
            ("十万", 100_000),
            ("一亿", 100_000_000),
            ("三亿五千万", 350_000_000),
            ("十二亿", 1_200_000_000),
            ("五千亿", 500_000_000_000),
            ("一万亿", 1_000_000_000_000),
            ("壹佰零伍", 105),
            ("贰拾", 20),
            ("九千九百九十九", 9999),
        ];
        for (s, v) in cases {
            assert_eq!(integer(s), Some(v), "{s} should read as {v}");
        }
    }

    #[test]
    fn malformed_numerals_are_rejected() {
        for s in ["", "二三", "十十", "一千百", "万万", "百十百", "一二十"] {
            assert_eq!(integer(s), None, "{s} should be rejected");
        }
    }

    #[test]
    fn overflow_is_none_not_a_wrap() {
        assert_eq!(integer("一万亿亿亿"), None);
        assert_eq!(positional(&"九".repeat(30)), None);
        let long = "一".repeat(10_000);
        assert_eq!(integer(&long), None);
        assert_eq!(leading_integer(&long), Some((1, 3)));
    }

    #[test]
    fn ordinals_take_the_whole_run() {
        assert_eq!(leading_ordinal("六十六)"), Some((66, 9)));
        assert_eq!(leading_ordinal("一是"), Some((1, 3)));
        assert_eq!(
            leading_ordinal("二〇二三年"),
            None,
            "a year is not an ordinal"
        );
        assert_eq!(
            leading_ordinal("一千百"),
            None,
            "malformed numerals are rejected"
        );
        assert_eq!(leading_ordinal("3、"), Some((3, 1)));
        assert_eq!(
            leading_ordinal(&"9".repeat(40)),
            None,
            "overlong digit runs are rejected"
        );
    }

    #[test]
    fn numeral_table_matches_the_definition() {
        for cp in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(
                    is_numeral_char(c),
                    is_numeral_match(c),
                    "the bit table and the match agree on U+{cp:04X}"
                );
            }
        }
    }

    #[test]
    fn positional_years() {
        assert_eq!(positional("二〇二三"), Some(2023));
        assert_eq!(positional("二零二一"), Some(2021));
        assert_eq!(positional("一九九八"), Some(1998));
        assert_eq!(positional("一"), None);
    }
}
