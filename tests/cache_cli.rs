//! The cache, history and report orders through the real binary, against a sandbox this test
//! starts (so its billing counters tell how many calls each command made), plus a scan of
//! every file corpvet wrote for the key and the secret.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use corpvet::api::qcc::endpoint;
mod cli_support;

use cli_support::{against, corpvet, live, run, MANY_CERTS};
use corpvet::sandbox::{Sandbox, SANDBOX_JUHE_KEY, SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET};
use serde_json::Value;

const TRADER: &str = "宁波甬舟泽汇进出口有限公司";

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn repeat_refresh_and_offline_lookups_cost_what_they_should() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = tempfile::tempdir().unwrap();
    let calls = || sandbox.counters().requests(endpoint::CERT_SEARCH);

    let (code, out, err) = run(
        &mut against(h.path(), &sandbox),
        &["certs", MANY_CERTS, "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let first = json(&out);
    assert_eq!(first["cached"], false);
    assert!(first["fetched_at"].as_str().unwrap().ends_with('Z'));

    let (code, out, err) = run(
        &mut against(h.path(), &sandbox),
        &["certs", MANY_CERTS, "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let second = json(&out);
    assert_eq!(second["cached"], true);
    assert_eq!(second["fetched_at"], first["fetched_at"]);
    assert_eq!(second["data"], first["data"]);
    assert!(err.contains("cached") && err.contains("--refresh"), "{err}");
    assert_eq!(calls(), 1, "the repeat made no call");

    let (code, out, _) = run(
        &mut against(h.path(), &sandbox),
        &["certs", MANY_CERTS, "--refresh", "--json"],
    );
    assert_eq!(code, 0);
    assert_eq!(json(&out)["cached"], false);
    assert_eq!(calls(), 2, "--refresh made one call");

    let (code, out, _) = run(
        &mut against(h.path(), &sandbox),
        &["certs", MANY_CERTS, "--offline", "--json"],
    );
    assert_eq!(code, 0);
    assert_eq!(json(&out)["cached"], true);
    let (code, _, err) = run(
        &mut against(h.path(), &sandbox),
        &["certs", MANY_CERTS, "--page", "2", "--offline"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("offline") && err.contains("nothing stored"),
        "{err}"
    );
    assert_eq!(calls(), 2, "offline made no call");

    // Paging back makes no call either.
    for page in ["2", "3", "2", "1"] {
        let (code, _, err) = run(
            &mut against(h.path(), &sandbox),
            &["certs", MANY_CERTS, "--page", page],
        );
        assert_eq!(code, 0, "{err}");
    }
    assert_eq!(calls(), 4);

    // No result is stored too.
    for _ in 0..2 {
        let (code, _, _) = run(
            &mut against(h.path(), &sandbox),
            &["customs", "北京知行远咨询管理有限公司"],
        );
        assert_eq!(code, 1);
    }
    assert_eq!(sandbox.counters().requests(endpoint::CUSTOMS), 1);

    let (code, out, _) = run(&mut corpvet(h.path()), &["cache", "stats", "--json"]);
    assert_eq!(code, 0);
    let stats = json(&out);
    assert_eq!(stats["data"]["stats"]["entries"], 4);
    assert_eq!(stats["data"]["stats"]["no_result"], 1);
    let (code, out, _) = run(&mut corpvet(h.path()), &["cache", "clear"]);
    assert_eq!(code, 0);
    assert!(out.contains("removed 4"), "{out}");
    run(&mut against(h.path(), &sandbox), &["certs", MANY_CERTS]);
    assert_eq!(calls(), 5, "after clear, the lookup calls again");

    let (code, out, _) = run(&mut corpvet(h.path()), &["history"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(MANY_CERTS) && out.contains("北京知行远咨询管理有限公司"),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recent_report_order_is_offered_instead_of_a_new_one() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = tempfile::tempdir().unwrap();
    let orders = || sandbox.counters().requests(endpoint::CREATE_REPORT);
    let (code, out, err) = run(
        &mut against(h.path(), &sandbox),
        &["report", TRADER, "--yes", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let order = json(&out)["data"]["order_no"].as_str().unwrap().to_string();
    assert_eq!(orders(), 1);

    let out_dir = h.path().join("reports");
    let (code, out, err) = run(
        &mut against(h.path(), &sandbox),
        &[
            "report",
            TRADER,
            "--yes",
            "--out",
            out_dir.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&order) && err.contains("--new"), "{err}");
    let doc = json(&out);
    assert_eq!(
        doc["data"]["order_no"],
        order.as_str(),
        "the same order, resumed"
    );
    assert!(Path::new(doc["data"]["file"].as_str().unwrap()).is_file());
    assert_eq!(orders(), 1, "no second order");

    let (code, _, err) = run(
        &mut against(h.path(), &sandbox),
        &["report", TRADER, "--yes", "--new"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(orders(), 2, "--new orders again");

    let (code, out, _) = run(&mut corpvet(h.path()), &["reports", "--json"]);
    assert_eq!(code, 0);
    let list = json(&out);
    let rows = list["data"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["order_no"], order.as_str());
    assert_eq!(rows[1]["state"], "ready");
    assert!(rows[1]["file"].is_string());
    assert_eq!(rows[0]["state"], "ordered");
}

#[tokio::test(flavor = "multi_thread")]
async fn processes_running_at_once_share_the_store_safely() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = tempfile::tempdir().unwrap();
    let children: Vec<_> = (1..=3)
        .flat_map(|page| [page, page])
        .map(|page| {
            against(h.path(), &sandbox)
                .args(["certs", MANY_CERTS, "--page", &page.to_string()])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (code, out, err) = run(&mut corpvet(h.path()), &["cache", "stats", "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["data"]["stats"]["entries"], 3);
    let (code, _, _) = run(&mut corpvet(h.path()), &["history"]);
    assert_eq!(code, 0);
}

/// A server that reads each request, counts it, and hangs up (or answers `body`).
fn tiny_server(body: Option<&'static str>) -> (String, Arc<AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&seen);
    std::thread::spawn(move || {
        for sock in listener.incoming() {
            let Ok(mut sock) = sock else { continue };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                match sock.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            count.fetch_add(1, Ordering::SeqCst);
            if let Some(body) = body {
                use std::io::Write;
                let _ = write!(
                    sock,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        }
    });
    (format!("http://{addr}"), seen)
}

#[test]
fn a_dropped_order_is_never_repeated_and_blocks_a_blind_reorder() {
    let (base, seen) = tiny_server(None);
    let h = tempfile::tempdir().unwrap();
    let qcc = format!("{base}/api/yj");
    let (code, _, err) = run(
        &mut live(h.path(), &qcc, &base),
        &["report", MANY_CERTS, "--yes"],
    );
    assert_eq!(code, 4, "{err}");
    assert_eq!(seen.load(Ordering::SeqCst), 1, "sent once, never retried");
    let (code, _, err) = run(
        &mut live(h.path(), &qcc, &base),
        &["report", MANY_CERTS, "--yes"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("never arrived") && err.contains("--new"),
        "{err}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    let (_, out, _) = run(&mut corpvet(h.path()), &["reports"]);
    assert!(out.contains("unknown"), "{out}");
}

#[test]
fn a_110_refusal_is_kept_for_two_hours_across_runs() {
    let (base, seen) = tiny_server(Some(
        r#"{"Status":"110","Message":"【有效请求】当前相同查询连续出错，请等 2小时后重试","Result":null}"#,
    ));
    let h = tempfile::tempdir().unwrap();
    let qcc = format!("{base}/api/yj");
    let (code, _, err) = run(&mut live(h.path(), &qcc, &base), &["customs", TRADER]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("110"), "{err}");
    let (code, _, err) = run(&mut live(h.path(), &qcc, &base), &["customs", TRADER]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("refused locally") && err.contains("left"),
        "{err}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

/// Every file under `dir`, recursively.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn no_file_corpvet_writes_holds_the_key_or_secret() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = tempfile::tempdir().unwrap();
    // The credentials live in the config file (written by init, 0600) and nowhere else.
    let mut init = corpvet(h.path());
    let answers = format!("{SANDBOX_QCC_KEY}\n{SANDBOX_QCC_SECRET}\n{SANDBOX_JUHE_KEY}\n\n\n");
    let out = cli_support::with_stdin(
        init.args(["config", "init"]).stderr(Stdio::piped()),
        answers.as_bytes(),
    );
    assert!(out.status.success());
    let at = |c: &mut Command| {
        c.env("CORPVET_QCC_BASE_URL", sandbox.qcc_base_url())
            .env("CORPVET_JUHE_BASE_URL", sandbox.juhe_base_url());
    };
    let out_dir = h.path().join("downloads");
    let sessions: Vec<Vec<&str>> = vec![
        vec!["building", "浙江华屹建设集团有限公司"],
        vec![
            "building",
            "河南省建筑设计研究院有限公司",
            "--provider",
            "juhe",
        ],
        vec![
            "building",
            "河南省建筑设计研究院有限公司",
            "--provider",
            "both",
            "--json",
        ],
        vec!["certs", MANY_CERTS, "--json"],
        vec!["certs", MANY_CERTS],
        vec!["customs", TRADER],
        vec!["customs", "额度耗尽测试有限公司"],
        vec![
            "report",
            TRADER,
            "--yes",
            "--out",
            out_dir.to_str().unwrap(),
        ],
        vec!["history"],
        vec!["reports"],
        vec!["cache", "stats"],
        vec!["config", "show"],
        vec!["config", "show", "--json"],
    ];
    let mut printed = String::new();
    for args in &sessions {
        let mut c = corpvet(h.path());
        at(&mut c);
        let (code, out, err) = run(&mut c, args);
        assert!(code <= 3, "{args:?}: {err}");
        printed.push_str(&out);
        printed.push_str(&err);
    }
    assert!(
        sandbox.counters().billed_total() > 0,
        "the session really called"
    );
    for secret in [SANDBOX_QCC_SECRET, SANDBOX_QCC_KEY, SANDBOX_JUHE_KEY] {
        assert!(!printed.contains(secret), "{secret} printed");
    }
    let config_file = h.path().join("config").join("corpvet").join("config.toml");
    let mut all = Vec::new();
    files(h.path(), &mut all);
    assert!(all
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "sqlite3")));
    assert!(
        all.iter().any(|p| p.starts_with(&out_dir)),
        "the report was saved"
    );
    for path in all.iter().filter(|p| **p != config_file) {
        let bytes = std::fs::read(path).unwrap();
        for secret in [SANDBOX_QCC_SECRET, SANDBOX_QCC_KEY, SANDBOX_JUHE_KEY] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret} found in {}",
                path.display()
            );
        }
    }
}

/// A certificate whose detail was fetched (`corpvet cert`) shows that status in `certs`,
/// table and JSON, without another call (issue 11, point 1: "the detail status wherever it
/// is known, fetched now or stored").
#[tokio::test(flavor = "multi_thread")]
async fn certs_shows_a_stored_detail_s_status_without_a_call() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = tempfile::tempdir().unwrap();
    let (code, out, err) = run(
        &mut against(h.path(), &sandbox),
        &["certs", MANY_CERTS, "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let rows = json(&out)["data"].as_array().unwrap().clone();
    let row = rows
        .iter()
        .find(|r| r["status"].is_null())
        .expect("a row without its own status");
    assert_eq!(row["checked_status"], Value::Null);
    let id = row["id"].as_str().unwrap().to_string();
    let (code, _, err) = run(&mut against(h.path(), &sandbox), &["cert", &id]);
    assert_eq!(code, 0, "{err}");
    let details = sandbox.counters().requests(endpoint::CERT_DETAIL);
    let (code, out, _) = run(
        &mut against(h.path(), &sandbox),
        &["certs", MANY_CERTS, "--json"],
    );
    assert_eq!(code, 0);
    let doc = json(&out);
    let row = doc["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["status_from"], "detail");
    assert!(row["checked_status"].is_string(), "{row}");
    let (_, table, _) = run(&mut against(h.path(), &sandbox), &["certs", MANY_CERTS]);
    let line = table.lines().find(|l| l.contains(&id)).expect("its row");
    assert!(line.contains("checked"), "{line}");
    assert_eq!(sandbox.counters().requests(endpoint::CERT_DETAIL), details);
}
