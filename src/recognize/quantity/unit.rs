//! Units and measure words after a number, from the unit grammar `grammars/units.txt`.
//!
//! The grammar lists unit parts by class: whole units and measure words, counting words,
//! SI prefixes and bases written in Chinese or in Latin letters, and 平方/立方. The lexicon
//! is every word they make (千 + 克, 平方 + 公里, k + Wh), built once; the longest unit
//! that its context allows wins (个百分点 before 个, 台币 before 台, 平方公里 before 公里).
//! A compound rate (元/吨, 微克/立方米, 天/季, 元每吨) is read as one unit.
//!
//! ```bnf
//! unit   = simple (("/" | "每") (simple | per))?
//! simple = word | area? prefix? base | symbol-prefix? symbol-base | symbol
//! ```
//!
//! Hands on the canonical unit, the matched length, and whether it counts whole things
//! (a count's number is whole: "3.1本项目" holds no 3.1本).

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::grammar;

/// What must follow a unit for it to be one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Context {
    /// Anything.
    Any,
    /// Not one of these characters (台账 is no 台).
    NotBefore(&'static str),
    /// One of these words (七日内, not 9月30日召开).
    OnlyBefore(Vec<&'static str>),
    /// No Latin letter or digit (kg, but not the k of "kgf2").
    Symbol,
}

/// One word of the lexicon.
#[derive(Debug, Clone)]
struct Entry {
    printed: Cow<'static, str>,
    canonical: Cow<'static, str>,
    count: bool,
    context: Context,
}

impl Entry {
    /// True when the text after the unit (`after`) lets it be one.
    fn fits(&self, after: &str) -> bool {
        match &self.context {
            Context::Any => true,
            Context::NotBefore(chars) => after.chars().next().is_none_or(|c| !chars.contains(c)),
            Context::OnlyBefore(words) => words.iter().any(|w| after.starts_with(w)),
            Context::Symbol => !after
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric()),
        }
    }
}

/// The lexicon: entries grouped by first character (sorted for a binary search), longest
/// first within a group; and the words that may end a compound after "/".
struct Lexicon {
    groups: Vec<(char, Vec<Entry>)>,
    per: Vec<&'static str>,
}

/// A unit read after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The unit as output (元/吨, 个百分点).
    pub name: Cow<'static, str>,
    /// Its length in bytes as printed.
    pub len: usize,
    /// A measure word that counts whole things (个, 家, 本).
    pub count: bool,
}

