//! Word's automatic numbering (`word/numbering.xml`), rebuilt as the reader sees it.
//!
//! ```text
//! numbering   = abstractNum* num*
//! abstractNum = @abstractNumId lvl*              ; lvl = @ilvl start numFmt lvlText lvlRestart? suff? isLgl?
//! num         = @numId abstractNumId lvlOverride* ; lvlOverride = @ilvl startOverride? lvl?
//! ```
//!
//! A paragraph that names `(numId, ilvl)` advances the counter of that level and resets
//! the deeper ones (unless a deeper level's `lvlRestart` says otherwise); its marker is the
//! level's `lvlText` with each `%N` replaced by level N's counter in level N's format
//! (`chineseCounting` 一, `ideographTraditional` 甲, `decimalEnclosedCircle` ①, …).
//! Numbering instances of one abstract list continue each other, as in Word, unless an
//! instance overrides a start value: then it counts on its own from that start.
//!
//! Hands on marker strings (`一、`, `（二）`, `1.2`) to the paragraph reader.

use std::collections::HashMap;

/// Levels a list can have.
const LEVELS: usize = 9;

/// How a level's number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumFmt {
    /// 1, 2, 3.
    #[default]
    Decimal,
    /// 01, 02, … 10.
    DecimalZero,
    /// １, ２, ３ (full width).
    DecimalFullWidth,
    /// ①, ②, … ⑳, then 21.
    EnclosedCircle,
    /// ⑴, ⑵, … ⒇.
    EnclosedParen,
    /// ⒈, ⒉, … ⒛.
    EnclosedFullstop,
    /// 一, 二, … 十, 十一.
    ChineseCounting,
    /// 壹, 贰, … 壹拾.
    ChineseLegal,
    /// 〇一二 digit by digit (一〇 for 10).
    IdeographDigital,
    /// 甲, 乙, 丙 … 癸 (the ten heavenly stems), cycling.
    IdeographTraditional,
    /// 子, 丑, 寅 … 亥 (the twelve earthly branches), cycling.
    IdeographZodiac,
    /// A, B, … Z, AA, BB.
    UpperLetter,
    /// a, b, … z, aa, bb.
    LowerLetter,
    /// I, II, III.
    UpperRoman,
    /// i, ii, iii.
    LowerRoman,
    /// A bullet: no number.
    Bullet,
    /// Nothing.
    None,
}

