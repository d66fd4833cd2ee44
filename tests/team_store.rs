//! A team on one paid account (issue 13): analysts on separate machines (each process its
//! own HOME) sharing one store. The real binary, against a sandbox this test runs with its
//! counters; the team database is the throwaway PostgreSQL cluster of `scripts/test`, and
//! the same runs on one machine's SQLite files hold the same promises.

mod cli_support;
mod pg_support;

use std::process::{Command, Stdio};

use cli_support::{against, run};
use corpvet::api::qcc::endpoint;
use corpvet::sandbox::Sandbox;

const COMPANY: &str = "浙江华屹建设集团有限公司";

/// Where the analysts' store is: the team database, or one shared HOME's files.
enum Team {
    Database(String),
    OneMachine(tempfile::TempDir),
}

impl Team {
    fn analyst(&self, sandbox: &Sandbox, home: &std::path::Path) -> Command {
        match self {
            Team::Database(url) => {
                let mut c = against(home, sandbox);
                c.env("CORPVET_STORE_URL", url);
                c
            }
            Team::OneMachine(shared) => against(shared.path(), sandbox),
        }
    }
}

fn teams() -> Vec<Team> {
    let mut teams = vec![Team::OneMachine(tempfile::tempdir().unwrap())];
    teams.extend(pg_support::fresh_database().map(Team::Database));
    teams
}

/// A fresh team database with its schema in place (one analyst ran first, so the others
/// do not all race to create it), and a sandbox with its counters.
async fn team_database() -> Option<(Team, Sandbox)> {
    let team = Team::Database(pg_support::fresh_database()?);
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&mut team.analyst(&sandbox, home.path()), &["history"]);
    assert!(code <= 1, "{err}");
    Some((team, sandbox))
}

/// Spawn `n` analysts at once with `args`; their (exit code, stdout, stderr).
fn at_once(team: &Team, sandbox: &Sandbox, n: usize, args: &[&str]) -> Vec<(i32, String, String)> {
    at_once_each(team, sandbox, n, |_, c| {
        c.args(args);
    })
}

