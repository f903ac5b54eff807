//! A fast path for GB18030 (and GBK) text: ASCII runs are copied, two-byte characters
//! are read from a table that encoding_rs itself filled, and four-byte ones are handed to
//! encoding_rs one at a time.
//!
//! encoding_rs decodes GB18030 one character at a time through several range checks,
//! about 30 instructions per input byte on Chinese text; most of a GBK document is
//! two-byte pairs that one table lookup answers. The table is built once, on the first
//! GB18030 input, by decoding every pair with encoding_rs, so the two agree by
//! construction. The fast path stops at the first sequence it does not know for sure (a
//! malformed one, a lone 0x80, a cut-off end); the caller hands the rest to encoding_rs,
//! whose decoder starts clean there because the fast path only ever stops between
//! characters.

use std::sync::LazyLock;

use encoding_rs::{DecoderResult, GB18030};

/// Lead bytes 81–FE, trail bytes 40–FE.
const LEADS: usize = 0xFE - 0x81 + 1;
const TRAILS: usize = 0xFE - 0x40 + 1;

/// The UTF-8 bytes of the character each two-byte pair decodes to on its own, padded to
/// four, with the length in the last byte; length 0 for a pair that is malformed or does
/// not decode to exactly one character.
static PAIRS: LazyLock<Box<[[u8; 4]]>> = LazyLock::new(|| {
    let mut table = vec![[0u8; 4]; LEADS * TRAILS].into_boxed_slice();
    for (i, slot) in table.iter_mut().enumerate() {
        let (Ok(lead), Ok(trail)) = (
            u8::try_from(0x81 + i / TRAILS),
            u8::try_from(0x40 + i % TRAILS),
        ) else {
            continue;
        };
        if let Some(c) = one_char(&[lead, trail]).filter(|c| c.len_utf8() <= 3) {
            c.encode_utf8(slot);
            slot[3] = c.len_utf8() as u8;
        }
    }
    table
});

/// What encoding_rs decodes `bytes` to, when that is exactly one character and no error.
fn one_char(bytes: &[u8]) -> Option<char> {
    let mut buffer = [0u8; 16];
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let (result, read, written) =
        decoder.decode_to_utf8_without_replacement(bytes, &mut buffer, true);
    if result != DecoderResult::InputEmpty || read != bytes.len() {
        return None;
    }
    let text = std::str::from_utf8(buffer.get(..written)?).ok()?;
    let mut chars = text.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Decodes the longest prefix of `body` that the fast path reads exactly as encoding_rs
/// would, appending its UTF-8 to `out`. Returns how many bytes of `body` it consumed;
/// the rest, if any, starts at a character boundary.
pub(super) fn decode_prefix(body: &[u8], out: &mut Vec<u8>) -> usize {
    let pairs = &*PAIRS;
    // Two bytes give at most three of UTF-8, one gives one, four give four; the slack
    // lets every character be written as one four-byte store.
    let start = out.len();
    out.resize(start + body.len() / 2 * 3 + body.len() % 2 + 4, 0);
    let (mut read, mut written) = (0, start);
    while let Some(&lead) = body.get(read) {
        if lead < 0x80 {
            // An ASCII run is the same in UTF-8.
            let rest = body.get(read..).unwrap_or_default();
            let run = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
            let (Some(src), Some(dst)) = (rest.get(..run), out.get_mut(written..written + run))
            else {
                break;
            };
            dst.copy_from_slice(src);
            read += run;
            written += run;
            continue;
        }
        let Some(&second) = body.get(read + 1) else {
            break;
        };
        let (lead_index, trail_index) = (
            usize::from(lead.wrapping_sub(0x81)),
            usize::from(second.wrapping_sub(0x40)),
        );
        let (bytes, len, consumed) = if lead_index < LEADS && trail_index < TRAILS {
            match pairs.get(lead_index * TRAILS + trail_index) {
                Some(&entry @ [_, _, _, len @ 1..=3]) => (entry, usize::from(len), 2),
                _ => break,
            }
        } else if second.is_ascii_digit() {
            // A four-byte sequence (NBSP and » on scraped pages are written this way).
            let Some(c) = body.get(read..read + 4).and_then(one_char) else {
                break;
            };
            let mut bytes = [0u8; 4];
            c.encode_utf8(&mut bytes);
            (bytes, c.len_utf8(), 4)
        } else {
            break;
        };
        let Some(dst) = out.get_mut(written..written + 4) else {
            break;
        };
        dst.copy_from_slice(&bytes);
        read += consumed;
        written += len;
    }
    out.truncate(written);
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    /// encoding_rs's own reading, with U+FFFD for malformed sequences.
    fn reference(bytes: &[u8]) -> String {
        GB18030.decode_without_bom_handling(bytes).0.into_owned()
    }

    /// The fast path followed by encoding_rs on the rest, as `super::with` runs them.
    fn fast_then_reference(bytes: &[u8]) -> String {
        let mut out = Vec::new();
        let used = decode_prefix(bytes, &mut out);
        let mut text = String::from_utf8(out).expect("the fast path writes UTF-8");
        text.push_str(&reference(bytes.get(used..).unwrap_or_default()));
        text
    }

    #[test]
    fn every_pair_reads_as_encoding_rs_reads_it() {
        for lead in 0x80..=0xFFu8 {
            for trail in 0x00..=0xFFu8 {
                let bytes = [lead, trail, b'a', 0xD6, 0xD0];
                assert_eq!(
                    fast_then_reference(&bytes),
                    reference(&bytes),
                    "pair {lead:02X} {trail:02X} must decode as encoding_rs decodes it"
                );
            }
        }
    }

    #[test]
    fn four_byte_sequences_and_damage_read_as_encoding_rs_reads_them() {
        let cases: [&[u8]; 8] = [
            b"\x81\x30\x84\x31\xD6\xD0",     // NBSP, then 中
            b"\x81\x30\x89\x38abc",          // », then ASCII
            b"\xD6\xD0\x81\x30",             // a four-byte sequence cut off
            b"\xD6\xD0\xFF\xB9\xFA",         // an impossible lead byte
            b"\xD6\x80\xB9\xFA",             // 0x80 as a trail byte
            b"\x80\xD6\xD0",                 // a lone 0x80 (the euro sign)
            b"\x84\x31\xA4\x39\xD6\xD0",     // the last four-byte code point
            b"\xE3\x32\x9A\x35\xD6\xD0\xD6", // a supplementary-plane character, cut end
        ];
        for bytes in cases {
            assert_eq!(
                fast_then_reference(bytes),
                reference(bytes),
                "{bytes:02X?} must decode as encoding_rs decodes it"
            );
        }
    }

    #[test]
    fn plain_gbk_is_read_entirely_by_the_fast_path() {
        let (bytes, _, _) = GB18030.encode("关于开展2023年“质量月”活动的通知\n津质量发〔2023〕3号");
        let mut out = Vec::new();
        assert_eq!(
            decode_prefix(&bytes, &mut out),
            bytes.len(),
            "a GBK document without damage needs no slow path"
        );
        assert_eq!(
            String::from_utf8(out).expect("the fast path writes UTF-8"),
            "关于开展2023年“质量月”活动的通知\n津质量发〔2023〕3号"
        );
    }
}
