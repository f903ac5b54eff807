//! `zhengce._native`: the Python package's compiled module, a thin layer over the library.
//!
//! Every document reaches Python through the library's own serde serialization
//! ([`objects`] runs the `Serialize` impls into the dicts, lists, strings and numbers
//! that `json.loads` would make of the JSON), so a dict is exactly the JSON contract of
//! `SCHEMA.md` and cannot drift from what the CLI prints; `pythonize` reads dicts back
//! into documents for the tables. Parsing runs with the GIL released; [`parse_files`] parses on worker threads
//! and hands the documents on in input order, a bounded number at a time.
//!
//! The pure-Python part of the package (`zhengce/__init__.py`) re-exports these
//! functions and adds `to_pandas`.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyDict, PyList, PyString};
use zhengce::parallel::{self, Flow, Window};
use zhengce::table::TableKind;
use zhengce::{Document, Source};

use objects::to_python;

mod objects;

create_exception!(
    zhengce,
    Error,
    PyException,
    "An input that gives no document: its `code` is stable (`not_text`, `too_large`, \
     `unknown_encoding`, `io`) and `message` says why."
);

/// The library's error as a `zhengce.Error` with `code` and `message` set.
fn error(py: Python<'_>, e: &zhengce::Error) -> PyErr {
    let message = e.to_string();
    let err = Error::new_err(message.clone());
    let value = err.value(py);
    // Setting attributes on a fresh exception instance cannot fail in practice; if it
    // did, the exception would still carry its message.
    let _ = value.setattr("code", e.code());
    let _ = value.setattr("message", message);
    err
}

/// Builds the library's options from the keyword arguments shared by every function.
fn options(
    py: Python<'_>,
    encoding: Option<&str>,
    offsets: &str,
    path: Option<String>,
    max_bytes: Option<u64>,
) -> PyResult<zhengce::Options> {
    let offsets = match offsets {
        "chars" => zhengce::OffsetUnit::Chars,
        "bytes" => zhengce::OffsetUnit::Bytes,
        other => {
            return Err(PyValueError::new_err(format!(
                "offsets must be \"chars\" or \"bytes\", not {other:?}"
            )))
        }
    };
    let mut built = zhengce::Options::default().offsets(offsets);
    if let Some(label) = encoding {
        built = built.encoding(zhengce::Encoding::for_label(label).map_err(|e| error(py, &e))?);
    }
    if let Some(limit) = max_bytes {
        built = built.max_bytes(limit);
    }
    if let Some(path) = path {
        built = built.path(path);
    }
    Ok(built)
}

/// Parses text that is already decoded: no detection, every offset into `text` itself.
fn parse_str(text: &str, options: &zhengce::Options) -> Result<Document, zhengce::Error> {
    let size = text.len() as u64;
    if let Some(limit) = options.max_bytes.filter(|&limit| size > limit) {
        return Err(zhengce::Error::TooLarge { size, limit });
    }
    let mut doc = zhengce::parse_text(text);
    if options.offsets == zhengce::OffsetUnit::Chars {
        zhengce::json::to_char_offsets(&mut doc, text);
    }
    doc.source.path = options.path.clone();
    Ok(doc)
}

/// Parse one document into a dict, exactly the JSON contract (SCHEMA.md).
///
/// `data` is `bytes` (decoded as the command line decodes files: the encoding is
/// detected unless `encoding` names one, such as "gbk") or `str` (parsed as the text it
/// is). Spans are character offsets by default, what Python slicing expects; pass
/// `offsets="bytes"` for byte offsets into the UTF-8 text. `path` is reported in
/// `source.path`. Raises `zhengce.Error` (with `.code`) when the input is not text
/// (`not_text`), larger than `max_bytes` (`too_large`), or the encoding label is unknown
/// (`unknown_encoding`).
#[pyfunction]
#[pyo3(signature = (data, *, encoding=None, offsets="chars", path=None, max_bytes=None))]
fn parse<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    encoding: Option<&str>,
    offsets: &str,
    path: Option<String>,
    max_bytes: Option<u64>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(py, encoding, offsets, path, max_bytes)?;
    let result = if data.is_instance_of::<PyString>() {
        if encoding.is_some() {
            return Err(PyTypeError::new_err(
                "encoding applies to bytes; a str is already decoded",
            ));
        }
        let text: PyBackedStr = data.extract()?;
        py.detach(|| parse_str(&text, &options))
    } else {
        let bytes: PyBackedBytes = data.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "data must be bytes or str, not {}",
                data.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?;
        py.detach(|| zhengce::parse_with(&bytes, &options))
    };
    match result {
        Ok(doc) => to_python(py, &doc),
        Err(e) => Err(error(py, &e)),
    }
}

