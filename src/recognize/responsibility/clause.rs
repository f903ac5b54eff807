//! One responsibility clause: the text inside a parenthetical, or a trailing sentence, read
//! into units with their roles.
//!
//! ```text
//! clause    = sentence { "。" sentence }
//! sentence  = scope-note                                   以下均需各区人民政府落实,不再列出
//!           | labelled { ";" labelled }                    牵头单位:市发展改革委;配合单位:市财政局
//!           | role-part { "," role-part }                  省科技厅牵头,省财政厅配合
//! labelled  = label ":" units [phrase]                     责任单位:省发展改革委…按职责分工负责
//! role-part = units phrase                                 市工业和信息化局等按职责分工负责
//! ```
//!
//! Labels, phrases and scope markers come from `grammars/responsibility.txt`; units are cut
//! by [`crate::recognize::department::split_units`]. In an unlabelled clause every unit must
//! read as a unit name ([`crate::recognize::department::is_unit`]), which is what keeps
//! （试行）, （2023—2025年） and （此件公开发布） out.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::scan;
use crate::chars::{self, ByteSet, PairSet};
use crate::grammar;
use crate::recognize::department::{is_name_like, is_unit, more_chars_than, split_units};

/// What a label or phrase says about the units it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 牵头: leading.
    Lead,
    /// 配合 / 参与: supporting.
    Support,
    /// Responsible, without a lead/support label.
    Duty,
}

struct Vocabulary {
    labels: Vec<(&'static str, Role)>,
    phrases: Vec<(&'static str, Role)>,
    qualifiers: Vec<&'static str>,
    scopes: Vec<&'static str>,
    /// Words after which a standing instruction names its units.
    scope_starts: Vec<&'static str>,
    /// Words that end those units.
    scope_ends: Vec<&'static str>,
    /// Words of a table's deadline cell.
    deadlines: Vec<&'static str>,
}

/// The words of a table's deadline cell (2025年底, 长期).
pub(super) fn deadline_words() -> &'static [&'static str] {
    &VOCABULARY.deadlines
}

fn role(s: &str) -> Role {
    match s {
        "lead" => Role::Lead,
        "support" => Role::Support,
        _ => Role::Duty,
    }
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let mut v = Vocabulary {
        labels: Vec::new(),
        phrases: Vec::new(),
        qualifiers: Vec::new(),
        scopes: Vec::new(),
        scope_starts: Vec::new(),
        scope_ends: Vec::new(),
        deadlines: Vec::new(),
    };
    for row in grammar::entries(grammar::RESPONSIBILITY.contents) {
        match row.as_slice() {
            ["label", s, r] => v.labels.push((s, role(r))),
            ["phrase", s, r] => v.phrases.push((s, role(r))),
            ["qualifier", s, _] => v.qualifiers.push(s),
            ["scope", s, _] => v.scopes.push(s),
            ["scope_start", s, _] => v.scope_starts.push(s),
            ["scope_end", s, _] => v.scope_ends.push(s),
            ["deadline", s, _] => v.deadlines.push(s),
            _ => {}
        }
    }
    // Longest first, so 按职责分工负责 wins over 负责.
    v.labels.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v.phrases.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v.qualifiers.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v
});

/// A clause read into units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Every unit, in order, as printed.
    pub departments: Vec<String>,
    /// Units labelled as leading.
    pub lead: Vec<String>,
    /// Units labelled as supporting.
    pub support: Vec<String>,
    /// The label or phrase that assigns responsibility.
    pub phrase: Option<String>,
    /// A standing instruction for the tasks that follow.
    pub scope_note: Option<String>,
}

/// The label (and its role) that `s` starts with, followed by a colon; returns the rest.
pub fn strip_label(s: &str) -> Option<(&'static str, Role, &str)> {
    let s = s.trim_start();
    // Most text starts with no label's first char: one lookup instead of one per label.
    let first = s.chars().next()?;
    if !LABEL_FIRST.contains(&first) {
        return None;
    }
    VOCABULARY.labels.iter().find_map(|(label, role)| {
        let rest = s.strip_prefix(label)?.trim_start();
        let rest = rest.strip_prefix(':')?;
        Some((*label, *role, rest))
    })
}

/// The first chars of the labels.
static LABEL_FIRST: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = VOCABULARY
        .labels
        .iter()
        .filter_map(|(l, _)| l.chars().next())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// The role of a column header or label printed without a colon (牵头部门 → lead).
