//! The configuration end to end through the real binary: `config init` writes 0600 and never
//! overwrites without asking, `config show` masks keys and names each value's source, the
//! precedence default < file < env < flag, and a broken file is reported by line and left
//! untouched. Every run has its own HOME and XDG folders.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod cli_support;

use cli_support::{corpvet, run, MANY_CERTS};
use serde_json::Value;

/// Run with `input` on stdin.
fn run_with_input(c: &mut Command, args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = c
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn corpvet");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn config_path(home: &Path) -> PathBuf {
    home.join("config").join("corpvet").join("config.toml")
}

fn show(c: &mut Command) -> Value {
    let (code, out, err) = run(c, &["config", "show", "--json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn entry<'a>(doc: &'a Value, key: &str) -> &'a Value {
    doc["data"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["key"] == key)
        .unwrap_or_else(|| panic!("{key} missing from {doc}"))
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn init_writes_0600_shows_masked_and_never_overwrites_without_asking() {
    let h = tempfile::tempdir().unwrap();
    let path = config_path(h.path());
    let (code, out, err) = run(corpvet(h.path()).args(["config", "path"]), &[]);
    assert_eq!((code, out.trim()), (0, path.to_str().unwrap()), "{err}");

    let answers =
        "qcc-key-AAAA1234\nvery-secret-value-ZZ99\njuhe-key-BBBB5678\nboth\n/tmp/reports\n";
    let (code, _, err) = run_with_input(&mut corpvet(h.path()), &["config", "init"], answers);
    assert_eq!(code, 0, "{err}");
    assert!(path.is_file());
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    assert!(
        !err.contains("very-secret-value"),
        "the secret is never echoed: {err}"
    );

    // Round trip: what init wrote is what show reads, each value from the file.
    let doc = show(&mut corpvet(h.path()));
    // Set, and how long roughly: never a character of it (issue 12).
    assert_eq!(entry(&doc, "qcc.key")["value"], "set, 16–31 characters");
    assert_eq!(entry(&doc, "qcc.secret")["value"], "set, 16–31 characters");
    assert_eq!(entry(&doc, "juhe.key")["value"], "set, 16–31 characters");
    assert_eq!(entry(&doc, "qcc.secret")["source"], "file");
    assert_eq!(entry(&doc, "lookup.default_provider")["value"], "both");
    assert_eq!(entry(&doc, "reports.download_dir")["value"], "/tmp/reports");
    assert_eq!(entry(&doc, "network.timeout_secs")["source"], "default");

    // Neither the human nor the JSON show prints a key or the secret in full.
    let (code, human, err) = run(&mut corpvet(h.path()), &["config", "show"]);
    assert_eq!(code, 0, "{err}");
    for text in [human.as_str(), &doc.to_string(), err.as_str()] {
        for secret in [
            "very-secret-value",
            "qcc-key-AAAA",
            "juhe-key-BBBB",
            "ZZ99",
            "1234",
            "5678",
        ] {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
    }
    assert!(
        human.contains("set, 16–31 characters") && human.contains("# file"),
        "{human}"
    );

    // A second init asks before replacing; "no" leaves the file byte for byte.
    let before = std::fs::read(&path).unwrap();
    let (code, _, err) = run_with_input(&mut corpvet(h.path()), &["config", "init"], "n\n");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("already exists") && err.contains("kept"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // "yes" replaces it and keeps the old text beside it; Enter keeps each value.
    let (code, _, err) = run_with_input(
        &mut corpvet(h.path()),
        &["config", "init"],
        "y\nnew-key-CCCC0000\n\n\nqcc\n\n",
    );
    assert_eq!(code, 0, "{err}");
    let backup = path.with_file_name("config.toml.bak");
    assert_eq!(std::fs::read(&backup).unwrap(), before);
    #[cfg(unix)]
    assert_eq!(mode(&backup), 0o600);
    let doc = show(&mut corpvet(h.path()));
    // `show` no longer shows characters of a key, so the file says what was kept.
    let written: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(written["qcc"]["key"].as_str(), Some("new-key-CCCC0000"));
    assert_eq!(
        written["qcc"]["secret"].as_str(),
        Some("very-secret-value-ZZ99")
    );
    assert_eq!(entry(&doc, "qcc.key")["value"], "set, 16–31 characters");
    assert_eq!(entry(&doc, "lookup.default_provider")["value"], "qcc");
}

#[test]
fn precedence_is_default_then_file_then_env_then_flag() {
    let h = tempfile::tempdir().unwrap();
    let timeout = |doc: &Value| {
        let e = entry(doc, "network.timeout_secs");
        (
            e["value"].as_str().unwrap().to_string(),
            e["source"].as_str().unwrap().to_string(),
        )
    };
    let doc = show(&mut corpvet(h.path()));
    assert_eq!(timeout(&doc), ("20".into(), "default".into()));

    let path = config_path(h.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "[network]\ntimeout_secs = 30\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    assert_eq!(
        timeout(&show(&mut corpvet(h.path()))),
        ("30".into(), "file".into())
    );

    let mut c = corpvet(h.path());
    c.env("CORPVET_TIMEOUT", "40");
    let doc = show(&mut c);
    assert_eq!(timeout(&doc), ("40".into(), "env".into()));
    assert_eq!(
        entry(&doc, "network.timeout_secs")["via"],
        "CORPVET_TIMEOUT"
    );

    let mut c = corpvet(h.path());
    c.env("CORPVET_TIMEOUT", "40").args(["--timeout", "50"]);
    let doc = show(&mut c);
    assert_eq!(timeout(&doc), ("50".into(), "flag".into()));

    // --config picks another file; an explicit file that is missing is an error.
    let other = h.path().join("other.toml");
    std::fs::write(&other, "[network]\ntimeout_secs = 35\n").unwrap();
    let mut c = corpvet(h.path());
    c.args(["--config", other.to_str().unwrap()]);
    assert_eq!(timeout(&show(&mut c)), ("35".into(), "file".into()));
    let (code, _, err) = run(
        &mut corpvet(h.path()),
        &["--config", "/nonexistent/corpvet.toml", "config", "show"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn a_broken_file_names_its_line_and_is_left_untouched() {
    let h = tempfile::tempdir().unwrap();
    let path = config_path(h.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let cases: [(&str, &str, &[&str]); 3] = [
        (
            "# mine\n[qcc]\nbase_url = \"https://pro.qcc.com/api/yj\n[network]\n",
            "line 3",
            &["string"],
        ),
        (
            "[network]\nconnect_timeout_secs = 5\ntimeout_secs = \"soon\"\n",
            "line 3",
            &["timeout", "soon"],
        ),
        (
            "[cache]\nno_result = \"6h\"\n\n[network]\ntimeout_secs = 0\n",
            "line 5",
            &["network.timeout_secs", "seconds"],
        ),
    ];
    for (text, line, words) in cases {
        std::fs::write(&path, text).unwrap();
        let (code, out, err) = run(&mut corpvet(h.path()), &["certs", MANY_CERTS]);
        assert_eq!(code, 2, "{text}: {err}");
        assert!(out.is_empty(), "nothing is looked up: {out}");
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains(line), "{text}: {err}");
        for w in words {
            assert!(err.contains(w), "{text}: want {w:?} in {err}");
        }
        assert!(err.contains("not changed"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "the file is untouched"
        );
        let (code, _, err) = run(&mut corpvet(h.path()), &["config", "show"]);
        assert_eq!(code, 2, "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
    assert_eq!(
        std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
        1,
        "no file was written beside it"
    );
}

#[cfg(unix)]
#[test]
fn a_file_others_can_read_gets_a_warning_and_unknown_keys_are_named() {
    use std::os::unix::fs::PermissionsExt;
    let h = tempfile::tempdir().unwrap();
    let path = config_path(h.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "[network]\ntimeout_sec = 3\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, _, err) = run(&mut corpvet(h.path()), &["config", "show"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("can be read by other users") && err.contains("chmod 600"),
        "{err}"
    );
    assert!(err.contains("network.timeout_sec"), "{err}");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (_, _, err) = run(&mut corpvet(h.path()), &["config", "show"]);
    assert!(!err.contains("other users"), "{err}");
}

#[test]
fn no_config_file_means_defaults_and_nothing_is_written() {
    let h = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&mut corpvet(h.path()), &["certs", MANY_CERTS, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !config_path(h.path()).exists(),
        "a lookup never creates a config file"
    );
}
