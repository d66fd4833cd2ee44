//! The throwaway PostgreSQL cluster `scripts/test` starts (its admin URL in
//! `CORPVET_TEST_POSTGRES`), and a fresh database in it for each test. Without the cluster a
//! test skips, loudly; in CI (`CI` set) it fails instead, since there it must run.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(0);

/// The URL of a new, empty database, or `None` (after saying so) when there is no server.
pub fn fresh_database() -> Option<String> {
    let Ok(admin) = std::env::var("CORPVET_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CORPVET_TEST_POSTGRES is not set: in CI the PostgreSQL tests must run \
             (scripts/test starts the server)"
        );
        eprintln!("SKIPPED: no PostgreSQL server (run the suite with scripts/test)");
        return None;
    };
    let name = format!(
        "corpvet_t{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    // On a thread of its own: the blocking client cannot run inside an async test.
    let create = format!("CREATE DATABASE {name}");
    let admin_url = admin.clone();
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&admin_url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("the test server at CORPVET_TEST_POSTGRES: {e}"));
        client.batch_execute(&create).unwrap();
    })
    .join()
    .unwrap();
    let mut url = url::Url::parse(&admin).unwrap();
    url.set_path(&name);
    Some(url.to_string())
}