pub fn label_role(s: &str) -> Option<Role> {
    let s = s.trim();
    VOCABULARY
        .labels
        .iter()
        .find(|(label, _)| *label == s)
        .map(|(_, role)| *role)
}

/// The role phrase `s` ends with, with a qualifier printed before it (按职责分工, 分别,
/// 依职责), and the text before both.
fn strip_phrase(s: &str) -> Option<(String, Role, &str)> {
    let s = s.trim_end();
    let v = &*VOCABULARY;
    let (phrase, role, head) = v.phrases.iter().find_map(|(phrase, role)| {
        let head = s.strip_suffix(phrase)?;
        Some((*phrase, *role, head))
    })?;
    match v
        .qualifiers
        .iter()
        .find_map(|q| Some((*q, head.strip_suffix(q)?)))
    {
        Some((q, rest)) if !rest.is_empty() => Some((format!("{q}{phrase}"), role, rest)),
        _ => Some((phrase.to_string(), role, head)),
    }
}

/// Every standing-instruction marker, leftmost match first.
static SCOPES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostFirst)
        .build(&VOCABULARY.scopes)
        .unwrap_or_else(|e| panic!("responsibility scope markers: {e}"))
});

/// True when `s` holds a standing-instruction marker.
fn is_scope_note(s: &str) -> bool {
    SCOPES.is_match(s)
}

/// A labelled sentence with a standing instruction after a comma (`责任单位:市科委,下同`):
/// the sentence before it, and the instruction.
fn split_scope_tail(sentence: &str) -> (&str, Option<&str>) {
    if strip_label(sentence).is_none() {
        return (sentence, None);
    }
    // Leftmost-first: the earliest start of any marker.
    let Some(m) = SCOPES.find(sentence).map(|m| m.start()) else {
        return (sentence, None);
    };
    match sentence.get(..m).and_then(|h| h.rfind(',')) {
        Some(comma) => {
            let note = sentence.get(comma..).unwrap_or_default();
            let note = note.trim_start_matches(',');
            (sentence.get(..comma).unwrap_or(sentence), Some(note))
        }
        None => (sentence, None),
    }
}

/// Splits `s` at any of `seps` outside brackets.
fn split_top<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    split_top_ranges(s, seps)
        .into_iter()
        .map(|r| s.get(r).unwrap_or_default())
        .collect()
}

/// The byte ranges of `s` between separators from `seps` that stand outside brackets.
pub(super) fn split_top_ranges(s: &str, seps: &[char]) -> Vec<std::ops::Range<usize>> {
    let is_sep = |c: char| seps.contains(&c);
    match separator_patterns(seps) {
        // The brackets and separators are found in one [`crate::bytescan`] pass and only
        // they are decoded.
        Some(patterns) => {
            let wanted = |a: u8, b: u8, c: u8| {
                let sep = patterns.iter().fold(false, |any, &([x, y, z], len)| {
                    any | ((a == x) & ((len < 2) | (b == y)) & ((len < 3) | (c == z)))
                });
                sep | chars::is_bracket_bytes(a, b, c)
            };
            let places = crate::bytescan::places(s.as_bytes(), wanted);
            let found = places
                .into_iter()
                .filter_map(|i| s.get(i..)?.chars().next().map(|c| (i, c)));
            chars::pieces(s.len(), found, is_sep).collect()
        }
        None => chars::pieces(s.len(), s.char_indices(), is_sep).collect(),
    }
}

/// Up to four separators of at most three bytes as byte patterns (bytes, length); `None`
/// for more or longer ones, which are found by decoding every character. 0xFF never
/// occurs in UTF-8, so unused slots and the bytes after a short separator never match.
fn separator_patterns(seps: &[char]) -> Option<[([u8; 3], usize); 4]> {
    let mut patterns = [([0xFFu8; 3], 3usize); 4];
    if seps.len() > patterns.len() || seps.iter().any(|c| c.len_utf8() > 3) {
        return None;
    }
    for (slot, c) in patterns.iter_mut().zip(seps) {
        let mut buf = [0u8; 4];
        let encoded = c.encode_utf8(&mut buf).as_bytes();
        for (to, from) in slot.0.iter_mut().zip(encoded) {
            *to = *from;
        }
        slot.1 = encoded.len();
    }
    Some(patterns)
}

