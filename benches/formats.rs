//! What reading a page or a Word file costs over reading its text: each document of
//! `fixtures/html` and `fixtures/docx` against the text it was made from (`fixtures/corpus`),
//! then an interleaved comparison that prints each format's time as a multiple of the
//! text's, which stays stable when the machine is shared.
//!
//! ```sh
//! cargo bench --bench formats
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use zhengce::Options;

const DOCS: [&str; 3] = ["004", "017", "031"];
const LAYOUTS: [&str; 4] = ["gov", "trs", "zoom", "html5"];

fn inputs() -> Vec<(String, String, Vec<u8>)> {
    let mut out = Vec::new();
    for id in DOCS {
        let read = |p: String| std::fs::read(&p).map(|b| (p, b));
        let mut push = |label: String, path: String| {
            if let Ok((p, b)) = read(path) {
                out.push((label, p, b));
            }
        };
        push(format!("{id}/text"), format!("fixtures/corpus/{id}.txt"));
        for layout in LAYOUTS {
            push(
                format!("{id}/html_{layout}"),
                format!("fixtures/html/{id}_{layout}.html"),
            );
        }
        push(format!("{id}/docx"), format!("fixtures/docx/{id}.docx"));
    }
    out
}

fn parse(path: &str, bytes: &[u8]) -> usize {
    let options = Options::default().path(path);
    zhengce::parse_with(bytes, &options).map_or(0, |d| d.sections.len() + d.quantities.len())
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    let mut group = c.benchmark_group("formats");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    for (label, path, bytes) in &inputs {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(label, |b| b.iter(|| parse(path, black_box(bytes))));
    }
    group.finish();
    compare(&inputs);
}

/// Rounds of every input in turn; the median time of each, over its document's text.
fn compare(inputs: &[(String, String, Vec<u8>)]) {
    const ROUNDS: usize = 31;
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); inputs.len()];
    for _ in 0..ROUNDS {
        for (i, (_, path, bytes)) in inputs.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..10 {
                black_box(parse(path, black_box(bytes)));
            }
            times[i].push(start.elapsed().as_secs_f64() / 10.0);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let medians: Vec<f64> = times.iter_mut().map(median).collect();
    println!("\nformat cost over the text's parse (median of {ROUNDS} interleaved rounds):");
    for (i, (label, _, bytes)) in inputs.iter().enumerate() {
        let id = label.split('/').next().unwrap_or_default();
        let text = inputs
            .iter()
            .position(|(l, _, _)| l == &format!("{id}/text"))
            .and_then(|t| medians.get(t))
            .copied()
            .unwrap_or(f64::NAN);
        println!(
            "  {label:<16} {:>8} bytes {:>9.1} µs  {:>5.2}× text",
            bytes.len(),
            medians[i] * 1e6,
            medians[i] / text
        );
    }
}

criterion::criterion_group!(benches, bench);
criterion::criterion_main!(benches);
