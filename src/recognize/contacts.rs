//! Contact lines: whom to ask about a document, and how.
//!
//! ```text
//! contacts = field { gap field }            ; a field of each kind at most once
//! field    = label ws ":" ws value          ; label opens the line or follows a gap
//! label    = a word of grammars/contacts.txt, spaces allowed between its characters
//! value    = up to the next label, "," ";" "。" or the line's end
//! gap      = only spaces, line breaks and , ; 、 ( ) • * between two fields
//! ```
//!
//! Real examples: `(联系人:白文俊、巴义日,联系电话:8812822,电子邮箱:ewkdc@163.com)` on one
//! line; `联系人:白鸽、乔磊` / `电   话:010-62132291` / `邮   箱:ZJXZLFH@163.com` on lines of
//! their own. A value must read as its field: a phone or fax number has seven digits or
//! more and nothing but digits and their punctuation, an e-mail address one `@` and a
//! dotted domain, a name 2 to 6 Han characters (and 、 between names). A label in running
//! text (工作联系人、联系方式等反馈至…) has no colon and is not read; a form's empty field
//! (联系方式:) has no value. Chrome lines (a portal's own footer) are passed over.
//!
//! Hands on `contacts`, in text order, spans in the normalized text.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Findings, Input};
use crate::grammar;
use crate::model::{Contact, TextSpan};
use crate::normalize::is_han;
use crate::segment::Segmented;
use crate::span::Span;

/// The field a label's value fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Phone,
    PhoneOrEmail,
    Email,
    Fax,
    Address,
}

/// The labels of `grammars/contacts.txt`.
struct Labels {
    /// Each label's field, by the label's characters.
    fields: HashMap<String, Field>,
    /// The most characters a label has.
    longest: usize,
    /// The last character of every label: a colon after any other is passed over.
    last: Vec<char>,
}

static LABELS: LazyLock<Labels> = LazyLock::new(|| {
    let mut fields = HashMap::new();
    let mut longest = 0;
    let mut last = Vec::new();
    for row in grammar::entries(grammar::CONTACTS.contents) {
        let field = match row.get(1).copied() {
            Some("name") => Field::Name,
            Some("phone") => Field::Phone,
            Some("phone_or_email") => Field::PhoneOrEmail,
            Some("email") => Field::Email,
            Some("fax") => Field::Fax,
            Some("address") => Field::Address,
            _ => continue,
        };
        if let Some(label) = row.first() {
            longest = longest.max(label.chars().count());
            last.extend(label.chars().next_back());
            fields.insert((*label).to_string(), field);
        }
    }
    last.sort_unstable();
    last.dedup();
    Labels {
        fields,
        longest,
        last,
    }
});

/// A label and its value, read from the text.
#[derive(Debug, Clone)]
struct Labelled {
    /// The field the value fills (resolved: never [`Field::PhoneOrEmail`]).
    field: Field,
    /// Where the label starts.
    start: usize,
    /// The value.
    value: TextSpan,
}

/// Adds the contacts of the body lines.
pub fn recognize(input: &Input<'_>, found: &mut Findings) {
    let fields = fields(input.text, input.segmented);
    found.contacts.extend(contacts(input.text, fields));
}

/// Every field of the body lines, in text order: each colon that closes a label.
fn fields(text: &str, segmented: &Segmented) -> Vec<Labelled> {
    let labels: Vec<(Field, usize, usize)> = memchr::memchr_iter(b':', text.as_bytes())
        .filter_map(|colon| {
            let (field, start) = label_before(text, colon)?;
            on_body_line(segmented, colon).then_some((field, start, colon + 1))
        })
        .collect();
    let mut out = Vec::new();
    for (i, &(field, start, from)) in labels.iter().enumerate() {
        let next_label = labels.get(i + 1).map_or(text.len(), |l| l.1);
        let Some(value) = value(text, from, next_label) else {
            continue;
        };
        if let Some(field) = resolve(field, &value.text) {
            out.push(Labelled {
                field,
                start,
                value,
            });
        }
    }
    out
}

/// label = the label word (spaces allowed inside) that ends right before the colon at
/// `colon`, opening its line or after a gap character: its field and where it starts.
fn label_before(text: &str, colon: usize) -> Option<(Field, usize)> {
    let labels = &*LABELS;
    let before = text.get(..colon)?;
    let last = before.trim_end_matches([' ', '\t']).chars().next_back()?;
    if labels.last.binary_search(&last).is_err() {
        return None;
    }
    let mut word: Vec<char> = Vec::with_capacity(labels.longest);
    let mut best = None;
    for (i, c) in before.char_indices().rev() {
        if c == ' ' || c == '\t' {
            continue;
        }
        if !is_han(c) || word.len() == labels.longest {
            break;
        }
        word.insert(0, c);
        let key: String = word.iter().collect();
        if let Some(&field) = labels.fields.get(&key) {
            best = Some((field, i));
        }
    }
    let (field, start) = best?;
    let opens = text
        .get(..start)?
        .chars()
        .next_back()
        .is_none_or(|c| c == '\n' || is_gap(c));
    opens.then_some((field, start))
}

/// True for a character that may stand between two fields, or before the first.
fn is_gap(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | ','
            | ';'
            | '、'
            | '('
            | ')'
            | '['
            | '【'
            | '•'
            | '*'
            | '·'
            | '-'
    )
}

/// True when the offset lies on a body line.
fn on_body_line(segmented: &Segmented, offset: usize) -> bool {
    let lines = &segmented.lines;
    let i = lines.partition_point(|l| l.span.start <= offset);
    i.checked_sub(1)
        .and_then(|i| lines.get(i))
        .is_some_and(|l| l.is_body())
}

