//! What batch sends from the files people really have (issue 11, point 8; issue 12, point
//! 11): a spreadsheet's header and index column, quoted cells over lines, CR-only line
//! ends, a workbook or random bytes given by mistake, standard input, and `--dry-run`.
//! Billed calls are counted with the sandbox counters.

mod cli_support;

use std::path::Path;
use std::process::{Command, Stdio};

use cli_support::with_stdin;
use corpvet::sandbox::Sandbox;

fn batch(home: &Path, sandbox: &Sandbox) -> Command {
    let mut c = cli_support::against(home, sandbox);
    c.env("CORPVET_RETRY_BASE_DELAY_MS", "10")
        .env("CORPVET_RATE_LIMIT", "1000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c.arg("batch");
    c
}

fn write(home: &Path, name: &str, bytes: &[u8]) -> String {
    let path = home.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// The keywords that reached the sandbox, one per billed search.
fn searched(sandbox: &Sandbox) -> u64 {
    sandbox.counters().billed_total()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_spreadsheets_header_and_index_column_are_never_billed() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    // The shape that billed 6 calls and vetted no company: a header, an index column and a
    // quoted cell over two lines.
    let file = write(
        home.path(),
        "list.csv",
        "\u{feff}序号,公司名称\r\n1,\"浙江华屹建设\r\n集团有限公司\"\r\n".as_bytes(),
    );
    let out = batch(home.path(), &sandbox).arg(&file).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(searched(&sandbox), 0, "{err}");
    assert!(err.contains("line break"), "{err}");
    assert!(
        err.contains("line 2: 浙江华屹建设 集团有限公司: not sent"),
        "on one line: {err}"
    );
    assert!(err.contains("公司名称"), "the column is named: {err}");
    // The same list, one company a row: exactly that company is vetted.
    let file = write(
        home.path(),
        "list2.csv",
        "序号,公司名称\r\n1,浙江华屹建设集团有限公司\r\n".as_bytes(),
    );
    let out = batch(home.path(), &sandbox).arg(&file).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1 companies"), "{text}");
    assert!(!text.contains("序号"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn binary_files_are_refused_before_any_call() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00".to_vec();
    xlsx.extend_from_slice(b"[Content_Types].xml\x00\x00\xa5\x92\xcbN\xc30\x10");
    // 20 KB of noise (a multiplicative sequence: the same every run).
    let random: Vec<u8> = (0u32..20_000)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    for (name, bytes, says) in [
        ("book.xlsx", xlsx, "Excel"),
        ("noise.bin", random, "text"),
        (
            "nul.txt",
            b"\xe7\x94\xb2\xe5\x85\xac\xe5\x8f\xb8\x00\x00\n".to_vec(),
            "control",
        ),
    ] {
        let file = write(home.path(), name, &bytes);
        let out = batch(home.path(), &sandbox).arg(&file).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(says) && err.contains("nothing was sent"),
            "{name}: {err}"
        );
    }
    assert_eq!(searched(&sandbox), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn cr_only_lines_from_stdin_and_a_dry_run() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let list = "浙江华屹建设集团有限公司\r宁波甬舟泽汇进出口有限公司\r";
    // --dry-run: the two companies and the most they can bill; nothing sent.
    let out = with_stdin(
        batch(home.path(), &sandbox).args(["-", "--dry-run"]),
        list.as_bytes(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("line 1: 浙江华屹建设集团有限公司"), "{text}");
    assert!(
        text.contains("line 2: 宁波甬舟泽汇进出口有限公司"),
        "{text}"
    );
    // Each name: 1 qualification call + up to 5 certificate pages + up to 5 customs pages.
    assert!(
        text.contains("2 companies would be vetted: at most 22 billed calls"),
        "{text}"
    );
    assert_eq!(searched(&sandbox), 0);
    // For real, from stdin: two companies, not one merged keyword.
    let out = with_stdin(batch(home.path(), &sandbox).arg("-"), list.as_bytes());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2 companies"), "{text}");
}