impl NumFmt {
    /// The format named by a `w:numFmt/@w:val`.
    pub fn from_name(name: &str) -> NumFmt {
        match name {
            "decimalZero" => NumFmt::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" | "decimalHalfWidth" => {
                if name == "decimalHalfWidth" {
                    NumFmt::Decimal
                } else {
                    NumFmt::DecimalFullWidth
                }
            }
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => NumFmt::EnclosedCircle,
            "decimalEnclosedParen" => NumFmt::EnclosedParen,
            "decimalEnclosedFullstop" => NumFmt::EnclosedFullstop,
            "chineseCounting"
            | "chineseCountingThousand"
            | "japaneseCounting"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "koreanCounting" => NumFmt::ChineseCounting,
            "chineseLegalSimplified" | "japaneseLegal" => NumFmt::ChineseLegal,
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                NumFmt::IdeographDigital
            }
            "ideographTraditional" => NumFmt::IdeographTraditional,
            "ideographZodiac" | "ideographZodiacTraditional" => NumFmt::IdeographZodiac,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            _ => NumFmt::Decimal,
        }
    }

    /// `n` written in this format.
    ///
    /// ```
    /// use zhengce::input::numbering::NumFmt;
    /// assert_eq!(NumFmt::ChineseCounting.format(12), "十二");
    /// assert_eq!(NumFmt::ChineseCounting.format(105), "一百零五");
    /// assert_eq!(NumFmt::EnclosedCircle.format(3), "③");
    /// assert_eq!(NumFmt::IdeographTraditional.format(2), "乙");
    /// assert_eq!(NumFmt::UpperLetter.format(28), "BB");
    /// ```
    pub fn format(self, n: u32) -> String {
        match self {
            NumFmt::Decimal => n.to_string(),
            NumFmt::DecimalZero => format!("{n:02}"),
            NumFmt::DecimalFullWidth => n
                .to_string()
                .chars()
                .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
                .collect(),
            NumFmt::EnclosedCircle => enclosed(n, 0x2460),
            NumFmt::EnclosedParen => enclosed(n, 0x2474),
            NumFmt::EnclosedFullstop => enclosed(n, 0x2488),
            NumFmt::ChineseCounting => chinese(n, &DIGITS, &UNITS),
            NumFmt::ChineseLegal => {
                let s = chinese(n, &LEGAL_DIGITS, &LEGAL_UNITS);
                if (10..20).contains(&n) {
                    format!("壹{s}")
                } else {
                    s
                }
            }
            NumFmt::IdeographDigital => n
                .to_string()
                .chars()
                .filter_map(|c| c.to_digit(10).and_then(|d| DIGITS.get(d as usize)))
                .collect(),
            NumFmt::IdeographTraditional => cycle(n, &STEMS),
            NumFmt::IdeographZodiac => cycle(n, &BRANCHES),
            NumFmt::UpperLetter => letters(n, b'A'),
            NumFmt::LowerLetter => letters(n, b'a'),
            NumFmt::UpperRoman => roman(n),
            NumFmt::LowerRoman => roman(n).to_ascii_lowercase(),
            NumFmt::Bullet | NumFmt::None => String::new(),
        }
    }
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS: [char; 3] = ['十', '百', '千'];
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const LEGAL_UNITS: [char; 3] = ['拾', '佰', '仟'];
const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// A circled (or parenthesized, or full-stop) number up to 20, else decimal.
fn enclosed(n: u32, first: u32) -> String {
    match (1..=20)
        .contains(&n)
        .then(|| char::from_u32(first + n - 1))
        .flatten()
    {
        Some(c) => c.to_string(),
        None => n.to_string(),
    }
}

fn cycle(n: u32, chars: &[char]) -> String {
    let len = chars.len() as u32;
    let i = (n.max(1) - 1) % len;
    chars
        .get(i as usize)
        .map(char::to_string)
        .unwrap_or_default()
}

fn letters(n: u32, first: u8) -> String {
    let n = n.max(1);
    let c = char::from(first + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The character written for skipped places: 零 in counts (一百零五), whatever the digit zero.
fn gap(digits: &[char; 10]) -> char {
    if digits[0] == '〇' {
        '零'
    } else {
        digits[0]
    }
}

/// A Chinese count below 10⁸: 十一, 二十, 一百零五, 一万零三百.
fn chinese(n: u32, digits: &[char; 10], units: &[char; 3]) -> String {
    fn below_10k(n: u32, digits: &[char; 10], units: &[char; 3], out: &mut String) {
        let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
        let mut zero = false;
        let mut started = false;
        for (i, &d) in parts.iter().enumerate() {
            if d == 0 {
                zero = started;
                continue;
            }
            if zero {
                out.push(gap(digits));
                zero = false;
            }
            let unit = 3 - i;
            // 十一, not 一十一, when the tens lead.
            if !(unit == 1 && d == 1 && !started && out.is_empty()) {
                out.push(digits[d as usize]);
            }
            if let Some(&u) = unit.checked_sub(1).and_then(|k| units.get(k)) {
                out.push(u);
            }
            started = true;
        }
    }
    if n == 0 {
        return digits[0].to_string();
    }
    let mut out = String::new();
    let high = n / 10_000 % 10_000;
    let low = n % 10_000;
    if high > 0 {
        below_10k(high, digits, units, &mut out);
        out.push('万');
        if low > 0 && low < 1000 {
            out.push(gap(digits));
        }
    }
    if low > 0 {
        let mut rest = String::new();
        below_10k(low, digits, units, &mut rest);
        if high > 0 && (10..20).contains(&low) {
            out.push(digits[1]);
        }
        out.push_str(&rest);
    }
    out
}

/// One level of a list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Level {
    /// The first number (`w:start`).
    pub start: u32,
    /// How the number is written (`w:numFmt`).
    pub fmt: NumFmt,
    /// The marker pattern (`w:lvlText`), `%1`…`%9` standing for the levels' numbers.
    pub text: String,
    /// `w:lvlRestart`: restart after this (1-based) level is used; `Some(0)` never.
    pub restart: Option<u32>,
    /// What follows the marker (`w:suff`): `tab` (the default), `space` or `nothing`.
    pub suffix: Suffix,
    /// `w:isLgl`: the higher levels' numbers are written as decimals.
    pub legal: bool,
}

/// What Word puts between a marker and the paragraph's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Suffix {
    /// A tab (the default).
    #[default]
    Tab,
    /// A space.
    Space,
    /// Nothing.
    Nothing,
}

