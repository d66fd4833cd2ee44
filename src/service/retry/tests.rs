use super::*;
use crate::api::status::{lookup, Vendor};
use std::sync::atomic::{AtomicU32, Ordering};

fn status(code: &str) -> ApiError {
    let info = *lookup(Vendor::Qcc, code).unwrap();
    ApiError::Status {
        info,
        message: String::new(),
    }
}

#[test]
fn only_faults_without_an_answer_are_transient() {
    assert!(is_transient(&ApiError::transport(
        TransportKind::Connect,
        "refused"
    )));
    assert!(is_transient(&ApiError::transport(
        TransportKind::Http,
        "HTTP 502 (nginx)"
    )));
    assert!(!is_transient(&ApiError::transport(
        TransportKind::Http,
        "HTTP 404"
    )));
    assert!(!is_transient(&ApiError::transport(
        TransportKind::Timeout,
        "x"
    )));
    assert!(!is_transient(&ApiError::transport(
        TransportKind::Body,
        "x"
    )));
    assert!(!is_transient(&ApiError::transport(
        TransportKind::Decode,
        "x"
    )));
    assert!(is_transient(&status("120")));
    for code in ["110", "116", "107", "201", "199"] {
        assert!(!is_transient(&status(code)), "{code}");
    }
}

#[test]
fn delays_double_with_jitter_and_cap() {
    let p = RetryPolicy {
        max_retries: 5,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_millis(350),
    };
    assert_eq!(p.delay_for(1, 1.0), Duration::from_millis(100));
    assert_eq!(p.delay_for(1, 0.0), Duration::from_millis(50));
    assert_eq!(p.delay_for(2, 1.0), Duration::from_millis(200));
    assert_eq!(p.delay_for(3, 1.0), Duration::from_millis(350));
    assert_eq!(p.delay_for(99, 1.0), Duration::from_millis(350));
}

#[tokio::test]
async fn retries_are_bounded_and_stop_at_a_final_answer() {
    let p = RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(2),
    };
    let n = AtomicU32::new(0);
    let r: Result<(), _> = with_retry(&p, "t", || async {
        n.fetch_add(1, Ordering::SeqCst);
        Err(ApiError::transport(TransportKind::Connect, "refused"))
    })
    .await;
    assert!(r.is_err());
    assert_eq!(n.load(Ordering::SeqCst), 3);
    n.store(0, Ordering::SeqCst);
    let r: Result<(), _> = with_retry(&p, "t", || async {
        n.fetch_add(1, Ordering::SeqCst);
        Err(status("116"))
    })
    .await;
    assert!(r.is_err());
    assert_eq!(n.load(Ordering::SeqCst), 1);
}
