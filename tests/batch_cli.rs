//! `corpvet batch` through the real binary against sandboxes this test starts: a 50-line
//! file with a header, blank lines, duplicates and an invalid credit code, killed half-way
//! and run again, bills each company exactly once (compared with an uninterrupted run on a
//! second sandbox) and leaves a valid output file at every step; the CSV layout is pinned.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod cli_support;

use corpvet::sandbox::Sandbox;
use serde_json::Value;

const TODAY: &str = "2026-11-24";
const COLUMNS: usize = 16;

fn corpvet(home: &Path, sandbox: &Sandbox, rate: &str) -> Command {
    let mut c = cli_support::against(home, sandbox);
    c.env("CORPVET_RETRY_BASE_DELAY_MS", "10")
        .env("CORPVET_RATE_LIMIT", rate)
        .env("CORPVET_RATE_LIMIT_BURST", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// 50 lines: a header, 32 distinct companies (names and credit codes of the sandbox's
/// companies 1–15, two failure modes), an invalid code, 3 blank lines, 13 repeats.
fn input_file(dir: &Path) -> (PathBuf, usize) {
    let companies: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sandbox/companies.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let list = companies.as_array().unwrap();
    let mut lines = vec!["公司名称,备注".to_string()];
    for c in &list[..15] {
        lines.push(format!("{},name", c["name"].as_str().unwrap()));
        lines.push(c["creditCode"].as_str().unwrap().to_string());
    }
    lines.push("网关故障测试有限公司".into());
    // (Not the quota company: a spent quota is about the account and stops a run.)
    lines.push("\"数据损坏测试有限公司\",quoted".into());
    let distinct = lines.len() - 1;
    lines.insert(5, String::new());
    lines.insert(20, "  ".into());
    lines.push(",".into());
    // The invalid code: company 3's with a wrong check character.
    lines.push("91440300033424790X".into());
    for c in &list[..13] {
        lines.push(format!("  {}  ", c["name"].as_str().unwrap()));
    }
    assert_eq!(lines.len(), 50);
    let path = dir.join("companies.csv");
    std::fs::write(&path, lines.join("\n")).unwrap();
    (path, distinct + 1)
}

/// A minimal CSV reader: quoted cells, doubled quotes, CRLF rows.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').expect("a BOM");
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "ends with a row"
    );
    rows
}

/// Rows of a valid output file (every row `COLUMNS` wide), header dropped.
fn rows_of(path: &Path) -> Vec<Vec<String>> {
    let rows = parse_csv(&std::fs::read_to_string(path).unwrap());
    assert_eq!(rows[0][0], "line");
    for r in &rows {
        assert_eq!(r.len(), COLUMNS, "{r:?}");
    }
    rows[1..].to_vec()
}

fn done(rows: &[Vec<String>]) -> usize {
    rows.iter().filter(|r| r[2] != "pending").count()
}

/// The journal of finished rows beside the output file `out`.
fn journal_of(out: &Path) -> PathBuf {
    let name = out.file_name().unwrap().to_string_lossy();
    out.with_file_name(format!(".{name}.journal"))
}

/// Rows finished so far, as the journal has them.
fn journaled(out: &Path) -> usize {
    std::fs::read_to_string(journal_of(out)).map_or(0, |t| t.lines().count())
}

fn billed(sandbox: &Sandbox) -> Vec<(String, u64)> {
    sandbox
        .counters()
        .snapshot()
        .into_iter()
        .map(|(k, (_, b))| (k, b))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn interrupted_and_resumed_bills_each_company_once() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (input, companies) = input_file(dir.path());
    let out = dir.path().join("out.csv");
    let home = dir.path().join("home");
    let args = |c: &mut Command| {
        c.args(["batch"])
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .args(["--today", TODAY]);
    };

    // Five calls a second, one at a time: right after a row lands, the next call is ~200 ms
    // away, so the kill below never catches a call in flight.
    let mut cmd = corpvet(&home, &sandbox, "5");
    args(&mut cmd);
    let mut child = cmd.spawn().unwrap();
    let started = Instant::now();
    let mut seen = 0;
    // The output is written whole at the start (every row there, pending); finished rows go
    // to the journal beside it as they land.
    loop {
        let now = journaled(&out);
        if now > seen && now >= 8 {
            break;
        }
        seen = now;
        assert!(started.elapsed() < Duration::from_secs(60), "no progress");
        std::thread::sleep(Duration::from_millis(3));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let rows = rows_of(&out);
    assert_eq!(
        rows.len(),
        companies,
        "a complete, valid file after the kill"
    );
    let half = journaled(&out);
    assert!(half < companies, "killed half-way ({half} of {companies})");
    let after_kill = billed(&sandbox);

    let mut cmd = corpvet(&home, &sandbox, "0");
    args(&mut cmd);
    let res = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(6), "{err}");
    assert!(
        err.contains("not vetted again"),
        "the journal is folded in: {err}"
    );
    assert!(
        !journal_of(&out).exists(),
        "a complete run removes its journal"
    );
    assert!(err.contains("skipped 3 blank line(s)"), "{err}");
    assert_eq!(err.matches("repeats line").count(), 13, "{err}");
    assert!(err.contains("91440300033424790X: not sent"), "{err}");
    let summary = String::from_utf8_lossy(&res.stdout);
    assert!(summary.contains("33 companies"), "{summary}");
    let rows = rows_of(&out);
    assert_eq!((rows.len(), done(&rows)), (companies, companies));
    assert!(after_kill.iter().any(|(_, b)| *b > 0));
    let strays: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(strays.is_empty(), "no temporary file left: {strays:?}");

    // The same file on a fresh sandbox, uninterrupted: the same bill.
    let fresh = Sandbox::start(0).await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let out2 = other.path().join("out.csv");
    let res = corpvet(&other.path().join("home"), &fresh, "0")
        .arg("batch")
        .arg(&input)
        .arg("--out")
        .arg(&out2)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(6));
    assert_eq!(billed(&sandbox), billed(&fresh), "each company billed once");

    // Once more: everything from the cache.
    let before = billed(&sandbox);
    let mut cmd = corpvet(&home, &sandbox, "0");
    args(&mut cmd);
    let res = cmd.output().unwrap();
    assert_eq!(res.status.code(), Some(6));
    assert_eq!(billed(&sandbox), before, "a rerun bills nothing");
    let summary = String::from_utf8_lossy(&res.stdout);
    assert!(summary.contains("calls: 0 billed"), "{summary}");

    // Pin the layout (the fresh run: its billed/cached columns are deterministic).
    let text = std::fs::read_to_string(&out2).unwrap();
    insta::assert_snapshot!("batch_csv", text.replace('\r', "␍"));
}

