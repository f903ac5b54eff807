//! Parses one file N times (as `zhengce parse` would: by its extension or content) and
//! prints the time per parse. Under `perf stat -e instructions:u`, the difference between
//! two values of N is the cost of N parses without start-up, a count that does not move
//! when the machine is shared:
//!
//! ```sh
//! cargo build --release --example format_cost
//! perf stat -e instructions:u target/release/examples/format_cost fixtures/html/004_gov.html 400
//! ```

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1) else {
        eprintln!("usage: format_cost FILE [N]");
        std::process::exit(2);
    };
    let n: usize = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(200);
    let bytes = std::fs::read(file).unwrap_or_default();
    let options = zhengce::Options::default().path(file.as_str());
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..n {
        found += zhengce::parse_with(&bytes, &options).map_or(0, |d| d.sections.len());
    }
    let per = start.elapsed().as_secs_f64() / n.max(1) as f64 * 1e6;
    println!("{file}: {per:.1} µs per parse ({found} sections in all)");
}