/// The units named in a standing instruction: 以下均需各区人民政府落实 → 各区人民政府.
///
/// ```
/// use zhengce::recognize::responsibility::clause::parse_scope_units;
/// assert_eq!(parse_scope_units("以下均需各区人民政府落实,不再列出"), ["各区人民政府"]);
/// ```
pub fn parse_scope_units(note: &str) -> Vec<String> {
    let v = &*VOCABULARY;
    let Some((at, len)) = v
        .scope_starts
        .iter()
        .filter_map(|m| note.find(m).map(|i| (i, m.len())))
        .min_by_key(|(i, len)| (*i, std::cmp::Reverse(*len)))
    else {
        return Vec::new();
    };
    let rest = note.get(at + len..).unwrap_or_default();
    let end = v
        .scope_ends
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let list = rest.get(..end).unwrap_or_default();
    let units: Vec<String> = split_units(list)
        .iter()
        .map(|u| u.text.to_string())
        .collect();
    if units.iter().all(|u| is_unit(u)) {
        units
    } else {
        Vec::new()
    }
}

/// How strictly the units of a clause are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// After a label: any name.
    None,
    /// Inside brackets: every unit looks like a name, and the first or most read as unit
    /// names.
    Most,
    /// A sentence without brackets: every unit reads as a unit name.
    All,
}

/// A role note printed after a unit: 市发展改革委(牵头) → (市发展改革委, lead).
fn role_note(unit: &str) -> Option<(&str, Role)> {
    let body = unit.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let note = body.get(open + 1..)?;
    let head = body.get(..open)?;
    let v = &*VOCABULARY;
    let role = v
        .labels
        .iter()
        .chain(v.phrases.iter())
        .find(|(w, _)| *w == note)
        .map(|(_, r)| *r)?;
    (!head.is_empty() && role != Role::Duty).then_some((head, role))
}

fn push_units(parsed: &mut Parsed, role: Role, list: &str, check: Check) -> bool {
    let mut units = split_units(list);
    // Another field of a labelled clause (时间:2025年底) is not a unit.
    units.retain(|u| !u.text.contains(':'));
    let read = units.iter().filter(|u| is_unit(u.text)).count();
    let ok = match check {
        Check::None => !units.is_empty(),
        Check::Most => {
            let first = units.first().is_some_and(|u| is_unit(u.text));
            (first || read * 2 >= units.len()) && units.iter().all(|u| is_name_like(u.text))
        }
        Check::All => read > 0 && read == units.len(),
    };
    if !ok {
        return false;
    }
    for u in &units {
        let (name, role) = role_note(u.text).unwrap_or((u.text, role));
        let name = name.to_string();
        match role {
            Role::Lead => parsed.lead.push(name.clone()),
            Role::Support => parsed.support.push(name.clone()),
            Role::Duty => {}
        }
        parsed.departments.push(name);
    }
    true
}

/// Byte offsets where a label with its colon starts, outside brackets.
fn label_starts(sentence: &str) -> Vec<usize> {
    chars::top_level(sentence)
        .map(|(i, _)| i)
        .filter(|&i| sentence.get(i..).and_then(strip_label).is_some())
        .collect()
}

/// Reads a labelled clause (`责任单位:…`, `牵头单位:…;配合单位:…`, `牵头单位:…配合单位:…`).
fn labelled(sentence: &str, parsed: &mut Parsed) -> bool {
    let starts = label_starts(sentence);
    let mut any = false;
    for (k, &at) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(sentence.len());
        let Some((label, role, rest)) = sentence.get(at..end).and_then(strip_label) else {
            continue;
        };
        // A field after a semicolon (;完成时限:2025年) is not part of the list.
        let rest = split_top(rest, &[';']).first().copied().unwrap_or(rest);
        let rest = rest.trim_end_matches([',', '。']);
        let (phrase, list) = match strip_phrase(rest) {
            Some((p, _, head)) => (Some(p), head),
            None => (None, rest),
        };
        if push_units(parsed, role, list, Check::None) {
            any = true;
            if parsed.phrase.is_none() {
                parsed.phrase = Some(phrase.unwrap_or_else(|| label.to_string()));
            }
        }
    }
    any
}

/// True for a deadline printed beside the units (2025年底前完成, 长期坚持).
fn is_deadline(part: &str) -> bool {
    let dated =
        part.bytes().any(|b| b.is_ascii_digit()) && (part.contains('年') || part.contains('月'));
    (dated || part.starts_with("长期") || part.starts_with("持续")) && !more_chars_than(part, 16)
}

