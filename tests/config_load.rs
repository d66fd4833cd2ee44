//! The configuration as a library: round trip through confy, the precedence of the layers,
//! and where each value came from.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use corpvet::config::{self, init, Config, Credential, FlagOverride, LoadOptions, Origin, Ttl};
use corpvet::domain::provider::ProviderChoice;

fn load(
    path: PathBuf,
    env: &HashMap<&str, &str>,
    flags: Vec<FlagOverride>,
) -> Result<config::Loaded, config::ConfigError> {
    let lookup = |n: &str| env.get(n).map(|v| v.to_string());
    config::load(&LoadOptions {
        path: Some(path),
        env: &lookup,
        flags,
    })
}

#[test]
fn a_written_config_reads_back_identically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    let mut c = Config::default();
    c.qcc.key = Credential::new("key-1");
    c.qcc.secret = Credential::new("secret-1");
    c.juhe.key = Credential::new("juhe-1");
    c.network.timeout_secs = 12.5;
    c.lookup.default_provider = ProviderChoice::Both;
    c.cache.no_result = Ttl::hours(2);
    c.ui.mouse = true;
    c.ui.keys.insert("quit".into(), "x".into());
    init::write(&path, &c).unwrap();
    let loaded = load(path, &HashMap::new(), Vec::new()).unwrap();
    assert_eq!(loaded.config, c);
    assert!(loaded.file_found);
    assert_eq!(loaded.origin("qcc.secret"), Origin::File);
    assert_eq!(loaded.origin("ui.keys.quit"), Origin::File);
    let (settings, warnings) = loaded.config.api_settings();
    assert!(warnings.is_empty());
    assert_eq!(settings.total_timeout, Duration::from_secs_f64(12.5));
    assert_eq!(
        settings.qcc.map(|q| q.secret.expose().to_string()),
        Some("secret-1".to_string())
    );
}

#[test]
fn env_beats_file_and_flags_beat_env() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "[network]\ntimeout_secs = 30\nrate_limit_per_sec = 1\n[lookup]\ndefault_provider = \"juhe\"\n[ui.keys]\nquit = \"x\"\n",
    )
    .unwrap();
    let env: HashMap<&str, &str> = [
        ("CORPVET_TIMEOUT", "40"),
        ("CORPVET_PROVIDER", "both"),
        ("CORPVET_JUHE_KEY", " "),
    ]
    .into();
    let flags = vec![FlagOverride {
        key: "network.timeout_secs",
        value: "50".into(),
        flag: "--timeout",
    }];
    let l = load(path.clone(), &env, flags).unwrap();
    assert_eq!(l.config.network.timeout_secs, 50.0);
    assert_eq!(l.origin("network.timeout_secs"), Origin::Flag("--timeout"));
    assert_eq!(l.config.lookup.default_provider, ProviderChoice::Both);
    assert_eq!(
        l.origin("lookup.default_provider"),
        Origin::Env("CORPVET_PROVIDER")
    );
    assert_eq!(l.config.network.rate_limit_per_sec, 1.0);
    assert_eq!(l.origin("network.rate_limit_per_sec"), Origin::File);
    assert_eq!(l.origin("network.connect_timeout_secs"), Origin::Default);
    assert!(
        !l.config.juhe.key.is_set(),
        "a blank variable counts as unset"
    );
    assert_eq!(l.origin("juhe.key"), Origin::Default);
    // A partial key table keeps the other defaults.
    assert_eq!(l.config.ui.keys.get("quit").map(String::as_str), Some("x"));
    assert_eq!(l.config.ui.keys.get("help").map(String::as_str), Some("?"));

    let l = load(path.clone(), &env, Vec::new()).unwrap();
    assert_eq!(l.config.network.timeout_secs, 40.0);
    let l = load(path, &HashMap::new(), Vec::new()).unwrap();
    assert_eq!(l.config.network.timeout_secs, 30.0);
}

#[test]
fn bad_environment_values_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, "").unwrap();
    let env: HashMap<&str, &str> = [("CORPVET_CACHE_NO_RESULT", "soonish")].into();
    let e = load(path, &env, Vec::new()).unwrap_err().to_string();
    assert!(
        e.contains("CORPVET_CACHE_NO_RESULT") && e.contains("soonish"),
        "{e}"
    );
}
