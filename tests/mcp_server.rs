//! `corpvet mcp` driven by a real MCP client, the official Python SDK (`tests/mcp/driver.py`),
//! over stdio, against a sandbox this test starts: its counters say what was billed and
//! ordered between the client's steps.
//!
//! The SDK comes from `scripts/test`, which installs it in a virtual environment and names
//! its interpreter in `CORPVET_TEST_MCP_PYTHON`. In CI the tests must run; elsewhere,
//! without the SDK, they say so and pass.

mod cli_support;
mod pg_support;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use cli_support::{against, run, MANY_CERTS};
use corpvet::api::qcc::endpoint;
use corpvet::sandbox::{Sandbox, SANDBOX_JUHE_KEY, SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET};
use serde_json::{json, Value};

const RED: &str = "宁波甬舟泽汇进出口有限公司";
const CLEAN: &str = "厦门嘉禾海联国际物流有限公司";

/// The longest one step may take (a vet is a few loopback calls).
const STEP: Duration = Duration::from_secs(60);

/// The interpreter with the MCP SDK, or `None` (outside CI) when there is none.
fn python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CORPVET_TEST_MCP_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let has_sdk = Command::new("python3")
        .args(["-c", "import mcp"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if has_sdk {
        return Some(PathBuf::from("python3"));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run the MCP tests: scripts/test installs the SDK and sets CORPVET_TEST_MCP_PYTHON"
    );
    eprintln!("SKIPPED: no Python MCP SDK (run scripts/test, or pip install mcp)");
    None
}

/// The Python client with `corpvet mcp` under it, one step at a time.
struct Client {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
    stderr: PathBuf,
    /// Everything the server answered, for the check that nothing secret is in it.
    seen: String,
}

impl Client {
    /// Start the client on `corpvet` (the server's environment: home, sandbox, settings).
    fn start(python: &Path, corpvet: &Command, home: &Path) -> Client {
        let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp/driver.py");
        let stderr = home.join("mcp-stderr.txt");
        let mut c = Command::new(python);
        c.arg(driver)
            .arg(corpvet.get_program())
            .arg("mcp")
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap());
        for (k, v) in corpvet.get_envs() {
            if let Some(v) = v {
                c.env(k, v);
            }
        }
        let mut child = c.spawn().expect("start the MCP client");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            lines,
            stderr,
            seen: String::new(),
        };
        let init = client.read();
        assert_eq!(init["server"], "corpvet", "{init}");
        client
    }

    fn read(&mut self) -> Value {
        match self.lines.recv_timeout(STEP) {
            Ok(line) => {
                self.seen.push_str(&line);
                serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
            }
            Err(e) => panic!(
                "no answer from the client ({e}); stderr:\n{}",
                self.stderr()
            ),
        }
    }

    fn step(&mut self, step: Value) -> Value {
        writeln!(self.stdin, "{step}").unwrap();
        let out = self.read();
        assert!(
            out.get("exception").is_none(),
            "{step}: {out}\n{}",
            self.stderr()
        );
        out
    }

    /// Call `tool` with `args`: (is it a tool error, the structured result, the texts).
    fn call(&mut self, tool: &str, args: Value) -> (bool, Value, String) {
        let out = self.step(json!({"op": "call", "tool": tool, "args": args}));
        let texts = out["texts"].as_array().cloned().unwrap_or_default();
        let texts: Vec<&str> = texts.iter().filter_map(Value::as_str).collect();
        (
            out["is_error"].as_bool().unwrap(),
            out["structured"].clone(),
            texts.join("\n"),
        )
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Close the session; every answer, stderr and the log checked for secrets. Returns
    /// stderr.
    fn quit(mut self, home: &Path) -> String {
        let _ = writeln!(self.stdin, "{}", json!({"op": "quit"}));
        let _ = self.child.wait();
        let stderr = self.stderr();
        let log = std::fs::read_to_string(home.join("state/corpvet/corpvet-mcp.log"))
            .expect("the server logs to its file in the state folder");
        assert!(log.contains("tool called"), "{log}");
        for text in [&self.seen, &stderr, &log] {
            assert_no_secret(text);
        }
        stderr
    }
}