/// value = the text from `from` up to the next label (at `next_label`), "," ";" "。" or the
/// line's end, trimmed; a closing bracket that opens nowhere in it is left out.
fn value(text: &str, from: usize, next_label: usize) -> Option<TextSpan> {
    let rest = text.get(from..next_label.max(from))?;
    let len = rest.find([',', ';', '。', '\n']).unwrap_or(rest.len());
    let raw = rest.get(..len)?;
    let lead = raw.len() - raw.trim_start().len();
    let mut v = raw.trim();
    if v.ends_with(')') && !v.contains('(') {
        v = v.trim_end_matches(')').trim_end();
    }
    if v.is_empty() {
        return None;
    }
    let start = from + lead;
    Some(TextSpan::new(v, Span::new(start, start + v.len())))
}

/// The field a value fills under its label, when it reads as one: 联系方式 is an e-mail
/// address or a phone number.
fn resolve(field: Field, v: &str) -> Option<Field> {
    let ok = match field {
        Field::Name => is_name(v),
        Field::Phone | Field::Fax => is_number(v),
        Field::Email => is_email(v),
        Field::Address => v.chars().filter(|&c| is_han(c)).count() >= 4 && !v.contains('@'),
        Field::PhoneOrEmail => {
            return if is_email(v) {
                Some(Field::Email)
            } else {
                is_number(v).then_some(Field::Phone)
            }
        }
    };
    ok.then_some(field)
}

/// A name or names: 2 to 6 Han characters each (· allowed inside), 、 between; a
/// longer run is a sentence, not a name.
fn is_name(v: &str) -> bool {
    v.split('、').all(|name| {
        (2..=6).contains(&name.chars().count()) && name.chars().all(|c| is_han(c) || c == '·')
    })
}

/// A phone or fax number, or several: seven digits or more, and only digits, dashes,
/// spaces, brackets, 、 / + and 转 (extension).
fn is_number(v: &str) -> bool {
    v.chars().filter(char::is_ascii_digit).count() >= 7
        && v.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '-' | '—' | '–' | ' ' | '、' | '/' | '(' | ')' | '+' | '转'
                )
        })
}

/// An e-mail address: one `@` between a local part and a dotted domain, ASCII only.
fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else {
        return false;
    };
    let part = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%'))
    };
    part(local)
        && part(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// contacts: runs of fields with only a gap between them, each kind at most once in a run.
/// A run with a name, phone, e-mail or fax is a contact.
fn contacts(text: &str, fields: Vec<Labelled>) -> Vec<Contact> {
    let mut out = Vec::new();
    let mut current: Option<Contact> = None;
    for f in fields {
        let joins = current.as_ref().is_some_and(|c| {
            slot(c, f.field).is_none()
                && text
                    .get(c.span.end..f.start)
                    .is_some_and(|gap| gap.chars().all(is_gap))
        });
        if !joins {
            out.extend(current.take().filter(is_contact));
        }
        let c = current.get_or_insert_with(|| Contact {
            name: None,
            phone: None,
            email: None,
            fax: None,
            address: None,
            span: Span::new(f.start, f.start),
        });
        c.span = c.span.cover(f.value.span);
        set(c, f.field, f.value);
    }
    out.extend(current.filter(is_contact));
    out
}

/// True for a contact that says whom or how to reach: not an address alone.
fn is_contact(c: &Contact) -> bool {
    c.name.is_some() || c.phone.is_some() || c.email.is_some() || c.fax.is_some()
}

/// The contact's value of a field.
fn slot(c: &Contact, field: Field) -> Option<&TextSpan> {
    match field {
        Field::Name => c.name.as_ref(),
        Field::Phone | Field::PhoneOrEmail => c.phone.as_ref(),
        Field::Email => c.email.as_ref(),
        Field::Fax => c.fax.as_ref(),
        Field::Address => c.address.as_ref(),
    }
}

/// Sets the contact's value of a field.
fn set(c: &mut Contact, field: Field, value: TextSpan) {
    let slot = match field {
        Field::Name => &mut c.name,
        Field::Phone | Field::PhoneOrEmail => &mut c.phone,
        Field::Email => &mut c.email,
        Field::Fax => &mut c.fax,
        Field::Address => &mut c.address,
    };
    *slot = Some(value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_their_fields() {
        assert!(is_number("022-23456789"), "a dialled number");
        assert!(is_number("8812822"), "seven digits");
        assert!(!is_number("123456"), "six digits are too few");
        assert!(!is_number("每月15日前报送"), "words are not a number");
        assert!(is_email("ewkdc@163.com"), "an address");
        assert!(!is_email("law#foodmate.net"), "no @");
        assert!(!is_email("a@b"), "the domain has no dot");
        assert!(is_name("白鸽、乔磊"), "two names");
        assert!(!is_name("张"), "one character is too short");
        assert!(
            !is_name("由各单位确定一名同志担任"),
            "a sentence is no name"
        );
        assert_eq!(resolve(Field::PhoneOrEmail, "a@b.cn"), Some(Field::Email));
        assert_eq!(
            resolve(Field::PhoneOrEmail, "010-62132291"),
            Some(Field::Phone)
        );
        assert_eq!(resolve(Field::PhoneOrEmail, "请填写"), None);
    }

    #[test]
    fn spaced_labels_are_read() {
        let text = "电   话:010-62132291";
        let colon = text.find(':').unwrap_or_default();
        assert_eq!(label_before(text, colon), Some((Field::Phone, 0)));
        let text = "工作联系人:张三";
        let colon = text.find(':').unwrap_or_default();
        assert_eq!(
            label_before(text, colon),
            None,
            "联系人 after other characters is no label"
        );
    }
}
