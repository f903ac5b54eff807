//! Input discovery and reading: command-line paths, directory walks and `--files-from`
//! lists become an ordered list of [`Item`]s, each read whole but never past the size
//! limit.
//!
//! Every input met is accounted for: what a walk finds but cannot read (a dangling
//! symbolic link, a link loop, a FIFO or device) stays in the list as
//! [`Item::Unreadable`], so that it yields an `io` error record instead of vanishing.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use zhengce::json::ErrorBody;

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A file named on the command line or found by a walk.
    Path(PathBuf),
    /// Standard input, read whole as one document.
    Stdin,
    /// Something a walk met that is not read: the path and why.
    Unreadable(PathBuf, &'static str),
}

impl Item {
    /// The path reported in `source.path` (`None` for standard input).
    pub fn source_path(&self) -> Option<String> {
        match self {
            Item::Path(p) | Item::Unreadable(p, _) => Some(path_name(p)),
            Item::Stdin => None,
        }
    }

    /// The name used in messages: the path, or `-`.
    pub fn name(&self) -> String {
        self.source_path().unwrap_or_else(|| "-".to_string())
    }

    /// Reads the whole input, refusing it (code `too_large`) as soon as it proves longer
    /// than `limit` bytes: a file's size is checked before it is read, and no input is
    /// read past `limit + 1` bytes.
    pub fn read(&self, limit: u64) -> Result<Vec<u8>, ErrorBody> {
        match self {
            Item::Path(p) => {
                let file = File::open(p).map_err(io_error)?;
                if let Ok(meta) = file.metadata() {
                    if meta.is_file() && meta.len() > limit {
                        return Err(too_large(Some(meta.len()), limit));
                    }
                }
                read_limited(file, limit)
            }
            Item::Stdin => read_limited(io::stdin().lock(), limit),
            Item::Unreadable(_, why) => Err(ErrorBody {
                code: "io",
                message: format!("cannot read input: {why}"),
            }),
        }
    }
}

/// Reads `reader` to its end, or fails with `too_large` after `limit + 1` bytes.
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ErrorBody> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(None, limit));
    }
    Ok(bytes)
}

/// The `too_large` error body, with the size when it is known.
pub fn too_large(size: Option<u64>, limit: u64) -> ErrorBody {
    ErrorBody {
        code: "too_large",
        message: match size {
            Some(size) => format!("input is {size} bytes, over the limit of {limit} bytes"),
            None => format!("input is over the limit of {limit} bytes"),
        },
    }
}

/// The `io` error body for a failed read.
pub fn io_error(e: io::Error) -> ErrorBody {
    ErrorBody {
        code: "io",
        message: zhengce::Error::Io(e).to_string(),
    }
}

/// A path as text, losslessly: a name that is valid UTF-8 is written as it is, except
/// that each backslash is doubled; each byte that is not part of valid UTF-8 is written
/// `\xNN`. Two different paths never give the same text.
pub fn path_name(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if !bytes.contains(&b'\\') {
            if let Ok(text) = std::str::from_utf8(bytes) {
                return text.to_string();
            }
        }
        let mut out = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            out.push_str(&chunk.valid().replace('\\', "\\\\"));
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// Expands command-line paths into the ordered list of inputs.
///
/// A directory is walked recursively, entries in byte order of their names, keeping the
/// files whose extension is in `extensions` (compared without case; `*` keeps every file).
/// Symbolic links to files are followed, links to directories are not (no cycles). What
/// has a kept extension but cannot be read as a file (a dangling link, a link loop, a
/// FIFO, a device, an unreadable directory) is kept as [`Item::Unreadable`]. A file named
/// explicitly is always kept, whatever its extension or kind; `-` is standard input; a
/// path that does not exist is kept too, so that it yields its error record.
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

/// Reads a list of paths, one per line (blank lines skipped; a final `\r` dropped), as
/// given to `--files-from`. Names are taken as bytes: one that is not UTF-8 is a path
/// like any other.
pub fn read_path_list(mut reader: impl BufRead) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let mut name = line.as_slice();
        name = name.strip_suffix(b"\n").unwrap_or(name);
        name = name.strip_suffix(b"\r").unwrap_or(name);
        if !name.iter().all(u8::is_ascii_whitespace) {
            paths.push(path_from_bytes(name));
        }
    }
    Ok(paths)
}

fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

fn walk(dir: &Path, extensions: &[String], items: &mut Vec<Item>) {
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).collect(),
        Err(_) => {
            items.push(Item::Unreadable(
                dir.to_path_buf(),
                "the directory cannot be listed",
            ));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            items.push(Item::Unreadable(path, "its type cannot be read"));
            continue;
        };
        if kind.is_dir() {
            walk(&path, extensions, items);
            continue;
        }
        if !has_extension(&path, extensions) {
            continue;
        }
        if kind.is_file() {
            items.push(Item::Path(path));
        } else if kind.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() => items.push(Item::Path(path)),
                Ok(meta) if meta.is_dir() => {} // links to directories are not followed
                Ok(_) => items.push(Item::Unreadable(path, "the link leads to no regular file")),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    items.push(Item::Unreadable(path, "dangling symbolic link"))
                }
                Err(_) => items.push(Item::Unreadable(
                    path,
                    "the symbolic link cannot be followed (a loop?)",
                )),
            }
        } else {
            items.push(Item::Unreadable(
                path,
                "not a regular file (a FIFO, socket or device)",
            ));
        }
    }
}

/// Whether `path` has one of `extensions` (compared without case or dot; `*`: any).
pub fn has_extension(path: &Path, extensions: &[String]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[cfg(unix)]
    #[test]
    fn path_names_are_lossless() {
        let a = path_from_bytes(b"g_\xff.txt");
        let b = path_from_bytes(b"g_\xfe.txt");
        assert_eq!(
            path_name(&a),
            "g_\\xFF.txt",
            "an invalid byte is written as \\xNN"
        );
        assert_ne!(path_name(&a), path_name(&b), "two such names stay apart");
        assert_eq!(
            path_name(Path::new("a\\xFF.txt")),
            "a\\\\xFF.txt",
            "a backslash is doubled, so no valid name reads like an escaped one"
        );
        assert_eq!(
            path_name(Path::new("政策/a.txt")),
            "政策/a.txt",
            "UTF-8 stays as it is"
        );
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let endless = io::repeat(b'x');
        let err = read_limited(endless, 1000).unwrap_err();
        assert_eq!(
            err.code, "too_large",
            "an endless input is refused at the limit"
        );
        assert_eq!(
            read_limited(&b"abc"[..], 3).unwrap(),
            b"abc",
            "the limit is inclusive"
        );
    }
}
