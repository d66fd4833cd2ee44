//! Soak (issue 6): 1000 lookups in a row through the background worker (`worker::runner`
//! over `Services`) against the in-process sandbox, every kind of lookup in turn, with a
//! few vendor errors and cancelled requests mixed in. Open file descriptors (sockets
//! included) and resident memory must stay within a small bound of what they were after
//! a warm-up: no connection, task or answer is leaked per lookup.
//!
//! Linux only (it reads /proc/self); a few seconds in a debug build.

#![cfg(target_os = "linux")]

use std::sync::Arc;
use std::time::{Duration, Instant};

use corpvet::api::settings::ApiSettings;
use corpvet::app::job::LookupEvent;
use corpvet::app::job::{Job, WorkerEvent};
use corpvet::domain::qualification::Provider;
use corpvet::explorer::runner::{spawn, RunnerOptions, WorkerHandle};
use corpvet::sandbox::Sandbox;
use corpvet::service::poll::PollPolicy;
use corpvet::service::{Backend, Request, Response, Services};
use tokio::time::timeout;

const LOOKUPS: u64 = 1000;
const WARM_UP: u64 = 100;
/// Descriptors allowed beyond the warm-up level (a pooled connection or two may open
/// or close; a leak per lookup would add hundreds).
const FD_SLACK: usize = 8;
/// Resident memory allowed beyond the warm-up level.
const RSS_SLACK_KB: u64 = 8 * 1024;

const SHENZHEN: &str = "深圳市鹏科智联电子股份有限公司";
const ZHEJIANG: &str = "浙江华屹建设集团有限公司";
const NINGBO: &str = "宁波甬舟泽汇进出口有限公司";
/// A certificate of the Shenzhen company (its first in the sandbox data).
const CERT_ID: &str = "cabfc774abcae4bc720011492fb94d0ed";
/// Ids above this are lookups cancelled right after they were sent.
const CANCELLED: u64 = 100_000;
/// A company whose answers arrive broken: an error among the answers that, unlike a spent
/// quota (about the account, which stops every later call), leaves the other lookups alone.
const BROKEN: &str = "数据损坏测试有限公司";

/// (all descriptors, sockets among them).
fn open_fds() -> (usize, usize) {
    let mut all = 0;
    let mut sockets = 0;
    for entry in std::fs::read_dir("/proc/self/fd").expect("/proc/self/fd") {
        let entry = entry.unwrap();
        all += 1;
        if let Ok(target) = std::fs::read_link(entry.path()) {
            if target.to_string_lossy().starts_with("socket:") {
                sockets += 1;
            }
        }
    }
    (all, sockets)
}

/// VmRSS in kB.
fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmRSS line")
}

fn request(i: u64) -> Request {
    match i % 8 {
        0 => Request::Qualifications {
            keyword: ZHEJIANG.into(),
            provider: Provider::Qcc,
            page: 1,
        },
        1 => Request::Qualifications {
            keyword: ZHEJIANG.into(),
            provider: Provider::Juhe,
            page: 1,
        },
        2..=4 => Request::Certificates {
            keyword: SHENZHEN.into(),
            category: None,
            page: (i % 3 + 1) as u32,
            page_size: 20,
            exact: true,
        },
        5 => Request::Customs {
            keyword: NINGBO.into(),
            page: 1,
        },
        6 => Request::CertificateDetail { id: CERT_ID.into() },
        _ => {
            if i % 64 == 7 {
                // An error answer now and then: the error path must not leak either.
                Request::Customs {
                    keyword: BROKEN.into(),
                    page: 1,
                }
            } else {
                Request::Certificates {
                    keyword: SHENZHEN.into(),
                    category: None,
                    page: 1,
                    page_size: 20,
                    exact: true,
                }
            }
        }
    }
}