/// A failed input: what is known of it, and why.
type Failure = (Source, zhengce::Error);

/// The `source` of an input that gave no document, as the command line reports it.
fn failed_source(path: String, bytes: u64) -> Source {
    Source {
        path: Some(path),
        encoding: String::new(),
        bytes,
        replaced_invalid: 0,
        traditional_converted: false,
        format: Default::default(),
    }
}

/// Reads and parses one file, reporting its path as given.
fn load(path: &Path, options: &zhengce::Options) -> Result<Document, Failure> {
    let name = path.display().to_string();
    // As the command line does: a file over the limit is refused before it is read.
    if let Some(limit) = options.max_bytes {
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.is_file() && meta.len() > limit {
                let size = meta.len();
                return Err((
                    failed_source(name, 0),
                    zhengce::Error::TooLarge { size, limit },
                ));
            }
        }
    }
    let bytes = std::fs::read(path).map_err(|e| (failed_source(name.clone(), 0), e.into()))?;
    let mut options = options.clone();
    options.path = Some(name.clone());
    zhengce::parse_with(&bytes, &options).map_err(|e| (failed_source(name, bytes.len() as u64), e))
}

/// Parse one file into a dict (see `parse`); `source.path` is the path as given.
///
/// Raises `zhengce.Error` with code `io` when the file cannot be read.
#[pyfunction]
#[pyo3(signature = (path, *, encoding=None, offsets="chars", max_bytes=None))]
fn parse_file<'py>(
    py: Python<'py>,
    path: PathBuf,
    encoding: Option<&str>,
    offsets: &str,
    max_bytes: Option<u64>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(py, encoding, offsets, None, max_bytes)?;
    match py.detach(|| load(&path, &options)) {
        Ok(doc) => to_python(py, &doc),
        Err((_, e)) => Err(error(py, &e)),
    }
}

/// The dict of one input of `parse_files`: the document, or its error record.
fn record<'py>(py: Python<'py>, result: &Result<Document, Failure>) -> PyResult<Bound<'py, PyAny>> {
    match result {
        Ok(doc) => to_python(py, doc),
        Err((source, e)) => to_python(py, &zhengce::json::error_record(source, e)),
    }
}

/// Iterator over the results of `parse_files`, in input order.
#[pyclass(module = "zhengce")]
struct Documents {
    /// Results in input order, from the parsing thread; closed once all are handed on.
    results: Mutex<mpsc::Receiver<Result<Document, Failure>>>,
}

#[pymethods]
impl Documents {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(
        slf: PyRef<'py, Self>,
        py: Python<'py>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let results = &slf.results;
        let next = py.detach(|| match results.lock() {
            Ok(results) => results.recv().ok(),
            Err(_) => None,
        });
        match next {
            Some(result) => record(py, &result).map(Some),
            None => Ok(None),
        }
    }
}