/// A home, a sandbox with counters, and the server's environment pointed at it.
async fn setup() -> (tempfile::TempDir, Sandbox) {
    (
        tempfile::tempdir().unwrap(),
        Sandbox::start(0).await.unwrap(),
    )
}

/// Nothing secret in what the server said.
fn assert_no_secret(text: &str) {
    for secret in [SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET, SANDBOX_JUHE_KEY] {
        assert!(!text.contains(secret), "a secret in: {text}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agent_lists_the_tools_and_vets_a_red_and_a_clean_company() {
    let Some(python) = python() else { return };
    let (home, sandbox) = setup().await;
    let mut client = Client::start(&python, &against(home.path(), &sandbox), home.path());

    let listed = client.step(json!({"op": "list_tools"}));
    let names: Vec<&str> = listed["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "vet",
            "qualifications",
            "certificates",
            "certificate_detail",
            "customs",
            "order_report",
            "report_status",
            "reports",
            "spend"
        ]
    );
    assert_eq!(listed["schema_errors"], json!([]), "{listed}");
    for tool in listed["tools"].as_array().unwrap() {
        assert_eq!(tool["input_schema"]["type"], "object", "{tool}");
        assert!(tool["has_output_schema"].as_bool().unwrap(), "{tool}");
        let description = tool["description"].as_str().unwrap().to_lowercase();
        // Each says what it costs.
        assert!(
            description.contains("billed") || description.contains("free"),
            "{tool}"
        );
    }
    assert_eq!(
        sandbox.counters().billed_total(),
        0,
        "listing costs nothing"
    );

    let (error, red, _) = client.call("vet", json!({"keyword": RED}));
    assert!(!error, "{red}");
    assert_eq!(red["schema_version"], 1);
    assert_eq!(red["command"], "vet");
    assert_eq!(red["data"]["verdict"]["level"], "red", "{red}");
    let flags = red["data"]["verdict"]["flags"].as_array().unwrap();
    let smuggling = flags
        .iter()
        .find(|f| f["code"] == "smuggling_penalty")
        .unwrap_or_else(|| panic!("no smuggling flag: {red}"));
    assert_eq!(smuggling["level"], "red");
    assert_eq!(smuggling["evidence"][0]["value"], "走私", "{smuggling}");
    let billed = sandbox.counters().billed_total();
    assert!(billed >= 3, "the fan-out was billed: {billed}");

    let (error, clean, _) = client.call("vet", json!({"keyword": CLEAN}));
    assert!(!error, "{clean}");
    assert_eq!(clean["data"]["verdict"]["level"], "clean", "{clean}");
    assert_eq!(clean["data"]["verdict"]["counts"]["red"], 0);

    // Asked again, the red company is answered from the store: nothing more billed.
    let before = sandbox.counters().billed_total();
    let (_, again, _) = client.call("vet", json!({"keyword": RED}));
    assert_eq!(again["data"]["verdict"]["level"], "red");
    assert_eq!(sandbox.counters().billed_total(), before, "{again}");
    client.quit(home.path());
}

#[tokio::test(flavor = "multi_thread")]
async fn certificates_asked_twice_are_billed_once() {
    let Some(python) = python() else { return };
    let (home, sandbox) = setup().await;
    let mut client = Client::start(&python, &against(home.path(), &sandbox), home.path());

    let (error, first, _) = client.call("certificates", json!({"company": MANY_CERTS}));
    assert!(!error, "{first}");
    assert_eq!(first["cached"], false, "{first}");
    assert_eq!(first["paging"]["page"], 1);
    assert!(first["paging"]["total"].as_u64().unwrap() > 20, "{first}");
    assert!(first["paging"]["page_count"].as_u64().unwrap() > 1);
    assert_eq!(first["data"].as_array().unwrap().len(), 20);
    assert_eq!(sandbox.counters().billed(endpoint::CERT_SEARCH), 1);

    let (error, second, _) = client.call("certificates", json!({"company": MANY_CERTS}));
    assert!(!error, "{second}");
    assert_eq!(second["cached"], true, "{second}");
    assert_eq!(second["stale"], false);
    assert_eq!(second["fetched_at"], first["fetched_at"]);
    assert_eq!(second["data"], first["data"]);
    assert_eq!(
        sandbox.counters().requests(endpoint::CERT_SEARCH),
        1,
        "the second answer came from the store"
    );

    // refresh: true calls again, as --refresh does.
    let (_, third, _) = client.call(
        "certificates",
        json!({"company": MANY_CERTS, "refresh": true}),
    );
    assert_eq!(third["cached"], false);
    assert_eq!(sandbox.counters().billed(endpoint::CERT_SEARCH), 2);

    // A certificate's detail: billed once, then from the store.
    let id = first["data"][0]["id"].as_str().unwrap().to_string();
    let (error, detail, _) = client.call("certificate_detail", json!({"id": id}));
    assert!(!error, "{detail}");
    assert_eq!(detail["data"]["id"], id.as_str(), "{detail}");
    let (_, again, _) = client.call("certificate_detail", json!({"id": id}));
    assert_eq!(again["cached"], true);
    assert_eq!(sandbox.counters().billed(endpoint::CERT_DETAIL), 1);
    client.quit(home.path());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_report_is_ordered_only_with_its_token_and_only_once() {
    let Some(python) = python() else { return };
    let (home, sandbox) = setup().await;
    let mut server = against(home.path(), &sandbox);
    server.env("CORPVET_PRICE_CREATE_REPORT", "12.5");
    let mut client = Client::start(&python, &server, home.path());
    let orders = || sandbox.counters().requests(endpoint::CREATE_REPORT);

    // No token: what would be ordered, and a token; nothing sent.
    let (error, preview, _) = client.call("order_report", json!({"company": RED}));
    assert!(!error, "{preview}");
    let data = &preview["data"];
    assert_eq!(data["placed"], false);
    assert_eq!(data["would_order"]["company"], RED);
    assert_eq!(data["would_order"]["format"], "pdf");
    assert_eq!(data["would_order"]["price"], "¥12.50", "{preview}");
    assert_eq!(data["standing_order"], Value::Null);
    let token = data["confirm_token"].as_str().unwrap().to_string();
    assert!(data["expires_in_secs"].as_u64().unwrap() >= 60);
    assert_eq!(orders(), 0);
    assert_eq!(
        sandbox.counters().billed_total(),
        0,
        "a preview costs nothing"
    );

    // A token made up, or one issued for another format: refused, nothing sent.
    let (error, _, text) = client.call(
        "order_report",
        json!({"company": RED, "confirm_token": "cv-00000000000000000000000000000000"}),
    );
    assert!(error);
    assert!(text.contains("not one this server issued"), "{text}");
    let (_, word, _) = client.call("order_report", json!({"company": RED, "format": "word"}));
    let word_token = word["data"]["confirm_token"].as_str().unwrap().to_string();
    let (error, refused, text) = client.call(
        "order_report",
        json!({"company": RED, "format": "pdf", "confirm_token": word_token}),
    );
    assert!(error, "{refused}");
    assert!(text.contains("issued for a docx report"), "{text}");
    assert_eq!(refused["error"]["class"], "invalid_input");
    assert_eq!(orders(), 0);

    // The right token: exactly one order.
    let (error, placed, _) = client.call(
        "order_report",
        json!({"company": RED, "confirm_token": token}),
    );
    assert!(!error, "{placed}");
    assert_eq!(placed["data"]["placed"], true, "{placed}");
    let order_no = placed["data"]["order"]["order_no"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(orders(), 1);

    // The same token again: spent. Asked anew, the standing order is offered, no token.
    let (error, _, text) = client.call(
        "order_report",
        json!({"company": RED, "confirm_token": token}),
    );
    assert!(error);
    assert!(text.contains("already used"), "{text}");
    let (_, standing, _) = client.call("order_report", json!({"company": RED}));
    assert_eq!(
        standing["data"]["standing_order"]["order_no"],
        order_no.as_str(),
        "{standing}"
    );
    assert_eq!(standing["data"]["confirm_token"], Value::Null);
    assert_eq!(orders(), 1);

    // Its state, and the ledger with who ordered it.
    let (error, status, _) = client.call("report_status", json!({"order_no": order_no}));
    assert!(!error, "{status}");
    assert_eq!(status["data"]["order_no"], order_no.as_str());
    let (_, reports, _) = client.call("reports", json!({}));
    let row = &reports["data"][0];
    assert_eq!(row["order_no"], order_no.as_str(), "{reports}");
    assert!(
        row["by"].as_str().unwrap().ends_with(" (mcp)"),
        "the agent's orders are marked: {row}"
    );
    assert_eq!(orders(), 1);

    // An order number QCC does not know: a tool error that says what to check.
    let (error, unknown, _) = client.call("report_status", json!({"order_no": "NOSUCHORDER"}));
    assert!(error, "{unknown}");
    let warnings = unknown["warnings"].to_string();
    assert!(warnings.contains("unknown to QCC"), "{unknown}");
    client.quit(home.path());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_token_orders_nothing() {
    let Some(python) = python() else { return };
    let (home, sandbox) = setup().await;
    let mut server = against(home.path(), &sandbox);
    server.env("CORPVET_MCP_CONFIRM_SECS", "1");
    let mut client = Client::start(&python, &server, home.path());
    let (_, preview, _) = client.call("order_report", json!({"company": CLEAN}));
    let token = preview["data"]["confirm_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(preview["data"]["expires_in_secs"], 1);
    std::thread::sleep(Duration::from_millis(1500));
    let (error, refused, text) = client.call(
        "order_report",
        json!({"company": CLEAN, "confirm_token": token}),
    );
    assert!(error, "{refused}");
    assert!(text.contains("expired"), "{text}");
    assert_eq!(sandbox.counters().requests(endpoint::CREATE_REPORT), 0);
    client.quit(home.path());
}

#[tokio::test(flavor = "multi_thread")]
async fn local_refusals_are_tool_errors_that_cost_nothing() {
    let Some(python) = python() else { return };
    let (home, sandbox) = setup().await;
    let mut server = against(home.path(), &sandbox);
    server.env("CORPVET_USER", "ana");
    let mut client = Client::start(&python, &server, home.path());

    // Too short: the CLI's message and advice.
    let (error, refused, text) = client.call("vet", json!({"keyword": "宁"}));
    assert!(error, "{refused}");
    assert!(text.contains("shorter than 2 characters"), "{text}");
    assert!(text.contains("nothing was sent or billed"), "{text}");
    assert_eq!(refused["ok"], false);
    assert_eq!(refused["error"]["class"], "invalid_input");
    // A credit code whose check character is wrong.
    let (error, _, text) = client.call("customs", json!({"keyword": "91440300033424790X"}));
    assert!(error);
    assert!(text.contains("check"), "{text}");
    // Arguments the schema does not allow.
    let (error, _, text) = client.call("certificates", json!({"name": MANY_CERTS}));
    assert!(error);
    assert!(text.contains("unknown field"), "{text}");
    let (error, _, text) = client.call("order", json!({"company": RED}));
    assert!(error);
    assert!(text.contains("there is no tool \"order\""), "{text}");
    let (error, _, _) = client.call(
        "vet",
        json!({"keyword": RED, "refresh": true, "offline": true}),
    );
    assert!(error);
    // The schema's bounds hold in the server too: max_pages multiplies billed calls.
    let (error, _, text) = client.call("vet", json!({"keyword": RED, "max_pages": 1000}));
    assert!(error);
    assert!(text.contains("max_pages is 1000"), "{text}");
    assert_eq!(sandbox.counters().billed_total(), 0);
    assert_eq!(
        sandbox
            .counters()
            .snapshot()
            .values()
            .map(|c| c.0)
            .sum::<u64>(),
        0,
        "nothing was sent"
    );

    // The spend ledger counts them as saved, under the agent's name.
    let (error, spend, _) = client.call("spend", json!({"by": "user"}));
    assert!(!error, "{spend}");
    let group = &spend["data"]["groups"][0];
    assert_eq!(group["key"], "ana (mcp)", "{spend}");
    assert_eq!(group["refused"], 2, "{spend}");
    assert_eq!(group["billable"], 0);
    client.quit(home.path());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_budget_reached_is_a_tool_error_that_sends_nothing() {
    let Some(python) = python() else { return };
    let (home, sandbox) = setup().await;
    let mut server = against(home.path(), &sandbox);
    server.env("CORPVET_BUDGET_DAILY_CALLS", "1");
    let mut client = Client::start(&python, &server, home.path());
    let (error, first, _) = client.call("customs", json!({"keyword": RED}));
    assert!(!error, "{first}");
    assert_eq!(sandbox.counters().billed_total(), 1);
    let (error, refused, text) = client.call("certificates", json!({"company": RED}));
    assert!(error, "{refused}");
    assert_eq!(refused["error"]["class"], "over_budget", "{refused}");
    assert!(
        text.contains("daily_calls"),
        "names the setting that raises it: {text}"
    );
    assert_eq!(sandbox.counters().requests(endpoint::CERT_SEARCH), 0);
    // What is stored is still answered, at no cost.
    let (error, again, _) = client.call("customs", json!({"keyword": RED}));
    assert!(!error, "{again}");
    assert_eq!(again["cached"], true);
    assert_eq!(sandbox.counters().billed_total(), 1);
    client.quit(home.path());
}

/// On the team database the agent is one more analyst: what it fetched a colleague's CLI
/// reuses, and the order it placed the colleague follows instead of paying again.
#[tokio::test(flavor = "multi_thread")]
async fn on_the_team_database_the_agent_and_a_colleague_share_answers_and_orders() {
    let Some(python) = python() else { return };
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    let (home, sandbox) = setup().await;
    let mut server = against(home.path(), &sandbox);
    server
        .env("CORPVET_STORE_URL", &url)
        .env("CORPVET_USER", "bo");
    let mut client = Client::start(&python, &server, home.path());
    let (error, certs, _) = client.call("certificates", json!({"company": MANY_CERTS}));
    assert!(!error, "{certs}");
    let (_, preview, _) = client.call("order_report", json!({"company": CLEAN}));
    let token = preview["data"]["confirm_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, placed, _) = client.call(
        "order_report",
        json!({"company": CLEAN, "confirm_token": token}),
    );
    let order_no = placed["data"]["order"]["order_no"]
        .as_str()
        .unwrap()
        .to_string();
    client.quit(home.path());
    assert_eq!(sandbox.counters().billed(endpoint::CERT_SEARCH), 1);

    // A colleague on another machine.
    let colleague = tempfile::tempdir().unwrap();
    let mut cli = against(colleague.path(), &sandbox);
    cli.env("CORPVET_STORE_URL", &url).env("CORPVET_USER", "cy");
    let (code, out, err) = run(&mut cli, &["certs", MANY_CERTS, "--json"]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["cached"], true, "{doc}");
    assert_eq!(doc["fetched_by"], "bo (mcp)", "{doc}");
    assert_eq!(sandbox.counters().requests(endpoint::CERT_SEARCH), 1);
    let mut cli = against(colleague.path(), &sandbox);
    cli.env("CORPVET_STORE_URL", &url).env("CORPVET_USER", "cy");
    let (code, out, err) = run(&mut cli, &["report", CLEAN, "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&order_no),
        "follows the agent's order: {out}{err}"
    );
    assert_eq!(sandbox.counters().requests(endpoint::CREATE_REPORT), 1);
}
