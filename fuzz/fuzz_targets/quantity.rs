#![no_main]
//! Quantities: numbers, units, comparators, and targets in a section.

use libfuzzer_sys::fuzz_target;
use zhengce::recognize::quantity::{comparator, context, number, unit};

mod common;

fuzz_target!(|data: &[u8]| {
    let s = common::text(data);
    if let Some(n) = number::read(&s) {
        common::check_prefix(&s, n.len, "number::read");
    }
    if let Some((_, len)) = unit::read(&s) {
        common::check_prefix(&s, len, "unit::read");
    }
    let _ = comparator::parse_relation(&s);
    let _ = comparator::before(&s);
    let _ = comparator::after(&s);
    let _ = context::cues(&s);
    let _ = context::deadline(&s);
    let _ = context::subject(&s);
    common::check_text(&format!("一、主要目标\n到2025年,{s}达到{s}%以上。\n"));
});
