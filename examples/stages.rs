//! Time spent per pipeline stage, on real documents repeated in memory.
//!
//! Reads every `.txt` file of the given directories (default: `fixtures/seeds` and
//! `fixtures/corpus`), repeats them until about `MB` megabytes (default 50), then runs the
//! pipeline stage by stage over all of them, a few rounds, and prints the best round's
//! rate for each stage (MB/s of *input* bytes, as if that stage ran alone) and for the
//! whole parse including JSON serialization.
//!
//! ```sh
//! cargo run --release --example stages                         # 50 MB, 3 rounds
//! cargo run --release --example stages -- 20 1 fixtures/seeds # 20 MB, 1 round, seeds only
//! taskset -c 1 target/release/examples/stages 50 5             # pinned to one core
//! taskset -c 1 target/release/examples/stages 10 5 synth       # the bench's corpus
//! ```
//!
//! The directory name `synth` stands for the synthetic UTF-8 corpus that `benches/parse.rs`
//! measures: documents recombined from `fixtures/seeds` by [`zhengce::synth::Generator`].
//!
//! Under `valgrind --tool=callgrind` use a small size (`stages 2 1`): instruction counts
//! per function are stable even on a loaded machine.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use zhengce::recognize::{self, Findings, Input, REGISTRY};
use zhengce::{assemble, decode, normalize, segment, Source};

/// The stages before the registry's recognizers.
const BEFORE: [&str; 5] = ["decode", "normalize", "segment", "frame", "sections"];

/// The stages after them.
const AFTER: [&str; 2] = ["assemble", "json"];

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mb: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(50.0);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let mut dirs: Vec<String> = args.collect();
    if dirs.is_empty() {
        dirs = vec!["fixtures/seeds".into(), "fixtures/corpus".into()];
    }
    let mut files = Vec::new();
    if dirs == ["synth"] {
        let generator = zhengce::synth::Generator::from_dir(Path::new("fixtures/seeds"))?;
        files = generator
            .utf8_corpus((mb * 1e6) as usize)
            .into_iter()
            .map(String::into_bytes)
            .collect();
        dirs.clear();
    }
    for dir in &dirs {
        let mut paths: Vec<_> = std::fs::read_dir(Path::new(dir))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            files.push(std::fs::read(p)?);
        }
    }
    let one: usize = files.iter().map(Vec::len).sum();
    if one == 0 {
        eprintln!("no .txt files in {dirs:?}");
        std::process::exit(2);
    }
    let target = (mb * 1e6) as usize;
    let mut docs: Vec<&[u8]> = Vec::new();
    let mut total = 0;
    while total < target {
        for f in &files {
            docs.push(f);
            total += f.len();
        }
    }
    println!(
        "{} files ({} bytes) repeated to {} docs, {:.1} MB; {rounds} round(s)",
        files.len(),
        one,
        docs.len(),
        total as f64 / 1e6
    );

    let stages: Vec<&str> = BEFORE
        .into_iter()
        .chain(REGISTRY.iter().map(|r| r.name))
        .chain(AFTER)
        .collect();
    let mut best = vec![Duration::MAX; stages.len()];
    let mut best_whole = Duration::MAX;
    for _ in 0..rounds {
        let mut t = vec![Duration::ZERO; stages.len()];
        for bytes in &docs {
            let mut lap = Instant::now();
            let mut tick = |i: usize| {
                let now = Instant::now();
                t[i] += now - lap;
                lap = now;
            };
            let decoded = decode::decode(black_box(bytes), None).expect("text");
            tick(0);
            let norm = normalize::normalize(&decoded.text);
            tick(1);
            let segmented = segment::segment(&norm.text);
            tick(2);
            let source = Source {
                path: None,
                encoding: "UTF-8".to_string(),
                bytes: decoded.text.len() as u64,
                replaced_invalid: 0,
                traditional_converted: norm.traditional_converted,
                format: Default::default(),
            };
            let frame = recognize::frame::recognize(&norm.text, &segmented);
            tick(3);
            // The section tree is the assembler's, but read by the recognizers: timed
            // with the headings it nests.
            let outline = recognize::sections::recognize(&norm.text, &segmented, &frame);
            let tree = assemble::sections(outline, &norm.text);
            tick(4);
            let input = Input {
                text: &norm.text,
                segmented: &segmented,
                frame: &frame,
                sections: &tree.sections,
            };
            let mut found = Findings::default();
            for (k, r) in REGISTRY.iter().enumerate() {
                (r.run)(&input, &mut found);
                tick(BEFORE.len() + k);
            }
            let mut doc = assemble::document(source, frame, tree, found, &norm);
            norm.add_diagnostics(&mut doc.diagnostics);
            tick(BEFORE.len() + REGISTRY.len());
            black_box(serde_json::to_vec(&doc).expect("json"));
            tick(BEFORE.len() + REGISTRY.len() + 1);
        }
        for (b, t) in best.iter_mut().zip(t) {
            *b = (*b).min(t);
        }
        let start = Instant::now();
        for bytes in &docs {
            let doc = zhengce::parse(black_box(bytes)).expect("text");
            black_box(serde_json::to_vec(&doc).expect("json"));
        }
        best_whole = best_whole.min(start.elapsed());
    }
    let mb = total as f64 / 1e6;
    let sum: Duration = best.iter().sum();
    println!("{:<16} {:>9} {:>10} {:>7}", "stage", "ms", "MB/s", "share");
    for (name, d) in stages.iter().zip(best) {
        println!(
            "{:<16} {:>9.1} {:>10.1} {:>6.1}%",
            name,
            d.as_secs_f64() * 1e3,
            mb / d.as_secs_f64(),
            100.0 * d.as_secs_f64() / sum.as_secs_f64()
        );
    }
    println!(
        "{:<16} {:>9.1} {:>10.1}",
        "sum of stages",
        sum.as_secs_f64() * 1e3,
        mb / sum.as_secs_f64()
    );
    println!(
        "{:<16} {:>9.1} {:>10.1}",
        "parse + json",
        best_whole.as_secs_f64() * 1e3,
        mb / best_whole.as_secs_f64()
    );
    Ok(())
}
