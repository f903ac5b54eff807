//! Where results go: standard output, or a file written whole through a temporary file
//! in the same directory and renamed into place at the end, so that a failed run, a
//! usage error or a crash never truncates an existing file.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::inputs::path_name;

/// The output of one run.
pub enum Output {
    /// Standard output (its own handle, so that a closed or unwritable standard output
    /// is an error rather than silently lost bytes).
    Stdout(BufWriter<File>),
    /// A temporary file that becomes `path` on [`Output::commit`].
    File {
        /// The temporary file.
        temp: BufWriter<tempfile::NamedTempFile>,
        /// Where it goes.
        path: PathBuf,
    },
}

const BUFFER: usize = 1 << 16;

impl Output {
    /// Opens standard output, or a temporary file beside `path`.
    pub fn open(path: Option<&Path>) -> io::Result<Output> {
        match path {
            None => Ok(Output::Stdout(BufWriter::with_capacity(
                BUFFER,
                stdout_file()?,
            ))),
            Some(path) => {
                let dir = match path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let mut builder = tempfile::Builder::new();
                builder.prefix(".zhengce-").suffix(".partial");
                // The file gets the mode a new file would (0666 less the umask), or the
                // mode of the file it replaces.
                #[cfg(unix)]
                let mode = {
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::metadata(path)
                        .map(|m| m.permissions())
                        .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666))
                };
                #[cfg(unix)]
                builder.permissions(mode);
                let temp = builder.tempfile_in(dir).map_err(|e| named(path, e))?;
                Ok(Output::File {
                    temp: BufWriter::with_capacity(BUFFER, temp),
                    path: path.to_path_buf(),
                })
            }
        }
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut (dyn Write + Send) {
        match self {
            Output::Stdout(w) => w,
            Output::File { temp, .. } => temp,
        }
    }

    /// Flushes, and puts a file output in place. `replace` false leaves an existing file
    /// as it was (the temporary file is removed); a new file is created either way.
    pub fn commit(self, replace: bool) -> io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::File { temp, path } => {
                let temp = temp
                    .into_inner()
                    .map_err(|e| named(&path, e.into_error()))?;
                if !replace && path.exists() {
                    return Ok(());
                }
                temp.as_file().sync_data().map_err(|e| named(&path, e))?;
                temp.persist(&path).map_err(|e| named(&path, e.error))?;
                Ok(())
            }
        }
    }
}

/// An error naming the output file.
fn named(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path_name(path)))
}

/// Standard output as a file of its own: fails at once when it is closed.
#[cfg(unix)]
fn stdout_file() -> io::Result<File> {
    use std::os::fd::AsFd;
    io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map(File::from)
        .map_err(|e| io::Error::new(e.kind(), format!("standard output is not open: {e}")))
}

#[cfg(windows)]
fn stdout_file() -> io::Result<File> {
    use std::os::windows::io::AsHandle;
    io::stdout()
        .as_handle()
        .try_clone_to_owned()
        .map(File::from)
        .map_err(|e| io::Error::new(e.kind(), format!("standard output is not open: {e}")))
}

/// Why `output` must not be written: it is one of the input files named, or it lies
/// inside an input directory where a walk reading `extensions` would take it for an input.
pub fn clashes_with_inputs(
    output: &Path,
    inputs: &[PathBuf],
    extensions: &[String],
) -> Option<String> {
    let name = output.file_name()?;
    let dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let absolute = std::fs::canonicalize(dir).ok()?.join(name);
    if output.exists() {
        for input in inputs.iter().filter(|p| !p.is_dir()) {
            {
                if same_file::is_same_file(input, output).unwrap_or(false) {
                    return Some(format!("the output {} is also an input", path_name(output)));
                }
            }
        }
    }
    for input in inputs.iter().filter(|p| p.is_dir()) {
        let Ok(root) = std::fs::canonicalize(input) else {
            continue;
        };
        if absolute.starts_with(&root) && super::inputs::has_extension(&absolute, extensions) {
            return Some(format!(
                "the output {} lies inside the input directory {}, where it would be read as an input",
                path_name(output),
                path_name(input)
            ));
        }
    }
    None
}
