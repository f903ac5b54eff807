//! Records mode: JSON Lines records in on standard input, one result line per record out,
//! in input order, flushed after each — the shape that Spark's `RDD.pipe`, Hadoop
//! Streaming and `parallel --pipe` drive.
//!
//! # Rules
//! - A record is a JSON object `{"id": …, "text": "…"}`, or `{"id": …, "path": "…"}` when
//!   `--records-root DIR` allows path records: then only regular files under `DIR` are
//!   read, with the same size limit. A refused path gives an error record with code
//!   `path_refused` and the same message whatever the file (its size, whether it exists).
//! - The `id` is echoed back exactly as it was written (any JSON value; `null` when
//!   missing), as the first field of the result line.
//! - A line that is not a record gives an error record with code `bad_record` and its
//!   1-based `line` number; every error record in this mode carries `line`.
//! - Blank lines (nothing but whitespace) are skipped and give no output line. A byte
//!   order mark at the start of the first line is ignored; a last line without a newline
//!   is a record like any other.
//! - What is in flight is bounded by bytes, not by line count, and a line longer than
//!   the limit is not kept in memory: it is skipped to its end and reported `too_large`.

use std::borrow::Cow;
use std::io::{self, BufRead, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use serde::Deserialize;
use serde_json::value::RawValue;
use zhengce::json::{ErrorBody, ErrorRecord, WithId};
use zhengce::Options;

use super::batch::{
    drive, failed_source, write_error_line, BatchOptions, Layout, Outcome, Summary,
};
use super::inputs::{read_limited, too_large};

/// A JSON string holding the whole of a document can take up to six bytes per input byte
/// (`\u0001`); a record line may be this much longer than the size limit.
const ESCAPE_FACTOR: u64 = 6;

/// Where path records may read from.
#[derive(Debug, Clone)]
pub struct PathPolicy {
    /// The directory (canonical) under which path records may read, or `None`: off.
    pub root: Option<PathBuf>,
}

/// One line of records-mode input, not yet parsed.
struct RecordLine {
    number: u64,
    /// The line, or `None` when it was longer than the line limit (skipped).
    bytes: Option<Vec<u8>>,
}

/// Reads records from `input` and writes one result line per record to `out`.
pub fn parse_records(
    input: impl BufRead,
    options: &BatchOptions,
    policy: &PathPolicy,
    out: &mut (dyn Write + Send),
) -> io::Result<Summary> {
    let read_error: Mutex<Option<io::Error>> = Mutex::new(None);
    let limit = options.limit();
    let lines = RecordLines {
        input,
        number: 0,
        max_line: limit.saturating_mul(ESCAPE_FACTOR).saturating_add(1 << 16),
        error: &read_error,
    };
    let parse = &options.parse;
    let summary = drive(
        lines,
        Layout {
            total: None,
            flush_each: true,
            between: b"",
        },
        options,
        |line: &RecordLine| line.bytes.as_ref().map_or(0, |b| b.len() as u64),
        |line: RecordLine| parse_record(line, parse, limit, policy),
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
    max_line: u64,
    error: &'e Mutex<Option<io::Error>>,
}

impl<R: BufRead> RecordLines<'_, R> {
    /// Reads one line (without its newline) into `line`, keeping at most `max_line`
    /// bytes. Returns `None` at the end of input, else whether the line fitted.
    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<Option<bool>> {
        let mut any = false;
        let mut fits = true;
        loop {
            let buf = match self.input.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(any.then_some(fits));
            }
            any = true;
            let (chunk, done) = match memchr::memchr(b'\n', buf) {
                Some(at) => (buf.get(..at).unwrap_or_default(), Some(at + 1)),
                None => (buf, None),
            };
            if fits && (line.len() + chunk.len()) as u64 <= self.max_line {
                line.extend_from_slice(chunk);
            } else {
                fits = false;
                line.clear();
            }
            let used = done.unwrap_or(buf.len());
            self.input.consume(used);
            if done.is_some() {
                return Ok(Some(fits));
            }
        }
    }
}

