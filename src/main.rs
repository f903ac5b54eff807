//! The `zhengce` command line: parses arguments, calls the library, writes the result.
//!
//! Exit codes: 0 every input parsed, 1 an input failed (or the output could not be
//! written), 2 a usage error.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use zhengce::batch::{self, BatchOptions, Item, OutputFormat, Summary};
use zhengce::table::{TableFormat, TableKind};

/// Read Chinese government policy documents and print typed JSON.
#[derive(Parser, Debug)]
#[command(name = "zhengce", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse documents and print them as JSON (one FILE) or JSON Lines (several, or a DIR).
    Parse {
        /// Files, directories (walked recursively) or - for standard input.
        #[arg(required_unless_present_any = ["files_from", "records"], conflicts_with = "records")]
        inputs: Vec<PathBuf>,
        /// Output format [default: json for one file, jsonl otherwise].
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Read JSON Lines records {"id": …, "text": …} or {"id": …, "path": …} on standard
        /// input and write one result line per record, with its id.
        #[arg(long, conflicts_with = "files_from")]
        records: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Stream a flat table (CSV with a header, or JSON Lines) over any number of inputs.
    Table {
        /// Which table.
        #[arg(value_enum)]
        table: Table,
        /// Files, directories (walked recursively) or - for standard input.
        #[arg(required_unless_present = "files_from")]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFmt::Csv)]
        format: TableFmt,
        #[command(flatten)]
        common: Common,
    },
    /// Print the JSON Schema of the output.
    Schema,
    /// Print a document's numbered section tree, indented.
    Outline {
        /// A file, or - for standard input.
        input: PathBuf,
    },
}

#[derive(Args, Debug)]
struct Common {
    /// Read the list of inputs from this file (one path per line; - for standard input).
    #[arg(long, value_name = "LIST")]
    files_from: Option<PathBuf>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads [default: one per core].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// File extensions read from directories, comma-separated (* for every file).
    #[arg(long, value_delimiter = ',', default_value = "txt,md,text")]
    ext: Vec<String>,
    /// Unit of span offsets.
    #[arg(long, value_enum, default_value_t = Offsets::Bytes)]
    offsets: Offsets,
    /// Read the inputs in this encoding (gbk, gb18030, big5, utf-16le, …) instead of detecting it.
    #[arg(long)]
    encoding: Option<String>,
    /// Refuse inputs larger than this many bytes (error code too_large).
    #[arg(long, value_name = "BYTES")]
    max_bytes: Option<u64>,
    /// Stop at the first input that fails.
    #[arg(long)]
    fail_fast: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Json,
    Jsonl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum TableFmt {
    Csv,
    Jsonl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Table {
    Sections,
    References,
    Responsibilities,
    Quantities,
    Contacts,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Offsets {
    Bytes,
    Chars,
}

fn main() -> ExitCode {
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
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhengce: error[io]: {e}");
            ExitCode::from(1)
        }
    }
}

/// A usage error: one line on stderr, exit code 2.
fn usage(message: impl std::fmt::Display) -> io::Result<ExitCode> {
    eprintln!("zhengce: {message}");
    Ok(ExitCode::from(2))
}

fn run(cli: Cli) -> io::Result<ExitCode> {
    match cli.command {
        Command::Parse {
            inputs,
            format,
            records,
            common,
        } => {
            let (options, items, single) = match prepare(&inputs, &common, records)? {
                Ok(v) => v,
                Err(code) => return Ok(code),
            };
            let format = match format {
                Some(Format::Json) => OutputFormat::Json,
                Some(Format::Jsonl) => OutputFormat::Jsonl,
                None if single => OutputFormat::Json,
                None => OutputFormat::Jsonl,
            };
            let mut out = open_output(&common)?;
            let summary = if records {
                batch::parse_records(io::stdin().lock(), &options, &mut *out)?
            } else {
                batch::parse_items(&items, format, &options, &mut *out)?
            };
            Ok(finish(&summary, !single && !common.quiet))
        }
        Command::Table {
            table,
            inputs,
            format,
            common,
        } => {
            let (options, items, single) = match prepare(&inputs, &common, false)? {
                Ok(v) => v,
                Err(code) => return Ok(code),
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
            let mut out = open_output(&common)?;
            let summary = batch::table_items(kind, format, &items, &options, &mut *out)?;
            Ok(finish(&summary, !single && !common.quiet))
        }
        Command::Schema => {
            let stdout = io::stdout();
            let mut out = stdout.lock();
            serde_json::to_writer_pretty(&mut out, &zhengce::schema())?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Outline { input } => {
            let item = batch::discover(std::slice::from_ref(&input), &[])
                .pop()
                .unwrap_or(Item::Stdin);
            let bytes = match item.read() {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("zhengce: {}: error[io]: {e}", item.name());
                    return Ok(ExitCode::from(1));
                }
            };
            let mut options = zhengce::Options::default();
            options.path = item.source_path();
            match zhengce::parse_with(&bytes, &options) {
                Ok(doc) => {
                    let stdout = io::stdout();
                    let mut out = stdout.lock();
                    out.write_all(zhengce::outline(&doc).as_bytes())?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("zhengce: {}: error[{}]: {e}", item.name(), e.code());
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}

type Prepared = (BatchOptions, Vec<Item>, bool);

/// Maps the common flags onto [`BatchOptions`] and lists the inputs. `single` is true for
/// exactly one input named on the command line that is a file or `-`.
fn prepare(
    inputs: &[PathBuf],
    common: &Common,
    records: bool,
) -> io::Result<Result<Prepared, ExitCode>> {
    let mut parse = zhengce::Options::default().offsets(match common.offsets {
        Offsets::Bytes => zhengce::OffsetUnit::Bytes,
        Offsets::Chars => zhengce::OffsetUnit::Chars,
    });
    parse.max_bytes = common.max_bytes;
    if let Some(label) = &common.encoding {
        match zhengce::Encoding::for_label(label) {
            Ok(enc) => parse.encoding = Some(enc),
            Err(e) => return usage(format!("--encoding: error[{}]: {e}", e.code())).map(Err),
        }
    }
    let mut paths = inputs.to_vec();
    if let Some(list) = &common.files_from {
        let read = if list.as_os_str() == "-" {
            batch::read_path_list(io::stdin().lock())
        } else {
            std::fs::File::open(list).and_then(|f| batch::read_path_list(io::BufReader::new(f)))
        };
        match read {
            Ok(more) => paths.extend(more),
            Err(e) => {
                eprintln!("zhengce: {}: error[io]: {e}", list.display());
                return Ok(Err(ExitCode::from(1)));
            }
        }
    }
    let single = !records
        && common.files_from.is_none()
        && inputs.len() == 1
        && inputs.first().is_some_and(|p| !p.is_dir());
    let items = if records {
        Vec::new()
    } else {
        batch::discover(&paths, &common.ext)
    };
    let options = BatchOptions {
        parse,
        jobs: common.jobs.map_or_else(batch::default_jobs, usize::from),
        fail_fast: common.fail_fast,
        progress: !single && !records && batch::progress_wanted(common.quiet),
        report_errors: !records,
    };
    Ok(Ok((options, items, single)))
}

fn open_output(common: &Common) -> io::Result<Box<dyn Write + Send>> {
    Ok(match &common.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            Box::new(io::BufWriter::with_capacity(1 << 16, file))
        }
        None => Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout())),
    })
}

/// Prints the summary (when asked) and picks the exit code.
fn finish(summary: &Summary, show: bool) -> ExitCode {
    if show {
        eprintln!("zhengce: {summary}");
    }
    if summary.failed() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