/// One lookup through the worker: sent, answered under its id.
async fn lookup(worker: &mut WorkerHandle, id: u64) -> bool {
    let req = request(id);
    worker
        .jobs
        .send(Job::Fetch {
            id,
            request: req.clone(),
            mode: corpvet::service::cache::FetchMode::Normal,
        })
        .expect("worker running");
    let ev = loop {
        let ev = timeout(Duration::from_secs(10), worker.events.recv())
            .await
            .expect("an answer within 10 s")
            .expect("worker running");
        match ev {
            // A cancelled job that had already finished when its cancel arrived.
            WorkerEvent::Lookup(LookupEvent::Fetched { id: late, .. }) if late > CANCELLED => {
                continue
            }
            ev => break ev,
        }
    };
    match ev {
        WorkerEvent::Lookup(LookupEvent::Fetched {
            id: got, result, ..
        }) => {
            assert_eq!(got, id, "answers arrive in order, one per lookup");
            match (&req, result) {
                (Request::Customs { keyword, .. }, Err(e)) if keyword == BROKEN => {
                    assert_eq!(e.class, "bad_answer", "{e:?}");
                    false
                }
                (_, Ok(Response::Qualifications(p))) => {
                    assert!(!p.items.is_empty());
                    true
                }
                (_, Ok(Response::Certificates(p))) => {
                    assert!(!p.items.is_empty());
                    assert_eq!(p.total, 47);
                    true
                }
                (_, Ok(Response::Customs(p))) => {
                    assert!(!p.items.is_empty());
                    true
                }
                (_, Ok(Response::CertificateDetail(d))) => {
                    assert_eq!(d.id, CERT_ID);
                    true
                }
                (req, other) => panic!("{req:?} answered {other:?}"),
            }
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_lookups_leak_no_sockets_and_no_memory() {
    let started = Instant::now();
    let sandbox = Sandbox::start(0).await.expect("sandbox");
    let counters = sandbox.counters();
    let settings = ApiSettings {
        qcc_base_url: sandbox.qcc_base_url(),
        juhe_base_url: sandbox.juhe_base_url(),
        ..ApiSettings::default()
    };
    let services = Arc::new(Services::new(
        Backend::for_sandbox_urls(&settings).expect("sandbox clients"),
    ));
    let downloads = tempfile::tempdir().unwrap();
    let mut worker = spawn(
        services,
        RunnerOptions {
            download_dir: downloads.path().to_path_buf(),
            poll: PollPolicy::default(),
            vet_max_pages: corpvet::service::vet::DEFAULT_MAX_PAGES,
            user: "ana".into(),
        },
    );

    let mut ok = 0u64;
    for id in 1..=WARM_UP {
        ok += u64::from(lookup(&mut worker, id).await);
    }
    let (fd0, sock0) = open_fds();
    let rss0 = rss_kb();
    let mut peak_fd = fd0;
    let mut peak_rss = rss0;

    for id in WARM_UP + 1..=LOOKUPS {
        ok += u64::from(lookup(&mut worker, id).await);
        // Now and then a lookup cancelled right after it was sent (its task must end and
        // release its connection without answering).
        if id % 50 == 0 {
            let cancelled = CANCELLED + id;
            worker
                .jobs
                .send(Job::Fetch {
                    id: cancelled,
                    request: request(id),
                    mode: corpvet::service::cache::FetchMode::Normal,
                })
                .unwrap();
            worker.jobs.send(Job::Cancel { id: cancelled }).unwrap();
        }
        if id % 100 == 0 {
            let (fd, sock) = open_fds();
            let rss = rss_kb();
            peak_fd = peak_fd.max(fd);
            peak_rss = peak_rss.max(rss);
            assert!(
                fd <= fd0 + FD_SLACK,
                "after {id} lookups {fd} descriptors ({sock} sockets), {fd0} ({sock0}) after the warm-up"
            );
            assert!(
                rss <= rss0 + RSS_SLACK_KB,
                "after {id} lookups {rss} kB resident, {rss0} kB after the warm-up"
            );
        }
    }

    // Every lookup reached the sandbox (none answered from anywhere else), and the error
    // path was taken.
    let errors = (1..=LOOKUPS).filter(|i| i % 8 == 7 && i % 64 == 7).count() as u64;
    assert_eq!(ok, LOOKUPS - errors);
    let reached: u64 = counters
        .snapshot()
        .values()
        .map(|(requests, _)| requests)
        .sum();
    assert!(
        reached >= LOOKUPS,
        "the sandbox saw {reached} requests for {LOOKUPS} lookups"
    );
    // Drain anything a cancelled job might have sent (nothing is expected).
    drop(worker.jobs);
    while let Ok(Some(ev)) = timeout(Duration::from_millis(200), worker.events.recv()).await {
        match ev {
            WorkerEvent::Lookup(LookupEvent::Fetched { id, .. }) => {
                assert!(id > CANCELLED, "late answer {id}")
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    let (fd_end, sock_end) = open_fds();
    println!(
        "soak: {LOOKUPS} lookups in {:.2?}; descriptors {fd0} -> peak {peak_fd} -> {fd_end} \
         (sockets {sock0} -> {sock_end}); RSS {rss0} kB -> peak {peak_rss} kB",
        started.elapsed()
    );
}
