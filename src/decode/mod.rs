//! Stage 1, decode: bytes → UTF-8 text.
//!
//! Order of evidence: a byte-order mark (UTF-8, UTF-16LE/BE); else strict UTF-8 (a file
//! cut mid-character at its very end still counts as UTF-8, and so does one with ten times
//! as many well-formed non-ASCII characters as malformed sequences); else chardetng over a prefix
//! chooses between GB18030/GBK and Big5 (a Big5 guess is kept only when Big5 reads the
//! text at least as cleanly as GB18030). UTF-16 without a BOM is recognized by NUL bytes
//! on one parity only. Malformed sequences are replaced by U+FFFD and counted, one per
//! sequence, never a failure. Binary data — NUL bytes (without UTF-16 evidence), mostly
//! control bytes, or mostly undecodable bytes — is [`Error::NotText`].
//!
//! Hands on a [`Decoded`]: the text and how it was obtained.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::Error;

mod gb18030;

/// How many leading bytes chardetng sees when the input is not UTF-8. Detection runs at
/// ~30 MB/s, so a larger prefix made it most of the time spent on a GB18030 input; 1 KB
/// prefixes already detect every seed correctly.
const DETECT_PREFIX: usize = 8 * 1024;

/// The decoded text of one input.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The text, UTF-8, without any BOM: borrowed from the input when that is valid UTF-8
    /// as it stands, so the common case copies nothing.
    pub text: Cow<'a, str>,
    /// Name of the encoding it was read as (`UTF-8`, `GB18030`, `Big5`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// Malformed sequences replaced by U+FFFD.
    pub replaced: u64,
    /// True when a UTF-8 input ended in the middle of a character.
    pub truncated: bool,
}

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
///
/// ```
/// let d = zhengce::decode::decode(&[0xC4, 0xE3, 0xBA, 0xC3], None).unwrap(); // 你好 in GBK
/// assert_eq!(d.text, "你好");
/// assert_eq!(d.encoding, "GB18030");
/// ```
pub fn decode<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
) -> Result<Decoded<'a>, Error> {
    if let Some(enc) = forced {
        let body = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc => bytes.get(len..).unwrap_or_default(),
            _ => bytes,
        };
        return Ok(with(enc, body, false));
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(len..).unwrap_or_default();
        return Ok(with(enc, body, false));
    }
    if let Some(enc) = bomless_utf16(bytes) {
        return Ok(with(enc, bytes, false));
    }
    if let Some(reason) = binary_reason(bytes) {
        return Err(Error::NotText { reason });
    }
    // simdutf8 (also what encoding_rs validates with) runs at memory speed on Han text,
    // where `std::str::from_utf8` takes a char at a time.
    let valid = match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => {
            if let Some(gb) = gbk_posing_as_utf8(bytes) {
                return Ok(gb);
            }
            // Valid UTF-8 is the text as it is: one copy, no decoder.
            return Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: UTF_8.name(),
                replaced: 0,
                truncated: false,
            });
        }
        Err(e) => e.valid_up_to(),
    };
    // Only an incomplete sequence at the very end: a UTF-8 file cut short.
    if is_truncated_utf8_tail(bytes.get(valid..).unwrap_or_default()) {
        return Ok(with(UTF_8, bytes, true));
    }
    let prefix = bytes.get(..DETECT_PREFIX).unwrap_or(bytes);
    // UTF-8 with a few bad sequences (a lone surrogate, a stray Latin-1 byte) is still
    // UTF-8; GBK read as UTF-8 has nearly every non-ASCII byte wrong.
    if mostly_utf8(prefix) {
        return Ok(with(UTF_8, bytes, false));
    }
    // The documents are Chinese: GB18030 (which reads GBK exactly) unless chardetng
    // says Big5 and Big5 reads the text at least as cleanly. When GB18030 reads it all and
    // Big5 cannot, the answer is GB18030 whatever chardetng says, and detection (the
    // slowest step for a GBK input) is skipped.
    let gb = with(GB18030, bytes, false);
    let guess = if gb.replaced == 0 && big5_has_malformed(bytes) {
        GB18030
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(prefix, prefix.len() == bytes.len());
        detector.guess(None, chardetng::Utf8Detection::Deny)
    };
    let decoded = if guess == encoding_rs::BIG5 {
        let big5 = with(encoding_rs::BIG5, bytes, false);
        if big5.replaced <= gb.replaced {
            big5
        } else {
            gb
        }
    } else {
        gb
    };
    if mostly_replaced(&decoded) {
        return Err(Error::NotText {
            reason: format!(
                "{} of {} characters are undecodable in any supported encoding",
                decoded.replaced,
                decoded.text.chars().count()
            ),
        });
    }
    Ok(decoded)
}

