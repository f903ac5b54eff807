//! The `zhengce` binary: single-file behaviour, batches over directories and lists,
//! error records, determinism across worker counts, tables, and records mode through a pipe.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

pub(crate) const SEED: &str = "fixtures/seeds/003_b4600086fd213c1b.txt";

pub(crate) fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    cmd.env_remove("CI");
    cmd
}

pub(crate) fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

/// A fresh scratch directory for one test.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small corpus: the seeds (one in GB18030, in a subdirectory), a binary file, an .html
/// page and an empty file.
fn corpus(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("b/c")).unwrap();
    let mut seeds: Vec<_> = std::fs::read_dir("fixtures/seeds")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for (i, seed) in seeds.iter().enumerate() {
        let text = std::fs::read_to_string(seed).unwrap();
        if i == 1 {
            let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
            std::fs::write(dir.join("b/c/gbk.text"), gbk).unwrap();
        } else {
            std::fs::write(dir.join(format!("a{i}.txt")), text).unwrap();
        }
    }
    std::fs::write(dir.join("b/binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("b/page.html"), "<html>关于的通知</html>").unwrap();
    std::fs::write(dir.join("b/empty.md"), "").unwrap();
    dir
}

pub(crate) fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn one_file_prints_pretty_json() {
    let o = run(&["parse", SEED]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "one good file exits 0: {}",
        stderr(&o)
    );
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(text.starts_with("{\n"), "one file defaults to pretty JSON");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["source"]["path"], SEED, "source.path names the input");
    assert!(
        o.stderr.is_empty(),
        "no summary for a single file: {}",
        stderr(&o)
    );
}

