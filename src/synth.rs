//! Synthetic corpora for benchmarks and load tests, built from real seed documents.
//!
//! Hands on documents (as text, or as file bytes in UTF-8 or GB18030, a few corrupted or
//! binary) that are recombined from the lines of the seeds: a seed's head (title, number,
//! recipients), a run of body lines drawn from every seed, a seed's tail (signature,
//! date). The same seeds and index always give the same bytes.
//!
//! ```
//! use zhengce::synth::Generator;
//! let g = Generator::new(vec!["关于印发方案的通知\n一、总体要求\n（一）目标。\n".to_string()]);
//! assert_eq!(g.document(7), g.document(7));
//! assert!(!g.document(7).is_empty());
//! ```

use encoding_rs::GB18030;

/// What kind of file [`Generator::file`] produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A document in UTF-8.
    Utf8,
    /// A document in GB18030.
    Gb18030,
    /// A GB18030 document with a run of invalid bytes in it and cut mid-character.
    Corrupt,
    /// Binary data (NUL bytes): not a text at all.
    Binary,
}

/// Recombines seed documents into new ones.
#[derive(Debug, Clone)]
pub struct Generator {
    seeds: Vec<String>,
    lines: Vec<String>,
}

/// splitmix64: a small, fast, deterministic generator.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

impl Generator {
    /// A generator over these seed texts (empty seeds are dropped).
    pub fn new(seeds: Vec<String>) -> Self {
        let seeds: Vec<String> = seeds.into_iter().filter(|s| !s.trim().is_empty()).collect();
        let lines = seeds
            .iter()
            .flat_map(|s| s.lines())
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.to_string())
            .collect();
        Generator { seeds, lines }
    }

    /// A generator over every `.txt` file directly in `dir` (read in name order; files
    /// that are not UTF-8 are skipped).
    pub fn from_dir(dir: &std::path::Path) -> std::io::Result<Self> {
        let mut paths: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        let seeds = paths
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .filter_map(|b| String::from_utf8(b).ok())
            .collect();
        Ok(Generator::new(seeds))
    }

    /// Document number `index`: 4–36 KB of text (20 KB on average).
    pub fn document(&self, index: u64) -> String {
        let mut rng = Rng::new(index);
        let target = 4_000 + rng.below(32_000);
        self.document_of(&mut rng, target)
    }

    fn document_of(&self, rng: &mut Rng, target: usize) -> String {
        let mut out = String::with_capacity(target + 2_000);
        let Some(seed) = self.seeds.get(rng.below(self.seeds.len())) else {
            return out;
        };
        let seed_lines: Vec<&str> = seed.lines().collect();
        let head = seed_lines.len().min(8);
        for line in seed_lines.iter().take(head) {
            out.push_str(line);
            out.push('\n');
        }
        let tail: String = seed_lines
            .iter()
            .skip(seed_lines.len().saturating_sub(4).max(head))
            .map(|l| format!("{l}\n"))
            .collect();
        while out.len() + tail.len() < target && !self.lines.is_empty() {
            // A run of consecutive lines keeps numbered lists and paragraphs together.
            let start = rng.below(self.lines.len());
            let run = 1 + rng.below(12);
            for line in self.lines.iter().skip(start).take(run) {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push_str(&tail);
        out
    }

    /// UTF-8 documents totalling at least `bytes` bytes, for in-memory benchmarks.
    pub fn utf8_corpus(&self, bytes: usize) -> Vec<String> {
        let mut docs = Vec::new();
        let mut total = 0;
        let mut index = 0;
        while total < bytes && !self.seeds.is_empty() {
            let doc = self.document(index);
            total += doc.len();
            docs.push(doc);
            index += 1;
        }
        docs
    }

    /// File number `index` of a mixed corpus: about half UTF-8, half GB18030, 1% corrupt
    /// or binary (0.5% each).
    pub fn file(&self, index: u64) -> (FileKind, Vec<u8>) {
        let mut rng = Rng::new(index.wrapping_mul(31).wrapping_add(7));
        let roll = rng.below(1000);
        let text = self.document(index);
        match roll {
            0..5 => {
                let len = 1_000 + rng.below(30_000);
                let bytes = (0..len)
                    .map(|i| {
                        if i.is_multiple_of(7) {
                            0
                        } else {
                            (rng.next() & 0xFF) as u8
                        }
                    })
                    .collect();
                (FileKind::Binary, bytes)
            }
            5..10 => {
                let (encoded, _, _) = GB18030.encode(&text);
                let mut bytes = encoded.into_owned();
                let at = rng.below(bytes.len());
                let junk = [0xFF, 0x80, 0xFE, 0xA1, 0xFF];
                bytes.splice(at..at, junk);
                if bytes.len() > 1 {
                    let cut = bytes.len() - 1;
                    bytes.truncate(cut);
                }
                (FileKind::Corrupt, bytes)
            }
            _ if roll.is_multiple_of(2) => (FileKind::Utf8, text.into_bytes()),
            _ => {
                let (encoded, _, _) = GB18030.encode(&text);
                (FileKind::Gb18030, encoded.into_owned())
            }
        }
    }

    /// The relative path of file number `index`: 1000 files per directory.
    pub fn file_name(index: u64) -> String {
        format!("d{:03}/{:06}.txt", index / 1000, index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generator() -> Generator {
        Generator::new(vec![
            "天津市关于印发方案的通知\n各区人民政府:\n一、总体要求\n(一)目标。到2025年达到90%。\n二、保障措施\n天津市人民政府\n2023年5月1日\n".to_string(),
        ])
    }

    #[test]
    fn same_index_same_bytes() {
        let g = generator();
        assert_eq!(
            g.file(42),
            g.file(42),
            "a file should depend only on its index"
        );
        assert_ne!(
            g.document(1),
            g.document(2),
            "indexes should give different documents"
        );
    }

    #[test]
    fn mix_has_every_kind() {
        let g = generator();
        let kinds: Vec<FileKind> = (0..2000).map(|i| g.file(i).0).collect();
        let count = |k| kinds.iter().filter(|&&x| x == k).count();
        assert!(count(FileKind::Utf8) > 800, "about half UTF-8");
        assert!(count(FileKind::Gb18030) > 800, "about half GB18030");
        assert!(count(FileKind::Binary) > 2, "some binary files");
        assert!(count(FileKind::Corrupt) > 2, "some corrupt files");
    }

    #[test]
    fn sizes_follow_the_target() {
        let g = generator();
        let doc = g.document(3);
        assert!(
            (4_000..40_000).contains(&doc.len()),
            "4–36 KB plus a tail: {}",
            doc.len()
        );
        let corpus = g.utf8_corpus(100_000);
        let total: usize = corpus.iter().map(String::len).sum();
        assert!(
            total >= 100_000,
            "the corpus should reach the requested size"
        );
    }
}
