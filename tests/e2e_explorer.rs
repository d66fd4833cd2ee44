//! End to end: the real `corpvet` binary, no subcommand and no credentials (so it runs on its
//! in-process sandbox), inside a private tmux server, driven with `send-keys` and read with
//! `capture-pane` — what a user does over SSH in tmux.
//!
//! Needs `tmux` on PATH; the tests say so and pass without it only when `CORPVET_E2E=skip`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const WIDTH: &str = "100";
const HEIGHT: &str = "30";
/// Longest wait for any one thing to appear.
const WAIT: Duration = Duration::from_secs(10);

/// One private tmux server running one session; killed on drop, whatever the test did.
struct Tmux {
    socket: PathBuf,
    home: tempfile::TempDir,
    /// More environment for corpvet (a sandbox the test started and its credentials).
    env: Vec<(String, String)>,
}

impl Tmux {
    /// Start `corpvet` in a 100×30 pane. After it exits the pane shows `EXITED <code>` and
    /// the terminal's canonical-mode flag (`icanon` when raw mode was turned off).
    fn start() -> Option<Tmux> {
        Tmux::start_runs(1)
    }

    /// Like [`Tmux::start`], but `corpvet` runs `runs` times in a row in the same home (its
    /// cache and state kept between runs); each run but the last ends with `RUN <n> DONE`.
    fn start_runs(runs: usize) -> Option<Tmux> {
        Tmux::start_with(runs, Vec::new())
    }

