//! Byte spans: half-open `[start, end)` offsets, serialized as a two-element array.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of offsets into a text, serialized as `[start, end]`.
///
/// Spans in a [`Document`](crate::Document) index the decoded input text in bytes
/// (or in characters, after [`Document::map_spans`](crate::Document::map_spans) with a
/// char-offset converter).
///
/// ```
/// use zhengce::Span;
/// let text = "津质量发〔2023〕3号";
/// let span = Span::new(0, 12);
/// assert_eq!(span.slice(text), Some("津质量发"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, JsonSchema)]
#[schemars(with = "[usize; 2]")]
pub struct Span {
    /// First offset inside the span.
    pub start: usize,
    /// First offset after the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted pair is made empty at `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Number of offsets covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The text the span covers, or `None` when it is out of bounds or not on char boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// The span shifted right by `by`.
    pub fn shift(&self, by: usize) -> Self {
        Span::new(self.start + by, self.end + by)
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Self {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// Converts byte offsets of one text into char offsets, in increasing order of queries
/// or not, in `O(log n)` each after an `O(n)` table build.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset of every char boundary, plus the text length at the end.
    boundaries: Vec<usize>,
}

impl CharOffsets {
    /// Builds the table for `text`.
    pub fn new(text: &str) -> Self {
        let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        boundaries.push(text.len());
        CharOffsets { boundaries }
    }

    /// The char offset of byte offset `byte` (rounded down to a boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        self.boundaries
            .partition_point(|&b| b <= byte)
            .saturating_sub(1)
    }

    /// A byte span as a char span.
    pub fn span(&self, span: Span) -> Span {
        Span::new(self.char_of(span.start), self.char_of(span.end))
    }
}
