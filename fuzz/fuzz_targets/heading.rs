#![no_main]
//! Heading markers: the marker grammar alone and as section headings.

use libfuzzer_sys::fuzz_target;
use zhengce::recognize::sections::marker;

mod common;

fuzz_target!(|data: &[u8]| {
    let s = common::text(data);
    if let Some(m) = marker::parse(&s) {
        common::check_prefix(&s, m.len, "marker::parse");
    }
    if let Some((_, len)) = marker::attachment(&s) {
        common::check_prefix(&s, len, "marker::attachment");
    }
    if let Some((_, len)) = marker::enum_shi(&s) {
        common::check_prefix(&s, len, "marker::enum_shi");
    }
    let _ = marker::is_chrome_heading(&s);
    common::check_text(&format!("一、{s}\n(一){s}\n1.{s}\n{s}\n二、总体要求\n"));
});
