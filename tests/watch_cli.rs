//! `corpvet watch` through the real binary against a sandbox this test starts: add, list,
//! a first run, a repeat that changes nothing and bills nothing, a later day on which a
//! qualification has expired, a hand-made older snapshot that makes a new penalty and a new
//! credit level show, and removal.

use std::path::Path;
use std::process::{Command, Stdio};

use corpvet::domain::verdict::watch::Snapshot;
use corpvet::sandbox::{Sandbox, SANDBOX_JUHE_KEY, SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET};
use corpvet::store::prelude::*;

const BUILDER: &str = "浙江华屹建设集团有限公司";
const TRADER: &str = "宁波甬舟泽汇进出口有限公司";

fn run(home: &Path, sandbox: &Sandbox, args: &[&str]) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_corpvet"));
    for (var, _) in std::env::vars() {
        if var.starts_with("CORPVET_") {
            c.env_remove(var);
        }
    }
    let out = c
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("CORPVET_QCC_KEY", SANDBOX_QCC_KEY)
        .env("CORPVET_QCC_SECRET", SANDBOX_QCC_SECRET)
        .env("CORPVET_JUHE_KEY", SANDBOX_JUHE_KEY)
        .env("CORPVET_QCC_BASE_URL", sandbox.qcc_base_url())
        .env("CORPVET_JUHE_BASE_URL", sandbox.juhe_base_url())
        .env("CORPVET_RATE_LIMIT", "0")
        .stdin(Stdio::null())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_watch_run_reports_what_changed() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();

    let (code, out, _) = run(home, &sandbox, &["watch", "add", BUILDER, TRADER]);
    assert_eq!(code, 0);
    assert!(out.contains(&format!("watching: {TRADER}")), "{out}");
    let (code, _, err) = run(home, &sandbox, &["watch", "add", "91440300033424790X"]);
    assert_eq!(code, 2, "{err}");
    let (code, out, _) = run(home, &sandbox, &["watch", "ls"]);
    assert_eq!(code, 0);
    assert_eq!(out.matches("not vetted yet").count(), 2, "{out}");

    let (code, out, err) = run(home, &sandbox, &["watch", "run", "--today", "2026-11-24"]);
    assert_eq!(code, 6, "{err}");
    assert_eq!(out.matches("first run").count(), 2, "{out}");
    let billed = sandbox.counters().billed_total();

    let (code, out, _) = run(home, &sandbox, &["watch", "run", "--today", "2026-11-24"]);
    assert_eq!(code, 6);
    assert_eq!(out.matches("no change since").count(), 2, "{out}");
    assert_eq!(
        sandbox.counters().billed_total(),
        billed,
        "fresh cache reused"
    );

    // Later: D233011206 (valid until 2027-01-15) has expired.
    let (code, out, _) = run(home, &sandbox, &["watch", "run", "--today", "2027-01-20"]);
    assert_eq!(code, 6);
    assert!(
        out.contains("qualification D233011206 (地基基础工程专业承包二级) expired on 2027-01-15"),
        "{out}"
    );
    assert!(out.contains("资质 D233011206"), "{out}");

    // A hand-made older state of the trader: one penalty fewer, a better level.
    let store = SqliteStore::open(&home.join("state/corpvet/state.sqlite3")).unwrap();
    let last = store.last_snapshot(TRADER).unwrap().unwrap();
    let mut snap: Snapshot = serde_json::from_str(&last.snapshot).unwrap();
    snap.level = "warning".into();
    for k in snap.customs.values_mut() {
        k.level = "一般信用企业".into();
        k.penalties.retain(|_, nature| nature != "走私");
    }
    let text = serde_json::to_string(&snap).unwrap();
    store
        .save_snapshot(TRADER, last.taken_at + 1, "warning", &text)
        .unwrap();
    drop(store);
    let (code, out, _) = run(
        home,
        &sandbox,
        &["watch", "run", "--today", "2027-01-20", "--json"],
    );
    assert_eq!(code, 6);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let trader = &doc["data"]["companies"][1];
    assert_eq!(trader["keyword"], TRADER);
    let kinds: Vec<&str> = trader["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["verdict_changed", "credit_level_changed", "new_penalty"]
    );
    assert!(trader["changes"][2]["en"]
        .as_str()
        .unwrap()
        .contains("走私"));

    let (code, out, _) = run(home, &sandbox, &["watch", "rm", TRADER]);
    assert_eq!(code, 0, "{out}");
    let (_, out, _) = run(home, &sandbox, &["watch", "ls"]);
    assert!(out.contains(BUILDER) && !out.contains(TRADER), "{out}");
    assert!(out.contains("red (vetted"), "{out}");
}
