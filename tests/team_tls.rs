//! TLS to the team database, through the real binary against the test cluster, which
//! speaks TLS with a certificate from a test authority (`scripts/postgres`).

mod cli_support;
mod pg_support;

use cli_support::{corpvet, run};

/// `corpvet store status --json` with `CORPVET_STORE_URL` set to `url`.
fn status(url: &str) -> (i32, String, String) {
    let home = tempfile::tempdir().unwrap();
    let mut c = corpvet(home.path());
    c.env("CORPVET_STORE_URL", url);
    run(&mut c, &["store", "status", "--json"])
}

fn authority() -> String {
    std::env::var("CORPVET_TEST_POSTGRES_CA").expect("scripts/postgres exports the test CA")
}

fn password(url: &str) -> String {
    url::Url::parse(url)
        .unwrap()
        .password()
        .unwrap()
        .to_string()
}

#[test]
fn with_the_team_s_authority_the_connection_is_tls() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    for mode in ["require", "verify-full", "verify-ca"] {
        let (code, out, err) = status(&format!("{url}?sslmode={mode}&sslrootcert={}", authority()));
        assert_eq!(code, 0, "{mode}: {err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let tls = doc["data"]["encryption"].as_str().unwrap_or_default();
        assert!(tls.starts_with("TLS"), "{mode}: {doc}");
    }
}

#[test]
fn a_certificate_nobody_vouches_for_is_refused_and_said_plainly() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    let (code, out, err) = status(&format!("{url}?sslmode=require"));
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("invalid peer certificate"), "{err}");
    assert!(err.contains("sslrootcert="), "the advice: {err}");
    assert!(!err.contains(&password(&url)), "{err}");
    assert_eq!(err.matches("cannot be used").count(), 1, "said once: {err}");
}

#[test]
fn a_missing_authority_file_is_named() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    let (code, _, err) = status(&format!(
        "{url}?sslmode=require&sslrootcert=/nonexistent/ca.pem"
    ));
    assert_ne!(code, 0);
    assert!(err.contains("sslrootcert /nonexistent/ca.pem"), "{err}");
    assert!(!err.contains(&password(&url)), "{err}");
}

/// A local server's certificate is often one nobody can verify; on loopback the default
/// (`prefer`) talks plain text, as it crosses no network, instead of refusing.
#[test]
fn on_loopback_the_default_connects_to_a_tls_server_it_cannot_verify() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    let (code, out, err) = status(&url);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(doc["data"]["encryption"].is_null(), "{doc}");
}
