#![no_main]
//! Chinese and Arabic numerals.

use libfuzzer_sys::fuzz_target;
use zhengce::recognize::numeral;

mod common;

fuzz_target!(|data: &[u8]| {
    let s = common::text(data);
    let _ = numeral::integer(&s);
    let _ = numeral::positional(&s);
    let _ = numeral::arabic(&s);
    let _ = numeral::ordinal(&s);
    if let Some((_, len)) = numeral::leading_integer(&s) {
        common::check_prefix(&s, len, "leading_integer");
    }
    if let Some((_, len)) = numeral::leading_ordinal(&s) {
        common::check_prefix(&s, len, "leading_ordinal");
    }
    if let Some(n) = zhengce::recognize::quantity::number::read(&s) {
        common::check_prefix(&s, n.len, "number::read");
    }
    common::check_text(&format!("第{s}条 到2025年,完成{s}个。\n"));
});