#[tokio::test(flavor = "multi_thread")]
async fn gbk_input_and_json_output() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("gbk.txt");
    let text = "宁波甬舟泽汇进出口有限公司\r\n北京知行远咨询管理有限公司\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(&input, &gbk).unwrap();
    let out = dir.path().join("out.json");
    let res = corpvet(&dir.path().join("home"), &sandbox, "0")
        .arg("batch")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--today", TODAY, "--json"])
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(6));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(
        err.contains("2 companies (gbk, companies in column 1)"),
        "{err}"
    );
    let doc: Value = serde_json::from_slice(&res.stdout).unwrap();
    assert_eq!(doc["summary"]["red"], 1);
    assert_eq!(doc["summary"]["not_found"], 1);
    assert_eq!(doc["input"]["encoding"], "gbk");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(file["rows"][0]["input"], "宁波甬舟泽汇进出口有限公司");
    assert_eq!(file["rows"][0]["verdict"]["level"], "red");
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_stops_cleanly_with_a_valid_file() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("list.txt");
    std::fs::write(
        &input,
        "宁波甬舟泽汇进出口有限公司\n北京知行远咨询管理有限公司\n广州穗港通达供应链管理有限公司\n天津滨海鑫源化工贸易有限公司\n",
    )
    .unwrap();
    let out = dir.path().join("out.csv");
    // One call a second: the batch needs about 12 s, so the interrupt always lands mid-run
    // even on a loaded machine.
    let child = corpvet(&dir.path().join("home"), &sandbox, "1")
        .arg("batch")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--concurrency", "1", "--today", TODAY])
        .spawn()
        .unwrap();
    let started = Instant::now();
    while journaled(&out) < 1 {
        assert!(started.elapsed() < Duration::from_secs(30), "no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let res = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    let rows = rows_of(&out);
    assert_eq!(rows.len(), 4);
    let finished = done(&rows);
    assert!(
        (1..4).contains(&finished),
        "the rows finished are folded in: {finished}"
    );
}

/// Issue 12, point 10: an output that cannot be written is found before the first billed
/// call, and nothing is sent.
#[tokio::test(flavor = "multi_thread")]
async fn an_output_that_cannot_be_written_spends_nothing() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let (input, _) = input_file(home.path());
    // A file where a folder should be: nothing can be created under it.
    let blocker = home.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let out_path = blocker.join("out.csv");
    let out = corpvet(home.path(), &sandbox, "1000")
        .args([
            "batch",
            input.to_str().unwrap(),
            "--out",
            out_path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(
        sandbox.counters().billed_total(),
        0,
        "{:?}",
        billed(&sandbox)
    );
}

/// Issue 12, point 13: a refusal about the account (here a wrong secret: 107) stops the run
/// at once: a handful of signed requests, not three per company.
#[tokio::test(flavor = "multi_thread")]
async fn an_account_refusal_stops_the_run_at_once() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let (input, _) = input_file(home.path());
    let out_path = home.path().join("out.csv");
    let out = corpvet(home.path(), &sandbox, "1000")
        .env("CORPVET_QCC_SECRET", "a-wrong-secret")
        .args([
            "batch",
            input.to_str().unwrap(),
            "--out",
            out_path.to_str().unwrap(),
            "--concurrency",
            "1",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let sent: u64 = sandbox
        .counters()
        .snapshot()
        .values()
        .map(|(requests, _)| requests)
        .sum();
    assert!(sent <= 3, "{sent} requests after the refusal:\n{err}");
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("107") && err.contains("stopped"), "{err}");
    assert!(out_path.is_file(), "the output is left for a resumed run");
}