/// Parse files in parallel, yielding one dict per path in the order given.
///
/// Each dict is the document, or for an input that could not be read or parsed its error
/// record `{"source": {...}, "error": {"code": ..., "message": ...}}`, exactly as
/// `zhengce parse` writes it in JSON Lines. `jobs` worker threads (default: one per core)
/// read and parse with the GIL released; at most 16 results per worker (32 at least) are
/// in flight, so memory stays bounded however many paths are given. The paths are taken
/// at once (directories are not walked: pass files); the options are those of `parse`.
#[pyfunction]
#[pyo3(signature = (paths, *, jobs=None, encoding=None, offsets="chars", max_bytes=None))]
fn parse_files(
    py: Python<'_>,
    paths: &Bound<'_, PyAny>,
    jobs: Option<usize>,
    encoding: Option<&str>,
    offsets: &str,
    max_bytes: Option<u64>,
) -> PyResult<Documents> {
    let options = options(py, encoding, offsets, None, max_bytes)?;
    if paths.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "paths must be an iterable of paths, not one str",
        ));
    }
    let paths = paths
        .try_iter()?
        .map(|p| p.and_then(|p| p.extract::<PathBuf>()))
        .collect::<PyResult<Vec<PathBuf>>>()?;
    let jobs = match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let (sender, results) = mpsc::sync_channel(jobs);
    std::thread::Builder::new()
        .name("zhengce-parse-files".into())
        .spawn(move || {
            let _ = parallel::ordered_map(
                paths.iter(),
                jobs,
                Window::for_workers(jobs),
                |_| 0,
                |path| load(path, &options),
                |result| {
                    // The iterator was dropped: stop parsing.
                    Ok(match sender.send(result) {
                        Ok(()) => Flow::Continue,
                        Err(_) => Flow::Stop,
                    })
                },
            );
        })
        .map_err(|e| PyException::new_err(format!("cannot start the parsing thread: {e}")))?;
    Ok(Documents {
        results: Mutex::new(results),
    })
}

/// The table kind named `name`.
fn table_kind(name: &str) -> PyResult<TableKind> {
    TableKind::ALL
        .into_iter()
        .find(|kind| kind.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = TableKind::ALL.iter().map(|kind| kind.name()).collect();
            PyValueError::new_err(format!(
                "unknown table {name:?}: one of {}",
                names.join(", ")
            ))
        })
}

/// The column names of table `kind`, in order (those of `zhengce table KIND`).
#[pyfunction]
fn columns(kind: &str) -> PyResult<Vec<&'static str>> {
    Ok(table_kind(kind)?.columns().to_vec())
}

/// The rows of table `kind` ("sections", "references", "responsibilities",
/// "quantities", "contacts") for `docs`, one dict per row with the columns of `zhengce table KIND`.
///
/// `docs` is one document dict (from `parse`) or an iterable of them (from
/// `parse_files`); error records give no row, as on the command line. Offsets are in the
/// unit the documents were parsed with.
#[pyfunction]
fn table<'py>(
    py: Python<'py>,
    kind: &str,
    docs: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let kind = table_kind(kind)?;
    let columns: Vec<Bound<'py, PyString>> = kind
        .columns()
        .iter()
        .map(|c| PyString::intern(py, c))
        .collect();
    let out = PyList::empty(py);
    let add = |doc: &Bound<'py, PyAny>| -> PyResult<()> {
        if let Ok(dict) = doc.cast::<PyDict>() {
            if dict.contains("error")? {
                return Ok(());
            }
        }
        let doc: Document = pythonize::depythonize(doc)
            .map_err(|e| PyValueError::new_err(format!("not a zhengce document: {e}")))?;
        for row in zhengce::table::rows(kind, &doc) {
            let dict = PyDict::new(py);
            for (column, value) in columns.iter().zip(&row) {
                dict.set_item(column, to_python(py, value)?)?;
            }
            out.append(dict)?;
        }
        Ok(())
    };
    if docs.is_instance_of::<PyDict>() {
        add(docs)?;
    } else {
        for doc in docs.try_iter()? {
            add(&doc?)?;
        }
    }
    Ok(out)
}

/// The JSON Schema (draft 2020-12) of a document dict, generated from the library's types.
#[pyfunction]
fn schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_python(py, &zhengce::schema())
}

/// The Spark schema of one output line, a StructType in Spark's JSON form: pass it to
/// `pyspark.sql.types.StructType.fromJson`. Derived from the same types as `schema()`;
/// it also has the `error` field of error records, and each of a section's `children`
/// is kept as its JSON text (a Spark type cannot contain itself).
#[pyfunction]
fn spark_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_python(py, &zhengce::spark_schema())
}

/// The compiled part of the `zhengce` package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("Error", m.py().get_type::<Error>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Documents>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_file, m)?)?;
    m.add_function(wrap_pyfunction!(parse_files, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    m.add_function(wrap_pyfunction!(table, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(spark_schema, m)?)?;
    Ok(())
}