/// Reads an unlabelled clause (`X、Y等按职责分工负责`, `X牵头,Y配合`); every unit must
/// read as a unit name.
fn unlabelled(sentence: &str, parsed: &mut Parsed, check: Check) -> bool {
    let mut pending_start: Option<usize> = None;
    let mut any = false;
    for part in split_top(sentence, &[',', ';']) {
        // `part` is a slice of `sentence`: its offset is the pointer difference.
        let part_start = (part.as_ptr() as usize).saturating_sub(sentence.as_ptr() as usize);
        if pending_start.is_none() && is_deadline(part) {
            continue;
        }
        let start = *pending_start.get_or_insert(part_start);
        let end = part_start + part.len();
        let group = sentence.get(start..end).unwrap_or_default();
        if let Some((phrase, role, head)) = strip_phrase(group) {
            if !push_units(parsed, role, head, check) {
                return false;
            }
            if parsed.phrase.is_none() {
                parsed.phrase = Some(phrase);
            }
            any = true;
            pending_start = None;
        }
    }
    any && pending_start.is_none()
}

/// The clause without spaces: a line break inside it is dropped (牵头部\n\n门 → 牵头部门),
/// a space after a complete unit name separates units (市科委 市财政局 → 市科委、市财政局).
fn compact(text: &str) -> Cow<'_, str> {
    if !scan::has_space(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let mut newline = c == '\n';
        while let Some(&n) = chars.peek() {
            if !n.is_whitespace() {
                break;
            }
            newline |= n == '\n';
            chars.next();
        }
        if newline || chars.peek().is_none() {
            continue;
        }
        let tail_start = out
            .rfind(['、', ',', ':', ';', '。', '(', ')'])
            .and_then(|i| out.get(i..)?.chars().next().map(|c| i + c.len_utf8()))
            .unwrap_or(0);
        let tail = out.get(tail_start..).unwrap_or_default();
        if !tail.is_empty() && is_unit(tail) && strip_label(tail).is_none() {
            out.push('、');
        }
    }
    Cow::Owned(out)
}

/// Reads the text of a parenthetical or trailing clause. `None` when it does not assign
/// responsibility.
///
/// ```
/// use zhengce::recognize::responsibility::clause::parse;
/// let p = parse("省科技厅牵头,省财政厅配合").unwrap();
/// assert_eq!(p.lead, ["省科技厅"]);
/// assert_eq!(p.support, ["省财政厅"]);
/// assert!(parse("试行").is_none());
/// ```
pub fn parse(text: &str) -> Option<Parsed> {
    parse_checked(text, Check::Most)
}

/// Reads a sentence printed without brackets: every unit of an unlabelled clause must read
/// as a unit name.
///
/// ```
/// use zhengce::recognize::responsibility::clause::parse_sentence;
/// assert!(parse_sentence("各区人民政府负责落实").is_some());
/// assert!(parse_sentence("坚持党委领导、政府负责").is_none());
/// ```
pub fn parse_sentence(text: &str) -> Option<Parsed> {
    parse_checked(text, Check::All)
}

/// Every label and phrase by its last character, sorted by that character: a cue that ends
/// at a given place shares the character before it.
static CUE_ENDINGS: LazyLock<Vec<(char, Vec<&'static str>)>> = LazyLock::new(|| {
    let v = &*VOCABULARY;
    let mut by_last: std::collections::BTreeMap<char, Vec<&'static str>> = Default::default();
    for (w, _) in v.labels.iter().chain(v.phrases.iter()) {
        if let Some(c) = w.chars().next_back() {
            by_last.entry(c).or_default().push(w);
        }
    }
    by_last.into_iter().collect()
});

/// The last UTF-8 byte of every label and phrase: a cue ends at a place only when the
/// byte before it is one of these, which rules out most places with one lookup.
static CUE_LAST_BYTES: LazyLock<ByteSet> = LazyLock::new(|| {
    let mut set = ByteSet::new();
    for w in CUE_ENDINGS.iter().flat_map(|(_, words)| words) {
        if let Some(&b) = w.as_bytes().last() {
            set.insert(b);
        }
    }
    set
});

