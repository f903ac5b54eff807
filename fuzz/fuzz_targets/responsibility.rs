#![no_main]
//! Responsibility clauses: the clause grammar alone and attached to a task.

use libfuzzer_sys::fuzz_target;
use zhengce::recognize::{department, responsibility::clause};

mod common;

fuzz_target!(|data: &[u8]| {
    let s = common::text(data);
    let _ = clause::parse(&s);
    let _ = clause::strip_label(&s);
    let _ = clause::label_role(&s);
    let _ = clause::parse_scope_units(&s);
    for u in department::split_units(&s) {
        assert!(
            s.get(u.start..u.end).is_some(),
            "unit {}..{} fits the input",
            u.start,
            u.end
        );
    }
    common::check_text(&format!(
        "二、重点任务\n(一)加强监管。{s}(责任单位:{s})\n(二){s}牵头,{s}配合。\n"
    ));
});
