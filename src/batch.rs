//! Batch processing: many inputs in, one line per input out, in input order.
//!
//! This is what `zhengce parse DIR…`, `zhengce parse --records` and `zhengce table` run.
//! It hands on bytes written to any [`Write`] and a [`Summary`] that accounts for every
//! input; the library's single-document functions ([`parse_with`](crate::parse_with)) do
//! the work.
//!
//! # Pieces
//! - [`discover`]: turns command-line paths (files, directories walked recursively in
//!   name order, `-` for standard input) into an ordered list of [`Item`]s.
//! - [`ordered_map`]: the engine. A feeder hands jobs to a rayon pool of `jobs` threads; a
//!   writer thread puts the results back in input order and passes each to a sink. At most
//!   `window` results exist at once, so memory stays bounded whatever the number of
//!   inputs, and the output bytes do not depend on the number of threads.
//! - [`parse_items`], [`parse_records`], [`table_items`]: the three modes, built on the
//!   engine.
//!
//! # Output contract
//! Every input yields exactly one line in JSON Lines: the [`Document`], or an error record
//! `{"source": {...}, "error": {"code": "...", "message": "..."}}`
//! ([`error_record`](crate::json::error_record)). In records mode each line also carries
//! the record's `id` as its first field.
//!
//! ```
//! use zhengce::batch::{self, BatchOptions, Item, OutputFormat};
//! let dir = std::env::temp_dir().join("zhengce-batch-doc-example");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "关于印发方案的通知\n").unwrap();
//! let items = batch::discover(&[dir.clone()], &batch::default_extensions());
//! let mut out = Vec::new();
//! let summary = batch::parse_items(&items, OutputFormat::Jsonl, &BatchOptions::default(), &mut out).unwrap();
//! assert_eq!(summary.inputs, 1);
//! assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::json::ErrorBody;
use crate::model::{Document, Source};
use crate::table::{self, TableFormat, TableKind};
use crate::{Error, Options};

/// One input of a batch: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// A file (or anything that failed to be walked, which then fails to read).
    Path(PathBuf),
    /// Standard input, read whole as one document.
    Stdin,
}

impl Item {
    /// The path reported in `source.path` (`None` for standard input).
    pub fn source_path(&self) -> Option<String> {
        match self {
            Item::Path(p) => Some(p.display().to_string()),
            Item::Stdin => None,
        }
    }

    /// The name used in messages: the path, or `-`.
    pub fn name(&self) -> String {
        self.source_path().unwrap_or_else(|| "-".to_string())
    }

    /// Reads the whole input.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Item::Path(p) => std::fs::read(p),
            Item::Stdin => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
        }
    }
}

/// The file extensions read from directories by default: `txt`, `md`, `text`, `html`,
/// `htm`, `docx`.
pub fn default_extensions() -> Vec<String> {
    ["txt", "md", "text", "html", "htm", "docx"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Expands command-line paths into the ordered list of inputs.
///
/// A directory is walked recursively, entries in byte order of their names, keeping the
/// files whose extension is in `extensions` (compared without case; `*` keeps every file).
/// Symbolic links to files are followed, links to directories are not (no cycles). A file
/// named explicitly is always kept, whatever its extension; `-` is standard input; a path
/// that does not exist is kept too, so that it yields its error record.
pub fn discover(paths: &[PathBuf], extensions: &[String]) -> Vec<Item> {
    let mut items = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            items.push(Item::Stdin);
        } else if path.is_dir() {
            walk(path, extensions, &mut items);
        } else {
            items.push(Item::Path(path.clone()));
        }
    }
    items
}

/// Reads a list of paths, one per line (blank lines skipped), as given to `--files-from`.
pub fn read_path_list(reader: impl BufRead) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for line in reader.lines() {
        let line = line?;
        let line = line.trim_end_matches('\r');
        if !line.trim().is_empty() {
            paths.push(PathBuf::from(line));
        }
    }
    Ok(paths)
}