/// True when a label or phrase ends exactly at byte `end` of `text`.
fn cue_ends_at(text: &str, end: usize) -> bool {
    let last_byte = end
        .checked_sub(1)
        .and_then(|i| text.as_bytes().get(i))
        .copied();
    if !last_byte.is_some_and(|b| CUE_LAST_BYTES.contains(b)) {
        return false;
    }
    let Some(head) = text.get(..end) else {
        return false;
    };
    let Some(last) = head.chars().next_back() else {
        return false;
    };
    let endings = &*CUE_ENDINGS;
    endings
        .binary_search_by_key(&last, |(c, _)| *c)
        .ok()
        .and_then(|i| endings.get(i))
        .is_some_and(|(_, words)| words.iter().any(|w| head.ends_with(w)))
}

/// The last two bytes of every label and phrase: a cue ends at a place only when the two
/// bytes before it are such a pair, which rules out nearly every place with one lookup.
static CUE_LAST_PAIRS: LazyLock<PairSet> = LazyLock::new(|| {
    let v = &*VOCABULARY;
    PairSet::of_word_ends(v.labels.iter().chain(v.phrases.iter()).map(|(w, _)| *w))
});

/// True when some label or phrase may end at byte `end` of `bytes`, by its last two
/// bytes (a byte before the text reads as 0).
fn may_end_cue(bytes: &[u8], end: usize) -> bool {
    let at = |k: usize| end.checked_sub(k).and_then(|i| bytes.get(i)).copied();
    let Some(last) = at(1) else {
        return false;
    };
    CUE_LAST_PAIRS.contains(at(2).unwrap_or(0), last)
}

/// The offsets of `text`, ascending, of the stops (`, ; : 。`) that directly follow
/// a label or phrase: inside a line, the cues [`has_cue`] accepts end at these.
pub(super) fn cue_stop_candidates(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    crate::bytescan::each_place(bytes, chars::is_clause_stop_bytes, |i| {
        if may_end_cue(bytes, i) && cue_ends_at(text, i) {
            out.push(i);
        }
    });
    out
}

/// [`has_cue`] on `line`, a slice of a text starting at byte `start` of it, given the
/// text's [`cue_stop_candidates`].
pub(super) fn has_cue_in_line(line: &str, start: usize, candidates: &[usize]) -> bool {
    let from = candidates.partition_point(|&e| e < start);
    cue_ends_at(line, line.len())
        || candidates
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&e| e < start + line.len())
            .any(|&e| cue_ends_at(line, e - start))
}

/// True when a label or phrase ends where a clause part may end: a phrase closes a part
/// (before , ; 。 or the end) and a label takes a colon. Without one, nothing is assigned.
///
/// Only the places a cue may end are looked at: the end of the text and every
/// `, ; : 。`; at each, the cues sharing the character before it are compared.
pub(super) fn has_cue(text: &str) -> bool {
    has_cue_at(text, |f| scan::any_stop(text, f))
}

/// [`has_cue`] with the stops of `text` handed over by `stops` (which calls its argument
/// with their offsets until it accepts one).
fn has_cue_at(text: &str, stops: impl FnOnce(&mut dyn FnMut(usize) -> bool) -> bool) -> bool {
    let bytes = text.as_bytes();
    cue_ends_at(text, text.len())
        || stops(&mut |i| chars::is_clause_stop_at(bytes, i) && cue_ends_at(text, i))
}

/// [`has_cue`] on the text with its spaces left out. [`compact`] only drops spaces and may
/// put a 、 (neither a stop nor part of any cue) where one stood, so a text that fails
/// this has no cue once compacted either; the test is much cheaper than compacting.
pub(super) fn has_cue_without_spaces(text: &str) -> bool {
    let joined = scan::without_spaces(text);
    // [`has_cue`], with the stops found by one vectorized pass.
    cue_ends_at(&joined, joined.len()) || !cue_stop_candidates(&joined).is_empty()
}

