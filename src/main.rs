//! The `zhengce` command line: parses arguments, calls the library, writes the result.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Read Chinese government policy documents and print typed JSON.
#[derive(Parser, Debug)]
#[command(name = "zhengce", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse documents and print them as JSON (one FILE) or JSON Lines.
    Parse {
        /// A file, or - for standard input.
        input: PathBuf,
        /// Output format: pretty JSON or one line per document.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Unit of span offsets.
        #[arg(long, value_enum, default_value_t = Offsets::Bytes)]
        offsets: Offsets,
        /// Read the input in this encoding (gbk, gb18030, big5, utf-16le, …) instead of detecting it.
        #[arg(long)]
        encoding: Option<String>,
    },
    /// Print the JSON Schema of the output.
    Schema,
    /// Print a document's numbered section tree, indented.
    Outline {
        /// A file, or - for standard input.
        input: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Json,
    Jsonl,
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
            eprintln!("zhengce: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> io::Result<ExitCode> {
    match cli.command {
        Command::Parse {
            input,
            format,
            offsets,
            encoding,
        } => {
            let mut options = zhengce::Options {
                offsets: match offsets {
                    Offsets::Bytes => zhengce::OffsetUnit::Bytes,
                    Offsets::Chars => zhengce::OffsetUnit::Chars,
                },
                ..Default::default()
            };
            if let Some(label) = encoding {
                match zhengce::decode::encoding_for_label(&label) {
                    Ok(enc) => options.encoding = Some(enc),
                    Err(e) => {
                        eprintln!("zhengce: {}: error[{}]: {e}", input.display(), e.code());
                        return Ok(ExitCode::from(2));
                    }
                }
            }
            let (name, bytes) = match read_input(&input) {
                Ok(v) => v,
                Err(e) => {
                    eprintln!("zhengce: {}: error[io]: {e}", input.display());
                    return Ok(ExitCode::from(1));
                }
            };
            options.path = name;
            let stdout = io::stdout();
            let mut out = stdout.lock();
            match zhengce::parse_with(&bytes, &options) {
                Ok(doc) => {
                    match format {
                        Format::Json => serde_json::to_writer_pretty(&mut out, &doc)?,
                        Format::Jsonl => serde_json::to_writer(&mut out, &doc)?,
                    }
                    writeln!(out)?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("zhengce: {}: error[{}]: {e}", input.display(), e.code());
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Schema => {
            let stdout = io::stdout();
            let mut out = stdout.lock();
            serde_json::to_writer_pretty(&mut out, &zhengce::schema())?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Outline { input } => {
            let (name, bytes) = read_input(&input)?;
            let options = zhengce::Options {
                path: name,
                ..Default::default()
            };
            match zhengce::parse_with(&bytes, &options) {
                Ok(doc) => {
                    let stdout = io::stdout();
                    let mut out = stdout.lock();
                    out.write_all(zhengce::outline(&doc).as_bytes())?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("zhengce: {}: error[{}]: {e}", input.display(), e.code());
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}

/// Reads a file, or standard input for `-`; returns the path to report and the bytes.
fn read_input(path: &PathBuf) -> io::Result<(Option<String>, Vec<u8>)> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        Ok((None, bytes))
    } else {
        Ok((Some(path.display().to_string()), std::fs::read(path)?))
    }
}