/// True when Big5 cannot read `bytes` without a malformed sequence, given that GB18030
/// reads them all: a GB18030 pair whose trail byte is 80–A0, or a four-byte sequence
/// (second byte a digit, as scraped pages write NBSP and »). Up to the first such
/// sequence both encodings consume the same lead–trail pairs, so Big5 meets it as a lead
/// followed by a byte it never accepts as a trail.
fn big5_has_malformed(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if t.is_ascii_digit() || (0x80..=0xA0).contains(&t) => return true,
            Some(_) => i += 2,
            None => return false,
        }
    }
    false
}

/// Short GBK texts can be valid UTF-8 by accident: `通知` is `CD A8 D6 AA`, which UTF-8
/// reads as two Greek/Hebrew-range characters. Chinese UTF-8 text has three-byte
/// characters (lead bytes E0–EF); when there are none but there are two-byte ones, and
/// GB18030 reads every non-ASCII pair cleanly as Han characters, the text is GBK.
///
/// Text whose UTF-8 reading has a Latin letter (U+00C0–U+024F) next to an ASCII letter,
/// as in `Café`, is a Western word, not GBK: it stays UTF-8.
fn gbk_posing_as_utf8(bytes: &[u8]) -> Option<Decoded<'static>> {
    if bytes.iter().any(|&b| b >= 0xE0) || bytes.iter().all(u8::is_ascii) {
        return None;
    }
    if latin_word(bytes) {
        return None;
    }
    let gb = with(GB18030, bytes, false);
    let all_han = gb
        .text
        .chars()
        .filter(|c| !c.is_ascii())
        .all(crate::normalize::is_han);
    (gb.replaced == 0 && all_han).then_some(gb)
}

/// True when the UTF-8 text `bytes` has a Latin letter of U+00C0–U+024F beside an ASCII
/// letter.
fn latin_word(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut prev = ' ';
    for c in text.chars() {
        let latin = |c: char| ('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷';
        if (latin(c) && prev.is_ascii_alphabetic()) || (c.is_ascii_alphabetic() && latin(prev)) {
            return true;
        }
        prev = c;
    }
    false
}

/// Common labels that the WHATWG Encoding Standard does not list, with the label they
/// stand for.
const ALIASES: [(&str, &str); 4] = [
    ("cp936", "gbk"),
    ("ms936", "gbk"),
    ("cp950", "big5"),
    ("ms950", "big5"),
];

/// Looks up an encoding label such as `gbk`, `gb18030`, `big5`, `utf-16le` (and the
/// aliases `cp936`, `ms936`, `cp950`, `ms950`). Labels of the replacement encoding
/// (`iso-2022-kr`, `hz-gb-2312`, …), which decodes every input to one U+FFFD, are unknown.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, Error> {
    let trimmed = label.trim();
    let name = ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(trimmed))
        .map_or(trimmed, |(_, name)| name);
    Encoding::for_label_no_replacement(name.as_bytes()).ok_or_else(|| Error::UnknownEncoding {
        label: label.to_string(),
    })
}

