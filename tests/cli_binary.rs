//! The real `corpvet` binary end to end: exit codes, stderr lines and `--json` documents,
//! against its in-process sandbox (no credentials) or a sandbox this test starts and reads
//! the billing counters of.

mod cli_support;

use cli_support::{against, corpvet, run, MANY_CERTS};
use corpvet::sandbox::Sandbox;
use serde_json::Value;

fn home() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn certs_page_three_as_json_without_any_key() {
    let h = home();
    let (code, out, err) = run(
        &mut corpvet(h.path()),
        &["certs", MANY_CERTS, "--page", "3", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("SANDBOX"),
        "sandbox mode is announced on stderr: {err}"
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["command"], "certs");
    assert_eq!(doc["source"]["mode"], "sandbox");
    assert_eq!(
        doc["source"]["endpoint"],
        "ECICertification/SearchCertification"
    );
    assert_eq!(doc["paging"]["page"], 3);
    assert_eq!(doc["paging"]["total"], 47);
    assert_eq!(doc["paging"]["page_count"], 3);
    assert_eq!(doc["data"].as_array().unwrap().len(), 7);
    assert!(doc["error"].is_null());
}

#[test]
fn human_tables_align_chinese_columns() {
    let h = home();
    let (code, out, _) = run(
        &mut corpvet(h.path()),
        &["building", "浙江华屹建设集团有限公司"],
    );
    assert_eq!(code, 0);
    assert!(out.contains("证书编号") && out.contains("expired"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 3);
    // Every column starts at the same display column on every line, whatever the mix of
    // double-width and single-width characters before it.
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let column_of = |line: &str, needle: &str| line.find(needle).map(|i| w(&line[..i]));
    let issuer = column_of(lines[0], "发证机关").unwrap();
    let expires = column_of(lines[0], "有效期至").unwrap();
    for line in lines.iter().skip(2).filter(|l| l.contains("资质")) {
        let date = line
            .match_indices("20")
            .find(|(i, _)| line.as_bytes().get(i + 4) == Some(&b'-'))
            .map(|(i, _)| w(&line[..i]));
        assert_eq!(date, Some(expires), "{line}");
        let dept = [
            "住房和城乡建设部",
            "浙江省住房和城乡建设厅",
            "金华市住房和城乡建设局",
        ]
        .iter()
        .find_map(|d| column_of(line, d));
        assert_eq!(dept, Some(issuer), "{line}");
    }
}

#[test]
fn no_result_exits_one_and_prints_an_empty_list_in_json() {
    let h = home();
    let (code, out, _) = run(
        &mut corpvet(h.path()),
        &["customs", "北京知行远咨询管理有限公司", "--json"],
    );
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["data"].as_array().map(Vec::len), Some(0));
}

#[test]
fn juhe_provider_pages_the_same_way() {
    let h = home();
    let (code, out, err) = run(
        &mut corpvet(h.path()),
        &[
            "building",
            "河南省建筑设计研究院有限公司",
            "--provider",
            "juhe",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["source"]["provider"], "juhe");
    assert_eq!(doc["paging"]["total"], 5);
}

#[test]
fn each_failure_mode_has_its_exit_code_and_message() {
    let h = home();
    let cases = [
        ("网关故障测试有限公司", 4, "502"),
        ("数据损坏测试有限公司", 4, "not in the documented format"),
        ("额度耗尽测试有限公司", 3, "116"),
        ("流量限制测试有限公司", 3, "120"),
    ];
    for (company, want, text) in cases {
        let (code, out, err) = run(&mut corpvet(h.path()), &["certs", company, "--json"]);
        assert_eq!(code, want, "{company}: {err}");
        assert!(err.contains(text), "{company}: {err}");
        assert_eq!(
            err.lines()
                .filter(|l| l.starts_with("corpvet: ") && !l.contains("SANDBOX"))
                .count(),
            1,
            "{err}"
        );
        let doc: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["ok"], false);
        assert!(doc["error"]["class"].is_string() && doc["error"]["retryable"].is_boolean());
    }
    let (code, _, err) = run(
        corpvet(h.path()).env("CORPVET_TIMEOUT", "0.5"),
        &["customs", "慢速响应测试有限公司"],
    );
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("timed out"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn local_refusals_send_nothing() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = home();
    for args in [
        &["certs", "企"][..],
        &["building", " a "],
        &["customs", "91320594088140947X"],
        &["certs", MANY_CERTS, "--page-size", "21"],
        &["certs", MANY_CERTS, "--page", "0"],
        &["report", MANY_CERTS],
    ] {
        let mut c = against(h.path(), &sandbox);
        let (code, _, err) = run(&mut c, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty());
    }
    let snapshot = sandbox.counters().snapshot();
    assert!(
        snapshot.values().all(|(requests, _)| *requests == 0),
        "{snapshot:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_check_character_names_the_expected_one_and_force_sends_anyway() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = home();
    let mut c = against(h.path(), &sandbox);
    let (code, _, err) = run(&mut c, &["building", "91320594088140947X"]);
    assert_eq!(code, 2);
    assert!(err.contains('F') && err.contains("--force"), "{err}");
    let mut c = against(h.path(), &sandbox);
    let (code, _, _) = run(&mut c, &["building", "91320594088140947X", "--force"]);
    assert_eq!(code, 1, "an unknown code is no result upstream");
    assert_eq!(
        sandbox
            .counters()
            .requests("BuildingQualificationCheck/GetList"),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_secret_is_a_signature_error_with_advice() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = home();
    let mut c = against(h.path(), &sandbox);
    c.env("CORPVET_QCC_SECRET", "not-the-secret");
    let (code, _, err) = run(&mut c, &["customs", MANY_CERTS]);
    assert_eq!(code, 3);
    assert!(err.contains("107") && err.contains("clock"), "{err}");
    assert!(!err.contains("not-the-secret"));
    assert_eq!(sandbox.counters().billed_total(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn report_orders_once_waits_and_downloads_both_formats() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = home();
    for (format, magic) in [("pdf", &b"%PDF"[..]), ("word", &b"PK"[..])] {
        let out_dir = h.path().join(format);
        let mut c = against(h.path(), &sandbox);
        let (code, out, err) = run(
            &mut c,
            &[
                "report",
                MANY_CERTS,
                "--yes",
                "--format",
                format,
                "--out",
                out_dir.to_str().unwrap(),
                "--json",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let doc: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["data"]["state"]["state"], "ready");
        assert!(doc["data"]["download_url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:"));
        let file = doc["data"]["file"].as_str().unwrap();
        let bytes = std::fs::read(file).unwrap();
        assert!(bytes.starts_with(magic), "{format}");
        let order = doc["data"]["order_no"].as_str().unwrap().to_string();
        let mut c = against(h.path(), &sandbox);
        let (code, out, err) = run(&mut c, &["report-status", &order, "--xml"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(&order) && out.contains("ready"), "{out}");
    }
    assert_eq!(sandbox.counters().billed("Report/CreateReport"), 2);
}

/// A server that answers every request with headers and half a body, then hangs up.
fn half_body_server() -> (String, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = std::thread::spawn(move || {
        // One connection per expected request; the test makes exactly one call.
        if let Ok((mut stream, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"Status\":\"200\",\"Result\":{\"Data\":[",
            );
            let _ = stream.flush();
        }
    });
    (format!("http://{addr}"), handle)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_reset_mid_body_is_a_transport_failure_and_the_next_lookup_works() {
    let h = home();
    let (url, server) = half_body_server();
    let mut c = cli_support::live(h.path(), &format!("{url}/api/yj"), &url);
    c.env("CORPVET_RETRY_BASE_DELAY_MS", "10");
    let (code, _, err) = run(&mut c, &["customs", MANY_CERTS, "--refresh"]);
    server.join().unwrap();
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("broke") || err.contains("cut off"), "{err}");
    let sandbox = Sandbox::start(0).await.unwrap();
    let (code, _, err) = run(&mut against(h.path(), &sandbox), &["customs", MANY_CERTS]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sandbox.counters().billed("OperationCheck/GetList"), 1);
}

#[test]
fn completions_and_the_man_page_come_from_the_real_flags() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = run(&mut corpvet(home.path()), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(
            out.contains("report-status") && out.contains("offline"),
            "{shell}: {out}"
        );
    }
    let (code, out, err) = run(&mut corpvet(home.path()), &["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(".TH corpvet 1") && out.contains("report"),
        "{out}"
    );
    let (code, _, err) = run(&mut corpvet(home.path()), &["completions", "tcsh"]);
    assert_eq!(code, 2, "an unknown shell is refused: {err}");
}

#[test]
fn report_status_of_an_order_qcc_does_not_know_says_so_with_exit_1() {
    let home = tempfile::tempdir().unwrap();
    for json in [false, true] {
        let mut args = vec!["report-status", "NOSUCHORDER0000000000000000000000"];
        if json {
            args.push("--json");
        }
        let (code, out, err) = run(&mut corpvet(home.path()), &args);
        assert_eq!(code, 1, "unknown, not pending: {out}{err}");
        assert!(err.contains("unknown") && err.contains("201"), "{err}");
        assert!(!out.contains("pending"), "{out}");
    }
}

#[test]
fn the_explorer_without_a_terminal_says_so_and_exits_2() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(&mut corpvet(home.path()), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        out.is_empty(),
        "nothing on stdout, no escape codes: {out:?}"
    );
    assert!(
        err.contains("needs a terminal") && err.contains("corpvet --help"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

/// Issue 12, point 17: a full disk behind stdout is an error with exit 4, never a panic.
#[test]
fn a_full_disk_behind_stdout_is_exit_4_not_a_panic() {
    let home = tempfile::tempdir().unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = corpvet(home.path())
        .args(["certs", MANY_CERTS])
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("cannot write the output"), "{err}");
}

/// A reader that went away (`corpvet certs X | head -0`): a quiet exit, as a shell expects.
#[test]
fn a_closed_pipe_behind_stdout_is_a_quiet_exit() {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: pipe fills two new descriptors, which are owned below and closed once.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    let home = tempfile::tempdir().unwrap();
    let out = corpvet(home.path())
        .args(["certs", MANY_CERTS])
        .stdout(std::process::Stdio::from(write))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(141), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("cannot write"),
        "{err}"
    );
}
