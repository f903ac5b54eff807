//! One quantity read where its number starts: the productions of the quantity grammar.
//!
//! Hands on the span, exact value (and upper end), unit, comparator, sign and direction of
//! the quantity whose number starts at a given byte of a line; the line scan in the parent
//! module decides where numbers start and what the sentence says of them.
//!
//! ```bnf
//! quantity = direction? before? sign? currency? figure after?
//! figure   = doubling | half | number vague? unit? half-tail? note? range?
//! doubling = "翻" number "番"                          ; 翻两番 = 4 倍
//! half     = "半" time-unit                            ; 半年 = 0.5 年
//! half-tail = "半"                                     ; 一年半 = 1.5 年
//! vague    = ("余" | "多" | "几") scale?               ; 300余万: > 3,000,000, below 4,000,000
//!          | vague-before bare-scale                   ; 数百亿: from 100亿 to 1000亿
//! sign     = "-" | "负" | "零下"                         ; -4.5%, 负2.7%, 零下10摄氏度
//! currency = "￥" | "¥"                                 ; ￥500 = 500 元
//! note     = "(含)" | "(不含)"                          ; 20万元(含)以上 ">=", (不含)以上 ">"
//! range    = separator number unit? note? "之间"?       ; 3至5年, 三百到五百万元, 3-5万元
//!          | "以上" number unit "以下"                  ; 一万元以上十万元以下
//! ```
//!
//! A multiplier written once at the end of a range scales both ends (三百到五百万元 is
//! 3,000,000 to 5,000,000). A counting measure word takes a whole number (3.1本 is none).

use std::borrow::Cow;

use super::comparator::{self, Relation};
use super::{number, unit, WORDS};
use crate::decimal::Decimal;
use crate::model::{Comparator, Direction};

/// A quantity read at byte `i` of line `s`.
#[derive(Debug, Clone)]
pub struct Read {
    /// Start of its span in the line (comparator, sign or ￥ included).
    pub start: usize,
    /// End of its span in the line.
    pub end: usize,
    /// The value, negative for a negative figure.
    pub value: Decimal,
    /// Upper end of a range, or the step below which a vague figure stays.
    pub value_max: Option<Decimal>,
    /// The unit, "" when the figure has none (6.97亿).
    pub unit: String,
    /// What its comparator words say.
    pub relation: Relation,
    /// Approximate (约, 左右, 余, 多, 数百, a rounded fraction).
    pub approximate: bool,
    /// 余/多 after the number: more than the figure.
    pub approx_gt: bool,
    /// Which way a change goes (下降2.7%: down).
    pub direction: Option<Direction>,
}

/// Time units after which a four-digit number is a year, not a duration.
fn is_year(n: &number::Number, unit: &str) -> bool {
    !n.chinese
        && !n.scaled
        && n.share.is_none()
        && unit == "年"
        && n.value.is_integer()
        && (1900.0..=2100.0).contains(&n.value.to_f64())
}

/// The figure of a quantity before its comparator words are read.
struct Figure {
    end: usize,
    value: Decimal,
    value_max: Option<Decimal>,
    unit: Cow<'static, str>,
    /// A range was read (its comparator is "=").
    range: bool,
    /// A vague figure: "~" (数百) or ">" (余, 多).
    vague: Option<Relation>,
    /// 不含 noted after the figure (20万元(不含)以上 is ">").
    exclusive: bool,
    rounded: bool,
    /// Bytes of a vague word before the number that belong to the figure (数 of 数百亿).
    lead: usize,
}