/// Decodes `body` (without BOM) as `enc`, counting each malformed sequence replaced by U+FFFD.
fn with(enc: &'static Encoding, body: &[u8], truncated: bool) -> Decoded<'static> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len());
    let mut replaced = 0u64;
    let mut src = body;
    let mut text = if enc == GB18030 || enc == encoding_rs::GBK {
        // The two decode alike; the decoder takes over, fresh, where the fast path stops.
        let mut out = Vec::with_capacity(capacity);
        let used = gb18030::decode_prefix(body, &mut out);
        src = body.get(used..).unwrap_or_default();
        // The fast path writes only whole UTF-8 characters. simdutf8 checks that at
        // memory speed (String::from_utf8 takes a character at a time), and the copy
        // costs less than a second check would.
        match simdutf8::basic::from_utf8(&out) {
            Ok(valid) => String::with_capacity(capacity.max(valid.len())) + valid,
            Err(_) => String::from_utf8_lossy(&out).into_owned(),
        }
    } else {
        String::with_capacity(capacity)
    };
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut text, true);
        src = src.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(src.len())
                    .unwrap_or(src.len())
                    .max(16);
                text.reserve(more);
            }
            DecoderResult::Malformed(_, _) => {
                text.push('\u{FFFD}');
                replaced += 1;
            }
        }
    }
    let name = if enc == encoding_rs::GBK || enc == GB18030 {
        "GB18030"
    } else {
        enc.name()
    };
    Decoded {
        text: Cow::Owned(text),
        encoding: name,
        replaced,
        truncated,
    }
}

/// True when `tail` (all of the input from the first invalid byte on) is just the start
/// of one UTF-8 character cut off by the end of the input.
fn is_truncated_utf8_tail(tail: &[u8]) -> bool {
    !tail.is_empty()
        && tail.len() <= 3
        && std::str::from_utf8(tail).is_err_and(|e| e.valid_up_to() == 0 && e.error_len().is_none())
}

/// Ten times as many well-formed non-ASCII characters as malformed sequences (GBK read as
/// UTF-8 has more malformed sequences than characters). Counted in one pass of
/// [`<[u8]>::utf8_chunks`], whose invalid parts are the maximal subparts that decoding
/// would replace one by one.
///
/// The pass stops as soon as the answer is known to be no: a non-ASCII character takes
/// at least two bytes, so the bytes not yet read can add at most half their number to
/// `good`, and `replaced` never goes down. GBK text is decided within its first
/// kilobyte or two instead of the whole prefix, where every character is a chunk.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good = 0u64;
    let mut replaced = 0u64;
    let mut remaining = bytes.len() as u64;
    for chunk in bytes.utf8_chunks() {
        good += chunk
            .valid()
            .chars()
            .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
            .count() as u64;
        replaced += u64::from(!chunk.invalid().is_empty());
        remaining = remaining.saturating_sub((chunk.valid().len() + chunk.invalid().len()) as u64);
        if replaced * 10 >= good + remaining / 2 {
            return false;
        }
    }
    replaced * 10 < good
}

/// More than a third of the characters are replacements: not text in any encoding we know.
fn mostly_replaced(d: &Decoded) -> bool {
    if d.replaced == 0 {
        return false; // the usual case, without counting the characters
    }
    let chars = d.text.chars().count() as u64;
    chars > 0 && d.replaced * 3 > chars
}

/// How many leading bytes are examined for NUL and control bytes.
const BINARY_PREFIX: usize = 8 * 1024;

/// Why `bytes` look like binary data rather than text, if they do: a NUL byte near the
/// start (as git decides), NULs anywhere more often than 1 in 1000 bytes, or more than 1
/// in 10 of the leading bytes being control characters other than line breaks and tabs.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let sample = bytes.get(..BINARY_PREFIX).unwrap_or(bytes);
    if let Some(at) = memchr::memchr(0, sample) {
        return Some(format!("NUL byte at offset {at}"));
    }
    let nuls = memchr::memchr_iter(0, bytes).count();
    if nuls > 0 && nuls * 1000 > bytes.len() {
        return Some(format!("{nuls} NUL bytes"));
    }
    // Counted in bytes over blocks of 255 (no block overflows one), with `&` rather than
    // `matches!`: the count compiles to vector code.
    let control: usize = sample
        .chunks(255)
        .map(|block| {
            let in_block = block.iter().fold(0u8, |n, &b| {
                let allowed =
                    (b == b'\n') | (b == b'\r') | (b == b'\t') | (b == 0x0C) | (b == 0x1B);
                n.wrapping_add(u8::from((b < 0x20) & !allowed))
            });
            usize::from(in_block)
        })
        .sum();
    if !sample.is_empty() && control * 10 > sample.len() {
        return Some(format!(
            "{control} control bytes in the first {} bytes",
            sample.len()
        ));
    }
    None
}

