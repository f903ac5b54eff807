#![no_main]
//! The whole pipeline on arbitrary bytes.

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    match zhengce::parse(data) {
        Ok(doc) => {
            let decoded =
                zhengce::decode::decode(data, None).expect("parse succeeded, so decode does");
            common::check_spans(&doc, &decoded.text);
            common::check_json(&doc);
        }
        Err(e) => {
            assert!(!e.code().is_empty(), "every error has a code");
        }
    }
});
