//! Exact decimal numbers for quantity values.
//!
//! A value such as 百分之一点五七 is computed as the integer 157 with two decimal places,
//! never by adding binary floats, and written to JSON as the shortest number that reads
//! back as that decimal (`1.57`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An exact decimal: `mantissa × 10^-scale`.
///
/// ```
/// use zhengce::Decimal;
/// let v = Decimal::parse("1.57").unwrap();
/// assert_eq!(v.to_string(), "1.57");
/// assert_eq!(v.checked_mul_int(10_000).unwrap().to_string(), "15700");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, JsonSchema)]
#[schemars(with = "f64")]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// The largest number of decimal places kept.
const MAX_SCALE: u32 = 18;

impl Decimal {
    /// An integer value.
    pub fn from_int(v: i128) -> Self {
        Decimal {
            mantissa: v,
            scale: 0,
        }
    }

    /// `mantissa × 10^-scale`, reduced; `None` when the scale is too large.
    pub fn new(mantissa: i128, scale: u32) -> Option<Self> {
        if scale > MAX_SCALE {
            return None;
        }
        Some(Decimal { mantissa, scale }.reduced())
    }

    /// Parses `123`, `-4`, `1.57`, `1,234.5`; `None` for anything else or on overflow.
    pub fn parse(s: &str) -> Option<Self> {
        let (neg, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut mantissa: i128 = 0;
        let mut scale = 0u32;
        let mut seen_dot = false;
        let mut seen_digit = false;
        for c in digits.chars() {
            match c {
                '0'..='9' => {
                    seen_digit = true;
                    mantissa = mantissa
                        .checked_mul(10)?
                        .checked_add(i128::from(c as u8 - b'0'))?;
                    if seen_dot {
                        scale += 1;
                        if scale > MAX_SCALE {
                            return None;
                        }
                    }
                }
                '.' if !seen_dot => seen_dot = true,
                ',' if !seen_dot => {}
                _ => return None,
            }
        }
        if !seen_digit {
            return None;
        }
        Decimal::new(if neg { -mantissa } else { mantissa }, scale)
    }

    /// Multiplies by an integer (万 = 10000, 亿 = 10^8); `None` on overflow.
    pub fn checked_mul_int(self, k: i128) -> Option<Self> {
        Decimal::new(self.mantissa.checked_mul(k)?, self.scale)
    }

    /// Adds two decimals exactly; `None` on overflow.
    pub fn checked_add(self, other: Decimal) -> Option<Self> {
        let scale = self.scale.max(other.scale);
        let a = self
            .mantissa
            .checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other
            .mantissa
            .checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Decimal::new(a.checked_add(b)?, scale)
    }

    /// The value as the nearest `f64` (for JSON).
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// True when the value is a whole number.
    pub fn is_integer(self) -> bool {
        self.scale == 0
    }

    fn reduced(mut self) -> Self {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if digits.len() > scale {
            let (int, frac) = digits.split_at(digits.len() - scale);
            write!(f, "{sign}{int}.{frac}")
        } else {
            write!(f, "{sign}0.{}{digits}", "0".repeat(scale - digits.len()))
        }
    }
}

impl Serialize for Decimal {
    /// A JSON number with exactly this value: an integer as its digits (beyond 64 bits
    /// too); a fraction as the shortest float when that float reads back as this decimal,
    /// else as its exact digits (`12345678901234567.89`), never rounded through a float.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.scale == 0 {
            if let Ok(v) = i64::try_from(self.mantissa) {
                return s.serialize_i64(v);
            }
            return s.serialize_i128(self.mantissa);
        }
        let f = self.to_f64();
        let exact = self.to_string();
        if f.is_finite() && format!("{f}") == exact {
            return s.serialize_f64(f);
        }
        match serde_json::value::RawValue::from_string(exact) {
            Ok(raw) => raw.serialize(s),
            Err(_) => s.serialize_f64(f),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Number::deserialize(d)?;
        Decimal::parse(&v.to_string())
            .or_else(|| {
                // Exponent notation: go through f64's shortest representation.
                v.as_f64().and_then(|f| Decimal::parse(&format!("{f}")))
            })
            .ok_or_else(|| serde::de::Error::custom(format!("not a decimal: {v}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_arithmetic() {
        let a = Decimal::parse("1.5").unwrap();
        let b = Decimal::parse("0.07").unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "1.57");
        assert_eq!(a.checked_add(b).unwrap().to_f64(), 1.57);
        assert_eq!(
            Decimal::parse("1.2")
                .unwrap()
                .checked_mul_int(1_000_000_000_000)
                .unwrap()
                .to_string(),
            "1200000000000"
        );
        assert_eq!(Decimal::parse("0.05").unwrap().to_string(), "0.05");
        assert_eq!(Decimal::parse("1,234").unwrap().to_string(), "1234");
        assert!(Decimal::parse("").is_none());
        assert!(Decimal::parse("1.2.3").is_none());
        assert!(
            Decimal::parse(&"9".repeat(60)).is_none(),
            "overflow is None, not a wrap"
        );
    }

    #[test]
    fn serializes_as_a_json_number() {
        let v = Decimal::parse("1.57").unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), "1.57");
        assert_eq!(
            serde_json::to_string(&Decimal::from_int(5000)).unwrap(),
            "5000"
        );
        let back: Decimal = serde_json::from_str("1.57").unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn values_beyond_64_bits_stay_exact() {
        for text in [
            "12345678901234567.89",
            "9223372036854775808",
            "-9223372036854775809",
            "0.1",
            "123456789.123456789",
        ] {
            let v = Decimal::parse(text).unwrap();
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                text,
                "{text} is written exactly"
            );
        }
    }
}
