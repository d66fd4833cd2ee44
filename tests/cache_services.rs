//! The cost controls of `Services` against the in-process sandbox (its billing counters
//! tell how many calls were made) and two tiny misbehaving servers: a stored answer makes no
//! call, expiry and refresh make one, identical lookups in flight make one, paging back and
//! offline make none, a stale answer is offered when a retryable call fails, transient
//! faults are retried a bounded number of times, 110 is remembered, and a report order is
//! sent once even when the connection drops after it was sent.

use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use corpvet::api::qcc::{endpoint, CertQuery};
use corpvet::api::settings::ApiSettings;
use corpvet::api::{ApiError, StatusClass};
use corpvet::domain::qualification::Provider;
use corpvet::domain::report::ReportFormat;
use corpvet::sandbox::{Sandbox, SandboxOptions};
use corpvet::service::cache::{CachePolicy, FetchMode, LookupCache};
use corpvet::service::limiter::RateLimiter;
use corpvet::service::report::Order;
use corpvet::service::retry::RetryPolicy;
use corpvet::service::{Backend, Request, Response, Services};
use corpvet::store::{prelude::*, OrderState};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const MANY_CERTS: &str = "深圳市鹏科智联电子股份有限公司";
const NO_CUSTOMS: &str = "北京知行远咨询管理有限公司";
const TRADER: &str = "宁波甬舟泽汇进出口有限公司";
const SLOW: &str = "慢速响应测试有限公司";
const GATEWAY: &str = "网关故障测试有限公司";
const THROTTLED: &str = "流量限制测试有限公司";
const QUOTA: &str = "额度耗尽测试有限公司";
const JUHE_COUNTER: &str = "bqQualification/query";
const DAY: i64 = 86_400;

/// A clock tests can move.
#[derive(Clone)]
struct Clock(Arc<AtomicI64>);

impl Clock {
    fn new() -> Self {
        Clock(Arc::new(AtomicI64::new(1_800_000_000)))
    }
    fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
    fn read(&self) -> corpvet::service::cache::Clock {
        let c = Arc::clone(&self.0);
        Arc::new(move || c.load(Ordering::SeqCst))
    }
}

struct Rig {
    sandbox: Sandbox,
    services: Services,
    clock: Clock,
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

fn settings(qcc: String, juhe: String) -> ApiSettings {
    ApiSettings {
        qcc_base_url: qcc,
        juhe_base_url: juhe,
        ..ApiSettings::default()
    }
}

fn cached_services(settings: &ApiSettings, store: Arc<dyn Store>, clock: &Clock) -> Services {
    let cache = LookupCache::new(store, CachePolicy::default(), "sandbox", "sandbox")
        .with_clock(clock.read());
    Services::new(Backend::for_sandbox_urls(settings).unwrap()).with_cache(cache)
}

async fn rig_with(options: SandboxOptions) -> Rig {
    let sandbox = Sandbox::start_with(0, options).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("cache.sqlite3")).unwrap());
    let clock = Clock::new();
    let services = cached_services(
        &settings(sandbox.qcc_base_url(), sandbox.juhe_base_url()),
        store.clone(),
        &clock,
    );
    Rig {
        sandbox,
        services,
        clock,
        store,
        _dir: dir,
    }
}

async fn rig() -> Rig {
    rig_with(SandboxOptions::default()).await
}

fn certs(page: u32) -> CertQuery {
    CertQuery {
        page_index: page,
        ..CertQuery::new(MANY_CERTS)
    }
}

impl Rig {
    fn requests(&self, endpoint: &str) -> u64 {
        self.sandbox.counters().requests(endpoint)
    }
}

#[tokio::test]
async fn a_stored_answer_makes_no_call_and_says_so() {
    let r = rig().await;
    let (first, f1) = r
        .services
        .certificates_with(&certs(1), FetchMode::Normal)
        .await
        .unwrap();
    assert!(!f1.cached);
    let (again, f2) = r
        .services
        .certificates_with(&certs(1), FetchMode::Normal)
        .await
        .unwrap();
    assert_eq!(r.requests(endpoint::CERT_SEARCH), 1);
    assert!(f2.cached && !f2.stale);
    assert_eq!(f2.fetched_at, f1.fetched_at);
    assert_eq!(
        again, first,
        "the stored answer reads back as the same page"
    );
    // The plain methods and `run` use the cache too (the explorer's path).
    let response = r
        .services
        .run(&Request::Certificates {
            keyword: format!(" {MANY_CERTS} "),
            category: None,
            page: 1,
            page_size: 20,
            exact: true,
        })
        .await
        .unwrap();
    assert_eq!(response, Response::Certificates(first));
    assert_eq!(r.requests(endpoint::CERT_SEARCH), 1);
}