impl<R: BufRead> Iterator for RecordLines<'_, R> {
    type Item = RecordLine;

    fn next(&mut self) -> Option<RecordLine> {
        loop {
            let mut bytes = Vec::new();
            match self.read_line(&mut bytes) {
                Ok(None) => return None,
                Ok(Some(fits)) => {
                    self.number += 1;
                    if self.number == 1 {
                        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
                            bytes = rest.to_vec();
                        }
                    }
                    if fits && bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(RecordLine {
                        number: self.number,
                        bytes: fits.then_some(bytes),
                    });
                }
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

/// A record as read: each field kept as the JSON it was written as.
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    path: Option<&'a RawValue>,
}

/// What a failed record writes.
struct Failure<'a> {
    line: u64,
    id: &'a RawValue,
    path: Option<String>,
    bytes: u64,
    error: ErrorBody,
}

impl Failure<'_> {
    fn outcome(self) -> Outcome {
        let mut out = Vec::new();
        let source = failed_source(self.path, self.bytes);
        write_error_line(
            &mut out,
            &ErrorRecord {
                id: Some(self.id),
                line: Some(self.line),
                source: &source,
                error: self.error.clone(),
            },
        );
        Outcome {
            out,
            bytes: self.bytes,
            error: Some(self.error),
            name: format!("record {}", self.line),
        }
    }
}

fn bad_record(line: u64, id: Option<&RawValue>, message: String) -> Outcome {
    Failure {
        line,
        id: id.unwrap_or(RawValue::NULL),
        path: None,
        bytes: 0,
        error: ErrorBody {
            code: "bad_record",
            message,
        },
    }
    .outcome()
}

fn parse_record(line: RecordLine, options: &Options, limit: u64, policy: &PathPolicy) -> Outcome {
    let number = line.number;
    let Some(bytes) = line.bytes else {
        return Failure {
            line: number,
            id: RawValue::NULL,
            path: None,
            bytes: 0,
            error: too_large(None, limit),
        }
        .outcome();
    };
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return bad_record(number, None, "a record must be a JSON object".into());
    }
    let record: Record = match serde_json::from_slice(&bytes) {
        Ok(r) => r,
        Err(e) => return bad_record(number, None, format!("not a JSON record: {e}")),
    };
    let id = record.id.unwrap_or(RawValue::NULL);
    let fail = |path: Option<String>, bytes: u64, error: ErrorBody| {
        Failure {
            line: number,
            id,
            path,
            bytes,
            error,
        }
        .outcome()
    };
    let (input, path): (Cow<[u8]>, Option<String>) = match (record.text, record.path) {
        (Some(text), _) => match serde_json::from_str::<Cow<str>>(text.get()) {
            Ok(text) if text.len() as u64 > limit => {
                return fail(None, 0, too_large(Some(text.len() as u64), limit))
            }
            Ok(Cow::Borrowed(text)) => (Cow::Borrowed(text.as_bytes()), None),
            Ok(Cow::Owned(text)) => (Cow::Owned(text.into_bytes()), None),
            Err(_) => {
                return bad_record(
                    number,
                    Some(id),
                    "\"text\" must be a JSON string of Unicode text".into(),
                )
            }
        },
        (None, Some(path)) => {
            let Ok(path) = serde_json::from_str::<String>(path.get()) else {
                return bad_record(number, Some(id), "\"path\" must be a JSON string".into());
            };
            match read_path(&path, policy, limit) {
                Ok(bytes) => (Cow::Owned(bytes), Some(path)),
                Err(error) => return fail(Some(path), 0, error),
            }
        }
        (None, None) => {
            return bad_record(
                number,
                Some(id),
                "a record needs a string \"text\" or \"path\"".into(),
            )
        }
    };
    let size = input.len() as u64;
    let mut options = options.clone();
    options.path = path.clone();
    match zhengce::parse_with(&input, &options) {
        Ok(doc) => {
            let mut out = Vec::with_capacity(input.len().saturating_mul(2) + 256);
            match serde_json::to_writer(&mut out, &WithId { id, value: &doc }) {
                Ok(()) => {
                    out.push(b'\n');
                    Outcome {
                        out,
                        bytes: size,
                        error: None,
                        name: format!("record {number}"),
                    }
                }
                Err(e) => fail(
                    path,
                    size,
                    ErrorBody {
                        code: "serialize",
                        message: e.to_string(),
                    },
                ),
            }
        }
        Err(e) => fail(path, size, ErrorBody::from(&e)),
    }
}