fn walk(dir: &Path, extensions: &[String], items: &mut Vec<Item>) {
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).collect(),
        Err(_) => {
            // Unreadable directory: keep it as an input so that it is reported.
            items.push(Item::Path(dir.to_path_buf()));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            items.push(Item::Path(path));
            continue;
        };
        if kind.is_dir() {
            walk(&path, extensions, items);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file()))
            && has_extension(&path, extensions)
        {
            items.push(Item::Path(path));
        }
    }
}

fn has_extension(path: &Path, extensions: &[String]) -> bool {
    if extensions.iter().any(|e| e == "*") {
        return true;
    }
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    extensions
        .iter()
        .any(|e| e.trim_start_matches('.').eq_ignore_ascii_case(ext))
}

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Options for each document (`path` is set per input).
    pub parse: Options,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Stop after the first input that fails (its record is still written).
    pub fail_fast: bool,
    /// Show a progress bar on standard error (see [`progress_wanted`]).
    pub progress: bool,
    /// Print one line per failed input on standard error.
    pub report_errors: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            parse: Options::default(),
            jobs: default_jobs(),
            fail_fast: false,
            progress: false,
            report_errors: false,
        }
    }
}

/// One worker per available core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Whether to draw a progress bar: standard error is a terminal, `quiet` is off and the
/// `CI` environment variable is not set.
pub fn progress_wanted(quiet: bool) -> bool {
    !quiet && io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// The output format of a parse batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Pretty-printed JSON, one document after another; failed inputs are only reported
    /// on standard error.
    Json,
    /// One line per input: the document or its error record.
    Jsonl,
}

/// What a batch did: every input is either parsed or counted under its error code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs seen (written to the output).
    pub inputs: u64,
    /// Inputs parsed into a document.
    pub parsed: u64,
    /// Failed inputs by error code.
    pub errors: BTreeMap<String, u64>,
    /// Bytes of input read.
    pub bytes: u64,
    /// Wall-clock time of the batch.
    pub elapsed: Duration,
    /// True when `--fail-fast` stopped the batch before the last input.
    pub stopped: bool,
}

impl Summary {
    /// Number of failed inputs.
    pub fn failed(&self) -> u64 {
        self.errors.values().sum()
    }

    fn count(&mut self, outcome: &Outcome) {
        self.inputs += 1;
        self.bytes += outcome.bytes;
        match &outcome.error {
            None => self.parsed += 1,
            Some(e) => *self.errors.entry(e.code.to_string()).or_insert(0) += 1,
        }
    }
}

impl fmt::Display for Summary {
    /// `50000 inputs, 49500 parsed, 500 errors (io 1, not_text 499), 1024.0 MB in 9.8 s, 104.5 MB/s`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mb = self.bytes as f64 / 1e6;
        let secs = self.elapsed.as_secs_f64();
        write!(
            f,
            "{} inputs, {} parsed, {} errors",
            self.inputs,
            self.parsed,
            self.failed()
        )?;
        if !self.errors.is_empty() {
            let by_code: Vec<String> = self
                .errors
                .iter()
                .map(|(code, n)| format!("{code} {n}"))
                .collect();
            write!(f, " ({})", by_code.join(", "))?;
        }
        let rate = if secs > 0.0 { mb / secs } else { 0.0 };
        write!(f, ", {mb:.1} MB in {secs:.2} s, {rate:.1} MB/s")?;
        if self.stopped {
            write!(f, ", stopped at the first failure")?;
        }
        Ok(())
    }
}

/// The result of one input, ready to write.
#[derive(Debug)]
struct Outcome {
    /// Bytes to write (possibly empty).
    out: Vec<u8>,
    /// Input size.
    bytes: u64,
    /// Why it failed.
    error: Option<ErrorBody>,
    /// Name for messages.
    name: String,
}

/// Whether the engine goes on after a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Take the next result.
    Continue,
    /// Stop: no further result is passed to the sink.
    Stop,
}

