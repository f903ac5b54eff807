#![no_main]
//! 发文字号: the doc-number grammar alone and in a document head.

use libfuzzer_sys::fuzz_target;
use zhengce::recognize::doc_number;

mod common;

fuzz_target!(|data: &[u8]| {
    let s = common::text(data);
    for found in doc_number::find_all(&s) {
        let span = found.number.span;
        assert!(
            s.get(span.start..span.end).is_some(),
            "find_all span {span:?} fits the input"
        );
    }
    if let Some(found) = doc_number::parse(&s) {
        serde_json::to_string(&found.number).expect("a doc number serializes");
    }
    common::check_text(&format!(
        "某某市人民政府关于印发方案的通知\n{s}\n各区人民政府:\n"
    ));
    common::check_text(&format!("依据《某某办法》({s})的规定。\n"));
});