    /// Like [`Tmux::start_runs`], with `env` added to corpvet's environment.
    fn start_with(runs: usize, env: Vec<(String, String)>) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert_eq!(
                std::env::var("CORPVET_E2E").as_deref(),
                Ok("skip"),
                "tmux is needed for the end-to-end tests (set CORPVET_E2E=skip to skip them)"
            );
            return None;
        }
        let home = tempfile::tempdir().expect("temp home");
        std::fs::create_dir_all(home.path().join("Downloads")).expect("downloads dir");
        let tmux = Tmux {
            socket: home.path().join("tmux.sock"),
            home,
            env,
        };
        let bin = env!("CARGO_BIN_EXE_corpvet");
        let earlier: String = (1..runs)
            .map(|n| format!("'{bin}'; echo RUN {n} DONE $?; "))
            .collect();
        let script = format!(
            "{earlier}'{bin}'; echo EXITED $?; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\{{0,1\\}}icanon'; sleep 600"
        );
        let out = tmux.command(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            WIDTH,
            "-y",
            HEIGHT,
            &script,
            ";",
            "set-option",
            "-s",
            "set-clipboard",
            "on",
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        Some(tmux)
    }

    fn home(&self) -> &Path {
        self.home.path()
    }

    /// Run tmux on this server with a clean environment: the real home and any CORPVET_*
    /// settings stay out of the test (the server passes this environment to corpvet).
    fn command(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .env_clear()
            .envs(self.environment())
            .arg("-u")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// corpvet's environment in this test: the temporary home, plus [`Tmux::env`].
    fn environment(&self) -> Vec<(String, String)> {
        let home = self.home();
        let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
        let at = |p: &str| home.join(p).display().to_string();
        let mut env: Vec<(String, String)> = [
            ("PATH", path),
            ("HOME", home.display().to_string()),
            ("XDG_CONFIG_HOME", at(".config")),
            ("XDG_DATA_HOME", at(".local/share")),
            ("XDG_STATE_HOME", at(".local/state")),
            ("XDG_CACHE_HOME", at(".cache")),
            ("LANG", "C.UTF-8".into()),
            ("LC_ALL", "C.UTF-8".into()),
            ("TERM", "xterm-256color".into()),
            ("CORPVET_LOG", "debug".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        env.extend(self.env.iter().cloned());
        env
    }

    /// The CLI with corpvet's environment (same home, same sandbox), run to its end.
    fn cli(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_corpvet"))
            .env_clear()
            .envs(self.environment())
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run corpvet")
    }

    /// Keys by tmux name (`Enter`, `Escape`, `q`, `C-u`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        let out = self.command(&args);
        assert!(out.status.success(), "send-keys {keys:?}: {out:?}");
    }

    /// Text typed literally (Chinese included).
    fn type_text(&self, text: &str) {
        let out = self.command(&["send-keys", "-t", "e2e", "-l", text]);
        assert!(out.status.success(), "send-keys -l: {out:?}");
    }

    fn screen(&self) -> String {
        let out = self.command(&["capture-pane", "-p", "-t", "e2e"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format about the pane (`#{alternate_on}`, `#{mouse_any_flag}` …).
    fn pane_format(&self, format: &str) -> String {
        let out = self.command(&["display-message", "-p", "-t", "e2e", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Wait until the screen satisfies `ok`; fail with the screen and the log if it never
    /// does within [`WAIT`].
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "waited {WAIT:?} for {what}; the screen:\n{screen}\n--- log:\n{}",
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    fn wait_for_any(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("any of {texts:?}"), |s| {
            texts.iter().any(|t| s.contains(t))
        })
    }

    fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("{texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    fn log(&self) -> String {
        let path = self.home().join(".local/state/corpvet/corpvet.log");
        std::fs::read_to_string(&path).unwrap_or_else(|e| format!("(no log at {path:?}: {e})"))
    }

    /// Press `q` and check the terminal is handed back: exit code 0, the main screen, no
    /// mouse capture, canonical mode (raw mode off).
    fn quit_and_check_restored(&self) {
        self.keys(&["q"]);
        let screen = self.wait_for("EXITED");
        assert!(screen.contains("EXITED 0"), "exit code:\n{screen}");
        self.wait_until("the tty flags", |s| {
            s.lines()
                .any(|l| l.trim() == "icanon" || l.trim() == "-icanon")
        });
        let screen = self.screen();
        assert!(
            screen.lines().any(|l| l.trim() == "icanon"),
            "raw mode still on:\n{screen}"
        );
        assert_eq!(self.pane_format("#{alternate_on}"), "0", "alternate screen");
        assert_eq!(self.pane_format("#{mouse_any_flag}"), "0", "mouse capture");
        assert_eq!(self.pane_format("#{cursor_flag}"), "1", "cursor hidden");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command(&["kill-server"]);
    }
}

/// Send `signal` (`-TERM`, `-INT` …) to the corpvet in the pane, from outside. The pane
/// runs `sh -c '…'`; corpvet is its child.
fn signal_corpvet(tmux: &Tmux, signal: &str) {
    let shell = tmux.pane_format("#{pane_pid}");
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        .expect("the pane's children");
    let corpvet = children.split_whitespace().next().expect("corpvet's pid");
    let status = Command::new("kill")
        .args([signal, corpvet])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Type a search into the (focused) search bar and run it.
fn search(tmux: &Tmux, company: &str) {
    tmux.keys(&["s"]);
    tmux.keys(&["C-u"]);
    tmux.type_text(company);
    tmux.keys(&["Enter"]);
}

/// The explorer opens on the Overview; these journeys look one source up at a time, so
/// they start from the Qualifications tab with the search bar focused.
fn on_qualifications(tmux: &Tmux) {
    tmux.keys(&["Escape"]);
    tmux.keys(&["2"]);
    tmux.keys(&["s"]);
}

#[test]
fn vet_a_company_from_search_to_a_finished_report() {
    let Some(tmux) = Tmux::start() else { return };
    tmux.wait_for("SANDBOX");
    on_qualifications(&tmux);

    // Qualifications of a building contractor.
    tmux.type_text("浙江华屹建设集团有限公司");
    tmux.keys(&["Enter"]);
    tmux.wait_for("特级");

    // A company with 47 certificates (and no qualifications): three upstream pages. Esc
    // would cancel a lookup in flight, so wait for the answer before the next key.
    search(&tmux, "深圳市鹏科智联电子股份有限公司");
    tmux.wait_for_any(&["查无结果", "0 total"]);
    tmux.keys(&["3"]);
    tmux.wait_for_all(&["1/3", "47"]);
    tmux.keys(&["n"]);
    tmux.wait_for("2/3");

    // Drill into the selected certificate, then back to the list with the page kept.
    tmux.keys(&["Enter"]);
    // The detail's own view (the list's pane names a status too), with its status read:
    // Escape before the answer would leave the list without it (seen once under load, when
    // this waited for the view's title alone).
    tmux.wait_for_all(&["证书详情", "撤销"]);
    tmux.keys(&["Escape"]);
    // Back on the list, the status column shows the status the detail gave (issue 11,
    // point 1): this one is revoked, never "valid" for its end date.
    let screen = tmux.wait_until("the list again", |s| {
        s.contains("2/3") && s.contains("到期 ends") && !s.contains("证书详情")
    });
    assert!(screen.contains("✗ 撤销"), "{screen}");

    // Order a report (confirm first), watch it finish on the Report tab, copy its URL.
    // Enter never confirms a billed call (issue 11, point 11): the dialog stays, showing
    // exactly what is sent; y orders.
    tmux.keys(&["o"]);
    tmux.wait_for("BILLED");
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["BILLED", "Sent as keyNo"]);
    tmux.keys(&["y"]);
    tmux.keys(&["5"]);
    tmux.wait_for("ready");
    // OSC 52 reaches tmux (set-clipboard on), which keeps it as its newest paste buffer.
    tmux.keys(&["y"]);
    tmux.wait_until("the URL in tmux's paste buffer", |_| {
        let copied = tmux.command(&["show-buffer"]);
        String::from_utf8_lossy(&copied.stdout).contains("/rpt/retrieve?code=")
    });

    // Mouse capture on, then quit: everything is handed back.
    tmux.keys(&["m"]);
    tmux.wait_until("mouse capture", |_| {
        tmux.pane_format("#{mouse_any_flag}") == "1"
    });
    tmux.quit_and_check_restored();

    let history = std::fs::read_to_string(tmux.home().join(".local/state/corpvet/history"))
        .expect("history saved");
    assert!(
        history.contains("深圳市鹏科智联电子股份有限公司"),
        "{history}"
    );
}

#[test]
fn esc_cancels_a_slow_answer_and_the_next_search_works() {
    let Some(tmux) = Tmux::start() else { return };
    tmux.wait_for("SANDBOX");
    on_qualifications(&tmux);
    // The sandbox's slow company answers after 6 s.
    tmux.type_text("慢速响应测试有限公司");
    tmux.keys(&["Enter"]);
    let started = Instant::now();
    tmux.keys(&["Escape"]);
    tmux.wait_for("request cancelled");
    // This time the name arrives as a bracketed paste, as from a clipboard.
    tmux.keys(&["s", "C-u"]);
    tmux.command(&["set-buffer", "浙江华屹建设集团有限公司"]);
    tmux.command(&["paste-buffer", "-p", "-t", "e2e"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("特级");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the next search waited for the slow one"
    );
    tmux.quit_and_check_restored();
}

#[test]
fn resizes_then_sigterm_quit_cleanly_and_restore_the_terminal() {
    let Some(tmux) = Tmux::start() else { return };
    tmux.wait_for("SANDBOX");
    // Tiny and back: the explorer keeps drawing.
    for (w, h) in [("12", "3"), ("1", "1"), ("80", "24"), (WIDTH, HEIGHT)] {
        tmux.command(&["resize-window", "-t", "e2e", "-x", w, "-y", h]);
        std::thread::sleep(Duration::from_millis(150));
    }
    tmux.wait_for("SANDBOX");
    signal_corpvet(&tmux, "-TERM");
    let screen = tmux.wait_for("EXITED");
    assert!(screen.contains("EXITED 0"), "{screen}");
    assert_eq!(tmux.pane_format("#{alternate_on}"), "0", "alternate screen");
    tmux.wait_until("the tty flags", |s| s.lines().any(|l| l.trim() == "icanon"));
}

/// Issue 4: a company looked up in one session is answered from the cache in the next (the
/// list says how old it is, and the log says no call was made), Ctrl-R finds it in the
/// recent searches, and `r` fetches it anew.
#[test]
fn a_second_session_answers_from_the_cache_and_r_refreshes() {
    let Some(tmux) = Tmux::start_runs(2) else {
        return;
    };
    tmux.wait_for("SANDBOX");
    on_qualifications(&tmux);
    tmux.type_text("浙江华屹建设集团有限公司");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("特级");
    assert!(!screen.contains("cached"), "a new answer:\n{screen}");
    tmux.keys(&["q"]);
    // The second run's alternate screen hides the first one's `RUN 1 DONE`: its log line
    // says it started.
    tmux.wait_until("the second session", |_| {
        tmux.log().matches("explorer starting").count() == 2
    });

    // The second session: the recent search is offered by Ctrl-R, and answered from the
    // cache.
    tmux.wait_for("SANDBOX");
    tmux.keys(&["Escape"]);
    tmux.keys(&["2"]);
    tmux.keys(&["C-r"]);
    tmux.wait_for_all(&["Recent searches", "浙江华屹建设集团有限公司"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["特级", "cached just now"]);
    assert!(
        tmux.log().contains("answered from the cache"),
        "no call expected; the log:\n{}",
        tmux.log()
    );

    // r: a new call, so the age goes away.
    tmux.keys(&["r"]);
    tmux.wait_until("a refreshed answer", |s| {
        s.contains("特级") && !s.contains("cached")
    });
    tmux.quit_and_check_restored();
}

#[test]
fn the_overview_vets_a_company_in_one_search() {
    let Some(tmux) = Tmux::start() else { return };
    tmux.wait_for("SANDBOX");
    // The explorer opens on the Overview: one search vets the company.
    assert!(tmux.screen().contains("Overview") || tmux.screen().contains("总览"));
    search(&tmux, "宁波甬舟泽汇进出口有限公司");
    tmux.wait_for_all(&["RED FLAGS", "失信企业", "customs credit"]);
    // Every source answered (no spinner text left in the sources section).
    tmux.wait_until("all sources answered", |s| !s.contains("loading…"));
    // w puts it on the watchlist (the state store, through the worker).
    tmux.keys(&["w"]);
    tmux.wait_for("★");
    // Enter on the first flag (失信企业) jumps to the customs record.
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["4 海关 (1)", "▶✗北仑海关"]);
    tmux.quit_and_check_restored();
}

/// QCC's largest answer: 5000 qualifications in one piece. The Overview counts them, the
/// list pages through all of them, and a company over the limit gets the vendor's 207.
#[test]
fn five_thousand_rows_and_the_207_beyond() {
    let Some(tmux) = Tmux::start() else { return };
    tmux.wait_for("SANDBOX");
    search(&tmux, "中国华夏建设工程集团有限公司");
    tmux.wait_for("5000 found");
    tmux.keys(&["Escape", "2"]);
    tmux.wait_for_all(&["(5000)", "5000 total", "▶ D100000003"]);
    // G goes to the last row, g back to the first.
    tmux.keys(&["G"]);
    tmux.wait_for("▶ E100034996");
    tmux.keys(&["g"]);
    tmux.wait_for("▶ D100000003");
    search(&tmux, "寰宇基建控股集团有限公司");
    tmux.wait_for("207");
    tmux.quit_and_check_restored();
}

/// The sandbox companies' building contractor.
const CONTRACTOR: &str = "浙江华屹建设集团有限公司";

/// An order the CLI placed is found by the explorer started afterwards: the Report tab
/// shows it, and nothing is ordered again (counted at the shared sandbox).
#[test]
fn the_explorer_follows_an_order_the_cli_placed_and_orders_nothing() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sandbox = runtime
        .block_on(corpvet::sandbox::Sandbox::start(0))
        .expect("sandbox");
    let env = [
        (
            "CORPVET_QCC_KEY",
            corpvet::sandbox::SANDBOX_QCC_KEY.to_string(),
        ),
        (
            "CORPVET_QCC_SECRET",
            corpvet::sandbox::SANDBOX_QCC_SECRET.to_string(),
        ),
        (
            "CORPVET_JUHE_KEY",
            corpvet::sandbox::SANDBOX_JUHE_KEY.to_string(),
        ),
        ("CORPVET_QCC_BASE_URL", sandbox.qcc_base_url()),
        ("CORPVET_JUHE_BASE_URL", sandbox.juhe_base_url()),
    ]
    .map(|(k, v)| (k.to_string(), v))
    .to_vec();
    let Some(tmux) = Tmux::start_with(1, env) else {
        return;
    };
    let out = tmux.cli(&["report", CONTRACTOR, "--yes", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let order_no = doc["data"]["order_no"]
        .as_str()
        .expect("order_no")
        .to_string();
    assert_eq!(sandbox.counters().billed("Report/CreateReport"), 1);

    tmux.wait_for("Search 搜索");
    search(&tmux, CONTRACTOR);
    tmux.keys(&["Escape"]);
    tmux.keys(&["5"]);
    tmux.wait_for(&order_no);
    // o orders nothing by itself: while the order is being prepared it says how to order a
    // second one; once it is ready it opens the confirm for a SECOND report, which Esc leaves.
    tmux.keys(&["o"]);
    let screen = tmux.wait_for_any(&["is already being prepared", "SECOND"]);
    if screen.contains("SECOND") {
        tmux.keys(&["Escape"]);
        tmux.wait_until("the dialog closed", |s| !s.contains("SECOND"));
    }
    tmux.quit_and_check_restored();
    assert_eq!(
        sandbox.counters().billed("Report/CreateReport"),
        1,
        "the explorer ordered nothing"
    );
}

/// Issue 12, point 16: SIGINT and SIGQUIT sent from outside end the explorer as `q` does,
/// the terminal handed back (raw mode off, the main screen).
#[test]
fn sigint_and_sigquit_from_outside_restore_the_terminal() {
    for signal in ["-INT", "-QUIT"] {
        let Some(tmux) = Tmux::start() else { return };
        tmux.wait_for("SANDBOX");
        signal_corpvet(&tmux, signal);
        let screen = tmux.wait_for("EXITED");
        assert!(screen.contains("EXITED 0"), "{signal}: {screen}");
        assert_eq!(
            tmux.pane_format("#{alternate_on}"),
            "0",
            "{signal}: alternate screen"
        );
        tmux.wait_until("the tty flags", |s| s.lines().any(|l| l.trim() == "icanon"));
    }
}

/// Issue 11, point 14: with tmux's default `set-clipboard external` the terminal's copy
/// sequence is dropped; `y` loads the text into tmux's paste buffer too and says so.
#[test]
fn copying_inside_tmux_reaches_its_paste_buffer_and_says_where() {
    let Some(tmux) = Tmux::start() else { return };
    let out = tmux.command(&["set-option", "-s", "set-clipboard", "external"]);
    assert!(out.status.success(), "{out:?}");
    tmux.wait_for("SANDBOX");
    on_qualifications(&tmux);
    tmux.type_text("浙江华屹建设集团有限公司");
    tmux.keys(&["Enter"]);
    tmux.wait_for("特级");
    tmux.keys(&["y"]);
    let screen = tmux.wait_for("tmux buffer only (prefix ])");
    let copied = tmux.command(&["show-buffer"]);
    let copied = String::from_utf8_lossy(&copied.stdout).into_owned();
    assert!(
        !copied.trim().is_empty() && screen.contains(copied.trim()),
        "{copied:?}\n{screen}"
    );
    tmux.quit_and_check_restored();
}

/// The team database unreachable at start: the explorer says so on its first screen (not
/// only once a search is refused), and stays usable.
#[test]
fn an_unreachable_team_database_is_said_at_start() {
    // Port 1 on loopback: refused at once, nothing listens there.
    let env = vec![(
        "CORPVET_STORE_URL".to_string(),
        "postgres://corpvet:hunter2-secret@127.0.0.1:1/team".to_string(),
    )];
    let Some(tmux) = Tmux::start_with(1, env) else {
        return;
    };
    let screen = tmux.wait_for("team database");
    assert!(screen.contains("nothing is looked up"), "{screen}");
    assert!(!screen.contains("hunter2-secret"), "{screen}");
    // Usable: a search is refused in plain words, nothing crashes, and it quits cleanly.
    search(&tmux, "浙江华屹建设集团有限公司");
    let screen = tmux.wait_for("failed: store_unavailable");
    assert!(
        screen.contains("corpvet store status"),
        "the advice:\n{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.quit_and_check_restored();
}

/// M on the Overview writes the vetting memo of the company shown, from the answers held:
/// no call is made for it (the explorer log counts none after the vet).
#[test]
fn m_on_the_overview_writes_the_memo_of_the_company_shown() {
    let Some(tmux) = Tmux::start() else { return };
    tmux.wait_for("SANDBOX");
    search(&tmux, "宁波甬舟泽汇进出口有限公司");
    tmux.wait_for_all(&["RED FLAGS", "失信企业"]);
    tmux.wait_until("all sources answered", |s| !s.contains("loading…"));
    // After a search the explorer is in normal mode, on the Overview.
    tmux.wait_for("NORMAL");
    tmux.keys(&["M"]);
    let screen = tmux.wait_for("wrote");
    let memo = find_file(tmux.home(), "html")
        .unwrap_or_else(|| panic!("an .html memo under the home:\n{screen}"));
    let html = std::fs::read_to_string(&memo).unwrap();
    for needed in [
        "RED FLAGS",
        "甬关缉私字〔2025〕0902号",
        "SANDBOX",
        "OPERATIONCHECK",
    ] {
        assert!(html.contains(needed), "{needed} in {}", memo.display());
    }
    tmux.quit_and_check_restored();
}

/// The first file under `dir` (any depth) whose extension is `ext`.
fn find_file(dir: &Path, ext: &str) -> Option<std::path::PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find_file(&path, ext) {
                return Some(found);
            }
        } else if path.extension().is_some_and(|x| x == ext) {
            return Some(path);
        }
    }
    None
}

/// A search the bar refuses costs nothing and counts as the calls it saved: `corpvet spend`
/// in the same home shows them after the session.
#[test]
fn a_refused_search_counts_as_calls_saved() {
    let Some(tmux) = Tmux::start() else { return };
    tmux.wait_for("SANDBOX");
    search(&tmux, "甲");
    tmux.wait_for("Not sent");
    tmux.keys(&["Escape"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    tmux.quit_and_check_restored();
    let out = Command::new(env!("CARGO_BIN_EXE_corpvet"))
        .env_clear()
        .envs(tmux.environment())
        .args(["spend", "--json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["data"]["total"]["refused"], 3, "{doc}");
    assert_eq!(doc["data"]["total"]["calls"], 0, "{doc}");
}