#[tokio::test]
async fn every_lookup_kind_is_stored_including_juhe_details_and_no_result() {
    let r = rig().await;
    for _ in 0..2 {
        r.services
            .qualifications("浙江华屹建设集团有限公司", Provider::Qcc, 1)
            .await
            .unwrap();
        r.services
            .qualifications("河南省建筑设计研究院有限公司", Provider::Juhe, 1)
            .await
            .unwrap();
        r.services.customs(TRADER, 1).await.unwrap();
        let empty = r.services.customs(NO_CUSTOMS, 1).await.unwrap();
        assert!(empty.items.is_empty());
    }
    let page = r.services.certificates(&certs(1)).await.unwrap();
    let id = page.items[0].id.clone();
    let d1 = r.services.certificate_detail(&id).await.unwrap();
    let d2 = r.services.certificate_detail(&id).await.unwrap();
    assert_eq!(d1, d2);
    for counter in [
        endpoint::BUILDING,
        JUHE_COUNTER,
        endpoint::CERT_DETAIL,
        endpoint::CERT_SEARCH,
    ] {
        assert_eq!(r.requests(counter), 1, "{counter}");
    }
    assert_eq!(r.requests(endpoint::CUSTOMS), 2, "one per company");
    let stats = r.store.stats(0).unwrap();
    assert_eq!((stats.entries, stats.no_result), (6, 1));
}

#[tokio::test]
async fn expiry_makes_one_call_and_no_result_expires_sooner() {
    let r = rig().await;
    let q = certs(1);
    let fetch = || r.services.certificates_with(&q, FetchMode::Normal);
    fetch().await.unwrap();
    r.clock.advance(DAY - 60);
    assert!(fetch().await.unwrap().1.cached);
    assert_eq!(r.requests(endpoint::CERT_SEARCH), 1);
    r.clock.advance(120);
    assert!(!fetch().await.unwrap().1.cached);
    assert_eq!(r.requests(endpoint::CERT_SEARCH), 2);

    r.services.customs(NO_CUSTOMS, 1).await.unwrap();
    r.clock.advance(5 * 3600);
    r.services.customs(NO_CUSTOMS, 1).await.unwrap();
    assert_eq!(r.requests(endpoint::CUSTOMS), 1, "no result keeps 6 h");
    r.clock.advance(3600 + 1);
    r.services.customs(NO_CUSTOMS, 1).await.unwrap();
    assert_eq!(r.requests(endpoint::CUSTOMS), 2);
}

#[tokio::test]
async fn refresh_makes_one_call_and_stores_the_new_answer() {
    let r = rig().await;
    r.services
        .certificates_with(&certs(1), FetchMode::Normal)
        .await
        .unwrap();
    r.clock.advance(100);
    let (_, fresh) = r
        .services
        .certificates_with(&certs(1), FetchMode::Refresh)
        .await
        .unwrap();
    assert!(!fresh.cached);
    assert_eq!(r.requests(endpoint::CERT_SEARCH), 2);
    let (_, again) = r
        .services
        .certificates_with(&certs(1), FetchMode::Normal)
        .await
        .unwrap();
    assert!(again.cached);
    assert_eq!(again.fetched_at, fresh.fetched_at);
    assert_eq!(r.requests(endpoint::CERT_SEARCH), 2);
}

#[tokio::test]
async fn identical_lookups_in_flight_share_one_call() {
    let r = rig_with(SandboxOptions {
        slow_delay: Duration::from_millis(300),
        ..SandboxOptions::default()
    })
    .await;
    let calls: Vec<_> = (0..6)
        .map(|_| r.services.customs_with(SLOW, 1, FetchMode::Normal))
        .collect();
    let results = futures_util::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(r.requests(endpoint::CUSTOMS), 1);
}

