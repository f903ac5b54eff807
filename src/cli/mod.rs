//! The `zhengce` command line: arguments ([`args`]), inputs ([`inputs`]), batches
//! ([`batch`]) and records mode ([`records`]) on the library's parallel engine, output
//! ([`output`]) and what is said on standard error ([`progress`]).
//!
//! Exit codes: 0 every input parsed (in records mode: the stream was read and written),
//! 1 an input failed or the output could not be written, 2 a usage error.

pub mod args;
pub mod batch;
pub mod inputs;
pub mod output;
pub mod progress;
pub mod records;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::{Cli, Command, Common, Format, FormatIn, Offsets, Table, TableFmt};
use batch::{BatchOptions, OutputFormat, Summary};
use inputs::Item;
use output::Output;
use progress::say;
use zhengce::table::{TableFormat, TableKind};

/// How a run ends.
enum End {
    /// With this exit code.
    Code(ExitCode),
    /// A usage error: the message, exit code 2.
    Usage(String),
}

/// Runs the command line and returns its exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(End::Code(code)) => code,
        Ok(End::Usage(message)) => {
            say(message);
            ExitCode::from(2)
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(1),
        Err(e) => {
            say(format_args!("error[io]: {e}"));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> io::Result<End> {
    match cli.command {
        Command::Parse {
            inputs,
            format,
            records,
            records_root,
            common,
        } => parse(inputs, format, records, records_root, &common),
        Command::Table {
            table,
            inputs,
            format,
            common,
        } => table_run(table, inputs, format, &common),
        Command::Schema => {
            let mut out = Output::open(None)?;
            serde_json::to_writer_pretty(out.writer(), &line_schema())?;
            writeln!(out.writer())?;
            out.commit(true)?;
            Ok(End::Code(ExitCode::SUCCESS))
        }
        Command::Outline {
            inputs,
            ext,
            max_bytes,
        } => outline(inputs, &ext, max_bytes),
        Command::Completions { shell } => {
            let mut out = Output::open(None)?;
            clap_complete::generate(shell, &mut Cli::command(), "zhengce", out.writer());
            out.commit(true)?;
            Ok(End::Code(ExitCode::SUCCESS))
        }
        Command::Man => {
            let mut out = Output::open(None)?;
            clap_mangen::Man::new(Cli::command()).render(out.writer())?;
            out.commit(true)?;
            Ok(End::Code(ExitCode::SUCCESS))
        }
    }
}

fn parse(
    inputs: Vec<PathBuf>,
    format: Option<Format>,
    records: bool,
    records_root: Option<PathBuf>,
    common: &Common,
) -> io::Result<End> {
    if records {
        let options = match batch_options(common, false)? {
            Ok(o) => o,
            Err(end) => return Ok(end),
        };
        let root = match records_root {
            None => None,
            Some(dir) => match std::fs::canonicalize(&dir) {
                Ok(root) if root.is_dir() => Some(root),
                _ => {
                    return Ok(End::Usage(format!(
                        "--records-root {}: not a directory",
                        inputs::path_name(&dir)
                    )))
                }
            },
        };
        let policy = records::PathPolicy { root };
        let mut out = Output::open(common.output.as_deref())?;
        records::parse_records(io::stdin().lock(), &options, &policy, out.writer())?;
        out.commit(true)?;
        return Ok(End::Code(ExitCode::SUCCESS));
    }
    let listed = match listed_inputs(&inputs, common)? {
        Ok(l) => l,
        Err(end) => return Ok(end),
    };
    let single = listed.single;
    let format = match format {
        Some(Format::Json) if single => OutputFormat::Json,
        Some(Format::Json) => OutputFormat::JsonArray,
        Some(Format::Jsonl) => OutputFormat::Jsonl,
        None if single => OutputFormat::Json,
        None => OutputFormat::Jsonl,
    };
    let options = match batch_options(common, !single)? {
        Ok(o) => o,
        Err(end) => return Ok(end),
    };
    let mut out = Output::open(common.output.as_deref())?;
    let summary = batch::parse_items(&listed.items, format, &options, out.writer())?;
    out.commit(summary.parsed > 0)?;
    Ok(End::Code(finish(&summary, !single && !common.quiet)))
}

fn table_run(
    table: Table,
    inputs: Vec<PathBuf>,
    format: TableFmt,
    common: &Common,
) -> io::Result<End> {
    let listed = match listed_inputs(&inputs, common)? {
        Ok(l) => l,
        Err(end) => return Ok(end),
    };
    let kind = match table {
        Table::Sections => TableKind::Sections,
        Table::References => TableKind::References,
        Table::Responsibilities => TableKind::Responsibilities,
        Table::Quantities => TableKind::Quantities,
        Table::Contacts => TableKind::Contacts,
    };
    let format = match format {
        TableFmt::Csv => TableFormat::Csv,
        TableFmt::Jsonl => TableFormat::Jsonl,
    };
    let options = match batch_options(common, !listed.single)? {
        Ok(o) => o,
        Err(end) => return Ok(end),
    };
    let mut out = Output::open(common.output.as_deref())?;
    let summary = batch::table_items(kind, format, &listed.items, &options, out.writer())?;
    out.commit(summary.parsed > 0)?;
    Ok(End::Code(finish(&summary, !listed.single && !common.quiet)))
}

/// The inputs of a `parse` or `table` run.
struct Listed {
    items: Vec<Item>,
    /// Exactly one input named on the command line, a file or `-`.
    single: bool,
}

/// Lists the inputs: the paths named, those of `--files-from`, or standard input when
/// there are none and it is not a terminal. Usage errors: no input at all, a walk that
/// finds nothing, an output that is also an input.
fn listed_inputs(inputs: &[PathBuf], common: &Common) -> io::Result<Result<Listed, End>> {
    let mut paths = inputs.to_vec();
    if let Some(list) = &common.files_from {
        let read = if list.as_os_str() == "-" {
            inputs::read_path_list(io::stdin().lock())
        } else {
            std::fs::File::open(list).and_then(|f| inputs::read_path_list(io::BufReader::new(f)))
        };
        match read {
            Ok(more) => paths.extend(more),
            Err(e) => {
                say(format_args!("{}: error[io]: {e}", inputs::path_name(list)));
                return Ok(Err(End::Code(ExitCode::from(1))));
            }
        }
    } else if paths.is_empty() {
        if io::stdin().is_terminal() {
            return Ok(Err(End::Usage(
                "no input: name files or directories, or pipe a document on standard input (see --help)".into(),
            )));
        }
        paths.push(PathBuf::from("-"));
    }
    if let Some(output) = &common.output {
        if let Some(why) = output::clashes_with_inputs(output, &paths, &common.ext) {
            return Ok(Err(End::Usage(format!("-o: {why}"))));
        }
    }
    let single = common.files_from.is_none()
        && paths.len() == 1
        && paths.first().is_some_and(|p| !p.is_dir());
    let items = inputs::discover(&paths, &common.ext);
    if items.is_empty() {
        let exts = common.ext.join(",");
        return Ok(Err(End::Usage(if paths.iter().any(|p| p.is_dir()) {
            format!(
                "no input files found: the directories hold no file ending in {exts} (choose others with --ext, or --ext '*' for every file)"
            )
        } else {
            "no input files: the list is empty".to_string()
        })));
    }
    Ok(Ok(Listed { items, single }))
}

/// Maps the common flags onto [`BatchOptions`]; a bad `--encoding` is a usage error.
// `Options` is non-exhaustive: it is built from its default, field by field.
#[allow(clippy::field_reassign_with_default)]
fn batch_options(common: &Common, several: bool) -> io::Result<Result<BatchOptions, End>> {
    let mut parse = zhengce::Options::default();
    parse.offsets = match common.offsets {
        Offsets::Bytes => zhengce::OffsetUnit::Bytes,
        Offsets::Chars => zhengce::OffsetUnit::Chars,
    };
    parse.max_bytes = Some(common.max_bytes);
    parse.format = common.format_in.map(|f| match f {
        FormatIn::Text => zhengce::SourceFormat::Text,
        FormatIn::Html => zhengce::SourceFormat::Html,
        FormatIn::Docx => zhengce::SourceFormat::Docx,
    });
    if let Some(label) = &common.encoding {
        match zhengce::Encoding::for_label(label) {
            Ok(enc) => parse.encoding = Some(enc),
            Err(e) => {
                return Ok(Err(End::Usage(format!(
                    "--encoding: error[{}]: {e} (see --help for the labels)",
                    e.code()
                ))))
            }
        }
    }
    let jobs = common.jobs.map_or_else(default_jobs, usize::from);
    Ok(Ok(BatchOptions {
        parse,
        jobs,
        fail_fast: common.fail_fast,
        progress: several && progress::wanted(common.quiet),
        report_errors: true,
    }))
}

/// One worker per available core.
fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Prints the summary (when asked) and picks the exit code.
fn finish(summary: &Summary, show: bool) -> ExitCode {
    if show {
        say(summary);
    }
    if summary.failed() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `zhengce outline`: each input's section tree; with several inputs, each under a
/// `==> name <==` line.
#[allow(clippy::field_reassign_with_default)] // `Options` is non-exhaustive
fn outline(inputs: Vec<PathBuf>, ext: &[String], max_bytes: u64) -> io::Result<End> {
    let mut paths = inputs;
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            return Ok(End::Usage(
                "no input: name files or directories, or pipe a document on standard input".into(),
            ));
        }
        paths.push(PathBuf::from("-"));
    }
    let several = paths.len() > 1 || paths.iter().any(|p| p.is_dir());
    let items = inputs::discover(&paths, ext);
    if items.is_empty() {
        return Ok(End::Usage(format!(
            "no input files found ending in {} (see --ext)",
            ext.join(",")
        )));
    }
    let mut out = Output::open(None)?;
    let mut failed = false;
    for (i, item) in items.iter().enumerate() {
        let mut options = zhengce::Options::default();
        options.path = item.source_path();
        options.max_bytes = Some(max_bytes);
        let result = item
            .read(max_bytes)
            .and_then(|bytes| zhengce::parse_with(&bytes, &options).map_err(|e| (&e).into()));
        match result {
            Ok(doc) => {
                let w = out.writer();
                if several {
                    if i > 0 {
                        writeln!(w)?;
                    }
                    writeln!(w, "==> {} <==", item.name())?;
                }
                w.write_all(zhengce::outline(&doc).as_bytes())?;
            }
            Err(e) => {
                failed = true;
                say(format_args!(
                    "{}: error[{}]: {}",
                    item.name(),
                    e.code,
                    e.message
                ));
            }
        }
    }
    out.commit(true)?;
    Ok(End::Code(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }))
}

