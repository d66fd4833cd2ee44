//! The spend ledger and the budgets through the real binary, against a sandbox this test
//! starts: its billing counters are the truth the ledger must match, and a budget refusal
//! must leave them unchanged.

mod cli_support;

use std::path::Path;
use std::process::Command;

use cli_support::{against, run, MANY_CERTS};
use corpvet::api::qcc::endpoint;
use corpvet::sandbox::Sandbox;
use serde_json::Value;

const COMPANY: &str = "浙江华屹建设集团有限公司";
const TRADER: &str = "宁波甬舟泽汇进出口有限公司";

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn spend(home: &Path, sandbox: &Sandbox, by: &str) -> Value {
    let (code, out, err) = run(
        &mut against(home, sandbox),
        &["spend", "--by", by, "--json"],
    );
    assert_eq!(code, 0, "{err}");
    json(&out)["data"].clone()
}

/// Requests the sandbox answered, downloads aside (they are not vendor calls).
fn requests(sandbox: &Sandbox) -> u64 {
    sandbox
        .counters()
        .snapshot()
        .iter()
        .filter(|(name, _)| name.as_str() != "rpt/retrieve")
        .map(|(_, (requests, _))| requests)
        .sum()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ledger_counts_exactly_what_the_sandbox_bills() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = tempfile::tempdir().unwrap();
    let with_prices = |c: &mut Command| {
        c.env("CORPVET_PRICE_BUILDING", "0.5")
            .env("CORPVET_PRICE_CERTIFICATE_DETAIL", "0.25")
            .env("CORPVET_PRICE_CREATE_REPORT", "30");
    };
    let go = |args: &[&str]| {
        let mut c = against(h.path(), &sandbox);
        with_prices(&mut c);
        run(&mut c, args)
    };
    // A lookup, the same again (a cache hit), a local refusal, certificates with one detail,
    // customs, a vet, a report order and its status.
    assert_eq!(go(&["building", COMPANY]).0, 0);
    assert_eq!(go(&["building", COMPANY]).0, 0);
    assert_eq!(go(&["building", "甲"]).0, 2);
    let (code, out, err) = go(&["certs", MANY_CERTS, "--json"]);
    assert_eq!(code, 0, "{err}");
    let id = json(&out)["data"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(go(&["cert", &id]).0, 0);
    assert_eq!(go(&["customs", TRADER]).0, 0);
    assert!(go(&["vet", COMPANY]).0 <= 6);
    let (code, out, err) = go(&["report", TRADER, "--yes", "--json"]);
    assert_eq!(code, 0, "{err}");
    let order = json(&out)["data"]["order_no"].as_str().unwrap().to_string();
    assert!(go(&["report-status", &order]).0 <= 1);

    let total = spend(h.path(), &sandbox, "endpoint")["total"].clone();
    let counters = sandbox.counters();
    assert_eq!(
        total["billable"],
        counters.billed_total() - counters.billed("rpt/retrieve")
    );
    assert_eq!(total["calls"], requests(&sandbox));
    assert!(total["cache_hits"].as_u64().unwrap() >= 2, "{total}");
    assert_eq!(total["refused"], 1, "{total}");
    // ¥0.50 for the building lookup, ¥0.25 for the detail, ¥30 for the order.
    let fen = 50 * counters.billed(endpoint::BUILDING)
        + 25 * counters.billed(endpoint::CERT_DETAIL)
        + 3000 * counters.billed(endpoint::CREATE_REPORT);
    assert_eq!(total["fen"], fen, "{total}");
    // The prices recorded with the calls are shown even with none configured now.
    let (code, out, _) = run(&mut against(h.path(), &sandbox), &["spend"]);
    assert_eq!(code, 0);
    assert!(!out.contains("no prices set"), "{out}");
    assert!(
        out.contains(&format!("¥{}.{:02}", fen / 100, fen % 100)),
        "{out}"
    );
    // The test's sandbox is reached as a live host would be.
    assert_eq!(total["sandbox_calls"], 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn spend_totals_by_user_and_by_day() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = tempfile::tempdir().unwrap();
    for (user, company) in [("ana", COMPANY), ("bo", TRADER), ("bo", MANY_CERTS)] {
        let mut c = against(h.path(), &sandbox);
        c.env("CORPVET_USER", user);
        assert!(run(&mut c, &["building", company]).0 <= 1);
    }
    let by_user = spend(h.path(), &sandbox, "user");
    let groups: Vec<(String, u64)> = by_user["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap().to_string(),
                g["calls"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(groups, [("ana".to_string(), 1), ("bo".to_string(), 2)]);
    let by_day = spend(h.path(), &sandbox, "day");
    assert_eq!(by_day["groups"].as_array().unwrap().len(), 1);
    assert_eq!(by_day["total"]["calls"], 3);
    // The table and the CSV carry the same totals.
    let (code, out, _) = run(&mut against(h.path(), &sandbox), &["spend", "--by", "user"]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("total") && l.contains(" 3 ")),
        "{out}"
    );
    let (code, out, _) = run(&mut against(h.path(), &sandbox), &["spend", "--csv"]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("total,3,3,")), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn each_budget_refuses_the_call_that_would_pass_it_and_sends_nothing() {
    for (name, value, setting) in [
        ("CORPVET_BUDGET_DAILY_CALLS", "1", "budget.daily_calls"),
        ("CORPVET_BUDGET_DAILY_YUAN", "0.8", "budget.daily_yuan"),
        ("CORPVET_BUDGET_MONTHLY_YUAN", "0.8", "budget.monthly_yuan"),
    ] {
        let sandbox = Sandbox::start(0).await.unwrap();
        let h = tempfile::tempdir().unwrap();
        let go = |company: &str| {
            let mut c = against(h.path(), &sandbox);
            c.env(name, value).env("CORPVET_PRICE_BUILDING", "0.5");
            run(&mut c, &["building", company, "--json"])
        };
        assert_eq!(go(COMPANY).0, 0, "{name}: the first call is within it");
        assert_eq!(sandbox.counters().billed_total(), 1);
        let (code, out, err) = go(TRADER);
        assert_eq!(code, 2, "{name}: {out}{err}");
        assert_eq!(sandbox.counters().billed_total(), 1, "{name}: nothing sent");
        assert_eq!(sandbox.counters().requests(endpoint::BUILDING), 1);
        assert!(out.contains(setting), "{name} names {setting}: {out}");
        assert!(out.contains("over_budget"), "{out}");
        // The answer already paid for is still given: a cache hit costs nothing.
        assert_eq!(go(COMPANY).0, 0, "{name}: the stored answer");
        let total = spend(h.path(), &sandbox, "endpoint")["total"].clone();
        assert_eq!(total["over_budget"], 1, "{total}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_batch_stops_at_max_calls_and_the_same_command_finishes_it() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = tempfile::tempdir().unwrap();
    let input = h.path().join("companies.txt");
    std::fs::write(&input, format!("{COMPANY}\n{TRADER}\n{MANY_CERTS}\n")).unwrap();
    let out_file = h.path().join("out.csv");
    let batch = |max: &str| {
        run(
            &mut against(h.path(), &sandbox),
            &[
                "batch",
                input.to_str().unwrap(),
                "--out",
                out_file.to_str().unwrap(),
                "--concurrency",
                "1",
                "--max-calls",
                max,
            ],
        )
    };
    // A vet bills three calls (qualifications, certificates, customs): four allow one
    // company and stop in the second.
    let (code, out, err) = batch("4");
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("--max-calls 4"), "{err}");
    assert!(err.contains("finishes the rest"), "{err}");
    assert!(sandbox.counters().billed_total() <= 4);
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        text.contains(COMPANY),
        "a valid file with the first company: {text}"
    );
    assert!(text.contains("pending"), "the rest still to do: {text}");
    // The same command, with room, finishes: nothing paid for is paid again (the two runs
    // bill what one run without a limit bills).
    let (code, out, err) = batch("100");
    assert!(code != 2 && code <= 6, "{out}{err}");
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(!text.contains("pending"), "{text}");
    let control = Sandbox::start(0).await.unwrap();
    let c = tempfile::tempdir().unwrap();
    let (code, _, err) = run(
        &mut against(c.path(), &control),
        &["batch", input.to_str().unwrap(), "--concurrency", "1"],
    );
    assert!(code <= 6, "{err}");
    assert_eq!(
        sandbox.counters().billed_total(),
        control.counters().billed_total(),
        "stopped and finished bills what one whole run bills"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dry_run_prices_the_most_and_the_expected_after_the_cache() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let h = tempfile::tempdir().unwrap();
    let input = h.path().join("companies.txt");
    std::fs::write(&input, format!("{COMPANY}\n{TRADER}\n")).unwrap();
    let priced = |c: &mut Command| {
        c.env("CORPVET_PRICE_BUILDING", "0.5")
            .env("CORPVET_PRICE_CERTIFICATES", "0.2")
            .env("CORPVET_PRICE_CUSTOMS", "0.1");
    };
    let dry = || {
        let mut c = against(h.path(), &sandbox);
        priced(&mut c);
        run(&mut c, &["batch", input.to_str().unwrap(), "--dry-run"])
    };
    // Each: ¥0.50 + 5 pages × ¥0.20 + 5 pages × ¥0.10 at most; ¥0.80 for the first pages.
    let (code, out, err) = dry();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("at most 22 billed calls (¥4.00)"), "{out}");
    assert!(
        out.contains("about 6 (¥1.60) after the answers already stored"),
        "{out}"
    );
    assert_eq!(
        sandbox.counters().billed_total(),
        0,
        "a dry run sends nothing"
    );
    let mut c = against(h.path(), &sandbox);
    priced(&mut c);
    assert!(run(&mut c, &["vet", COMPANY]).0 <= 6);
    let billed = sandbox.counters().billed_total();
    let (_, out, _) = dry();
    assert!(
        out.contains("about 3 (¥0.80) after the answers already stored"),
        "{out}"
    );
    assert_eq!(sandbox.counters().billed_total(), billed);
    let ledger = spend(h.path(), &sandbox, "endpoint")["total"].clone();
    assert_eq!(
        ledger["cache_hits"], 0,
        "a dry run records nothing: {ledger}"
    );
}