fn parse_checked(text: &str, check: Check) -> Option<Parsed> {
    // A labelled and an unlabelled clause both need a label or a phrase.
    if scan::has_space(text) && !has_cue_without_spaces(text) {
        return None;
    }
    // Without spaces the compact text is the text itself, borrowed.
    let compact = compact(text);
    if !has_cue(&compact) {
        return None;
    }
    let mut parsed = Parsed::default();
    let mut any_labelled = false;
    let mut all_read = true;
    let mut any = false;
    for sentence in split_top(&compact, &['。']) {
        let sentence = sentence.trim_matches(|c| c == ',' || c == ';');
        if sentence.is_empty() {
            continue;
        }
        let (sentence, note) = split_scope_tail(sentence);
        if let Some(note) = note {
            if parsed.scope_note.is_none() {
                parsed.scope_note = Some(note.to_string());
            }
        }
        if is_scope_note(sentence) && strip_label(sentence).is_none() {
            if parsed.scope_note.is_none() {
                parsed.scope_note = Some(sentence.to_string());
            }
            continue;
        }
        if (strip_label(sentence).is_some() || sentence.contains(';'))
            && labelled(sentence, &mut parsed)
        {
            any_labelled = true;
            any = true;
            continue;
        }
        if unlabelled(sentence, &mut parsed, check) {
            any = true;
        } else {
            all_read = false;
        }
    }
    (any && (all_read || any_labelled)).then_some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting_by_lead_bytes_matches_the_char_loop() {
        let s = "甲(乙,丙)。丁,戊;己【庚。辛】〔壬;癸〕((子,丑))";
        for seps in [&['。'][..], &[',', ';'][..], &[';'][..]] {
            let expected: Vec<std::ops::Range<usize>> =
                chars::pieces(s.len(), s.char_indices(), |c| seps.contains(&c)).collect();
            assert_eq!(
                split_top_ranges(s, seps),
                expected,
                "the split at {seps:?} is the char loop's"
            );
        }
    }

    #[test]
    fn cue_search_agrees_with_an_overlapping_search() {
        for s in [
            "市科委负责",
            "市科委负责,2025年底前完成",
            "负责人",
            "牵头负责。配合",
            "牵头单位:市发展改革委",
            "牵头单位 :市发展改革委",
            "责任单位:市财政局",
            "各区落实;其他",
            "各区落实,其他",
            "",
        ] {
            let overlapping = CUES.find_overlapping_iter(s).any(|m| {
                s.get(m.end()..).is_some_and(|rest| {
                    rest.chars()
                        .next()
                        .is_none_or(|c| matches!(c, ',' | ';' | '。' | ':'))
                })
            });
            assert_eq!(
                has_cue(s),
                overlapping,
                "the cue search of ({s}) matches an overlapping search"
            );
        }
    }

    /// Every label and phrase, for the reference search in the tests.
    static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let v = &*VOCABULARY;
        AhoCorasick::new(v.labels.iter().chain(v.phrases.iter()).map(|(w, _)| *w)).unwrap()
    });

    #[test]
    fn scope_note_is_kept_apart() {
        let p = parse("市农业农村委、市知识产权局等部门及各区人民政府负责落实。以下均需各区人民政府落实,不再列出")
            .unwrap();
        assert_eq!(
            p.departments,
            ["市农业农村委", "市知识产权局", "各区人民政府"],
            "units of the first sentence only"
        );
        assert_eq!(p.phrase.as_deref(), Some("负责落实"), "the closing phrase");
        assert_eq!(
            p.scope_note.as_deref().map(parse_scope_units),
            Some(vec!["各区人民政府".to_string()]),
            "the unit the note implies"
        );
    }

    #[test]
    fn labels_give_roles() {
        let p = parse("牵头单位:市发展改革委;配合单位:市财政局、市商务局").unwrap();
        assert_eq!(p.lead, ["市发展改革委"], "牵头单位 labels the lead");
        assert_eq!(
            p.support,
            ["市财政局", "市商务局"],
            "配合单位 labels support"
        );
        assert_eq!(p.departments.len(), 3, "every unit is listed");
    }

    #[test]
    fn deadlines_beside_units_are_skipped() {
        for s in [
            "市科委负责,2025年底前完成",
            "2025年6月底前,市科委负责",
            "市科委牵头;长期坚持",
        ] {
            let p = parse(s).unwrap_or_default();
            assert_eq!(
                p.departments,
                ["市科委"],
                "the deadline in ({s}) is not a unit"
            );
        }
        assert!(
            parse("2025年底前完成").is_none(),
            "a deadline alone is no clause"
        );
    }

    #[test]
    fn non_responsibility_parentheses_are_refused() {
        for s in [
            "试行",
            "2023—2025年",
            "此件公开发布",
            "服务",
            "津质量发〔2023〕3号",
            "失智",
        ] {
            assert!(parse(s).is_none(), "({s}) is not a responsibility");
        }
    }
}
