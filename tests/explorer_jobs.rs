//! The background worker against the in-process sandbox (and two tiny misbehaving servers):
//! answers arrive under their job id, cancelled jobs stay silent, a report order is sent
//! exactly once, and the poller stops when it should.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use corpvet::api::error::ErrorReport;
use corpvet::api::settings::ApiSettings;
use corpvet::app::job::{ExportEvent, LookupEvent, ReportEvent};
use corpvet::app::job::{Job, WorkerEvent};
use corpvet::domain::qualification::Provider;
use corpvet::domain::report::{ReportFormat, ReportState};
use corpvet::explorer::runner::{spawn, RunnerOptions, WorkerHandle};
use corpvet::sandbox::{Sandbox, SandboxOptions};
use corpvet::service::cache::{CachePolicy, FetchMode, LookupCache};
use corpvet::service::poll::PollPolicy;
use corpvet::service::report::Order;
use corpvet::service::{Backend, Request, Response, Services};
use corpvet::store::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::time::timeout;

const COMPANY: &str = "企查查科技有限公司";
/// Four building qualifications (企查查 itself has none).
const CONTRACTOR: &str = "浙江华屹建设集团有限公司";
const SLOW: &str = "慢速响应测试有限公司";
const FAILS_REPORT: &str = "哈尔滨北疆冰雪文化传播有限公司";

fn services_at(qcc_base_url: String, juhe_base_url: String) -> Arc<Services> {
    let settings = ApiSettings {
        qcc_base_url,
        juhe_base_url,
        ..ApiSettings::default()
    };
    // An order is sent only with its ledger row: each rig has a ledger of its own.
    let ledger = Arc::new(SqliteStore::in_memory().expect("store"));
    Arc::new(
        Services::new(Backend::for_sandbox_urls(&settings).expect("sandbox clients"))
            .with_state(ledger, Duration::from_secs(3600)),
    )
}

fn fast_polls(overall: Duration) -> PollPolicy {
    PollPolicy {
        first_delay: Duration::from_millis(10),
        factor: 1.0,
        max_delay: Duration::from_millis(10),
        overall_timeout: overall,
    }
}

struct Rig {
    sandbox: Sandbox,
    worker: WorkerHandle,
    downloads: tempfile::TempDir,
}

async fn rig(options: SandboxOptions, poll: PollPolicy) -> Rig {
    let sandbox = Sandbox::start_with(0, options).await.expect("sandbox");
    let downloads = tempfile::tempdir().expect("tempdir");
    let services = services_at(sandbox.qcc_base_url(), sandbox.juhe_base_url());
    let worker = spawn(
        services,
        RunnerOptions {
            download_dir: downloads.path().to_path_buf(),
            poll,
            vet_max_pages: corpvet::service::vet::DEFAULT_MAX_PAGES,
            user: "ana".into(),
        },
    );
    Rig {
        sandbox,
        worker,
        downloads,
    }
}

impl Rig {
    fn send(&self, job: Job) {
        self.worker.jobs.send(job).expect("worker is running");
    }

    async fn next(&mut self) -> WorkerEvent {
        timeout(Duration::from_secs(10), self.worker.events.recv())
            .await
            .expect("a worker event within 10 s")
            .expect("the worker is still running")
    }

    /// Order `keyword`'s report as job 1: its order number.
    async fn order(&mut self, keyword: &str, format: ReportFormat) -> String {
        self.send(Job::OrderReport {
            id: 1,
            keyword: keyword.into(),
            format,
            again: false,
        });
        match self.next().await {
            WorkerEvent::Report(ReportEvent::ReportOrdered {
                id: 1,
                result: Ok(Order::Placed { order_no }),
            }) => order_no,
            other => panic!("no order: {other:?}"),
        }
    }

    /// Fetch `request` as job `id` and see it answered.
    async fn fetched_ok(&mut self, id: u64, request: Request) {
        self.send(Job::Fetch {
            id,
            request,
            mode: FetchMode::Normal,
        });
        match self.next().await {
            WorkerEvent::Lookup(LookupEvent::Fetched {
                id: got,
                result: Ok(_),
                ..
            }) if got == id => {}
            other => panic!("job {id}: {other:?}"),
        }
    }

    /// Nothing arrives for `quiet`.
    async fn silent_for(&mut self, quiet: Duration) -> Option<WorkerEvent> {
        timeout(quiet, self.worker.events.recv())
            .await
            .ok()
            .flatten()
    }
}

fn qualifications(keyword: &str) -> Request {
    Request::Qualifications {
        keyword: keyword.into(),
        provider: Provider::Qcc,
        page: 1,
    }
}