enum Msg<R> {
    Done(usize, R),
    End(usize),
}

/// Maps `work` over `jobs` on a pool of `threads` threads and passes the results to `sink`
/// in input order, holding at most `window` jobs in flight or waiting to be written.
///
/// `jobs` is pulled lazily on the calling thread (it may block, e.g. on standard input);
/// `sink` runs on its own thread as soon as the next result in order is ready. Returns
/// `Ok(false)` when the sink asked to stop, and the sink's first error if it failed.
///
/// ```
/// use zhengce::batch::{ordered_map, Flow};
/// let mut seen = Vec::new();
/// ordered_map(0..100u32, 2, 8, |n| n * 2, |r| { seen.push(r); Ok(Flow::Continue) }).unwrap();
/// assert_eq!(seen, (0..100).map(|n| n * 2).collect::<Vec<_>>());
/// ```
pub fn ordered_map<J, R, I, W, S>(
    jobs: I,
    threads: usize,
    window: usize,
    work: W,
    mut sink: S,
) -> io::Result<bool>
where
    I: IntoIterator<Item = J>,
    J: Send,
    R: Send,
    W: Fn(J) -> R + Sync,
    S: FnMut(R) -> io::Result<Flow> + Send,
{
    let window = window.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("zhengce-worker-{i}"))
        .build()
        .map_err(io::Error::other)?;
    let stop = AtomicBool::new(false);
    let written = Mutex::new(0usize);
    let room = Condvar::new();
    let (tx, rx) = mpsc::channel::<Msg<R>>();
    let work = &work;
    let stop = &stop;
    let written = &written;
    let room = &room;

    let mut writer = move |rx: mpsc::Receiver<Msg<R>>| -> io::Result<bool> {
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0usize;
        let mut total = None;
        let halt = |outcome: io::Result<bool>| {
            stop.store(true, Ordering::SeqCst);
            let _guard = written.lock();
            room.notify_all();
            outcome
        };
        while total != Some(next) {
            let Ok(msg) = rx.recv() else { break };
            match msg {
                Msg::End(n) => total = Some(n),
                Msg::Done(i, r) => {
                    pending.insert(i, r);
                }
            }
            while let Some(r) = pending.remove(&next) {
                next += 1;
                match sink(r) {
                    Ok(Flow::Continue) => {}
                    Ok(Flow::Stop) => return halt(Ok(false)),
                    Err(e) => return halt(Err(e)),
                }
                if let Ok(mut w) = written.lock() {
                    *w = next;
                }
                room.notify_all();
            }
        }
        Ok(true)
    };

    pool.in_place_scope(|scope| {
        std::thread::scope(|threads| {
            let handle = threads.spawn(move || writer(rx));
            let mut count = 0usize;
            for (i, job) in jobs.into_iter().enumerate() {
                // Wait for room in the window.
                let Ok(mut w) = written.lock() else { break };
                while i >= *w + window && !stop.load(Ordering::SeqCst) {
                    w = match room.wait(w) {
                        Ok(w) => w,
                        Err(_) => return Err(io::Error::other("worker lock poisoned")),
                    };
                }
                drop(w);
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let tx = tx.clone();
                scope.spawn(move |_| {
                    if !stop.load(Ordering::Relaxed) {
                        let _ = tx.send(Msg::Done(i, work(job)));
                    }
                });
                count = i + 1;
            }
            let _ = tx.send(Msg::End(count));
            drop(tx);
            handle
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("writer thread panicked")))
        })
    })
}

/// How many results may be in flight for `jobs` workers.
fn window_for(jobs: usize) -> usize {
    (jobs.max(1) * 16).max(32)
}

/// Draws the progress bar and prints per-input error lines above it.
struct Reporter {
    bar: indicatif::ProgressBar,
    report_errors: bool,
}