#[tokio::test]
async fn a_failure_in_flight_is_shared_too() {
    let (base, seen) = tiny_server(
        Some(r#"{"Status":"116","Message":"【无效请求】请求超过每日调用总量限制","Result":null}"#),
        Duration::from_millis(300),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("c.sqlite3")).unwrap());
    let services = cached_services(
        &settings(format!("{base}/api/yj"), base),
        store,
        &Clock::new(),
    );
    let calls: Vec<_> = (0..4)
        .map(|_| services.customs_with(TRADER, 1, FetchMode::Normal))
        .collect();
    let results = futures_util::future::join_all(calls).await;
    assert!(results
        .iter()
        .all(|res| matches!(res, Err(e) if e.vendor_code() == Some("116"))));
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn paging_back_makes_no_call() {
    let r = rig().await;
    for page in [1, 2, 3, 2, 1, 3] {
        r.services.certificates(&certs(page)).await.unwrap();
    }
    assert_eq!(r.requests(endpoint::CERT_SEARCH), 3);
}

#[tokio::test]
async fn offline_makes_no_call_and_names_what_is_missing() {
    let r = rig().await;
    let e = r
        .services
        .certificates_with(&certs(2), FetchMode::Offline)
        .await
        .unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, ApiError::InvalidInput { .. }), "{e:?}");
    assert!(
        text.contains("offline") && text.contains(MANY_CERTS) && text.contains("pageIndex=2"),
        "{text}"
    );
    r.services.certificates(&certs(2)).await.unwrap();
    r.clock.advance(30 * DAY);
    let (page, fresh) = r
        .services
        .certificates_with(&certs(2), FetchMode::Offline)
        .await
        .unwrap();
    assert_eq!(page.page, 2);
    assert!(
        fresh.cached && fresh.stale,
        "offline answers however old, marked stale"
    );
    assert_eq!(r.requests(endpoint::CERT_SEARCH), 1);
}

#[tokio::test]
async fn a_retryable_failure_offers_the_stale_answer_marked_stale() {
    let r = rig().await;
    r.services.certificates(&certs(1)).await.unwrap();
    r.clock.advance(2 * DAY);
    // The same store, but the vendor is unreachable now.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let down = cached_services(
        &settings(format!("http://{dead}/api/yj"), format!("http://{dead}")),
        Arc::clone(&r.store),
        &r.clock,
    );
    let (page, fresh) = down
        .certificates_with(&certs(1), FetchMode::Normal)
        .await
        .unwrap();
    assert!(!page.items.is_empty());
    assert!(fresh.cached && fresh.stale, "{fresh:?}");
    assert!(fresh.note.unwrap_or_default().contains("could not connect"));
    // With nothing stored, the failure is the answer.
    let e = down
        .certificates_with(&certs(3), FetchMode::Normal)
        .await
        .unwrap_err();
    assert!(e.retryable());
}

#[tokio::test]
async fn only_transient_faults_are_retried_and_only_a_few_times() {
    let sandbox = Sandbox::start_with(
        0,
        SandboxOptions {
            slow_delay: Duration::from_millis(600),
            ..SandboxOptions::default()
        },
    )
    .await
    .unwrap();
    let mut s = settings(sandbox.qcc_base_url(), sandbox.juhe_base_url());
    s.total_timeout = Duration::from_millis(200);
    let services = Services::new(Backend::for_sandbox_urls(&s).unwrap()).with_retry(RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
    });
    let counters = sandbox.counters();
    let count = || counters.requests(endpoint::CUSTOMS);

    let e = services.customs(GATEWAY, 1).await.unwrap_err();
    assert!(e.to_string().contains("502"), "{e}");
    assert_eq!(count(), 3, "HTTP 502: the first try and two retries");
    let e = services.customs(THROTTLED, 1).await.unwrap_err();
    assert_eq!(e.status_class(), Some(StatusClass::Throttled));
    assert_eq!(count(), 6, "QCC 120: retried too");
    let e = services.customs(SLOW, 1).await.unwrap_err();
    assert!(e.to_string().contains("timed out"), "{e}");
    assert_eq!(count(), 7, "a timeout may have been billed: not retried");
    // Last: a spent quota is about the account, and stops every later call (issue 12).
    services.customs(QUOTA, 1).await.unwrap_err();
    assert_eq!(count(), 8, "quota: never retried");
    let e = services.customs(GATEWAY, 1).await.unwrap_err();
    assert_eq!(e.vendor_code(), Some("116"), "the refusal, again: {e}");
    assert_eq!(count(), 8, "after an account refusal nothing more is sent");
}

#[tokio::test]
async fn the_rate_limiter_spaces_calls_out() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let s = settings(sandbox.qcc_base_url(), sandbox.juhe_base_url());
    let services = Services::new(Backend::for_sandbox_urls(&s).unwrap())
        .with_limiter(RateLimiter::new(20.0, 1));
    let started = Instant::now();
    for page in 1..=4 {
        services.certificates(&certs(page)).await.unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_millis(140),
        "{:?}",
        started.elapsed()
    );
}

