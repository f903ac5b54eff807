//! The command line's arguments, as clap definitions: what `--help`, the shell
//! completions and the man page are generated from.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The most worker threads `-j` accepts.
pub const MAX_JOBS: u16 = 256;

/// The default of `--max-bytes`: 100 MB, far above any real policy document.
pub const DEFAULT_MAX_BYTES: u64 = 100_000_000;

/// The `--encoding` help: the labels, with the aliases that are read the same way.
const ENCODING_HELP: &str = "Read the inputs in this encoding instead of detecting it.\n\n\
Labels (case-insensitive; WHATWG names and their aliases): utf-8; gbk (gb2312, cp936, \
x-gbk, chinese); gb18030; big5 (cp950, big5-hkscs); utf-16le (utf-16); utf-16be; \
shift_jis; euc-jp; euc-kr; windows-1252 (latin1, ascii, iso-8859-1); and the other \
single-byte encodings of the WHATWG Encoding Standard (iso-8859-2 … iso-8859-16, \
windows-1250 … windows-1258, koi8-r, koi8-u, macintosh, ibm866, x-mac-cyrillic). \
The replacement encoding (iso-2022-kr, hz-gb-2312, …) is refused.";

/// Read Chinese government policy documents and print typed JSON.
#[derive(Parser, Debug)]
#[command(name = "zhengce", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse documents and print them as JSON (one FILE) or JSON Lines (several, or a DIR).
    ///
    /// With no input and standard input not a terminal, reads standard input.
    Parse {
        /// Files, directories (walked recursively) or - for standard input.
        #[arg(conflicts_with = "records")]
        inputs: Vec<PathBuf>,
        /// Output format [default: json for one file, jsonl otherwise]. json with several
        /// inputs writes one JSON array.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Read JSON Lines records {"id": …, "text": …} on standard input and write one
        /// result line per record, with its id. Exits 0 unless the stream itself fails.
        #[arg(long, conflicts_with = "files_from")]
        records: bool,
        /// Allow records {"id": …, "path": …}, reading regular files under this directory
        /// only (off by default: a path record is then refused).
        #[arg(long, value_name = "DIR", requires = "records")]
        records_root: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Stream a flat table (CSV with a header, or JSON Lines) over any number of inputs.
    Table {
        /// Which table.
        #[arg(value_enum)]
        table: Table,
        /// Files, directories (walked recursively) or - for standard input.
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFmt::Csv)]
        format: TableFmt,
        #[command(flatten)]
        common: Common,
    },
    /// Print the JSON Schema of every line the command line writes: documents, error
    /// records and records-mode lines.
    Schema,
    /// Print each document's numbered section tree, indented.
    Outline {
        /// Files, directories (walked recursively) or - for standard input.
        inputs: Vec<PathBuf>,
        /// File extensions read from directories, comma-separated (* for every file).
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "txt,md,text,html,htm,docx"
        )]
        ext: Vec<String>,
        /// Refuse inputs larger than this many bytes (error code too_large).
        #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// Flags shared by `parse` and `table`.
#[derive(Args, Debug)]
pub struct Common {
    /// Read the list of inputs from this file (one path per line; - for standard input).
    #[arg(long, value_name = "LIST")]
    pub files_from: Option<PathBuf>,
    /// Write to this file instead of standard output (written whole at the end, through a
    /// temporary file beside it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads [default: one per core; at most 256].
    #[arg(short, long, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=i64::from(MAX_JOBS)))]
    pub jobs: Option<u16>,
    /// File extensions read from directories, comma-separated (* for every file).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "txt,md,text,html,htm,docx"
    )]
    pub ext: Vec<String>,
    /// Unit of span offsets.
    #[arg(long, value_enum, default_value_t = Offsets::Bytes)]
    pub offsets: Offsets,
    #[arg(long, long_help = ENCODING_HELP, help = "Read the inputs in this encoding (gbk, gb18030, big5, utf-16le, …; see --help)")]
    pub encoding: Option<String>,
    /// Read every input as this kind of file [default: by extension, else by content].
    #[arg(long, value_enum, value_name = "KIND")]
    pub format_in: Option<FormatIn>,
    /// Refuse inputs larger than this many bytes (error code too_large); the input is not
    /// read past the limit.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Stop at the first input that fails.
    #[arg(long)]
    pub fail_fast: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `--format-in`: the kind of every input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatIn {
    /// Plain text (UTF-8, GB18030, Big5, UTF-16).
    Text,
    /// An HTML page.
    Html,
    /// A Word file (.docx).
    Docx,
}

/// `parse --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Pretty-printed JSON: one document, or an array of them.
    Json,
    /// One line per input.
    Jsonl,
}

/// `table --format`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TableFmt {
    /// CSV with a header row.
    Csv,
    /// One JSON object per row.
    Jsonl,
}

/// The tables.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Table {
    /// One row per section.
    Sections,
    /// One row per reference to another document.
    References,
    /// One row per responsible department of a task.
    Responsibilities,
    /// One row per quantity.
    Quantities,
    /// One row per contact line.
    Contacts,
}

/// `--offsets`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Offsets {
    /// Bytes of the decoded UTF-8 text.
    Bytes,
    /// Unicode scalar values (Python and JavaScript string indices).
    Chars,
}