/// One numbering instance (`w:num`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Num {
    /// The abstract list it instantiates.
    pub abstract_id: u32,
    /// `w:lvlOverride/w:startOverride` per level.
    pub start_overrides: [Option<u32>; LEVELS],
    /// `w:lvlOverride/w:lvl` per level: a level redefined for this instance.
    pub level_overrides: [Option<Level>; LEVELS],
}

/// The lists of one document and the counters that run through it.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// Abstract lists by `w:abstractNumId`.
    pub abstracts: HashMap<u32, Vec<Level>>,
    /// Instances by `w:numId`.
    pub nums: HashMap<u32, Num>,
    /// Running counters: by abstract list, or by instance when it overrides a start.
    counters: HashMap<(bool, u32), [Option<u32>; LEVELS]>,
}

impl Numbering {
    /// The level `ilvl` of instance `num_id`, with the instance's overrides.
    fn level(&self, num: &Num, ilvl: usize) -> Option<Level> {
        if let Some(Some(l)) = num.level_overrides.get(ilvl) {
            return Some(l.clone());
        }
        let mut level = self.abstracts.get(&num.abstract_id)?.get(ilvl)?.clone();
        if let Some(Some(start)) = num.start_overrides.get(ilvl) {
            level.start = *start;
        }
        Some(level)
    }

