//! Prints the text zhengce reads out of an HTML page or a Word file (what the parser sees).
//!
//! `cargo run --release --example extract -- FILE`

use zhengce::input::{docx, format_of, html};
use zhengce::SourceFormat;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let text = match format_of(&bytes, None, Some(&path)) {
        Ok(SourceFormat::Html) => {
            html::decode_page(&bytes, None).map(|d| html::extract(&d.text).text)
        }
        Ok(SourceFormat::Docx) => docx::extract(&bytes),
        Ok(_) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => Err(e),
    };
    match text {
        Ok(t) => print!("{t}"),
        Err(e) => {
            eprintln!("{path}: error[{}]: {e}", e.code());
            std::process::exit(1);
        }
    }
}
