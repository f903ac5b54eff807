//! Writes a synthetic corpus to disk for load tests: files recombined from seed documents,
//! about half UTF-8 and half GB18030, 0.5% corrupt and 0.5% binary, 1000 per directory.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- OUT_DIR [FILES] [SEED_DIR]
//! cargo run --release --example gen_corpus -- /tmp/zhengce-corpus 50000 fixtures/seeds
//! ```
//! Prints the number of files of each kind and the total size.

use std::path::PathBuf;

use zhengce::synth::{FileKind, Generator};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen_corpus OUT_DIR [FILES] [SEED_DIR]");
        std::process::exit(2);
    };
    let files: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(50_000);
    let seeds = args.next().unwrap_or_else(|| "fixtures/seeds".to_string());
    let generator = Generator::from_dir(std::path::Path::new(&seeds))?;
    let (mut bytes, mut counts) = (0u64, [0u64; 4]);
    for index in 0..files {
        let (kind, data) = generator.file(index);
        let path = out.join(Generator::file_name(index));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, &data)?;
        bytes += data.len() as u64;
        counts[match kind {
            FileKind::Utf8 => 0,
            FileKind::Gb18030 => 1,
            FileKind::Corrupt => 2,
            FileKind::Binary => 3,
        }] += 1;
    }
    println!(
        "{files} files, {:.1} MB: {} UTF-8, {} GB18030, {} corrupt, {} binary",
        bytes as f64 / 1e6,
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    );
    Ok(())
}