/// A server that answers every request with `body` (or, with `None`, reads the request and
/// hangs up without answering). Counts the requests it read.
async fn tiny_server(body: Option<&'static str>, delay: Duration) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match sock.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                count.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(delay).await;
                if let Some(body) = body {
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = sock.write_all(reply.as_bytes()).await;
                }
                let _ = sock.shutdown().await;
            });
        }
    });
    (format!("http://{addr}"), seen)
}

#[tokio::test]
async fn status_110_is_remembered_and_the_query_refused_locally_for_two_hours() {
    let (base, seen) = tiny_server(
        Some(r#"{"Status":"110","Message":"【有效请求】当前相同查询连续出错，请等 2小时后重试","OrderNumber":"","Result":null}"#),
        Duration::ZERO,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open(&dir.path().join("c.sqlite3")).unwrap());
    let clock = Clock::new();
    let services = cached_services(
        &settings(format!("{base}/api/yj"), base.clone()),
        store,
        &clock,
    )
    .with_retry(RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
    });
    let e = services.customs(TRADER, 1).await.unwrap_err();
    assert_eq!(e.vendor_code(), Some("110"));
    assert_eq!(seen.load(Ordering::SeqCst), 1, "110 is not retried");
    clock.advance(3600);
    let e = services.customs(TRADER, 1).await.unwrap_err();
    let text = e.to_string();
    assert_eq!(e.vendor_code(), Some("110"));
    assert!(
        text.contains("refused locally") && text.contains("1 h 00 min"),
        "{text}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 1, "refused without a call");
    // Another query is not affected; after two hours the same one may be sent again.
    services.customs(TRADER, 2).await.unwrap_err();
    assert_eq!(seen.load(Ordering::SeqCst), 2);
    clock.advance(3600 + 1);
    services.customs(TRADER, 1).await.unwrap_err();
    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_report_order_is_sent_once_when_the_connection_drops_after_sending() {
    let (base, seen) = tiny_server(None, Duration::ZERO).await;
    let dir = tempfile::tempdir().unwrap();
    let state = Arc::new(SqliteStore::open(&dir.path().join("state.sqlite3")).unwrap());
    let services = Services::new(
        Backend::for_sandbox_urls(&settings(format!("{base}/api/yj"), base.clone())).unwrap(),
    )
    .with_retry(RetryPolicy {
        max_retries: 5,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
    })
    .with_limiter(RateLimiter::new(100.0, 1))
    .with_state(state.clone(), Duration::from_secs(3600));
    let e = services
        .order_report(MANY_CERTS, ReportFormat::Pdf, false)
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::Transport { .. }), "{e:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        seen.load(Ordering::SeqCst),
        1,
        "CreateReport is never repeated"
    );
    // The order was written down before sending and is now "unknown": it may be billed.
    let order = services
        .recent_order(MANY_CERTS, ReportFormat::Pdf)
        .await
        .expect("the order is on record");
    assert_eq!(order.state, OrderState::Unknown);
    assert_eq!(order.order_no, None);
    assert!(services
        .recent_order(MANY_CERTS, ReportFormat::Word)
        .await
        .is_none());
    // For comparison, a lookup against the same server is retried (it is a read).
    let _ = services.customs(TRADER, 1).await;
    assert!(seen.load(Ordering::SeqCst) >= 2);
}

#[tokio::test]
async fn report_orders_are_recorded_and_follow_their_polls() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let state = Arc::new(SqliteStore::open(&dir.path().join("state.sqlite3")).unwrap());
    let services = Services::new(
        Backend::for_sandbox_urls(&settings(sandbox.qcc_base_url(), sandbox.juhe_base_url()))
            .unwrap(),
    )
    .with_state(state.clone(), Duration::from_secs(3600));
    let Order::Placed { order_no: order } = services
        .order_report(MANY_CERTS, ReportFormat::Word, false)
        .await
        .unwrap()
    else {
        panic!("nothing stood: a new order is placed");
    };
    let rec = services
        .recent_order(MANY_CERTS, ReportFormat::Word)
        .await
        .unwrap();
    assert_eq!(
        (rec.state, rec.order_no.as_deref()),
        (OrderState::Ordered, Some(order.as_str()))
    );
    let mut ready = false;
    for _ in 0..10 {
        if services
            .report_status(&order, false)
            .await
            .unwrap()
            .is_terminal()
        {
            ready = true;
            break;
        }
    }
    assert!(ready);
    let rec = state.orders(5).unwrap().remove(0);
    assert_eq!(rec.state, OrderState::Ready);
    assert!(rec.report_url.unwrap_or_default().contains("retrieve"));
    assert_eq!(sandbox.counters().billed(endpoint::CREATE_REPORT), 1);
}