/// The refusal of a path record: one message whatever the reason, so that it tells
/// nothing about the file.
fn refused() -> ErrorBody {
    ErrorBody {
        code: "path_refused",
        message:
            "path records may read only regular files under the directory given by --records-root"
                .into(),
    }
}

/// Reads the file of a path record, if the policy allows it: relative paths are taken
/// from the root, no `..` component is allowed, the canonical path must lie under the
/// root (a symbolic link may not lead out of it) and be a regular file.
fn read_path(path: &str, policy: &PathPolicy, limit: u64) -> Result<Vec<u8>, ErrorBody> {
    let Some(root) = &policy.root else {
        return Err(refused());
    };
    let given = Path::new(path);
    if given.components().any(|c| c == Component::ParentDir) {
        return Err(refused());
    }
    let joined = root.join(given);
    if !joined.starts_with(root) {
        return Err(refused());
    }
    let Ok(real) = std::fs::canonicalize(&joined) else {
        return Err(refused());
    };
    if !real.starts_with(root) {
        return Err(refused());
    }
    match std::fs::metadata(&real) {
        Ok(meta) if meta.is_file() => {}
        _ => return Err(refused()),
    }
    let file = std::fs::File::open(&real).map_err(|_| refused())?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => {
            if meta.len() > limit {
                return Err(too_large(Some(meta.len()), limit));
            }
        }
        _ => return Err(refused()),
    }
    read_limited(file, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::field_reassign_with_default)] // `Options` is non-exhaustive
    fn run(input: &[u8]) -> (Vec<serde_json::Value>, Summary, String) {
        let mut out = Vec::new();
        let mut parse = Options::default();
        parse.max_bytes = Some(1 << 20);
        let options = BatchOptions {
            parse,
            jobs: 2,
            fail_fast: false,
            progress: false,
            report_errors: false,
        };
        let policy = PathPolicy { root: None };
        let summary = parse_records(input, &options, &policy, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (lines, summary, text)
    }

    #[test]
    fn bad_lines_and_ids() {
        let input = "{\"id\": 7, \"text\": \"关于的通知\"}\n\nnot json\n{\"id\": \"x\"}\n";
        let (lines, summary, text) = run(input.as_bytes());
        assert_eq!(lines.len(), 3, "one line per non-blank record: {text}");
        assert_eq!(lines[0]["id"], 7, "the id should be carried over");
        assert_eq!(lines[0]["schema_version"], 1, "a good record is a document");
        assert_eq!(
            lines[1]["error"]["code"], "bad_record",
            "bad JSON is a bad_record"
        );
        assert_eq!(lines[1]["line"], 3, "a bad line carries its line number");
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
    fn an_overlong_line_is_skipped_not_kept() {
        let mut input = vec![b'{'; 8 << 20];
        input.extend_from_slice(b"\n{\"id\":1,\"text\":\"x\"}");
        let (lines, _, _) = run(&input);
        assert_eq!(lines.len(), 2, "the long line and the record after it");
        assert_eq!(
            lines[0]["error"]["code"], "too_large",
            "the long line is too_large"
        );
        assert_eq!(lines[1]["id"], 1, "the unterminated last line is a record");
    }
}