#[test]
fn stdin_with_jsonl_format() {
    let mut child = bin()
        .args(["parse", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("关于印发方案的通知\n一、总体要求\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "stdin parses");
    let docs = lines(&o.stdout);
    assert_eq!(docs.len(), 1, "one line for stdin");
    assert_eq!(
        docs[0]["source"]["path"],
        serde_json::Value::Null,
        "stdin has no path"
    );
}

#[test]
fn single_binary_file_is_one_error_line_and_exit_1() {
    let dir = scratch("binary");
    let path = dir.join("x.txt");
    std::fs::write(&path, b"\0\0\x01binary").unwrap();
    let o = run(&["parse", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "a failed input exits 1");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "one clear line on stderr: {err}");
    assert!(
        err.contains("x.txt") && err.contains("error[not_text]"),
        "the line names the input and the code: {err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let empty = scratch("usage-empty-dir");
    let o = run(&["parse", empty.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a directory without inputs is a usage error"
    );
    assert!(
        stderr(&o).contains("--ext"),
        "the message hints at --ext: {}",
        stderr(&o)
    );
    assert_eq!(
        run(&["parse", "--encoding", "nope", SEED]).status.code(),
        Some(2),
        "an unknown encoding label is a usage error"
    );
    assert_eq!(
        run(&["parse", "--bogus", SEED]).status.code(),
        Some(2),
        "an unknown flag is a usage error"
    );
    assert_eq!(
        run(&["parse", "-j", "0", SEED]).status.code(),
        Some(2),
        "zero workers is a usage error"
    );
}

#[test]
fn directory_gives_one_line_per_input_in_order() {
    let dir = corpus("dir");
    let o = run(&["parse", "-q", dir.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the binary file makes the batch exit 1"
    );
    let docs = lines(&o.stdout);
    let names: Vec<String> = docs
        .iter()
        .map(|d| {
            let p = d["source"]["path"].as_str().unwrap();
            Path::new(p)
                .strip_prefix(&dir)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "a0.txt",
            "a2.txt",
            "a3.txt",
            "a4.txt",
            "b/binary.txt",
            "b/c/gbk.text",
            "b/empty.md",
            "b/page.html"
        ],
        "walk is recursive, in name order, default extensions only, one line each"
    );
    assert_eq!(
        docs[4]["error"]["code"], "not_text",
        "the binary file is an error record"
    );
    assert_eq!(
        docs[5]["source"]["encoding"], "GB18030",
        "GB18030 is detected"
    );
    assert!(!stderr(&o).contains("inputs,"), "--quiet hides the summary");
}

#[test]
fn summary_counts_errors_by_code() {
    let dir = corpus("summary");
    let missing = dir.join("missing.txt");
    let o = run(&["parse", dir.to_str().unwrap(), missing.to_str().unwrap()]);
    let err = stderr(&o);
    let summary = err.lines().last().unwrap();
    assert!(
        summary.contains("9 inputs, 7 parsed, 2 errors (io 1, not_text 1)"),
        "summary accounts for every input by code: {err}"
    );
    assert!(
        summary.contains("MB/s"),
        "summary gives the rate: {summary}"
    );
    assert!(
        !err.contains('\r'),
        "no progress bar when stderr is not a terminal"
    );
}

#[test]
fn same_bytes_whatever_the_worker_count() {
    let dir = corpus("determinism");
    let d = dir.to_str().unwrap();
    let one = run(&["parse", "-q", "-j", "1", d]).stdout;
    let two = run(&["parse", "-q", "-j", "2", d]).stdout;
    let eight = run(&["parse", "-q", "-j", "8", d]).stdout;
    assert!(!one.is_empty(), "the batch wrote something");
    assert_eq!(one, two, "-j 1 and -j 2 give the same bytes");
    assert_eq!(one, eight, "-j 1 and -j 8 give the same bytes");
}

#[test]
fn files_from_output_and_ext() {
    let dir = corpus("list");
    let list = dir.join("list");
    std::fs::write(
        &list,
        format!(
            "{}\n\n{}\n",
            dir.join("b/page.html").display(),
            dir.join("a0.txt").display()
        ),
    )
    .unwrap();
    let out = dir.join("out.jsonl");
    let o = run(&[
        "parse",
        "-q",
        "--files-from",
        list.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "both listed files parse: {}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty(), "--output leaves stdout empty");
    let docs = lines(&std::fs::read(&out).unwrap());
    assert_eq!(
        docs.len(),
        2,
        "one line per listed path, blank lines skipped"
    );
    assert!(
        docs[0]["source"]["path"]
            .as_str()
            .unwrap()
            .ends_with("page.html"),
        "list order is kept and listed files are read whatever their extension"
    );
    let o = run(&[
        "parse",
        "-q",
        "--ext",
        "html",
        dir.join("b").to_str().unwrap(),
    ]);
    assert_eq!(
        lines(&o.stdout).len(),
        1,
        "--ext html picks only the .html file"
    );
}

#[test]
fn fail_fast_stops_at_the_first_failure() {
    let dir = corpus("failfast");
    let o = run(&["parse", "-q", "--fail-fast", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "fail-fast still exits 1");
    let docs = lines(&o.stdout);
    assert_eq!(
        docs.len(),
        5,
        "inputs up to and including the failing one are written"
    );
    assert_eq!(
        docs[4]["error"]["code"], "not_text",
        "the last line is the failure"
    );
}

#[test]
fn table_csv_has_header_and_one_file_column() {
    let dir = corpus("table");
    for kind in ["sections", "references", "responsibilities", "quantities"] {
        let o = run(&["table", kind, "-q", dir.to_str().unwrap()]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{kind}: the binary file makes it exit 1"
        );
        let text = String::from_utf8(o.stdout.clone()).unwrap();
        let header = text.lines().next().unwrap();
        assert!(
            header.starts_with("file,"),
            "{kind}: a CSV header comes first: {header}"
        );
        assert!(
            stderr(&o).contains("error[not_text]"),
            "{kind}: failures are reported"
        );
    }
    let o = run(&["table", "sections", "--format", "jsonl", SEED]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "a table over one good file exits 0"
    );
    for row in lines(&o.stdout) {
        assert_eq!(row["file"], SEED, "every JSONL row names its file");
    }
}

#[test]
fn records_mode_through_a_pipe_with_split_reads() {
    let mut child = bin()
        .args(["parse", "--records", "--records-root", ".", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let first = serde_json::json!({"id": "a-1", "text": "关于印发实施方案的通知\n一、总体要求\n"})
        .to_string();
    let second = serde_json::json!({"id": 2, "path": SEED}).to_string();
    // The first record arrives in three pieces, split inside a UTF-8 character.
    let bytes = first.as_bytes();
    let cut = first.find('印').unwrap() + 1;
    for piece in [&bytes[..5], &bytes[5..cut], &bytes[cut..]] {
        stdin.write_all(piece).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }
    stdin.write_all(b"\n").unwrap();
    stdin.flush().unwrap();
    // The answer to the first record comes before the input is closed: flushed as it goes.
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !got.contains(&b'\n') {
        let n = stdout.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "the child should answer the first record while stdin is open"
        );
        got.extend_from_slice(&buf[..n]);
    }
    writeln!(stdin, "{second}").unwrap();
    writeln!(stdin, "not json").unwrap();
    drop(stdin);
    stdout.read_to_end(&mut got).unwrap();
    let status = child.wait().unwrap();
    let out = lines(&got);
    assert_eq!(out.len(), 3, "one line per record");
    assert_eq!(out[0]["id"], "a-1", "ids are carried over");
    assert_eq!(
        out[0]["schema_version"], 1,
        "a text record gives a document"
    );
    assert_eq!(out[1]["id"], 2, "records come back in input order");
    assert_eq!(
        out[1]["source"]["path"], SEED,
        "a path record reads the file"
    );
    assert_eq!(
        out[2]["error"]["code"], "bad_record",
        "a broken line is a bad_record"
    );
    assert_eq!(
        status.code(),
        Some(0),
        "record errors are data: the run exits 0 when the stream was read and written"
    );
}

#[test]
fn schema_and_outline_stay() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0), "schema prints");
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        schema["$defs"]["Document"].get("properties").is_some(),
        "schema describes the document"
    );
    let o = run(&["outline", SEED]);
    assert_eq!(o.status.code(), Some(0), "outline runs on a seed");
}

#[test]
fn unwritable_output_names_the_file_and_exits_1() {
    let dir = scratch("unwritable");
    let out = dir.join("missing-dir/out.jsonl");
    let o = run(&["parse", "-o", out.to_str().unwrap(), SEED]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "an output that cannot be created exits 1"
    );
    assert!(
        stderr(&o).contains("out.jsonl") && stderr(&o).contains("error[io]"),
        "the error line names the output file: {}",
        stderr(&o)
    );
}

#[test]
fn every_error_code_names_the_input() {
    let dir = scratch("codes");
    let big = dir.join("big.txt");
    std::fs::write(&big, "关于印发方案的通知\n".repeat(100)).unwrap();
    let small = dir.join("small.txt");
    std::fs::write(&small, "关于印发方案的通知\n").unwrap();
    let missing = dir.join("missing.txt");

    let o = run(&["parse", "--max-bytes", "1000", big.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "an input over the limit exits 1");
    let err = stderr(&o);
    assert!(
        err.contains("big.txt") && err.contains("error[too_large]"),
        "the line names the input and the code too_large: {err}"
    );

    let o = run(&["parse", missing.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(
        o.status.code() == Some(1) && err.contains("missing.txt") && err.contains("error[io]"),
        "a missing file is error io naming the input: {err}"
    );

    let o = run(&["parse", "--encoding", "klingon", small.to_str().unwrap()]);
    assert!(
        o.status.code() == Some(2) && stderr(&o).contains("error[unknown_encoding]"),
        "an unknown label is a usage error with code unknown_encoding: {}",
        stderr(&o)
    );

    // In a batch, every input gets its own record, errors included, in input order.
    let o = run(&[
        "parse",
        "-q",
        "--max-bytes",
        "1000",
        small.to_str().unwrap(),
        big.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "a batch with failures exits 1");
    let docs = lines(&o.stdout);
    assert_eq!(docs.len(), 3, "one record per input, none lost");
    assert!(
        docs[0]["error"].is_null() && docs[0]["title"]["text"] == "关于印发方案的通知",
        "the small input parses: {}",
        docs[0]
    );
    assert_eq!(
        docs[1]["error"]["code"], "too_large",
        "the large input is a too_large record"
    );
    assert_eq!(
        docs[2]["error"]["code"], "io",
        "the missing input is an io record"
    );
    for (i, name) in ["small.txt", "big.txt", "missing.txt"].iter().enumerate() {
        assert!(
            docs[i]["source"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with(name)),
            "record {i} names its input {name}: {}",
            docs[i]
        );
    }
}