impl Reporter {
    fn new(total: Option<u64>, options: &BatchOptions) -> Self {
        let bar = if options.progress {
            let style = indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {pos}/{len} inputs {msg} ({eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            let bar = match total {
                Some(n) => indicatif::ProgressBar::new(n),
                None => indicatif::ProgressBar::new_spinner(),
            };
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
            bar.set_style(style);
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        Reporter {
            bar,
            report_errors: options.report_errors,
        }
    }

    fn record(&self, summary: &Summary, outcome: &Outcome) {
        if let (true, Some(e)) = (self.report_errors, &outcome.error) {
            let line = format!(
                "zhengce: {}: error[{}]: {}",
                outcome.name, e.code, e.message
            );
            if self.bar.is_hidden() {
                eprintln!("{line}");
            } else {
                self.bar.println(line);
            }
        }
        if !self.bar.is_hidden() {
            self.bar.inc(1);
            let secs = summary.elapsed_so_far();
            if summary.inputs % 64 == 1 && secs > 0.0 {
                self.bar.set_message(format!(
                    "{:.0} MB, {:.1} MB/s, {} errors",
                    summary.bytes as f64 / 1e6,
                    summary.bytes as f64 / 1e6 / secs,
                    summary.failed()
                ));
            }
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Summary {
    fn elapsed_so_far(&self) -> f64 {
        self.elapsed.as_secs_f64()
    }
}

/// Runs the engine over `jobs`, writing each outcome's bytes to `out`.
fn drive<J, I, W>(
    jobs: I,
    total: Option<u64>,
    options: &BatchOptions,
    flush_each: bool,
    work: W,
    out: &mut (dyn Write + Send),
) -> io::Result<Summary>
where
    I: IntoIterator<Item = J>,
    J: Send,
    W: Fn(J) -> Outcome + Sync,
{
    let start = Instant::now();
    let reporter = Reporter::new(total, options);
    let mut summary = Summary::default();
    let fail_fast = options.fail_fast;
    let finished = ordered_map(
        jobs,
        options.jobs,
        window_for(options.jobs),
        work,
        |outcome: Outcome| {
            out.write_all(&outcome.out)?;
            if flush_each {
                out.flush()?;
            }
            summary.count(&outcome);
            summary.elapsed = start.elapsed();
            reporter.record(&summary, &outcome);
            if fail_fast && outcome.error.is_some() {
                Ok(Flow::Stop)
            } else {
                Ok(Flow::Continue)
            }
        },
    );
    reporter.finish();
    let finished = finished?;
    out.flush()?;
    summary.stopped = !finished;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// A source for an input that could not be read or parsed.
fn failed_source(path: Option<String>, bytes: u64) -> Source {
    Source {
        path,
        encoding: String::new(),
        bytes,
        replaced_invalid: 0,
        traditional_converted: false,
        format: Default::default(),
    }
}

fn body(error: &Error) -> ErrorBody {
    ErrorBody {
        code: error.code(),
        message: error.to_string(),
    }
}

/// Reads and parses one item: the document or the error, with the input size.
fn load(item: &Item, options: &Options) -> (Result<Document, (Source, Error)>, u64) {
    let path = item.source_path();
    let bytes = match item.read() {
        Ok(b) => b,
        Err(e) => return (Err((failed_source(path, 0), Error::Io(e))), 0),
    };
    let size = bytes.len() as u64;
    let mut options = options.clone();
    options.path = path.clone();
    match crate::parse_with(&bytes, &options) {
        Ok(doc) => (Ok(doc), size),
        Err(e) => (Err((failed_source(path, size), e)), size),
    }
}

fn parse_one(item: &Item, format: OutputFormat, options: &Options) -> Outcome {
    let (result, bytes) = load(item, options);
    // A document's JSON is about twice its input: reserving that saves the regrowth copies.
    let mut out = Vec::with_capacity(usize::try_from(bytes).unwrap_or(0).saturating_mul(2) + 256);
    let error = match result {
        Ok(doc) => {
            let written = match format {
                OutputFormat::Json => serde_json::to_writer_pretty(&mut out, &doc),
                OutputFormat::Jsonl => serde_json::to_writer(&mut out, &doc),
            };
            match written {
                Ok(()) => {
                    out.push(b'\n');
                    None
                }
                Err(e) => {
                    out.clear();
                    let source = doc.source.clone();
                    let error = ErrorBody {
                        code: "serialize",
                        message: e.to_string(),
                    };
                    write_error_line(&mut out, None, &source, &error, format);
                    Some(error)
                }
            }
        }
        Err((source, e)) => {
            let error = body(&e);
            write_error_line(&mut out, None, &source, &error, format);
            Some(error)
        }
    };
    Outcome {
        out,
        bytes,
        error,
        name: item.name(),
    }
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    source: &'a Source,
    error: &'a ErrorBody,
}

fn write_error_line(
    out: &mut Vec<u8>,
    id: Option<&serde_json::Value>,
    source: &Source,
    error: &ErrorBody,
    format: OutputFormat,
) {
    if format == OutputFormat::Json {
        return; // reported on standard error only
    }
    let line = ErrorLine { id, source, error };
    if serde_json::to_writer(&mut *out, &line).is_ok() {
        out.push(b'\n');
    }
}

/// Parses every item in parallel and writes one document (or error record) per item to
/// `out`, in the order of `items`.
pub fn parse_items(
    items: &[Item],
    format: OutputFormat,
    options: &BatchOptions,
    out: &mut (dyn Write + Send),
) -> io::Result<Summary> {
    let parse = &options.parse;
    drive(
        items.iter(),
        Some(items.len() as u64),
        options,
        false,
        |item: &Item| parse_one(item, format, parse),
        out,
    )
}

/// Streams the rows of one flat table for every item to `out`: a CSV header first (for
/// [`TableFormat::Csv`]), then each input's rows in input order. Failed inputs give no row
/// and are counted in the summary.
pub fn table_items(
    kind: TableKind,
    format: TableFormat,
    items: &[Item],
    options: &BatchOptions,
    out: &mut (dyn Write + Send),
) -> io::Result<Summary> {
    if format == TableFormat::Csv {
        let mut header = Vec::new();
        table::write_csv_header(kind, &mut header);
        out.write_all(&header)?;
    }
    let parse = &options.parse;
    drive(
        items.iter(),
        Some(items.len() as u64),
        options,
        false,
        |item: &Item| {
            let (result, bytes) = load(item, parse);
            let mut out = Vec::new();
            let error = match result {
                Ok(doc) => {
                    table::write_rows(kind, format, &doc, &mut out);
                    None
                }
                Err((_, e)) => Some(body(&e)),
            };
            Outcome {
                out,
                bytes,
                error,
                name: item.name(),
            }
        },
        out,
    )
}

/// One line of records-mode input, not yet parsed.
struct RecordLine {
    number: u64,
    bytes: Vec<u8>,
}

/// Records mode: reads JSON Lines `{"id": …, "text": "…"}` or `{"id": …, "path": "…"}`
/// from `input` and writes one result line per record, flushing after each, in input
/// order. Each output line is the document with `"id"` as its first field, or
/// `{"id": …, "source": {…}, "error": {…}}`. A line that is not such a record gives an
/// error record with code `bad_record` (and the `id` when one could be read). Blank lines
/// are skipped.
///
/// This is the shape that Spark's `RDD.pipe`, Hadoop Streaming and `parallel --pipe` drive.
pub fn parse_records(
    input: impl BufRead,
    options: &BatchOptions,
    out: &mut (dyn Write + Send),
) -> io::Result<Summary> {
    let read_error: Mutex<Option<io::Error>> = Mutex::new(None);
    let lines = RecordLines {
        input,
        number: 0,
        error: &read_error,
    };
    let parse = &options.parse;
    let summary = drive(
        lines,
        None,
        options,
        true,
        |line: RecordLine| parse_record(line, parse),
        out,
    )?;
    match read_error.into_inner().ok().flatten() {
        Some(e) => Err(e),
        None => Ok(summary),
    }
}

/// Iterates over the non-blank lines of a reader, keeping the first read error aside.
struct RecordLines<'e, R> {
    input: R,
    number: u64,
    error: &'e Mutex<Option<io::Error>>,
}

impl<R: BufRead> Iterator for RecordLines<'_, R> {
    type Item = RecordLine;

    fn next(&mut self) -> Option<RecordLine> {
        loop {
            let mut bytes = Vec::new();
            match self.input.read_until(b'\n', &mut bytes) {
                Ok(0) => return None,
                Ok(_) => {
                    self.number += 1;
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(RecordLine {
                        number: self.number,
                        bytes,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    if let Ok(mut slot) = self.error.lock() {
                        *slot = Some(e);
                    }
                    return None;
                }
            }
        }
    }
}

#[derive(Serialize)]
struct DocLine<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    doc: &'a Document,
}

fn parse_record(line: RecordLine, options: &Options) -> Outcome {
    let name = format!("record {}", line.number);
    let mut out = Vec::new();
    let record: HashMap<String, serde_json::Value> = match serde_json::from_slice(&line.bytes) {
        Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
        Ok(_) => return bad_record(name, None, "a record must be a JSON object".into()),
        Err(e) => return bad_record(name, None, format!("not a JSON record: {e}")),
    };
    let id = record.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let (bytes, path) = match (record.get("text"), record.get("path")) {
        (Some(serde_json::Value::String(text)), _) => (text.as_bytes().to_vec(), None),
        (_, Some(serde_json::Value::String(path))) => match std::fs::read(path) {
            Ok(b) => (b, Some(path.clone())),
            Err(e) => {
                let source = failed_source(Some(path.clone()), 0);
                let error = body(&Error::Io(e));
                write_error_line(&mut out, Some(&id), &source, &error, OutputFormat::Jsonl);
                return Outcome {
                    out,
                    bytes: 0,
                    error: Some(error),
                    name,
                };
            }
        },
        _ => {
            return bad_record(
                name,
                Some(id),
                "a record needs a string \"text\" or \"path\"".into(),
            )
        }
    };
    let size = bytes.len() as u64;
    let mut options = options.clone();
    options.path = path.clone();
    let error = match crate::parse_with(&bytes, &options) {
        Ok(doc) => match serde_json::to_writer(&mut out, &DocLine { id: &id, doc: &doc }) {
            Ok(()) => {
                out.push(b'\n');
                None
            }
            Err(e) => {
                out.clear();
                let error = ErrorBody {
                    code: "serialize",
                    message: e.to_string(),
                };
                write_error_line(
                    &mut out,
                    Some(&id),
                    &doc.source,
                    &error,
                    OutputFormat::Jsonl,
                );
                Some(error)
            }
        },
        Err(e) => {
            let error = body(&e);
            let source = failed_source(path, size);
            write_error_line(&mut out, Some(&id), &source, &error, OutputFormat::Jsonl);
            Some(error)
        }
    };
    Outcome {
        out,
        bytes: size,
        error,
        name,
    }
}

fn bad_record(name: String, id: Option<serde_json::Value>, message: String) -> Outcome {
    let id = id.unwrap_or(serde_json::Value::Null);
    let error = ErrorBody {
        code: "bad_record",
        message,
    };
    let mut out = Vec::new();
    write_error_line(
        &mut out,
        Some(&id),
        &failed_source(None, 0),
        &error,
        OutputFormat::Jsonl,
    );
    Outcome {
        out,
        bytes: 0,
        error: Some(error),
        name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_map_keeps_order_with_uneven_work() {
        let mut seen = Vec::new();
        let done = ordered_map(
            0..500u64,
            2,
            4,
            |n| {
                if n % 7 == 0 {
                    std::thread::sleep(Duration::from_micros(200));
                }
                n
            },
            |n| {
                seen.push(n);
                Ok(Flow::Continue)
            },
        )
        .unwrap();
        assert!(done, "should report a complete run");
        assert_eq!(
            seen,
            (0..500).collect::<Vec<_>>(),
            "results should come out in input order whatever the work time"
        );
    }

    #[test]
    fn ordered_map_stops_when_asked() {
        let mut seen = Vec::new();
        let done = ordered_map(
            0..10_000u32,
            2,
            8,
            |n| n,
            |n| {
                seen.push(n);
                Ok(if n == 3 { Flow::Stop } else { Flow::Continue })
            },
        )
        .unwrap();
        assert!(!done, "should report that the sink stopped the run");
        assert_eq!(
            seen,
            vec![0, 1, 2, 3],
            "nothing should be passed on after Stop"
        );
    }

    #[test]
    fn ordered_map_handles_no_jobs() {
        let mut calls = 0;
        let done = ordered_map(
            std::iter::empty::<u8>(),
            2,
            8,
            |n| n,
            |_| {
                calls += 1;
                Ok(Flow::Continue)
            },
        )
        .unwrap();
        assert!(done && calls == 0, "an empty batch should finish at once");
    }

    #[test]
    fn sink_error_is_returned() {
        let result = ordered_map(
            0..100u8,
            2,
            4,
            |n| n,
            |_| Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed")),
        );
        assert_eq!(
            result.unwrap_err().kind(),
            io::ErrorKind::BrokenPipe,
            "the sink's error should come back to the caller"
        );
    }

    #[test]
    fn extensions_compare_without_case_and_dot() {
        let exts = vec![".TXT".to_string(), "md".to_string()];
        assert!(
            has_extension(Path::new("a/b.txt"), &exts),
            "should match .TXT to txt"
        );
        assert!(
            has_extension(Path::new("b.MD"), &exts),
            "should match MD to md"
        );
        assert!(
            !has_extension(Path::new("b.html"), &exts),
            "should skip other extensions"
        );
        assert!(
            !has_extension(Path::new("README"), &exts),
            "should skip files without one"
        );
        assert!(
            has_extension(Path::new("x.bin"), &["*".to_string()]),
            "* should keep all"
        );
    }

    #[test]
    fn records_bad_lines_and_ids() {
        let input = b"{\"id\": 7, \"text\": \"\xe5\x85\xb3\xe4\xba\x8e\xe7\x9a\x84\xe9\x80\x9a\xe7\x9f\xa5\"}\n\nnot json\n{\"id\": \"x\"}\n";
        let mut out = Vec::new();
        let options = BatchOptions {
            jobs: 2,
            ..BatchOptions::default()
        };
        let summary = parse_records(&input[..], &options, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3, "one line per non-blank record: {text}");
        assert_eq!(lines[0]["id"], 7, "the id should be carried over");
        assert_eq!(lines[0]["schema_version"], 1, "a good record is a document");
        assert_eq!(
            lines[1]["error"]["code"], "bad_record",
            "bad JSON is a bad_record"
        );
        assert_eq!(
            lines[2]["id"], "x",
            "the id of a record without text is kept"
        );
        assert_eq!(summary.parsed, 1, "one record parsed");
        assert_eq!(
            summary.errors.get("bad_record"),
            Some(&2),
            "two bad records counted"
        );
    }

    #[test]
    fn summary_line_names_codes() {
        let mut s = Summary {
            inputs: 3,
            parsed: 2,
            bytes: 2_000_000,
            elapsed: Duration::from_secs(2),
            ..Summary::default()
        };
        s.errors.insert("not_text".into(), 1);
        assert_eq!(
            s.to_string(),
            "3 inputs, 2 parsed, 1 errors (not_text 1), 2.0 MB in 2.00 s, 1.0 MB/s",
            "the summary should give counts, codes, size, time and rate"
        );
    }
}
