//! Batches: many inputs in, one result per input out, in input order, on the library's
//! ordered parallel engine ([`zhengce::parallel`]).
//!
//! Every input yields exactly one line in JSON Lines: the document, or an error record
//! ([`ErrorRecord`]); `--format json` writes the same as one array (a single input: the
//! document alone). The [`Summary`] accounts for every input.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use zhengce::json::{ErrorBody, ErrorRecord};
use zhengce::parallel::{ordered_map, Flow, Window};
use zhengce::table::{self, TableFormat, TableKind};
use zhengce::{Document, Options, Source};

use super::inputs::Item;
use super::progress::Reporter;

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Options for each document (`path` is set per input; `max_bytes` is the read limit).
    pub parse: Options,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Stop after the first input that fails (its record is still written).
    pub fail_fast: bool,
    /// Show a progress bar on standard error.
    pub progress: bool,
    /// Print one line per failed input on standard error.
    pub report_errors: bool,
}

impl BatchOptions {
    /// The read limit.
    pub fn limit(&self) -> u64 {
        self.parse.max_bytes.unwrap_or(u64::MAX)
    }
}

/// The output format of a parse batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One pretty-printed document; failures are reported on standard error only.
    Json,
    /// One JSON array of documents and error records.
    JsonArray,
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
pub struct Outcome {
    /// Bytes to write (possibly empty).
    pub out: Vec<u8>,
    /// Input size.
    pub bytes: u64,
    /// Why it failed.
    pub error: Option<ErrorBody>,
    /// Name for messages.
    pub name: String,
}

/// How a batch's outcomes are laid out in the output.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// The number of inputs, when known (for the progress bar).
    pub total: Option<u64>,
    /// Flush after each outcome (records mode answers as it goes).
    pub flush_each: bool,
    /// Written between two non-empty outcomes (`,\n` in a JSON array).
    pub between: &'static [u8],
}

/// Runs the engine over `jobs`, writing each outcome's bytes to `out`. `size` gives each
/// job's size for the in-flight window.
pub fn drive<J, I, Z, W>(
    jobs: I,
    layout: Layout,
    options: &BatchOptions,
    size: Z,
    work: W,
    out: &mut (dyn Write + Send),
) -> io::Result<Summary>
where
    I: IntoIterator<Item = J>,
    J: Send,
    Z: Fn(&J) -> u64,
    W: Fn(J) -> Outcome + Sync,
{
    let start = Instant::now();
    let reporter = Reporter::new(layout.total, options.progress, options.report_errors);
    let mut summary = Summary::default();
    let fail_fast = options.fail_fast;
    let mut wrote = false;
    let finished = ordered_map(
        jobs,
        options.jobs,
        Window::for_workers(options.jobs),
        size,
        work,
        |outcome: Outcome| {
            if !outcome.out.is_empty() {
                if wrote {
                    out.write_all(layout.between)?;
                }
                wrote = true;
            }
            out.write_all(&outcome.out)?;
            if layout.flush_each {
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
    summary.stopped = !finished;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// A source for an input that could not be read or parsed.
pub fn failed_source(path: Option<String>, bytes: u64) -> Source {
    Source {
        path,
        encoding: String::new(),
        bytes,
        replaced_invalid: 0,
        traditional_converted: false,
        format: Default::default(),
    }
}

/// Writes one error record line (with its newline) to `out`.
pub fn write_error_line(out: &mut Vec<u8>, record: &ErrorRecord<'_>) {
    if serde_json::to_writer(&mut *out, record).is_ok() {
        out.push(b'\n');
    }
}

/// Reads and parses one item: the document or the error, with the input size.
fn load(
    item: &Item,
    options: &Options,
    limit: u64,
) -> (Result<Document, (Source, ErrorBody)>, u64) {
    let path = item.source_path();
    let bytes = match item.read(limit) {
        Ok(b) => b,
        Err(e) => return (Err((failed_source(path, 0), e)), 0),
    };
    let size = bytes.len() as u64;
    let mut options = options.clone();
    options.path = path.clone();
    match zhengce::parse_with(&bytes, &options) {
        Ok(doc) => (Ok(doc), size),
        Err(e) => (Err((failed_source(path, size), ErrorBody::from(&e))), size),
    }
}

fn parse_one(item: &Item, format: OutputFormat, options: &Options, limit: u64) -> Outcome {
    let (result, bytes) = load(item, options, limit);
    // A document's JSON is about twice its input: reserving that saves the regrowth copies.
    let mut out = Vec::with_capacity(usize::try_from(bytes).unwrap_or(0).saturating_mul(2) + 256);
    let pretty = format != OutputFormat::Jsonl;
    let error = match result {
        Ok(doc) => {
            let written = if pretty {
                serde_json::to_writer_pretty(&mut out, &doc)
            } else {
                serde_json::to_writer(&mut out, &doc)
            };
            match written {
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
                    error_out(&mut out, &doc.source, &error, format);
                    Some(error)
                }
            }
        }
        Err((source, error)) => {
            error_out(&mut out, &source, &error, format);
            Some(error)
        }
    };
    if format == OutputFormat::JsonArray {
        // Elements are separated by the driver; the array's own newline ends the last.
        if out.last() == Some(&b'\n') {
            out.pop();
        }
    }
    Outcome {
        out,
        bytes,
        error,
        name: item.name(),
    }
}

fn error_out(out: &mut Vec<u8>, source: &Source, error: &ErrorBody, format: OutputFormat) {
    let record = ErrorRecord {
        id: None,
        line: None,
        source,
        error: error.clone(),
    };
    match format {
        OutputFormat::Json => {} // reported on standard error only
        OutputFormat::JsonArray => {
            if serde_json::to_writer_pretty(&mut *out, &record).is_ok() {
                out.push(b'\n');
            }
        }
        OutputFormat::Jsonl => write_error_line(out, &record),
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
    let limit = options.limit();
    let array = format == OutputFormat::JsonArray;
    if array {
        out.write_all(b"[\n")?;
    }
    let summary = drive(
        items.iter(),
        Layout {
            total: Some(items.len() as u64),
            flush_each: false,
            between: if array { b",\n" } else { b"" },
        },
        options,
        |_| 0,
        |item: &Item| parse_one(item, format, parse, limit),
        out,
    )?;
    if array {
        out.write_all(if summary.inputs > 0 { b"\n]\n" } else { b"]\n" })?;
    }
    Ok(summary)
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
    let limit = options.limit();
    drive(
        items.iter(),
        Layout {
            total: Some(items.len() as u64),
            flush_each: false,
            between: b"",
        },
        options,
        |_| 0,
        |item: &Item| {
            let (result, bytes) = load(item, parse, limit);
            let mut out = Vec::new();
            let error = match result {
                Ok(doc) => {
                    table::write_rows(kind, format, &doc, &mut out);
                    None
                }
                Err((_, e)) => Some(e),
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

#[cfg(test)]
mod tests {
    use super::*;

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