/// Reads the quantity whose number starts at byte `i` of `s`; `floor` is where the last
/// quantity of the line ended (a "-" right after it separates, it is no sign).
pub fn read_quantity(s: &str, i: usize, floor: usize) -> Option<Read> {
    let rest = s.get(i..)?;
    let head = s.get(..i).unwrap_or_default();
    if let Some(r) = doubling(s, i) {
        return Some(r);
    }
    let (figure, n1) = match half(s, i) {
        Some(f) => (f, None),
        None => {
            let n1 = number::read(rest)?;
            // A leading zero is a code or phone number (0535-2129301), not an amount.
            if !n1.chinese
                && rest.starts_with('0')
                && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
            {
                return None;
            }
            if n1.chinese && n1.value == Decimal::from_int(0) {
                return None; // 零部件
            }
            (figure(s, i, &n1, head)?, Some(n1))
        }
    };
    // The words before the number, outermost last: direction, comparator, sign, ￥.
    let head = head.get(..head.len() - figure.lead).unwrap_or_default();
    let (currency, head) = match head.strip_suffix(['￥', '¥']) {
        Some(h) => (true, h),
        None => (false, head),
    };
    let (negative, head) = sign(head, floor);
    let unit = if figure.unit.is_empty() && currency {
        Cow::Borrowed("元")
    } else {
        figure.unit.clone()
    };
    if unit.is_empty() && !n1.is_some_and(|n| scaled_amount(s, figure.end, &n)) {
        return None;
    }
    if let Some(n) = &n1 {
        if is_year(n, &unit) {
            return None;
        }
        // "1.2025年": a list number run into a year.
        if unit == "年" && !n.chinese {
            let text = rest.get(..n.len).unwrap_or_default();
            if text.split_once('.').is_some_and(|(_, f)| f.len() == 4) {
                return None;
            }
        }
    }
    let before = comparator::before(head);
    let mut end = figure.end;
    let after = if figure.range {
        None
    } else {
        comparator::after(s.get(end..).unwrap_or_default())
    };
    if let Some(a) = after {
        end += a.text.len();
    }
    if let Some(n) = &n1 {
        let bare = n.chinese && figure.value_max.is_none() && before.is_none() && after.is_none();
        if bare && !bare_numeral_counts(rest, n, &unit, head) {
            return None;
        }
    }
    let word_head = before.map_or(head, |b| {
        head.get(..head.len() - b.text.len()).unwrap_or_default()
    });
    let direction = comparator::direction(word_head.strip_suffix('了').unwrap_or(word_head));
    // The span starts at the comparator word, else at the sign or ￥, else the number.
    let start = word_head.len();
    let strict = |r: Relation| match r {
        Relation::Is(Comparator::Ge) if figure.exclusive => Relation::Is(Comparator::Gt),
        Relation::Is(Comparator::Le) if figure.exclusive => Relation::Is(Comparator::Lt),
        r => r,
    };
    let approx_gt = figure.vague == Some(Relation::Is(Comparator::Gt));
    let relation = if figure.range {
        Relation::Is(Comparator::Eq)
    } else {
        match (before, after) {
            (Some(b), Some(a)) if matches!(b.relation, Relation::Floor) || b.approximate => {
                strict(a.relation)
            }
            (Some(b), _) => b.relation,
            (None, Some(a)) => strict(a.relation),
            (None, None) => figure.vague.unwrap_or(Relation::Is(Comparator::Eq)),
        }
    };
    let approximate = figure.vague.is_some()
        || figure.rounded
        || before.is_some_and(|b| b.approximate)
        || after.is_some_and(|a| a.approximate);
    let (value, value_max) = if negative && figure.value_max.is_none() {
        (figure.value.checked_mul_int(-1)?, None)
    } else {
        (figure.value, figure.value_max)
    };
    Some(Read {
        start,
        end,
        value,
        value_max,
        unit: unit.into_owned(),
        relation,
        approximate,
        approx_gt,
        direction,
    })
}

/// No unit after a number ending at byte `j`: 6.97亿 is an amount by its scale (an empty
/// unit) unless a Han character follows.
fn scaled_amount(s: &str, j: usize, n1: &number::Number) -> bool {
    let han_follows = s
        .get(j..)
        .and_then(|t| t.chars().next())
        .is_some_and(crate::normalize::is_han);
    n1.scaled && !n1.chinese && !han_follows
}

/// A bare Chinese numeral with no comparator counts only in some forms: 一 as a duration
/// (一年, not 一批), no lone 大写 digit (陆家嘴), a bare scale word only before a unit it
/// may count (十元, 千个; not 万家, 百年).
fn bare_numeral_counts(rest: &str, n: &number::Number, unit: &str, head: &str) -> bool {
    let one = rest.starts_with('一') && n.len == '一'.len_utf8();
    let after_word = WORDS.one_words.iter().any(|w| head.ends_with(w));
    if one && (after_word || !WORDS.one_units.contains(&unit)) {
        return false;
    }
    if n.len == 3 && rest.starts_with(['壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖']) {
        return false;
    }
    if n.len == 3 && rest.starts_with('十') {
        return true;
    }
    !(n.len == 3 && rest.starts_with(['百', '千', '万', '亿']) && !WORDS.scale_units.contains(&unit))
}

/// 翻一番 / 翻两番: doubling N times, read as a multiple (2, 4 倍).
fn doubling(s: &str, i: usize) -> Option<Read> {
    let head = s.get(..i)?;
    if !head.ends_with('翻') {
        return None;
    }
    let n = number::read(s.get(i..)?)?;
    let j = i + n.len;
    if !s.get(j..).is_some_and(|t| t.starts_with('番')) || !n.value.is_integer() {
        return None;
    }
    let times = n.value.to_f64();
    if !(1.0..=6.0).contains(&times) {
        return None;
    }
    let mut value = Decimal::from_int(1);
    for _ in 0..(times as u32) {
        value = value.checked_mul_int(2)?;
    }
    Some(Read {
        start: i - '翻'.len_utf8(),
        end: j + '番'.len_utf8(),
        value,
        value_max: None,
        unit: "倍".to_string(),
        relation: Relation::Is(Comparator::Eq),
        approximate: false,
        approx_gt: false,
        direction: Some(Direction::Up),
    })
}