#[tokio::test]
async fn a_fetch_answers_under_its_id() {
    let mut rig = rig(SandboxOptions::default(), PollPolicy::default()).await;
    rig.send(Job::Fetch {
        id: 1,
        request: qualifications(CONTRACTOR),
        mode: FetchMode::Normal,
    });
    match rig.next().await {
        WorkerEvent::Lookup(LookupEvent::Fetched {
            id: 1,
            result: Ok(Response::Qualifications(page)),
            freshness: Some(fresh),
        }) => {
            assert_eq!(page.items.len(), 4);
            assert!(!fresh.cached, "no cache: a live answer");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn a_cancelled_fetch_sends_nothing_and_stale_cancels_are_harmless() {
    let options = SandboxOptions {
        slow_delay: Duration::from_millis(600),
        ..SandboxOptions::default()
    };
    let mut rig = rig(options, PollPolicy::default()).await;
    rig.send(Job::Fetch {
        id: 1,
        request: qualifications(SLOW),
        mode: FetchMode::Normal,
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    rig.send(Job::Cancel { id: 1 });
    // Unknown and repeated cancels change nothing.
    rig.send(Job::Cancel { id: 1 });
    rig.send(Job::Cancel { id: 99 });
    rig.fetched_ok(2, qualifications(COMPANY)).await;
    // Well past the slow answer: still nothing for job 1.
    assert_eq!(rig.silent_for(Duration::from_millis(900)).await, None);
    // Cancelling a job that already answered is harmless too.
    rig.send(Job::Cancel { id: 2 });
    rig.send(Job::Fetch {
        id: 3,
        request: qualifications(COMPANY),
        mode: FetchMode::Normal,
    });
    assert!(matches!(
        rig.next().await,
        WorkerEvent::Lookup(LookupEvent::Fetched {
            id: 3,
            result: Ok(_),
            ..
        })
    ));
}

#[tokio::test]
async fn order_poll_and_download_a_report() {
    let mut rig = rig(
        SandboxOptions::default(),
        fast_polls(Duration::from_secs(10)),
    )
    .await;
    let order_no = rig.order(COMPANY, ReportFormat::Pdf).await;

    rig.send(Job::PollReport {
        id: 2,
        order_no: order_no.clone(),
    });
    let mut progress = Vec::new();
    let report_url = loop {
        match rig.next().await {
            WorkerEvent::Report(ReportEvent::ReportProgress {
                id: 2,
                state,
                polls,
                ..
            }) => progress.push((polls, state)),
            WorkerEvent::Report(ReportEvent::ReportFinished {
                id: 2,
                result: Ok(ReportState::Ready { report_url }),
            }) => break report_url,
            other => panic!("unexpected {other:?}"),
        }
    };
    // report_polls_before_ready = 2: a 205, then one `P`, then ready.
    assert_eq!(progress.len(), 2, "{progress:?}");
    assert_eq!(progress[0], (1, ReportState::Pending));
    assert_eq!(progress[1].0, 2);

    rig.send(Job::Download {
        id: 3,
        order_no: order_no.clone(),
        report_url,
        file_name: format!("{order_no}.pdf"),
    });
    let mut progress_events = 0;
    let path = loop {
        match rig.next().await {
            WorkerEvent::Report(ReportEvent::DownloadProgress { id: 3, .. }) => {
                progress_events += 1
            }
            WorkerEvent::Report(ReportEvent::Downloaded {
                id: 3,
                result: Ok(path),
            }) => break path,
            other => panic!("unexpected {other:?}"),
        }
    };
    assert!(progress_events >= 1);
    assert!(path.starts_with(rig.downloads.path()));
    let bytes = std::fs::read(&path).expect("the report file");
    assert!(bytes.starts_with(b"%PDF-"));

    let counters = rig.sandbox.counters();
    assert_eq!(counters.requests("Report/CreateReport"), 1);
    assert_eq!(counters.requests("Report/GetReportInfo"), 3);
}

#[tokio::test]
async fn a_failed_report_finishes_with_its_state() {
    let mut rig = rig(
        SandboxOptions::default(),
        fast_polls(Duration::from_secs(10)),
    )
    .await;
    let order_no = rig.order(FAILS_REPORT, ReportFormat::Pdf).await;
    rig.send(Job::PollReport { id: 2, order_no });
    loop {
        match rig.next().await {
            WorkerEvent::Report(ReportEvent::ReportProgress { .. }) => {}
            WorkerEvent::Report(ReportEvent::ReportFinished { id: 2, result }) => {
                assert!(matches!(result, Ok(ReportState::Failed(_))), "{result:?}");
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

/// A sandbox whose reports never finish.
fn never_ready() -> SandboxOptions {
    SandboxOptions {
        report_polls_before_ready: 100_000,
        ..SandboxOptions::default()
    }
}

#[tokio::test]
async fn polling_stops_at_the_overall_timeout_naming_the_order() {
    let mut rig = rig(never_ready(), fast_polls(Duration::from_millis(200))).await;
    let order_no = rig.order(COMPANY, ReportFormat::Word).await;
    rig.send(Job::PollReport {
        id: 2,
        order_no: order_no.clone(),
    });
    let error = loop {
        match rig.next().await {
            WorkerEvent::Report(ReportEvent::ReportProgress { .. }) => {}
            WorkerEvent::Report(ReportEvent::ReportFinished {
                id: 2,
                result: Err(e),
            }) => break e,
            other => panic!("unexpected {other:?}"),
        }
    };
    assert!(error.message.contains(&order_no), "{error:?}");
    let advice = error.advice.unwrap_or_default();
    assert!(
        advice.contains(&format!("corpvet report-status {order_no}")),
        "{advice}"
    );
    assert_eq!(rig.sandbox.counters().requests("Report/CreateReport"), 1);
}

#[tokio::test]
async fn a_cancelled_poll_stops_asking_and_sends_nothing_more() {
    let mut rig = rig(never_ready(), fast_polls(Duration::from_secs(30))).await;
    let order_no = rig.order(COMPANY, ReportFormat::Pdf).await;
    rig.send(Job::PollReport { id: 2, order_no });
    assert!(matches!(
        rig.next().await,
        WorkerEvent::Report(ReportEvent::ReportProgress { id: 2, .. })
    ));
    rig.send(Job::Cancel { id: 2 });
    // Drain what was already on its way, then expect silence and no more status checks.
    while rig.silent_for(Duration::from_millis(100)).await.is_some() {}
    let asked = rig.sandbox.counters().requests("Report/GetReportInfo");
    assert_eq!(rig.silent_for(Duration::from_millis(200)).await, None);
    assert_eq!(
        rig.sandbox.counters().requests("Report/GetReportInfo"),
        asked
    );
}

/// A server that reads each request's head, then either hangs up or sends `reply`.
struct Stub {
    base_url: String,
    accepted: Arc<AtomicUsize>,
}

async fn stub(reply: Option<&'static [u8]>) -> Stub {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                if let Some(reply) = reply {
                    let _ = socket.write_all(reply).await;
                }
                // Dropping the socket hangs up.
            });
        }
    });
    Stub {
        base_url: format!("http://{addr}/api/yj"),
        accepted,
    }
}

fn stub_worker(stub: &Stub, poll: PollPolicy) -> WorkerHandle {
    spawn(
        services_at(stub.base_url.clone(), stub.base_url.clone()),
        RunnerOptions {
            download_dir: std::env::temp_dir(),
            poll,
            vet_max_pages: corpvet::service::vet::DEFAULT_MAX_PAGES,
            user: "ana".into(),
        },
    )
}

/// Poll `order_no` through `worker` and return the failure it must end in.
async fn poll_to_failure(worker: &mut WorkerHandle, order_no: &str) -> ErrorReport {
    worker
        .jobs
        .send(Job::PollReport {
            id: 1,
            order_no: order_no.into(),
        })
        .expect("send");
    let event = timeout(Duration::from_secs(10), worker.events.recv())
        .await
        .expect("an answer");
    match event {
        Some(WorkerEvent::Report(ReportEvent::ReportFinished {
            id: 1,
            result: Err(e),
        })) => e,
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn a_report_order_is_never_retried_when_the_connection_drops() {
    let stub = stub(None).await;
    let mut worker = stub_worker(&stub, PollPolicy::default());
    worker
        .jobs
        .send(Job::OrderReport {
            id: 1,
            keyword: COMPANY.into(),
            format: ReportFormat::Pdf,
            again: false,
        })
        .expect("send");
    // Even a cancel must not lose an order that may be billed: the answer still comes.
    worker.jobs.send(Job::Cancel { id: 1 }).expect("send");
    let event = timeout(Duration::from_secs(10), worker.events.recv())
        .await
        .expect("an answer");
    match event {
        Some(WorkerEvent::Report(ReportEvent::ReportOrdered {
            id: 1,
            result: Err(e),
        })) => assert!(
            e.retryable,
            "a dropped connection reads as retryable: {e:?}"
        ),
        other => panic!("unexpected {other:?}"),
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(stub.accepted.load(Ordering::SeqCst), 1, "sent exactly once");
}

#[tokio::test]
async fn polling_goes_on_through_dropped_connections_until_the_timeout() {
    let stub = stub(None).await;
    let mut worker = stub_worker(&stub, fast_polls(Duration::from_millis(300)));
    let e = poll_to_failure(&mut worker, "ORDER-42").await;
    assert!(e.message.contains("ORDER-42"), "{e:?}");
    assert!(e.message.contains("last check"), "{e:?}");
    assert!(stub.accepted.load(Ordering::SeqCst) > 1);
}

#[tokio::test]
async fn polling_stops_at_once_on_an_answer_that_is_not_retryable() {
    let garbage: &[u8] =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{oops";
    let stub = stub(Some(garbage)).await;
    let mut worker = stub_worker(&stub, fast_polls(Duration::from_secs(30)));
    let e = poll_to_failure(&mut worker, "ORDER-43").await;
    assert!(!e.retryable, "{e:?}");
    assert_eq!(stub.accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_export_replaces_the_file_whole() {
    let mut rig = rig(SandboxOptions::default(), PollPolicy::default()).await;
    let path = rig.downloads.path().join("exports").join("list.json");
    rig.send(Job::Export {
        path: path.clone(),
        contents: "[1,2,3]".into(),
    });
    assert_eq!(
        rig.next().await,
        WorkerEvent::Export(ExportEvent::Exported {
            path: path.clone(),
            result: Ok(())
        })
    );
    assert_eq!(std::fs::read_to_string(&path).expect("export"), "[1,2,3]");
}

/// A default sandbox and the settings that point at it.
async fn sandbox_settings() -> (Sandbox, ApiSettings) {
    let sandbox = Sandbox::start_with(0, SandboxOptions::default())
        .await
        .expect("sandbox");
    let settings = ApiSettings {
        qcc_base_url: sandbox.qcc_base_url(),
        juhe_base_url: sandbox.juhe_base_url(),
        ..ApiSettings::default()
    };
    (sandbox, settings)
}

/// A worker whose services keep answers in an in-memory store.
fn cached_rig(sandbox: Sandbox, settings: &ApiSettings) -> Rig {
    let cache = LookupCache::new(
        Arc::new(SqliteStore::in_memory().expect("store")),
        CachePolicy::default(),
        "sandbox",
        "sandbox",
    );
    let services =
        Services::new(Backend::for_sandbox_urls(settings).expect("clients")).with_cache(cache);
    let downloads = tempfile::tempdir().expect("tempdir");
    Rig {
        worker: spawn(
            Arc::new(services),
            RunnerOptions {
                download_dir: downloads.path().to_path_buf(),
                poll: PollPolicy::default(),
                vet_max_pages: corpvet::service::vet::DEFAULT_MAX_PAGES,
                user: "ana".into(),
            },
        ),
        sandbox,
        downloads,
    }
}

/// The explorer's `r`: a Normal fetch after an answer is served from the cache and says so,
/// a Refresh fetch calls the vendor again.
#[tokio::test]
async fn fetch_modes_reach_the_cache_and_answers_say_where_they_came_from() {
    let (sandbox, settings) = sandbox_settings().await;
    let mut rig = cached_rig(sandbox, &settings);
    let counters = rig.sandbox.counters();
    let calls = || -> u64 { counters.snapshot().values().map(|(n, _)| *n).sum() };
    let mut cached = Vec::new();
    let mut seen: Vec<u64> = Vec::new();
    for (id, mode) in [
        (1, FetchMode::Normal),
        (2, FetchMode::Normal),
        (3, FetchMode::Refresh),
    ] {
        rig.send(Job::Fetch {
            id,
            request: qualifications(CONTRACTOR),
            mode,
        });
        match rig.next().await {
            WorkerEvent::Lookup(LookupEvent::Fetched {
                id: got,
                result: Ok(_),
                freshness: Some(fresh),
            }) if got == id => cached.push(fresh.cached),
            other => panic!("unexpected {other:?}"),
        }
        seen.push(calls());
    }
    assert_eq!(
        cached,
        [false, true, false],
        "live, from the cache, refreshed"
    );
    assert_eq!(seen, [1, 1, 2], "the cached answer made no call");
}

/// 深圳 has 47 certificates; their details are billed one call each.
const MANY_CERTS: &str = "深圳市鹏科智联电子股份有限公司";

#[tokio::test(flavor = "multi_thread")]
async fn stopped_details_send_no_call_after_the_stop_and_report_every_call_sent() {
    use corpvet::api::qcc::endpoint::CERT_DETAIL;
    use corpvet::app::job::VetEvent;
    let (sandbox, settings) = sandbox_settings().await;
    // Four calls a second: the stop lands while most are still waiting for a slot.
    let services = Arc::new(
        Services::new(Backend::for_sandbox_urls(&settings).expect("clients"))
            .with_limiter(corpvet::service::limiter::RateLimiter::new(4.0, 1)),
    );
    let certificates = corpvet::service::vet::certificates(
        &services,
        MANY_CERTS,
        &corpvet::service::vet::VetOptions::default(),
    )
    .await
    .0
    .found()
    .expect("certificates")
    .items
    .clone();
    assert!(certificates.len() > 40);
    let downloads = tempfile::tempdir().unwrap();
    let mut worker = spawn(
        services,
        RunnerOptions {
            download_dir: downloads.path().to_path_buf(),
            poll: fast_polls(Duration::from_secs(1)),
            vet_max_pages: 5,
            user: "ana".into(),
        },
    );
    worker
        .jobs
        .send(Job::FetchDetails {
            id: 7,
            certificates: certificates.clone(),
        })
        .unwrap();
    let mut answered = 0;
    let mut stopped = false;
    let mut stopped_at = None;
    loop {
        let event = timeout(Duration::from_secs(20), worker.events.recv())
            .await
            .expect("an event")
            .expect("worker alive");
        match event {
            WorkerEvent::Vet(VetEvent::DetailFetched { id: 7, result, .. }) => {
                assert!(matches!(result, Ok((_, true))), "{result:?}");
                answered += 1;
                if answered == 3 && !stopped {
                    worker.jobs.send(Job::StopDetails { id: 7 }).unwrap();
                    stopped_at = Some(std::time::Instant::now());
                    stopped = true;
                }
            }
            WorkerEvent::Vet(VetEvent::DetailsDone { id: 7 }) => {
                // The rest end at once: none waits for a slot it will not use (at four a
                // second, the 40-odd left would take ten seconds).
                let after = stopped_at.expect("stopped").elapsed();
                assert!(
                    after < Duration::from_secs(3),
                    "done {after:?} after the stop"
                );
                break;
            }
            other => panic!("{other:?}"),
        }
    }
    let sent = sandbox.counters().requests(CERT_DETAIL);
    // Every call that left was answered and reported; the rest were never sent.
    assert_eq!(sent, answered as u64);
    assert!(answered < 3 + 4 + 1, "{answered} of {}", certificates.len());
    // Nothing more leaves afterwards.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sandbox.counters().requests(CERT_DETAIL), sent);
}

/// A certificate whose status was fetched before shows it when its list is answered again:
/// the worker reads the store after the list (no call) and sends what it holds.
#[tokio::test(flavor = "multi_thread")]
async fn a_listed_certificate_s_stored_status_follows_its_list_without_a_call() {
    use corpvet::api::qcc::endpoint::CERT_DETAIL;
    let (sandbox, settings) = sandbox_settings().await;
    let mut rig = cached_rig(sandbox, &settings);
    let list = corpvet::app::lookups::request_for(
        corpvet::app::state::Source::Certificates,
        MANY_CERTS,
        1,
    );
    rig.send(Job::Fetch {
        id: 1,
        request: list.clone(),
        mode: FetchMode::Normal,
    });
    let WorkerEvent::Lookup(LookupEvent::Fetched {
        result: Ok(Response::Certificates(page)),
        ..
    }) = rig.next().await
    else {
        panic!("no list")
    };
    let cert = page.items[0].id.clone();
    rig.fetched_ok(2, Request::CertificateDetail { id: cert.clone() })
        .await;
    let details = rig.sandbox.counters().requests(CERT_DETAIL);
    assert_eq!(details, 1);
    rig.send(Job::Fetch {
        id: 3,
        request: list,
        mode: FetchMode::Normal,
    });
    assert!(matches!(
        rig.next().await,
        WorkerEvent::Lookup(LookupEvent::Fetched { id: 3, .. })
    ));
    match rig.next().await {
        WorkerEvent::Lookup(LookupEvent::StoredDetails { details }) => {
            assert_eq!(details.len(), 1);
            assert_eq!(details[0].0, cert);
            assert!(details[0].2.cached);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        rig.sandbox.counters().requests(CERT_DETAIL),
        details,
        "no call"
    );
}
