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

/// A loopback TCP relay in front of the test server, which the test can cut: the team
/// database going away in the middle of a run.
pub struct Relay {
    pub url: String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    conns: std::sync::Arc<std::sync::Mutex<Vec<std::net::TcpStream>>>,
}

impl Relay {
    /// A relay to the server of the database at `url`; its own URL reaches the same one.
    pub fn to(url: &str) -> Relay {
        use std::net::{TcpListener, TcpStream};
        let mut target = url::Url::parse(url).unwrap();
        let upstream = format!(
            "{}:{}",
            target.host_str().unwrap(),
            target.port().unwrap_or(5432)
        );
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        target
            .set_port(Some(listener.local_addr().unwrap().port()))
            .unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let conns = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (stopped, open) = (stop.clone(), conns.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { break };
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(server) = TcpStream::connect(&upstream) else {
                    continue;
                };
                let mut list = open.lock().unwrap();
                list.push(client.try_clone().unwrap());
                list.push(server.try_clone().unwrap());
                for (mut from, mut to) in [
                    (client.try_clone().unwrap(), server.try_clone().unwrap()),
                    (server, client),
                ] {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(std::net::Shutdown::Both);
                    });
                }
            }
        });
        Relay {
            url: target.to_string(),
            stop,
            conns,
        }
    }

    /// Cut every connection and refuse new ones (the listener answers nothing more).
    pub fn cut(&self) {
        self.stop.store(true, Ordering::SeqCst);
        for c in self.conns.lock().unwrap().drain(..) {
            let _ = c.shutdown(std::net::Shutdown::Both);
        }
    }
}
