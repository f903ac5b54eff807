//! Maps offsets in the normalized view back to offsets in the decoded text.
//!
//! Between two checkpoints the normalized text is a byte-for-byte copy of the decoded text
//! (or a same-length substitution), so one sorted list of `(normalized, original)`
//! checkpoints where the difference changes is enough; a lookup is a binary search.

use crate::span::Span;

/// Checkpoints `(normalized offset, original offset)` in increasing order.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    points: Vec<(usize, usize)>,
    /// Length of the normalized text.
    norm_len: usize,
    /// Length of the original text.
    orig_len: usize,
}

impl OffsetMap {
    /// The start offset in the original text of the normalized character at `norm`.
    pub fn to_original_start(&self, norm: usize) -> usize {
        // The very start is the very start: a span from 0 keeps what was dropped before it.
        if norm == 0 {
            return 0;
        }
        // The last checkpoint at or before `norm`: after a removal, a start skips the removed text.
        let i = self.points.partition_point(|&(n, _)| n <= norm);
        let (n, o) = match i.checked_sub(1).and_then(|i| self.points.get(i)) {
            Some(&p) => p,
            None => (0, 0),
        };
        (o + (norm - n)).min(self.orig_len)
    }

    /// The end offset in the original text of a range ending at `norm`.
    pub fn to_original_end(&self, norm: usize) -> usize {
        // The very end is the very end, so the whole text maps to the whole original.
        if norm >= self.norm_len {
            return self.orig_len;
        }
        // The first checkpoint at `norm` if any (an end stops before removed text),
        // else the last one before it.
        let i = self.points.partition_point(|&(n, _)| n < norm);
        if let Some(&(n, o)) = self.points.get(i) {
            if n == norm {
                return o.min(self.orig_len);
            }
        }
        let (n, o) = match i.checked_sub(1).and_then(|i| self.points.get(i)) {
            Some(&p) => p,
            None => (0, 0),
        };
        (o + (norm - n)).min(self.orig_len)
    }

    /// A normalized span as a span of the original text.
    pub fn to_original(&self, span: Span) -> Span {
        let start = self.to_original_start(span.start.min(self.norm_len));
        let end = self.to_original_end(span.end.min(self.norm_len));
        Span::new(start, end.max(start))
    }

    /// Number of checkpoints (for tests and benchmarks).
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// True when the normalized text is an unshifted copy of the original.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}

/// Builds a normalized text and its [`OffsetMap`] together.
#[derive(Debug, Default)]
pub struct Builder {
    out: String,
    points: Vec<(usize, usize)>,
}

impl Builder {
    /// A builder expecting about `capacity` bytes of output.
    pub fn with_capacity(capacity: usize) -> Self {
        Builder {
            out: String::with_capacity(capacity),
            points: Vec::new(),
        }
    }

    /// Emits `text` for the original range `[orig_start, orig_end)`.
    pub fn push(&mut self, orig_start: usize, orig_end: usize, text: &str) {
        let norm_start = self.out.len();
        self.checkpoint(norm_start, orig_start);
        self.out.push_str(text);
        self.checkpoint(self.out.len(), orig_end);
    }

    /// Emits one char for the original range `[orig_start, orig_end)`.
    pub fn push_char(&mut self, orig_start: usize, orig_end: usize, c: char) {
        let norm_start = self.out.len();
        self.checkpoint(norm_start, orig_start);
        self.out.push(c);
        self.checkpoint(self.out.len(), orig_end);
    }

    /// Skips the original range `[orig_start, orig_end)` (emits nothing).
    pub fn skip(&mut self, orig_start: usize, orig_end: usize) {
        let at = self.out.len();
        // Both sides of the gap are recorded: an end maps before it, a start after it.
        self.force(at, orig_start);
        self.force(at, orig_end);
    }

    /// The last char written so far.
    pub fn last_char(&self) -> Option<char> {
        self.out.chars().next_back()
    }

    /// Finishes: the text and its map.
    pub fn finish(self, orig_len: usize) -> (String, OffsetMap) {
        let norm_len = self.out.len();
        (
            self.out,
            OffsetMap {
                points: self.points,
                norm_len,
                orig_len,
            },
        )
    }

    /// Records a checkpoint only where the offset difference changes.
    fn checkpoint(&mut self, norm: usize, orig: usize) {
        let implied = match self.points.last() {
            Some(&(n, o)) => o + (norm - n),
            None => norm,
        };
        if implied != orig {
            self.force(norm, orig);
        }
    }

    fn force(&mut self, norm: usize, orig: usize) {
        if self.points.last() != Some(&(norm, orig)) {
            self.points.push((norm, orig));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_fold_and_removal_map_back() {
        // "网(wǎng)站２" → "网站2"
        let orig = "网(wǎng)站２";
        let mut b = Builder::default();
        b.push_char(0, 3, '网');
        b.skip(3, 10);
        b.push_char(10, 13, '站');
        b.push_char(13, 16, '2');
        let (text, map) = b.finish(orig.len());
        assert_eq!(text, "网站2");
        let whole = map.to_original(Span::new(0, text.len()));
        assert_eq!(&orig[whole.start..whole.end], orig);
        let first = map.to_original(Span::new(0, 3));
        assert_eq!(
            &orig[first.start..first.end],
            "网",
            "an end stops before removed pinyin"
        );
        let second = map.to_original(Span::new(3, 6));
        assert_eq!(
            &orig[second.start..second.end],
            "站",
            "a start skips removed pinyin"
        );
        let digit = map.to_original(Span::new(6, 7));
        assert_eq!(&orig[digit.start..digit.end], "２");
    }
}