/// The JSON Schema of every line the command line writes: a document, a records-mode
/// document (the same with `id` first), or an error record.
fn line_schema() -> serde_json::Value {
    let mut document = zhengce::schema();
    let defs = document
        .as_object_mut()
        .and_then(|o| o.remove("$defs"))
        .unwrap_or_else(|| serde_json::json!({}));
    let mut defs = match defs {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    if let Some(o) = document.as_object_mut() {
        o.remove("$schema");
    }
    let mut with_id = document.clone();
    if let Some(o) = with_id.as_object_mut() {
        o.insert(
            "description".into(),
            "A records-mode result: the document with the record's `id` (exactly as written, `null` when missing) as its first field.".into(),
        );
        if let Some(serde_json::Value::Object(p)) = o.get_mut("properties") {
            p.insert(
                "id".into(),
                serde_json::json!({"description": "The record's id, exactly as it was written."}),
            );
        }
        if let Some(serde_json::Value::Array(r)) = o.get_mut("required") {
            r.push("id".into());
        }
    }
    defs.insert("Document".into(), document);
    defs.insert("RecordDocument".into(), with_id);
    defs.insert(
        "ErrorRecord".into(),
        serde_json::json!({
            "description": "An input that gave no document. `id` and `line` appear in records mode only.",
            "type": "object",
            "required": ["source", "error"],
            "additionalProperties": false,
            "properties": {
                "id": {"description": "The record's id, exactly as it was written."},
                "line": {"description": "The record's 1-based line number.", "type": "integer", "minimum": 1},
                "source": {"$ref": "#/$defs/Source"},
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "additionalProperties": false,
                    "properties": {
                        "code": {
                            "description": "Stable code.",
                            "type": "string",
                            "enum": ["not_text", "too_large", "unknown_encoding", "io", "serialize", "bad_record", "path_refused"]
                        },
                        "message": {"type": "string"}
                    }
                }
            }
        }),
    );
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "zhengce output line",
        "description": "One line (JSON Lines) or one document (JSON) written by the zhengce command line.",
        "anyOf": [
            {"$ref": "#/$defs/Document"},
            {"$ref": "#/$defs/RecordDocument"},
            {"$ref": "#/$defs/ErrorRecord"}
        ],
        "$defs": defs
    })
}