/// UTF-16 without a BOM: an even length, NUL bytes mostly on one parity (the high bytes of
/// ASCII characters such as line breaks), at least 1 in 20 of the leading units, and at
/// most a quarter as many on the other parity. Chinese text in UTF-16 has few NULs, but its line breaks and
/// digits give them away.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    // An odd length (one stray byte) is still UTF-16: the stray byte decodes to U+FFFD.
    if bytes.len() < 2 {
        return None;
    }
    let sample = bytes.get(..BINARY_PREFIX).unwrap_or(bytes);
    // Nearly every input has no NUL at all: one memchr settles it.
    memchr::memchr(0, sample)?;
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i.is_multiple_of(2) {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let units = sample.len() / 2;
    // U+xx00 characters (一 is U+4E00) put a few NULs on the other parity.
    let (main, other, enc) = if odd > even {
        (odd, even, UTF_16LE)
    } else {
        (even, odd, UTF_16BE)
    };
    (main > 0 && main * 20 >= units && other * 4 <= main).then_some(enc)
}

/// The UTF-16 encodings, for callers that want to force one.
pub fn utf16(little_endian: bool) -> &'static Encoding {
    if little_endian {
        UTF_16LE
    } else {
        UTF_16BE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_bom() {
        let d = decode("通知".as_bytes(), None).unwrap();
        assert_eq!((&*d.text, d.encoding, d.replaced), ("通知", "UTF-8", 0));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("通知".as_bytes());
        assert_eq!(
            decode(&bom, None).unwrap().text,
            "通知",
            "should strip a UTF-8 BOM"
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "通知 1".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, None).unwrap();
        assert_eq!((&*d.text, d.encoding), ("通知 1", "UTF-16LE"));
    }

    #[test]
    fn gbk_is_read_as_gb18030() {
        let (bytes, _, _) = GB18030.encode("天津市市场监督管理委员会关于印发方案的通知");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, "天津市市场监督管理委员会关于印发方案的通知");
    }

    #[test]
    fn truncated_utf8_stays_utf8() {
        let bytes = "质量月".as_bytes();
        let cut = &bytes[..bytes.len() - 1];
        let d = decode(cut, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.truncated);
        assert_eq!(d.replaced, 1);
    }

    #[test]
    fn binary_is_not_text() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0";
        let err = decode(png, None).unwrap_err();
        assert_eq!(err.code(), "not_text");
    }

    #[test]
    fn control_bytes_are_counted_across_blocks() {
        // 600 control bytes (more than two counting blocks) among text; line breaks,
        // tabs, form feeds and escapes are not counted.
        let mut bytes = "通知\n\t\r\x0c\x1b".repeat(100).into_bytes();
        bytes.extend(std::iter::repeat_n(0x01, 600));
        let err = decode(&bytes, None).unwrap_err();
        let Error::NotText { reason } = err else {
            panic!("control bytes make a text binary, got {err:?}");
        };
        assert_eq!(
            reason,
            format!("600 control bytes in the first {} bytes", bytes.len())
        );
        let mostly_text = "通知\n\t\r\x0c\x1b".repeat(100) + "\x01";
        assert!(
            decode(mostly_text.as_bytes(), None).is_ok(),
            "one control byte in 1,101 is text"
        );
    }

    #[test]
    fn replacements_are_counted_once_per_sequence() {
        // A U+FFFD already in the text is not a replacement; two bad bytes are two.
        let mut bytes = "通知\u{FFFD}".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xFF, b'a', 0xFE, b'b']);
        bytes.extend_from_slice("的通知关于印发方案".as_bytes());
        let d = decode(&bytes, Some(UTF_8)).unwrap();
        assert_eq!(
            d.replaced, 2,
            "only the two invalid bytes count: {:?}",
            d.text
        );
        let (gbk, _, _) = GB18030.encode("天津市市场监督管理委员会关于印发方案的通知");
        let mut broken = gbk.to_vec();
        broken.insert(6, 0xFF);
        let d = decode(&broken, None).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(
            d.replaced, 1,
            "one stray byte in GBK is one replacement: {}",
            d.text
        );
    }

    #[test]
    fn detection_is_skipped_only_when_big5_cannot_read_the_text() {
        let text = "关于印发质量提升行动实施方案的通知\u{a0}»".to_string();
        let gb18030 = GB18030.encode(&text).0;
        assert!(big5_has_malformed(&gb18030), "four-byte NBSP is not Big5");
        let big5 = with(encoding_rs::BIG5, &gb18030, false);
        assert!(big5.replaced > 0, "and Big5 indeed fails on it");
        let plain = GB18030.encode("关于印发质量提升行动实施方案的通知").0;
        assert!(
            !big5_has_malformed(&plain),
            "GB2312 pairs are well-formed Big5 pairs"
        );
        let text = "關於印發質量提升行動實施方案的通知";
        let big5 = encoding_rs::BIG5.encode(text).0;
        assert!(!big5_has_malformed(&big5), "Big5 text reads as Big5");
    }

    #[test]
    fn big5_is_detected() {
        let text = "天津市市場監管委等26個部門聯合開展質量月活動，聚焦質量提升，激發市場活力";
        let (bytes, _, unmappable) = encoding_rs::BIG5.encode(text);
        assert!(!unmappable);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(
            (d.encoding, &*d.text),
            ("Big5", text),
            "Big5 is read as Big5"
        );
    }

    #[test]
    fn short_gbk_inputs_decode() {
        for text in ["通知", "关于", "附件", "一、"] {
            let (bytes, _, _) = GB18030.encode(text);
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.text, text, "a two-character GBK text decodes as GB18030");
        }
    }

    #[test]
    fn truncated_gbk_is_one_replacement() {
        let (bytes, _, _) = GB18030.encode("质量提升行动");
        let cut = &bytes[..bytes.len() - 1];
        let d = decode(cut, None).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(
            d.replaced, 1,
            "a GBK text cut mid-character loses one character"
        );
        assert!(d.text.starts_with("质量提升行"));
    }

    #[test]
    fn lone_utf16_surrogates_are_replaced() {
        let mut le = vec![0xFF, 0xFE];
        for u in [0x901Au16, 0xD800, 0x77E5, 0xDC00] {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, None).unwrap();
        assert_eq!(d.text, "通\u{FFFD}知\u{FFFD}");
        assert_eq!(d.replaced, 2, "each lone surrogate is one replacement");
        let odd = [0xFF, 0xFE, 0x1A, 0x90, 0x41];
        assert_eq!(
            decode(&odd, None).unwrap().replaced,
            1,
            "a trailing odd byte"
        );
    }

    #[test]
    fn utf16_without_bom_is_recognized() {
        let text = "一、总体要求\n到2025年\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le, None).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&be, None).unwrap().text, text, "BOM-less UTF-16BE");
    }

    #[test]
    fn garbage_is_a_typed_error_not_a_panic() {
        // A deterministic pseudo-random byte stream.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let bytes: Vec<u8> = (0..100_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        let err = decode(&bytes, None).unwrap_err();
        assert_eq!(err.code(), "not_text", "random bytes are not text");
        let mut control = vec![0x01u8; 1000];
        control.extend_from_slice("通知".as_bytes());
        assert_eq!(decode(&control, None).unwrap_err().code(), "not_text");
    }

    #[test]
    fn utf8_with_a_few_bad_sequences_stays_utf8() {
        let mut bytes = "天津市市场监督管理委员会关于印发方案的通知"
            .repeat(4)
            .into_bytes();
        bytes.splice(12..12, [0xED, 0xA0, 0x80]); // a UTF-8-encoded lone surrogate
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8", "one bad sequence does not make it GBK");
        assert!(d.replaced >= 1 && d.text.starts_with("天津市市"), "{:?}", d);
    }

    #[test]
    fn empty_is_text() {
        assert_eq!(decode(b"", None).unwrap().text, "");
    }
}