/// The context field of a grammar row.
fn context(field: Option<&&'static str>) -> Context {
    match field {
        Some(f) if f.starts_with('-') => Context::NotBefore(f.get(1..).unwrap_or_default()),
        Some(f) if f.starts_with('+') => {
            Context::OnlyBefore(f.get(1..).unwrap_or_default().split(' ').collect())
        }
        _ => Context::Any,
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut words: Vec<Entry> = Vec::new();
    let mut per = Vec::new();
    // Parts by class: (printed, context).
    let (mut prefix, mut base, mut length, mut area) = (vec![], vec![], vec![], vec![]);
    let (mut sym_prefix, mut sym_base) = (vec![], vec![]);
    for row in grammar::entries(grammar::UNITS.contents) {
        let (Some(&printed), Some(&out), Some(&class)) = (row.first(), row.get(1), row.get(2))
        else {
            continue;
        };
        let canonical = if out == "=" { printed } else { out };
        let ctx = context(row.get(3));
        let entry = |count, context| Entry {
            printed: Cow::Borrowed(printed),
            canonical: Cow::Borrowed(canonical),
            count,
            context,
        };
        match class {
            "unit" => words.push(entry(false, ctx)),
            "count" => words.push(entry(true, ctx)),
            "per" => per.push(printed),
            "prefix" => prefix.push(printed),
            "base" => {
                words.push(entry(false, ctx.clone()));
                base.push((printed, ctx));
            }
            "length" => {
                words.push(entry(false, ctx.clone()));
                length.push((printed, ctx));
            }
            "area" => area.push(printed),
            "symbol-prefix" => sym_prefix.push(printed),
            "symbol-base" => {
                words.push(entry(false, Context::Symbol));
                sym_base.push(printed);
            }
            "symbol" => words.push(entry(false, Context::Symbol)),
            _ => {}
        }
    }
    let made = |printed: String, context: Context| Entry {
        canonical: Cow::Owned(printed.clone()),
        printed: Cow::Owned(printed),
        count: false,
        context,
    };
    // prefix base: 千克, 毫升, 千瓦时; prefix length: 千米, 厘米.
    let mut lengths: Vec<(String, Context)> =
        length.iter().map(|(l, c)| (l.to_string(), c.clone())).collect();
    for p in &prefix {
        for (b, c) in &base {
            words.push(made(format!("{p}{b}"), c.clone()));
        }
        for (l, c) in &length {
            lengths.push((format!("{p}{l}"), c.clone()));
            words.push(made(format!("{p}{l}"), c.clone()));
        }
    }
    // area length: 平方米, 立方千米.
    for a in &area {
        for (l, c) in &lengths {
            words.push(made(format!("{a}{l}"), c.clone()));
        }
    }
    // symbol-prefix symbol-base: kg, MPa, kWh.
    for p in &sym_prefix {
        for b in &sym_base {
            words.push(made(format!("{p}{b}"), Context::Symbol));
        }
    }
    // A listed word wins over a made one of the same spelling (千米 is output as 公里).
    let mut seen = std::collections::HashSet::new();
    words.retain(|e| seen.insert(e.printed.clone()));
    let mut groups: Vec<(char, Vec<Entry>)> = Vec::new();
    for e in words {
        let Some(c) = e.printed.chars().next() else {
            continue;
        };
        match groups.iter_mut().find(|g| g.0 == c) {
            Some(g) => g.1.push(e),
            None => groups.push((c, vec![e])),
        }
    }
    for g in &mut groups {
        g.1.sort_by_key(|e| std::cmp::Reverse(e.printed.len()));
    }
    groups.sort_by_key(|g| g.0);
    Lexicon { groups, per }
});

/// The unit at the start of `s`.
///
/// ```
/// use zhengce::recognize::quantity::unit::read;
/// assert_eq!(read("个百分点以上").map(|u| u.name), Some("个百分点".into()));
/// assert_eq!(read("微克/立方米").map(|u| u.name), Some("微克/立方米".into()));
/// assert_eq!(read("台币").map(|u| u.name), Some("台币".into()));
/// assert!(read("台账").is_none());
/// assert_eq!(read("kWh").map(|u| u.len), Some(3));
/// assert!(read("月").is_none());
/// ```
pub fn read(s: &str) -> Option<Unit> {
    let (first, len) = simple(s)?;
    let rest = s.get(len..).unwrap_or_default();
    let per = rest
        .strip_prefix('/')
        .map(|a| (a, 1))
        .or_else(|| rest.strip_prefix('每').map(|a| (a, '每'.len_utf8())));
    if let Some((after, sep)) = per {
        let second = simple(after).map(|(e, l)| (e.canonical.as_ref(), l)).or_else(|| {
            LEXICON
                .per
                .iter()
                .find(|w| after.starts_with(**w))
                .map(|w| (*w, w.len()))
        });
        if let Some((p, l)) = second {
            return Some(Unit {
                name: Cow::Owned(format!("{}/{p}", first.canonical)),
                len: len + sep + l,
                count: false,
            });
        }
    }
    Some(Unit {
        name: first.canonical.clone(),
        len,
        count: first.count,
    })
}

/// The longest lexicon word at the start of `s` that its context allows.
fn simple(s: &str) -> Option<(&'static Entry, usize)> {
    let lexicon: &'static Lexicon = &LEXICON;
    let c = s.chars().next()?;
    let group = lexicon.groups.binary_search_by_key(&c, |g| g.0).ok()?;
    lexicon
        .groups
        .get(group)?
        .1
        .iter()
        .find(|e| {
            super::has_prefix(s, &e.printed) && e.fits(s.get(e.printed.len()..).unwrap_or(""))
        })
        .map(|e| (e, e.printed.len()))
}