/// [`at_once`], each analyst's command made by `each` from its number.
fn at_once_each(
    team: &Team,
    sandbox: &Sandbox,
    n: usize,
    each: impl Fn(usize, &mut Command),
) -> Vec<(i32, String, String)> {
    let homes: Vec<_> = (0..n).map(|_| tempfile::tempdir().unwrap()).collect();
    let children: Vec<_> = homes
        .iter()
        .enumerate()
        .map(|(i, home)| {
            let mut c = team.analyst(sandbox, home.path());
            each(i, &mut c);
            c.stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            (
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect()
}

/// Eight analysts asking the same question at once make one billed call; a ninth, later,
/// is answered from the shared store.
#[tokio::test(flavor = "multi_thread")]
async fn eight_identical_lookups_at_once_bill_one_call() {
    for team in teams() {
        let sandbox = Sandbox::start(0).await.unwrap();
        // The schema made first, so the eight race on the question, not on the tables.
        let home = tempfile::tempdir().unwrap();
        let (code, _, err) = run(&mut team.analyst(&sandbox, home.path()), &["history"]);
        assert!(code <= 1, "{err}");
        for (code, out, err) in at_once(&team, &sandbox, 8, &["building", COMPANY, "--json"]) {
            assert_eq!(code, 0, "{out}{err}");
            assert!(out.contains("建筑工程施工总承包特级"), "{out}");
        }
        assert_eq!(sandbox.counters().billed(endpoint::BUILDING), 1);
        let later = tempfile::tempdir().unwrap();
        let (code, out, err) = run(
            &mut team.analyst(&sandbox, later.path()),
            &["building", COMPANY, "--json"],
        );
        assert_eq!(code, 0, "{out}{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["cached"], true, "{out}");
        assert_eq!(sandbox.counters().billed(endpoint::BUILDING), 1);
    }
}

/// Four analysts ordering one company's report at once: one CreateReport, and all four
/// print its number.
#[tokio::test(flavor = "multi_thread")]
async fn four_orders_at_once_on_four_machines_place_one() {
    let Some((team, sandbox)) = team_database().await else {
        return;
    };
    let mut numbers: Vec<String> =
        at_once(&team, &sandbox, 4, &["report", COMPANY, "--yes", "--json"])
            .into_iter()
            .map(|(code, out, err)| {
                assert_eq!(code, 0, "{out}{err}");
                let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
                doc["data"]["order_no"].as_str().unwrap().to_string()
            })
            .collect();
    assert_eq!(sandbox.counters().billed(endpoint::CREATE_REPORT), 1);
    numbers.dedup();
    assert_eq!(numbers.len(), 1, "{numbers:?}");
}

/// The database down: nothing is looked up (nothing billed) unless the configuration says
/// to proceed, and no report is ordered either way; the message says what is wrong without
/// the password.
#[tokio::test(flavor = "multi_thread")]
async fn with_the_database_down_nothing_is_billed_unless_told_to_proceed() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let down = "postgres://corpvet:hunter2@127.0.0.1:1/corpvet";
    let analyst = || {
        let mut c = against(home.path(), &sandbox);
        c.env("CORPVET_STORE_URL", down);
        c
    };
    let (code, out, err) = run(&mut analyst(), &["building", COMPANY]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("team database"), "{err}");
    assert!(!format!("{out}{err}").contains("hunter2"), "{err}");
    assert_eq!(sandbox.counters().billed_total(), 0);
    let (code, out, err) = run(
        analyst().env("CORPVET_STORE_ON_UNAVAILABLE", "proceed"),
        &["building", COMPANY],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(sandbox.counters().billed(endpoint::BUILDING), 1);
    let (code, out, err) = run(
        analyst().env("CORPVET_STORE_ON_UNAVAILABLE", "proceed"),
        &["report", COMPANY, "--yes"],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(sandbox.counters().billed(endpoint::CREATE_REPORT), 0);
    assert!(!format!("{out}{err}").contains("hunter2"), "{err}");
}

/// Who did what: a colleague's stored answer says who fetched it, `history` names who
/// searched last and `reports` who ordered.
#[tokio::test(flavor = "multi_thread")]
async fn a_colleagues_answer_and_order_say_who() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    let team = Team::Database(url);
    let sandbox = Sandbox::start(0).await.unwrap();
    let (ana, bo) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let as_user = |home: &tempfile::TempDir, name: &str| {
        let mut c = team.analyst(&sandbox, home.path());
        c.env("CORPVET_USER", name);
        c
    };
    let (code, out, err) = run(&mut as_user(&ana, "ana"), &["building", COMPANY]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run(&mut as_user(&ana, "ana"), &["report", COMPANY, "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run(&mut as_user(&bo, "bo"), &["building", COMPANY, "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (&doc["cached"], &doc["fetched_by"]),
        (&true.into(), &"ana".into())
    );
    assert!(err.contains("by ana"), "{err}");
    let (_, history, _) = run(&mut as_user(&bo, "bo"), &["history"]);
    assert!(history.contains("2×  just now by bo"), "{history}");
    let (_, reports, _) = run(&mut as_user(&bo, "bo"), &["reports"]);
    assert!(reports.contains("by ana"), "{reports}");
}

/// A call that fails leaves no lease behind when its process ends: the next process asking
/// the same question calls at once instead of waiting for the lease to run out.
#[tokio::test(flavor = "multi_thread")]
async fn a_failed_call_leaves_no_lease_for_the_next_process() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let started = std::time::Instant::now();
        let (code, out, err) = run(
            against(home.path(), &sandbox).env("CORPVET_MAX_RETRIES", "0"),
            &["building", "网关故障测试有限公司"],
        );
        assert_ne!(code, 0, "{out}{err}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "waited {:?} for a lease nobody held: {err}",
            started.elapsed()
        );
    }
}

/// The configured rate holds for the whole team, not per process: twelve analysts at once,
/// each asking something different, at 4 calls/s with no burst, take at least the 11
/// intervals the team's schedule has between 12 calls (per process, they took none).
#[tokio::test(flavor = "multi_thread")]
async fn analysts_at_once_share_one_rate_limit() {
    let Some((team, sandbox)) = team_database().await else {
        return;
    };
    let started = std::time::Instant::now();
    let outcomes = at_once_each(&team, &sandbox, 12, |i, c| {
        c.env("CORPVET_RATE_LIMIT", "4")
            .env("CORPVET_RATE_LIMIT_BURST", "1")
            .args(["building", &format!("限速测试第{i}号建设有限公司")]);
    });
    for (code, _, err) in outcomes {
        assert!(code <= 1, "{err}");
    }
    let elapsed = started.elapsed();
    assert_eq!(sandbox.counters().billed(endpoint::BUILDING), 12);
    assert!(
        elapsed >= std::time::Duration::from_millis(11 * 250 - 100),
        "12 calls at 4/s for the team took {elapsed:?}"
    );
}

/// A daily budget holds for the whole team: eight analysts asking at once for eight
/// different companies, with room for three calls, bill exactly three; the others are
/// refused before sending, on the team database and on one machine's shared file alike.
#[tokio::test(flavor = "multi_thread")]
async fn a_budget_holds_for_analysts_asking_at_once() {
    for team in teams() {
        let sandbox = Sandbox::start(0).await.unwrap();
        let outcomes = at_once_each(&team, &sandbox, 8, |i, c| {
            c.env("CORPVET_BUDGET_DAILY_CALLS", "3")
                .args(["building", &format!("预算测试第{i}号建设有限公司")]);
        });
        let refused = outcomes
            .iter()
            .filter(|(code, _, err)| *code == 2 && err.contains("budget.daily_calls"))
            .count();
        assert_eq!(
            sandbox.counters().billed(endpoint::BUILDING),
            3,
            "{outcomes:#?}"
        );
        assert_eq!(refused, 5, "{outcomes:#?}");
    }
}

/// The team database going away in the middle of a batch: the calls after it are refused,
/// not sent uncached (nothing is billed without the store that stops double billing), and
/// the run says why.
#[tokio::test(flavor = "multi_thread")]
async fn the_database_lost_mid_run_bills_nothing_more() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    let relay = pg_support::Relay::to(&url);
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let input = home.path().join("companies.txt");
    std::fs::write(
        &input,
        (0..4)
            .map(|i| format!("断库测试第{i}号建设有限公司\n"))
            .collect::<String>(),
    )
    .unwrap();
    let child = against(home.path(), &sandbox)
        .env("CORPVET_STORE_URL", &relay.url)
        .env("CORPVET_RATE_LIMIT", "2")
        .env("CORPVET_RATE_LIMIT_BURST", "1")
        .args([
            "batch",
            input.to_str().unwrap(),
            "--concurrency",
            "1",
            "--json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Cut once the run has begun (its first call billed), however loaded the machine.
    let begun = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while sandbox.counters().billed_total() == 0 && std::time::Instant::now() < begun {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    relay.cut();
    let billed_at_cut = sandbox.counters().billed_total();
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(billed_at_cut >= 1, "the run had begun: {text}");
    assert!(
        sandbox.counters().billed_total() <= billed_at_cut + 1,
        "{} billed after the cut at {billed_at_cut}: {text}",
        sandbox.counters().billed_total()
    );
    assert!(text.contains("team database"), "{text}");
}

/// A holder killed with SIGKILL in the middle of its call blocks nobody past its lease: the
/// next analyst calls once the lease has run out, not after giving up on it (twice as long).
#[tokio::test(flavor = "multi_thread")]
async fn a_holder_killed_mid_call_blocks_nobody_past_its_lease() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    let team = Team::Database(url);
    let sandbox = Sandbox::start(0).await.unwrap();
    let slow = "慢速响应测试有限公司";
    let analyst = |home: &std::path::Path| {
        let mut c = team.analyst(&sandbox, home);
        c.env("CORPVET_STORE_LEASE_SECS", "1")
            .env("CORPVET_MAX_RETRIES", "0")
            .env("CORPVET_TIMEOUT", "15");
        c
    };
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (code, _, err) = run(&mut analyst(first.path()), &["history"]);
    assert!(code <= 1, "{err}");
    let mut holder = analyst(first.path())
        .args(["building", slow])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    holder.kill().unwrap();
    holder.wait().unwrap();
    let started = std::time::Instant::now();
    let (code, out, err) = run(&mut analyst(second.path()), &["building", slow, "--json"]);
    let took = started.elapsed();
    assert_eq!(code, 0, "{out}{err}");
    // The lease has at most 1 s left, the slow answer takes 6 s; giving up would add 2 s.
    assert!(
        took < std::time::Duration::from_millis(7_600),
        "the next analyst took {took:?}"
    );
}
