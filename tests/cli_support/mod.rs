//! Running the real `corpvet` binary in tests: a clean environment (no `CORPVET_*` from
//! the developer's shell, every per-user folder inside the test's temporary home), pointed
//! at the built-in sandbox or at one the test started and can read the counters of.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::Path;
use std::process::{Command, Output, Stdio};

use corpvet::sandbox::{Sandbox, SANDBOX_JUHE_KEY, SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET};

/// The sandbox company with 47 certificates.
pub const MANY_CERTS: &str = "深圳市鹏科智联电子股份有限公司";

/// The binary with no credentials (so: the in-process sandbox) and `home` for every folder.
pub fn corpvet(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_corpvet"));
    for (var, _) in std::env::vars() {
        if var.starts_with("CORPVET_") {
            c.env_remove(var);
        }
    }
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .stdin(Stdio::null());
    c
}

/// The binary with the sandbox credentials, talking to vendors at `qcc` and `juhe` as if
/// they were real (live mode).
pub fn live(home: &Path, qcc: &str, juhe: &str) -> Command {
    let mut c = corpvet(home);
    c.env("CORPVET_QCC_KEY", SANDBOX_QCC_KEY)
        .env("CORPVET_QCC_SECRET", SANDBOX_QCC_SECRET)
        .env("CORPVET_JUHE_KEY", SANDBOX_JUHE_KEY)
        .env("CORPVET_QCC_BASE_URL", qcc)
        .env("CORPVET_JUHE_BASE_URL", juhe);
    c
}

/// The binary pointed at a sandbox this test started.
pub fn against(home: &Path, sandbox: &Sandbox) -> Command {
    live(home, &sandbox.qcc_base_url(), &sandbox.juhe_base_url())
}

/// Run with `args`: exit code, stdout, stderr.
pub fn run(c: &mut Command, args: &[&str]) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = c.args(args).output().expect("run corpvet");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// Run `c` with `input` on its standard input (then closed), to the end.
pub fn with_stdin(c: &mut Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = c.stdin(Stdio::piped()).spawn().expect("run corpvet");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for corpvet")
}
