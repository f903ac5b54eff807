//! Parse throughput: each seed fixture, each recognizer of the registry on the seeds, a
//! synthetic 100 MB UTF-8 corpus recombined from the seeds (in memory), and the batch
//! engine with one and two workers.
//!
//! Every group measures a baseline pass over the same bytes (UTF-8 validation plus a
//! memchr line count) in the same run, and the run ends with an interleaved comparison
//! that prints the ratios, which stay stable when the machine is shared:
//!
//! ```sh
//! cargo bench --bench parse                # everything (about 3 minutes)
//! cargo bench --bench parse -- corpus      # only the 100 MB corpus group
//! ZHENGCE_BENCH_MB=20 cargo bench --bench parse   # a smaller synthetic corpus
//! ```

use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use zhengce::parallel::{ordered_map, Flow, Window};
use zhengce::recognize::{Findings, Input, REGISTRY};
use zhengce::synth::Generator;

/// The baseline: validate UTF-8 and count lines, the least any parser must do.
fn baseline(bytes: &[u8]) -> usize {
    let valid = encoding_rs::Encoding::utf8_valid_up_to(bytes);
    valid + memchr::memchr_iter(b'\n', bytes).count()
}

fn corpus_mb() -> usize {
    std::env::var("ZHENGCE_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

fn corpus() -> Vec<String> {
    let generator = Generator::from_dir(std::path::Path::new("fixtures/seeds")).unwrap();
    generator.utf8_corpus(corpus_mb() * 1_000_000)
}

fn total(docs: &[String]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

fn parse_all(docs: &[String]) -> usize {
    docs.iter()
        .map(|d| {
            zhengce::parse(black_box(d.as_bytes()))
                .map(|doc| doc.sections.len())
                .unwrap_or(0)
        })
        .sum()
}

fn baseline_all(docs: &[String]) -> usize {
    docs.iter().map(|d| baseline(black_box(d.as_bytes()))).sum()
}

/// Parse and serialize every document with `jobs` workers, in order, into a sink.
fn batch_all(docs: &[String], jobs: usize) -> usize {
    let mut sink = std::io::sink();
    let mut lines = 0;
    ordered_map(
        docs.iter(),
        jobs,
        Window::for_workers(jobs),
        |_| 0,
        |d: &String| {
            let doc = zhengce::parse(d.as_bytes()).ok();
            serde_json::to_vec(&doc).unwrap_or_default()
        },
        |line| {
            sink.write_all(&line)?;
            lines += 1;
            Ok(Flow::Continue)
        },
    )
    .unwrap();
    lines
}

fn fixtures(c: &mut Criterion) {
    let mut group = c.benchmark_group("fixtures");
    let mut entries: Vec<_> = std::fs::read_dir("fixtures/seeds")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("parse/{name}"), |b| {
            b.iter(|| zhengce::parse(black_box(&bytes)))
        });
        group.bench_function(format!("baseline/{name}"), |b| {
            b.iter(|| baseline(black_box(&bytes)))
        });
    }
    group.finish();
}

/// Each recognizer of the registry alone, over the seeds read up to its input (normalized,
/// segmented, framed, sections nested).
fn recognizers(c: &mut Criterion) {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir("fixtures/seeds").unwrap().flatten() {
        texts.push(std::fs::read_to_string(entry.path()).unwrap());
    }
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            let norm = zhengce::normalize::normalize(t);
            let segmented = zhengce::segment::segment(&norm.text);
            let frame = zhengce::recognize::frame::recognize(&norm.text, &segmented);
            let outline = zhengce::recognize::sections::recognize(&norm.text, &segmented, &frame);
            let tree = zhengce::assemble::sections(outline, &norm.text);
            (norm, segmented, frame, tree)
        })
        .collect();
    let inputs: Vec<Input<'_>> = prepared
        .iter()
        .map(|(norm, segmented, frame, tree)| Input {
            text: &norm.text,
            segmented,
            frame,
            sections: &tree.sections,
        })
        .collect();
    let mut group = c.benchmark_group("recognizers");
    group.throughput(Throughput::Bytes(
        texts.iter().map(|t| t.len() as u64).sum(),
    ));
    for r in REGISTRY {
        group.bench_function(r.name, |b| {
            b.iter(|| {
                let mut found = Findings::default();
                for input in &inputs {
                    (r.run)(black_box(input), &mut found);
                }
                found
            })
        });
    }
    group.finish();
}

fn corpus_group(c: &mut Criterion, docs: &[String]) {
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(total(docs)));
    group.bench_function("baseline", |b| b.iter(|| baseline_all(docs)));
    group.bench_function("parse", |b| b.iter(|| parse_all(docs)));
    group.finish();
}

fn batch_group(c: &mut Criterion, docs: &[String]) {
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(total(docs)));
    for jobs in [1, 2] {
        group.bench_function(format!("jobs{jobs}"), |b| b.iter(|| batch_all(docs, jobs)));
    }
    group.finish();
}

/// Median wall time of `f`, over rounds interleaved with the other measurements.
fn median(times: &mut [f64]) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    times.get(times.len() / 2).copied().unwrap_or(0.0)
}

/// Interleaved rounds: baseline, parse, batch -j1, batch -j2, five times; prints medians
/// and ratios.
fn ratios(docs: &[String]) {
    let mb = total(docs) as f64 / 1e6;
    let (mut base, mut parse, mut j1, mut j2) = (vec![], vec![], vec![], vec![]);
    for _ in 0..5 {
        let t = Instant::now();
        black_box(baseline_all(docs));
        base.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        black_box(parse_all(docs));
        parse.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        black_box(batch_all(docs, 1));
        j1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        black_box(batch_all(docs, 2));
        j2.push(t.elapsed().as_secs_f64());
    }
    let (base, parse, j1, j2) = (
        median(&mut base),
        median(&mut parse),
        median(&mut j1),
        median(&mut j2),
    );
    println!("ratios over {mb:.1} MB (median of 5 interleaved rounds):");
    println!(
        "  baseline (utf-8 validation + memchr lines): {:>9.1} MB/s",
        mb / base
    );
    println!(
        "  parse, one core:                            {:>9.1} MB/s",
        mb / parse
    );
    println!(
        "  parse / baseline:                           {:>9.4}",
        base / parse
    );
    println!(
        "  batch -j1 (parse + JSON):                   {:>9.1} MB/s",
        mb / j1
    );
    println!(
        "  batch -j2 (parse + JSON):                   {:>9.1} MB/s",
        mb / j2
    );
    println!(
        "  batch -j2 / parse one core:                 {:>9.2}x",
        parse / j2
    );
    println!(
        "  batch -j2 / batch -j1:                      {:>9.2}x",
        j1 / j2
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let test_mode = args.iter().any(|a| a == "--test" || a == "--list");
    let mut c = Criterion::default().configure_from_args();
    fixtures(&mut c);
    recognizers(&mut c);
    let docs = if test_mode {
        Generator::from_dir(std::path::Path::new("fixtures/seeds"))
            .unwrap()
            .utf8_corpus(200_000)
    } else {
        corpus()
    };
    corpus_group(&mut c, &docs);
    batch_group(&mut c, &docs);
    c.final_summary();
    let filtered = args.iter().skip(1).any(|a| !a.starts_with('-'));
    if !test_mode && !filtered {
        ratios(&docs);
    }
}
