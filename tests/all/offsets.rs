//! Property tests of the offset map: for random texts mixing full-width characters,
//! scraper pinyin (intact and corrupted), NBSP, ideographic spaces, CRLF and traditional
//! characters, every span of the normalized text maps to a char-boundary span of the
//! original, monotonically, and the whole normalized text maps to the whole original.

use proptest::prelude::*;
use zhengce::normalize::normalize;
use zhengce::Span;

/// Pieces the random texts are built from.
const PIECES: &[&str] = &[
    "网",
    "網",
    "(wǎng)",
    "（wǎng）",
    "（",
    "）",
    "(",
    ")",
    "１",
    "２",
    "Ａ",
    "ｚ",
    "，",
    "：",
    "\u{a0}",
    "\u{3000}",
    "\r\n",
    "\n",
    "\r",
    "a",
    "?",
    "?xiàng)",
    "?qū)m",
    "l",
    "〔",
    "﹝",
    "﹞",
    "\u{feff}",
    "\u{200b}",
    "著力",
    "隨著",
    "乾隆",
    "國",
    "一、",
    "2023",
    "號",
    "𠀀",
    "\u{2F00}",
    "(試行)",
    "(abc)",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

/// Char boundaries of `s`, including its end.
fn boundaries(s: &str) -> Vec<usize> {
    s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_map_to_char_boundaries_monotonically(orig in text()) {
        let n = normalize(&orig);
        let b = boundaries(&n.text);
        let whole = n.to_original(Span::new(0, n.text.len()));
        prop_assert_eq!((whole.start, whole.end), (0, orig.len()), "whole maps to whole");
        let mut last_start = 0;
        let mut last_end = 0;
        for &s in &b {
            let start = n.map.to_original_start(s);
            let end = n.map.to_original_end(s);
            prop_assert!(orig.is_char_boundary(start), "start {} of {} on a boundary", start, s);
            prop_assert!(orig.is_char_boundary(end), "end {} of {} on a boundary", end, s);
            prop_assert!(start >= last_start && end >= last_end, "monotonic at {}", s);
            if s > 0 && s < n.text.len() {
                prop_assert!(end <= start, "inside, an end maps before a gap, a start after it");
            }
            last_start = start;
            last_end = end;
        }
        for (i, &s) in b.iter().enumerate() {
            for &e in b.get(i..).unwrap_or_default() {
                let span = n.to_original(Span::new(s, e));
                prop_assert!(span.start <= span.end && span.end <= orig.len());
                prop_assert!(span.slice(&orig).is_some(), "{:?} slices the original", span);
                if e > s {
                    prop_assert!(!span.is_empty(), "a non-empty span maps to a non-empty one");
                }
            }
        }
    }

    #[test]
    fn unchanged_text_maps_to_itself(orig in "[一-龥a-z0-9、。《》〔〕\n]{0,60}") {
        let n = normalize(&orig);
        if !n.traditional_converted {
            prop_assert_eq!(&n.text, &orig, "simplified text without folds is unchanged");
            prop_assert!(n.map.is_empty(), "and needs no checkpoint");
        }
    }
}