/// 半年, 半个月, 半小时: half of a time unit (not 上半年, a period, nor 一半, a share).
fn half(s: &str, i: usize) -> Option<Figure> {
    let rest = s.get(i..)?.strip_prefix('半')?;
    if s.get(..i)?
        .ends_with(['上', '下', '前', '后', '一', '大', '多', '过', '减', '折'])
    {
        return None;
    }
    let u = unit::read(rest)?;
    if !WORDS.half_units.contains(&u.name.as_ref()) {
        return None;
    }
    Some(Figure {
        end: i + '半'.len_utf8() + u.len,
        value: Decimal::new(5, 1)?,
        value_max: None,
        unit: u.name,
        range: false,
        vague: None,
        exclusive: false,
        rounded: false,
        lead: 0,
    })
}

/// A sign right before the number: "-" where it cannot join two words or figures (at the
/// start, after a space or a `sign_after` character, not right after another figure), 负
/// (not 正负, ±) or 零下. The head without it.
fn sign(head: &str, floor: usize) -> (bool, &str) {
    if let Some(h) = head.strip_suffix(['-', '−']) {
        let minus = match h.chars().next_back() {
            None => true,
            Some(c) if c.is_whitespace() => true,
            Some(c) => WORDS
                .sign_after
                .iter()
                .any(|w| w.chars().eq(std::iter::once(c))),
        };
        if minus && (h.len() > floor || floor == 0) {
            return (true, h);
        }
        return (false, head);
    }
    if let Some(h) = head.strip_suffix("零下") {
        return (true, h);
    }
    if let Some(h) = head.strip_suffix('负') {
        if !h.ends_with('正') {
            return (true, h);
        }
    }
    (false, head)
}

/// The figure whose number `n1` starts at byte `i`: vague forms, unit, half-tail, note
/// and range.
fn figure(s: &str, i: usize, n1: &number::Number, head: &str) -> Option<Figure> {
    let mut j = i + n1.len;
    let mut value = n1.value;
    let mut value_max = None;
    let mut vague = None;
    let mut lead = 0;
    // 数百亿, 几十家: some tens or hundreds of the scale.
    let bare_scale = n1.chinese
        && s.get(i..)
            .is_some_and(|r| r.starts_with(['十', '百', '千', '万', '亿']));
    if let Some(w) = bare_scale.then(|| comparator::vague_before(head)).flatten() {
        lead = w.len();
        value_max = Some(value.checked_mul_int(10)?);
        vague = Some(Relation::Is(Comparator::Approx));
    }
    let mut unit = unit_at(s, j, n1);
    if unit.is_none() && vague.is_none() {
        // 800余家, 300余万元, 二十几万人: more than the figure, below its next step.
        let tail = s.get(j..).unwrap_or_default();
        if let Some(w) = comparator::vague_after(tail) {
            let k = j + w.text.len();
            let (scale, scale_len) = scale_word(s.get(k..).unwrap_or_default());
            if let Some(u) = unit::read(s.get(k + scale_len..).unwrap_or_default()) {
                let step = value.checked_add(value.last_place())?;
                value = value.checked_mul_int(scale)?;
                value_max = Some(step.checked_mul_int(scale)?);
                vague = Some(w.relation);
                j = k + scale_len;
                unit = Some(u);
            }
        }
    }
    let mut unit_name = unit.as_ref().map(|u| u.name.clone());
    let unit_len = unit.as_ref().map_or(0, |u| u.len);
    // 分别提高31.1个和26.3个百分点: the first figure shares the unit of the second.
    if unit_name.as_deref() == Some("个") {
        if let Some(u) = shared_unit(s.get(j + unit_len..).unwrap_or_default()) {
            unit_name = Some(u);
        }
    }
    // A counting word counts whole things: 3.1本项目 is a section number and a word.
    let counts = unit.as_ref().is_some_and(|u| u.count) && unit_name.as_deref() != Some("个百分点");
    if counts && !value.is_integer() {
        return None;
    }
    j += unit_len;
    // 一年半, 两个小时半: and a half.
    if unit_name
        .as_deref()
        .is_some_and(|u| WORDS.half_units.contains(&u))
        && s.get(j..).is_some_and(|t| t.starts_with('半'))
        && value.is_integer()
        && value_max.is_none()
    {
        value = value.checked_add(Decimal::new(5, 1)?)?;
        j += '半'.len_utf8();
    }
    let (note, note_len) = note(s.get(j..).unwrap_or_default());
    let mut end = j;
    let mut range = false;
    if value_max.is_none() {
        if let Some(r) = range_tail(s, j + note_len, n1, value, unit_name.as_deref()) {
            value = r.value;
            value_max = Some(r.value_max);
            if unit_name.is_none() {
                unit_name = Some(r.unit);
            }
            end = r.end;
            range = true;
        }
    }
    if !range && note.is_some() {
        // A note before a closing word: 20万元(含)以上.
        if comparator::after(s.get(j + note_len..).unwrap_or_default()).is_some() {
            end = j + note_len;
        }
    }
    Some(Figure {
        end,
        value,
        value_max,
        unit: unit_name.unwrap_or(Cow::Borrowed("")),
        range,
        vague,
        exclusive: note == Some(false) && !range,
        rounded: n1.rounded,
        lead,
    })
}

