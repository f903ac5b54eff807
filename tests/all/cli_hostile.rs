//! The command line under hostile conditions: unwritable streams, outputs that are
//! inputs, endless inputs, path records, odd ids, odd directory entries, odd encodings.
//! Each test reproduces a way the batch, records or output paths used to break.

use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::cli::{bin, lines, run, scratch, stderr, SEED};

/// Waits for `child` (reading its output as it comes), killing it after `limit`: a hang
/// fails the test instead of the suite.
fn finish_within(child: Child, limit: Duration) -> Output {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("the run did not finish within {limit:?}");
        }
    }
}

/// A shell command line running the binary with `args` after `setup` (e.g. `exec 2>&-`).
fn sh(setup: &str, args: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("{setup}; exec \"$0\" {args}"))
        .arg(env!("CARGO_BIN_EXE_zhengce"))
        .env_remove("CI");
    cmd
}

/// A directory of `n` small documents, the last one binary.
fn hundred(name: &str, n: usize) -> std::path::PathBuf {
    let dir = scratch(name);
    for i in 0..n {
        let path = dir.join(format!("d{i:03}.txt"));
        if i + 1 == n {
            std::fs::write(path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        } else {
            std::fs::write(path, format!("关于第{i}号文件的通知\n一、总体要求\n")).unwrap();
        }
    }
    dir
}

// 1. An unwritable standard error never hangs or panics.

#[test]
fn a_full_or_closed_stderr_loses_no_result_line() {
    let dir = hundred("stderr-full", 100);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let child = bin()
        .args(["parse", "-j", "2"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::from(full))
        .spawn()
        .unwrap();
    let o = finish_within(child, Duration::from_secs(60));
    assert_eq!(
        lines(&o.stdout).len(),
        100,
        "every input still gives its line"
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "one binary input: exit 1 as usual"
    );

    let o = finish_within(
        sh("exec 2>&-", &format!("parse -j 2 {}", dir.display()))
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
        Duration::from_secs(60),
    );
    assert_eq!(
        lines(&o.stdout).len(),
        100,
        "a closed stderr loses no line either"
    );
    assert_eq!(o.status.code(), Some(1), "and the exit code stays 1");
}

// 2. `-o` never destroys an input and never loses a file.

#[test]
fn an_output_that_is_an_input_is_refused_and_left_alone() {
    let dir = scratch("output-is-input");
    let a = dir.join("a.txt");
    std::fs::copy(SEED, &a).unwrap();
    let before = std::fs::read(&a).unwrap();
    let o = run(&["parse", a.to_str().unwrap(), "-o", a.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an output equal to an input is a usage error"
    );
    assert_eq!(
        std::fs::read(&a).unwrap(),
        before,
        "the input is left byte for byte"
    );

    let inside = dir.join("out.txt");
    let o = run(&[
        "parse",
        dir.to_str().unwrap(),
        "-o",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an output the walk would read is a usage error"
    );
    assert!(
        stderr(&o).contains("inside the input directory"),
        "{}",
        stderr(&o)
    );
    assert!(!inside.exists(), "nothing is written");
}

#[test]
fn a_failed_run_never_truncates_an_existing_output() {
    let dir = scratch("output-kept");
    let out = dir.join("result.json");
    std::fs::write(&out, "precious").unwrap();
    let o = run(&["parse", "no-such-input.txt", "-o", out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a typo in an input path fails the input"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "precious",
        "the old file stays"
    );
    let o = run(&["parse", SEED, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "a good run writes");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["schema_version"], 1, "the output is the document");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left beside it");
    let fresh = dir.join("fresh");
    std::fs::File::create(&fresh).unwrap();
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode();
    assert_eq!(
        mode(&out),
        mode(&fresh),
        "the output has the mode of any new file"
    );
}

// 3. Memory is bounded.

#[test]
fn max_bytes_stops_reading_an_endless_input() {
    let child = bin()
        .args(["parse", "/dev/zero", "--max-bytes", "1000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = finish_within(child, Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(1), "the input fails");
    assert!(stderr(&o).contains("error[too_large]"), "{}", stderr(&o));
}

#[test]
fn a_text_of_line_breaks_parses_in_little_memory() {
    let dir = scratch("newlines");
    let file = dir.join("n.txt");
    std::fs::write(&file, vec![b'\n'; 12_000_000]).unwrap();
    // 12 MB of line breaks took a 40-byte entry per line, 480 MB and more while the list
    // grew. Under a 400 MB address-space limit the run must still parse it.
    let o = sh(
        "ulimit -v 400000",
        &format!("parse {} -o {}/n.json", file.display(), dir.display()),
    )
    .output()
    .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "parsed within the limit: {}",
        stderr(&o)
    );
}

#[test]
fn large_records_stream_through_one_worker() {
    // Twelve 2 MB records with one worker: the window holds them by bytes (the engine's
    // own tests check the bound), and each still gives its line, in order.
    let text = "a".repeat(2_000_000);
    let mut input = Vec::new();
    for id in 0..12 {
        input.extend_from_slice(
            serde_json::json!({"id": id, "text": text})
                .to_string()
                .as_bytes(),
        );
        input.push(b'\n');
    }
    let mut child = bin()
        .args(["parse", "--records", "-j", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let o = finish_within(child, Duration::from_secs(120));
    feeder.join().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = lines(&o.stdout);
    assert_eq!(out.len(), 12, "one line per record");
    assert!(
        out.iter().enumerate().all(|(i, l)| l["id"] == i),
        "in input order"
    );
}

// 4. Records cannot read what they should not.

fn records(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(["parse", "--records"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    finish_within(child, Duration::from_secs(30))
}

#[test]
fn path_records_are_off_unless_a_root_is_named() {
    let input =
        format!("{{\"id\":1,\"path\":\"{SEED}\"}}\n{{\"id\":2,\"path\":\"nothing-here.txt\"}}\n");
    let o = records(&[], &input);
    let out = lines(&o.stdout);
    assert_eq!(out.len(), 2, "one line per record");
    for line in &out {
        assert_eq!(
            line["error"]["code"], "path_refused",
            "path records are off: {line}"
        );
        assert_eq!(line["source"]["bytes"], 0, "nothing about the file is told");
        assert!(line.get("sections").is_none(), "and none of it is read");
    }
    assert_eq!(
        out[0]["error"]["message"], out[1]["error"]["message"],
        "an existing file and a missing one are refused alike"
    );
}

#[test]
fn a_root_allows_regular_files_under_it_only() {
    let dir = scratch("records-root");
    std::fs::copy(SEED, dir.join("a.txt")).unwrap();
    let fifo = dir.join("pipe.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink("/etc/hostname", dir.join("out.txt")).unwrap();
    let input = [
        r#"{"id":"in","path":"a.txt"}"#,
        r#"{"id":"up","path":"../cli-records-root/a.txt"}"#,
        r#"{"id":"abs","path":"/etc/passwd"}"#,
        r#"{"id":"fifo","path":"pipe.txt"}"#,
        r#"{"id":"stdin","path":"/dev/stdin"}"#,
        r#"{"id":"link","path":"out.txt"}"#,
    ]
    .join("\n");
    let o = records(&["--records-root", dir.to_str().unwrap()], &input);
    let out = lines(&o.stdout);
    assert_eq!(out.len(), 6, "one line per record: {}", stderr(&o));
    assert_eq!(out[0]["schema_version"], 1, "a file under the root is read");
    for line in &out[1..] {
        assert_eq!(line["error"]["code"], "path_refused", "refused: {line}");
    }
}

// 5. Records keep their identity.

#[test]
fn ids_come_back_exactly_as_written() {
    let input = "\u{feff}{\"id\": 123456789012345678901234567890, \"text\": \"通知\"}\n\
        {\"id\": -0, \"text\": \"通知\"}\n\
        \n\
        {\"id\": 1E2, \"text\": \"通知\"}\n\
        not a record\n\
        {\"id\": \"\\ud800x\", \"text\": \"通知\"}";
    let o = records(&[], input);
    assert_eq!(o.status.code(), Some(0), "record errors are data: exit 0");
    let text = String::from_utf8(o.stdout).unwrap();
    let got: Vec<&str> = text.lines().collect();
    assert_eq!(
        got.len(),
        5,
        "blank lines give nothing; the rest one line each: {text}"
    );
    assert!(
        got[0].starts_with(r#"{"id":123456789012345678901234567890,"#),
        "{}",
        got[0]
    );
    assert!(got[1].starts_with(r#"{"id":-0,"#), "{}", got[1]);
    assert!(got[2].starts_with(r#"{"id":1E2,"#), "{}", got[2]);
    assert!(
        got[3].contains(r#""line":5"#),
        "a bad line carries its number: {}",
        got[3]
    );
    assert!(got[3].contains("bad_record"), "{}", got[3]);
    assert!(
        got[4].starts_with(r#"{"id":"\ud800x","#),
        "an unterminated last line is a record, its id kept byte for byte: {}",
        got[4]
    );
}

// 6. Exit codes tell the truth.

/// A closed standard output (`>&-`) cannot be told from `>/dev/null`: the Rust runtime
/// opens `/dev/null` on a closed standard stream before `main`. A full one can.
#[test]
fn an_unwritable_stdout_is_exit_1_with_a_message() {
    for args in [
        format!("parse {SEED}"),
        "parse -q fixtures/seeds".to_string(),
    ] {
        let o = sh("exec >/dev/full", &args).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args}: exit 1");
        assert!(
            stderr(&o).contains("error[io]"),
            "{args}: a message: {}",
            stderr(&o)
        );
    }
}

#[test]
fn no_inputs_and_absurd_worker_counts_are_usage_errors() {
    let dir = scratch("only-html");
    std::fs::write(dir.join("page.html"), "关于的通知").unwrap();
    let o = run(&["parse", dir.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "no matching file is a usage error"
    );
    assert!(stderr(&o).contains("--ext"), "with a hint: {}", stderr(&o));
    let start = Instant::now();
    let o = run(&["parse", "-j", "65535", SEED]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "-j beyond the bound is a usage error"
    );
    assert!(start.elapsed() < Duration::from_secs(10), "at once");
}

// 7. Every input is accounted for.

#[test]
fn odd_directory_entries_are_reported_not_skipped() {
    let dir = scratch("odd-entries");
    std::fs::copy(SEED, dir.join("a.txt")).unwrap();
    std::os::unix::fs::symlink("missing.txt", dir.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("loop.txt", dir.join("loop.txt")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(dir.join("fifo.txt"))
        .status()
        .unwrap()
        .success());
    let o = finish_within(
        bin()
            .arg("parse")
            .arg(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
        Duration::from_secs(30),
    );
    let out = lines(&o.stdout);
    assert_eq!(out.len(), 4, "four entries, four lines: {}", stderr(&o));
    let io: Vec<_> = out.iter().filter(|l| l["error"]["code"] == "io").collect();
    assert_eq!(io.len(), 3, "the link, the loop and the FIFO are io errors");
    assert!(stderr(&o).contains("io 3"), "and counted: {}", stderr(&o));
}

#[test]
fn non_utf8_names_stay_distinct_and_lossless() {
    let dir = scratch("bad-names");
    let a = dir.join(std::ffi::OsStr::from_bytes(b"g_\xff.txt"));
    let b = dir.join(std::ffi::OsStr::from_bytes(b"g_\xfe.txt"));
    std::fs::copy(SEED, &a).unwrap();
    std::fs::copy(SEED, &b).unwrap();
    let o = run(&["parse", dir.to_str().unwrap()]);
    let out = lines(&o.stdout);
    let names: Vec<String> = out
        .iter()
        .map(|l| l["source"]["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 2, "both files are read");
    assert_ne!(names[0], names[1], "and told apart: {names:?}");
    assert!(
        names[1].ends_with("g_\\xFF.txt"),
        "the byte is written as \\xFF: {names:?}"
    );

    let list = dir.join("list");
    let mut bytes = a.as_os_str().as_bytes().to_vec();
    bytes.push(b'\n');
    std::fs::write(&list, bytes).unwrap();
    let o = run(&["parse", "--files-from", list.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "such a name in a list is read: {}",
        stderr(&o)
    );
    assert_eq!(lines(&o.stdout).len(), 1, "one line");
}

// 8. Decoding.

fn parse_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .arg("parse")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    finish_within(child, Duration::from_secs(30))
}

#[test]
fn decoding_keeps_latin_utf8_and_refuses_the_replacement_encoding() {
    let o = parse_stdin(&[], "Café résumé\n".as_bytes());
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["source"]["encoding"], "UTF-8", "Latin text stays UTF-8");
    let o = parse_stdin(&["--encoding", "iso-2022-kr"], b"x");
    assert_eq!(
        o.status.code(),
        Some(2),
        "the replacement encoding is refused"
    );
    let o = parse_stdin(&["--encoding", "cp936"], b"\xcd\xa8\xd6\xaa");
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        doc["source"]["encoding"],
        "GB18030",
        "cp936 is GBK: {}",
        stderr(&o)
    );

    let text = std::fs::read_to_string(SEED).unwrap();
    let mut utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    utf16.push(b'x');
    let o = parse_stdin(&[], &utf16);
    assert_eq!(
        o.status.code(),
        Some(0),
        "a stray byte is not binary: {}",
        stderr(&o)
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["source"]["encoding"], "UTF-16LE");
    assert_eq!(
        doc["diagnostics"][0]["code"], "invalid_bytes_replaced",
        "with a diagnostic"
    );
}

// 9. Numbers stay exact.

#[test]
fn values_beyond_64_bits_are_written_exactly() {
    let o = parse_stdin(
        &["--format", "jsonl"],
        "一、目标\n到2025年，下达资金12345678901234567.89元，服务9223372036854775808人次。\n"
            .as_bytes(),
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains(r#""value":12345678901234567.89,"#), "{text}");
    assert!(text.contains(r#""value":9223372036854775808,"#), "{text}");
}

// 10. What a user of jq, rg and cargo expects.

#[test]
fn piped_stdin_json_arrays_outline_dirs_version_and_completions() {
    let o = parse_stdin(&[], std::fs::read(SEED).unwrap().as_slice());
    assert_eq!(o.status.code(), Some(0), "parse with piped stdin reads it");
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);

    let o = run(&["parse", "--format", "json", SEED, SEED]);
    let array: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        array.as_array().map(Vec::len),
        Some(2),
        "several inputs: one JSON array"
    );

    let dir = scratch("outline-dir");
    std::fs::copy(SEED, dir.join("a.txt")).unwrap();
    std::fs::copy(SEED, dir.join("b.txt")).unwrap();
    let o = run(&["outline", dir.to_str().unwrap()]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        text.matches("==> ").count(),
        2,
        "outline DIR outlines its files: {text}"
    );

    let o = run(&["--version"]);
    assert!(
        String::from_utf8(o.stdout).unwrap().starts_with("zhengce "),
        "--version"
    );
    let o = run(&["completions", "bash"]);
    assert!(
        String::from_utf8(o.stdout).unwrap().contains("zhengce"),
        "a bash script"
    );
    let o = run(&["man"]);
    assert!(
        String::from_utf8(o.stdout).unwrap().contains(".TH"),
        "a roff man page"
    );
    let o = run(&["parse", "--help"]);
    assert!(
        String::from_utf8(o.stdout).unwrap().contains("cp936"),
        "labels in --help"
    );
}

#[test]
fn tables_have_offsets_and_the_schema_covers_every_line() {
    for table in ["responsibilities", "quantities"] {
        let o = run(&["table", table, SEED]);
        let text = String::from_utf8(o.stdout).unwrap();
        let header = text.lines().next().unwrap_or_default();
        assert!(header.ends_with(",start,end"), "{table}: {header}");
    }
    let o = run(&["schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let o = records(&[], "{\"id\": 1, \"text\": \"通知\"}\nnot a record\n");
    for line in lines(&o.stdout) {
        assert!(validator.is_valid(&line), "the schema describes {line}");
    }
    let o = run(&["parse", "--format", "jsonl", "/no/such/file.txt"]);
    for line in lines(&o.stdout) {
        assert!(validator.is_valid(&line), "and error records: {line}");
    }
}
