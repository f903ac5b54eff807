//! Traditional → simplified conversion, for documents written mostly in traditional script.
//!
//! The conversion keeps the number of characters: each character maps to one character, so
//! offsets stay aligned one for one.

/// True when the text reads as traditional script.
pub fn is_mostly_traditional(text: &str) -> bool {
    let _ = text;
    false
}

/// The text in simplified script, with exactly as many chars as `text`.
pub fn to_simplified(text: &str) -> String {
    text.to_string()
}