/// A scale word after 余/多/几: its multiplier and length (1 and 0 when none).
fn scale_word(s: &str) -> (i128, usize) {
    const SCALES: [(&str, i128); 8] = [
        ("万亿", 1_000_000_000_000),
        ("千万", 10_000_000),
        ("百万", 1_000_000),
        ("亿", 100_000_000),
        ("万", 10_000),
        ("千", 1_000),
        ("百", 100),
        ("十", 10),
    ];
    SCALES
        .iter()
        .find(|(w, _)| s.starts_with(w))
        .map_or((1, 0), |&(w, k)| (k, w.len()))
}

/// An inclusion note after a figure: (含) is `Some(true)`, (不含) `Some(false)`, with its
/// length.
fn note(s: &str) -> (Option<bool>, usize) {
    for (w, inclusive) in [("(含)", true), ("(不含)", false)] {
        if s.starts_with(w) {
            return (Some(inclusive), w.len());
        }
    }
    (None, 0)
}

/// The second end of a range.
struct RangeTail {
    value: Decimal,
    value_max: Decimal,
    unit: Cow<'static, str>,
    end: usize,
}

/// The rest of a range after its first figure (value `v1`, unit `unit1`) ends at `j`:
/// separator, second number and unit, a note, 之间. A scale written only on the second
/// end scales the first too (三百到五百万元, 3-5万元).
fn range_tail(
    s: &str,
    j: usize,
    n1: &number::Number,
    v1: Decimal,
    unit1: Option<&str>,
) -> Option<RangeTail> {
    let (sep_len, closes_with) = range_separator(s.get(j..)?)?;
    let k = j + sep_len;
    let n2 = number::read(s.get(k..)?)?;
    let u2 = unit_at(s, k + n2.len, &n2)?;
    let unit_ok = unit1.is_none_or(|a| a == u2.name);
    let mut v1 = v1;
    if unit1.is_none() && !n1.scaled && n2.scaled && n2.factor > 1 {
        if let Some(scaled) = v1.checked_mul_int(n2.factor) {
            if scaled.to_f64() < n2.value.to_f64() {
                v1 = scaled;
            }
        }
    }
    let larger = n2.value.to_f64() > v1.to_f64();
    if !unit_ok || !larger || n2.chinese != n1.chinese {
        return None;
    }
    let mut end = k + n2.len + u2.len;
    if let Some(word) = closes_with {
        if !s.get(end..).is_some_and(|t| t.starts_with(word)) {
            return None;
        }
        end += word.len();
    }
    end += note(s.get(end..).unwrap_or_default()).1;
    if s.get(end..).is_some_and(|t| t.starts_with("之间")) {
        end += "之间".len();
    }
    Some(RangeTail {
        value: v1,
        value_max: n2.value,
        unit: u2.name,
        end,
    })
}

/// The longer unit of a coordinated figure after "个": "和26.3个百分点" → 个百分点.
fn shared_unit(tail: &str) -> Option<Cow<'static, str>> {
    let after = WORDS.joiners.iter().find_map(|w| tail.strip_prefix(w))?;
    let n = number::read(after)?;
    let u = unit::read(after.get(n.len..)?)?;
    (u.name.starts_with('个') && u.name != "个").then_some(u.name)
}

/// The unit after a number ending at byte `j`: the share unit of a share in words (%, ‰).
fn unit_at(s: &str, j: usize, n: &number::Number) -> Option<unit::Unit> {
    if let Some(share) = n.share {
        return Some(unit::Unit {
            name: Cow::Borrowed(share),
            len: 0,
            count: false,
        });
    }
    unit::read(s.get(j..)?)
}

/// A range separator at the start of `s`: its length and the word that must close the
/// range (以上 … 以下).
fn range_separator(s: &str) -> Option<(usize, Option<&'static str>)> {
    let words = &*WORDS;
    for sep in &words.ranges {
        if s.starts_with(sep) {
            return Some((sep.len(), None));
        }
    }
    for &(open, close) in &words.open_ranges {
        if s.starts_with(open) {
            return Some((open.len(), Some(close)));
        }
    }
    None
}
