#![no_main]
//! Dates: the date grammar alone and in a closing block.

use libfuzzer_sys::fuzz_target;
use zhengce::recognize::date;

mod common;

fuzz_target!(|data: &[u8]| {
    let s = common::text(data);
    for d in date::find_all(&s) {
        assert!(
            s.get(d.span.start..d.span.end).is_some(),
            "date span {:?} fits the input",
            d.span
        );
    }
    if let Some(d) = date::parse_line(&s) {
        assert!(
            s.get(d.span.start..d.span.end).is_some(),
            "parse_line span {:?} fits the input",
            d.span
        );
    }
    let _ = date::year_range(&s);
    common::check_text(&format!(
        "关于开展工作的通知\n正文。\n某某市人民政府\n{s}\n"
    ));
});