    /// Advances the counter for a paragraph numbered `(num_id, ilvl)` and returns its
    /// marker with what follows it (`"一、"`, `"第一章 "`), or `None` when the paragraph has
    /// no visible number (`numId` 0, an unknown list, a bullet).
    ///
    /// ```
    /// use zhengce::input::numbering::{Level, Num, NumFmt, Numbering, Suffix};
    /// let mut n = Numbering::default();
    /// let level = |fmt, text: &str| Level { start: 1, fmt, text: text.into(), suffix: Suffix::Nothing, ..Level::default() };
    /// n.abstracts.insert(0, vec![level(NumFmt::ChineseCounting, "%1、"), level(NumFmt::ChineseCounting, "（%2）")]);
    /// n.nums.insert(1, Num { abstract_id: 0, ..Num::default() });
    /// let got: Vec<_> = [0, 1, 1, 0, 1].iter().map(|&l| n.marker(1, l).unwrap()).collect();
    /// assert_eq!(got, ["一、", "（一）", "（二）", "二、", "（一）"]);
    /// ```
    pub fn marker(&mut self, num_id: u32, ilvl: usize) -> Option<String> {
        if num_id == 0 || ilvl >= LEVELS {
            return None;
        }
        let num = self.nums.get(&num_id)?.clone();
        let levels: Vec<Option<Level>> = (0..LEVELS).map(|l| self.level(&num, l)).collect();
        let this = levels.get(ilvl)?.clone()?;
        let own = num.start_overrides.iter().any(Option::is_some)
            || num.level_overrides.iter().any(Option::is_some);
        let key = if own {
            (true, num_id)
        } else {
            (false, num.abstract_id)
        };
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        let next = counters
            .get(ilvl)
            .copied()
            .flatten()
            .map_or(this.start, |c| c.saturating_add(1));
        if let Some(c) = counters.get_mut(ilvl) {
            *c = Some(next);
        }
        for (deeper, slot) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = levels
                .get(deeper)
                .and_then(|l| l.as_ref())
                .and_then(|l| l.restart);
            let resets = match restart {
                None => true,
                Some(0) => false,
                Some(after) => (ilvl as u32) < after,
            };
            if resets {
                *slot = None;
            }
        }
        if matches!(this.fmt, NumFmt::Bullet) {
            return None;
        }
        let counters = *counters;
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let level = match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=LEVELS as u32).contains(&d) => (d - 1) as usize,
                _ => {
                    out.push(c);
                    continue;
                }
            };
            chars.next();
            let fmt_level = levels.get(level).and_then(|l| l.as_ref());
            let value = counters
                .get(level)
                .copied()
                .flatten()
                .unwrap_or_else(|| fmt_level.map_or(1, |l| l.start));
            let fmt = match fmt_level {
                Some(_) if this.legal && level < ilvl => NumFmt::Decimal,
                Some(l) => l.fmt,
                None => NumFmt::Decimal,
            };
            out.push_str(&fmt.format(value));
        }
        if out.trim().is_empty() {
            return None;
        }
        let wordy = out.chars().last().is_some_and(|c| c.is_alphanumeric());
        match this.suffix {
            Suffix::Space => out.push(' '),
            Suffix::Tab if wordy => out.push(' '),
            _ => {}
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts() {
        let f = |n| NumFmt::ChineseCounting.format(n);
        let got: Vec<String> = [
            1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 1000, 1001, 10010,
        ]
        .iter()
        .map(|&n| f(n))
        .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百零一",
                "一百一十",
                "一千",
                "一千零一",
                "一万零一十"
            ]
        );
        assert_eq!(NumFmt::ChineseLegal.format(12), "壹拾贰");
        assert_eq!(NumFmt::IdeographDigital.format(10), "一〇");
        assert_eq!(NumFmt::IdeographTraditional.format(11), "甲");
        assert_eq!(NumFmt::EnclosedCircle.format(21), "21");
        assert_eq!(NumFmt::DecimalFullWidth.format(12), "１２");
        assert_eq!(NumFmt::LowerRoman.format(14), "xiv");
    }

    fn lvl(fmt: NumFmt, text: &str) -> Level {
        Level {
            start: 1,
            fmt,
            text: text.into(),
            suffix: Suffix::Nothing,
            ..Level::default()
        }
    }

    #[test]
    fn multilevel_restart_and_overrides() {
        let mut n = Numbering::default();
        let mut third = lvl(NumFmt::Decimal, "%1.%2.%3");
        third.restart = Some(1);
        n.abstracts.insert(
            7,
            vec![
                lvl(NumFmt::Decimal, "%1."),
                lvl(NumFmt::Decimal, "%1.%2"),
                third,
            ],
        );
        n.nums.insert(
            1,
            Num {
                abstract_id: 7,
                ..Num::default()
            },
        );
        n.nums.insert(
            2,
            Num {
                abstract_id: 7,
                ..Num::default()
            },
        );
        let mut restart = Num {
            abstract_id: 7,
            ..Num::default()
        };
        restart.start_overrides[0] = Some(5);
        n.nums.insert(3, restart);
        let seq = [
            (1, 0),
            (1, 1),
            (1, 2),
            (1, 1),
            (1, 2),
            (2, 0),
            (2, 2),
            (3, 0),
            (3, 0),
        ];
        let got: Vec<String> = seq.iter().filter_map(|&(id, l)| n.marker(id, l)).collect();
        assert_eq!(
            got,
            ["1.", "1.1", "1.1.1", "1.2", "1.2.2", "2.", "2.1.1", "5.", "6."],
            "level 3 restarts only after level 1; instance 2 continues instance 1; 3 starts over at 5"
        );
        assert_eq!(n.marker(0, 0), None);
        assert_eq!(n.marker(9, 0), None);
    }
}
