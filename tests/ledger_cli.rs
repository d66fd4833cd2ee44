//! The report-order ledger across processes (issue 12, points 6 and 7): processes ordering
//! the same report at once place one order between them, and no order is sent when its
//! ledger row cannot be written first. The real binary, billed calls counted at the sandbox.

mod cli_support;

use std::process::Stdio;

use cli_support::{against, run};
use corpvet::sandbox::Sandbox;

const COMPANY: &str = "浙江华屹建设集团有限公司";

#[tokio::test(flavor = "multi_thread")]
async fn four_processes_ordering_at_once_place_one_order() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    // Make the store first, so the four race on the ledger, not on creating the file.
    let (code, _, err) = run(&mut against(home.path(), &sandbox), &["history"]);
    assert!(code <= 1, "{err}");
    let children: Vec<_> = (0..4)
        .map(|_| {
            against(home.path(), &sandbox)
                .args(["report", COMPANY, "--yes", "--json"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut order_numbers = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        order_numbers.push(doc["data"]["order_no"].as_str().unwrap().to_string());
    }
    assert_eq!(sandbox.counters().billed("Report/CreateReport"), 1);
    order_numbers.dedup();
    assert_eq!(
        order_numbers.len(),
        1,
        "all follow one order: {order_numbers:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn no_ledger_row_no_order() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    // The state store's file is a folder: it cannot be opened, so no row can be written.
    std::fs::create_dir_all(home.path().join("state/corpvet/state.sqlite3")).unwrap();
    for _ in 0..3 {
        let (code, out, err) = run(
            &mut against(home.path(), &sandbox),
            &["report", COMPANY, "--yes"],
        );
        assert_eq!(code, 2, "{out}{err}");
        assert!(
            err.contains("order ledger") && err.contains("Nothing was sent"),
            "{err}"
        );
        assert!(
            err.contains("corpvet cache repair"),
            "says how to repair: {err}"
        );
    }
    assert_eq!(sandbox.counters().billed("Report/CreateReport"), 0);
    // The repair moves the folder aside and makes a fresh store, saying what was lost; then
    // an order goes through, once.
    let (code, out, err) = run(&mut against(home.path(), &sandbox), &["cache", "repair"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("state store") && out.contains("rebuilt"),
        "{out}"
    );
    assert!(out.contains("LOST report orders"), "{out}");
    let (code, out, err) = run(
        &mut against(home.path(), &sandbox),
        &["report", COMPANY, "--yes"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(sandbox.counters().billed("Report/CreateReport"), 1);
    let (_, out, _) = run(&mut against(home.path(), &sandbox), &["cache", "repair"]);
    assert!(out.contains("healthy"), "{out}");
}

/// A state store whose file was overwritten with garbage: repaired, and the next order for a
/// company ordered before the damage cannot be known, which the repair says.
#[tokio::test(flavor = "multi_thread")]
async fn a_corrupted_state_store_is_repaired_and_says_what_it_lost() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(
        &mut against(home.path(), &sandbox),
        &["report", COMPANY, "--yes"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let state = home.path().join("state/corpvet/state.sqlite3");
    std::fs::write(&state, vec![0x5a; 8192]).unwrap();
    let _ = std::fs::remove_file(home.path().join("state/corpvet/state.sqlite3-wal"));
    let (code, out, err) = run(
        &mut against(home.path(), &sandbox),
        &["report", COMPANY, "--yes"],
    );
    assert_eq!(
        code, 2,
        "refused while the ledger is unreadable: {out}{err}"
    );
    let (code, out, err) = run(&mut against(home.path(), &sandbox), &["cache", "repair"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("moved aside to"), "{out}");
    assert!(
        out.contains("the report-order ledger could not be read"),
        "{out}"
    );
    assert_eq!(sandbox.counters().billed("Report/CreateReport"), 1);
}

/// Issue 12, point 8: the same company under another spelling (half-width parentheses and
/// spaces, full-width letters) follows the order already placed: one CreateReport.
#[tokio::test(flavor = "multi_thread")]
async fn another_spelling_of_the_company_follows_its_order() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let spellings = [
        "上海临港滨海智造产业园开发建设有限公司第三项目管理部（上海市浦东新区临港新片区）",
        "上海临港滨海智造产业园开发建设有限公司第三项目管理部(上海市浦东新区临港新片区)",
        " 上海临港滨海智造产业园开发建设有限公司第三项目管理部 ( 上海市浦东新区临港新片区 ) ",
    ];
    let mut orders = Vec::new();
    for name in spellings {
        let (code, out, err) = run(
            &mut against(home.path(), &sandbox),
            &["report", name, "--yes", "--json"],
        );
        assert_eq!(code, 0, "{name}: {out}{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        orders.push(doc["data"]["order_no"].as_str().unwrap().to_string());
    }
    assert_eq!(
        sandbox.counters().billed("Report/CreateReport"),
        1,
        "{orders:?}"
    );
    orders.dedup();
    assert_eq!(orders.len(), 1, "{orders:?}");
    // Without --yes, another spelling finds the standing order before asking anything.
    let (code, out, err) = run(
        &mut against(home.path(), &sandbox),
        &["report", spellings[1], "--json"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("already ordered"), "{err}");
}

/// Issue 12, point 8: once an answer ties a name to its credit code (a certificate detail
/// names its holder and the holder's code), an order by the name stands for the code too,
/// and the other way round: one CreateReport.
#[tokio::test(flavor = "multi_thread")]
async fn the_name_and_the_credit_code_share_one_order_once_an_answer_ties_them() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let order = |keyword: &str| {
        let (code, out, err) = run(
            &mut against(home.path(), &sandbox),
            &["report", keyword, "--yes", "--json"],
        );
        assert_eq!(code, 0, "{keyword}: {out}{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        doc["data"]["order_no"].as_str().unwrap().to_string()
    };
    let detail = |id: &str| {
        let (code, out, err) = run(&mut against(home.path(), &sandbox), &["cert", id]);
        assert_eq!(code, 0, "{out}{err}");
    };
    detail("145695151793ad28f7ffd5d8a24cd6191");
    let by_name = order("企查查科技有限公司");
    let by_code = order("91320594088140947f");
    assert_eq!(by_name, by_code);
    // A detail fetched after the order ties the name to it as well.
    detail("cabfc774abcae4bc720011492fb94d0ed");
    let by_code = order("91440300033424790Y");
    let by_name = order("深圳市鹏科智联电子股份有限公司");
    assert_eq!(by_name, by_code);
    assert_eq!(sandbox.counters().billed("Report/CreateReport"), 2);
}
