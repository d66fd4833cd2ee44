use super::*;

#[test]
fn no_rate_means_no_limiter() {
    assert!(RateLimiter::new(0.0, 1).is_none());
    assert!(RateLimiter::new(f64::NAN, 1).is_none());
    assert_eq!(
        RateLimiter::new(4.0, 1).unwrap().interval(),
        Duration::from_millis(250)
    );
}

#[tokio::test]
async fn a_burst_passes_then_calls_are_spaced() {
    let l = RateLimiter::new(50.0, 3).unwrap();
    let start = Instant::now();
    for _ in 0..3 {
        assert_eq!(l.acquire().await, Duration::ZERO);
    }
    l.acquire().await;
    l.acquire().await;
    assert!(
        start.elapsed() >= Duration::from_millis(39),
        "{:?}",
        start.elapsed()
    );
    tokio::time::sleep(Duration::from_millis(120)).await;
    assert_eq!(l.acquire().await, Duration::ZERO, "an idle limiter refills");
}

/// Issue 12, point 9: a call cancelled while it waits gives its slot back, so replaced
/// searches do not push the next real one further and further out.
#[tokio::test]
async fn a_cancelled_waiter_gives_its_slot_back() {
    // One call every 20 ms.
    let l = RateLimiter::new(50.0, 1).unwrap();
    assert_eq!(l.acquire().await, Duration::ZERO);
    // Sixty calls that are each replaced (dropped) while they wait for a slot.
    for _ in 0..60 {
        let waiting = l.acquire();
        let _ = tokio::time::timeout(Duration::from_millis(1), waiting).await;
    }
    // The next real call waits for the next free slot (20 ms at most), not 60 slots (1.2 s).
    let waited = l.acquire().await;
    assert!(waited <= Duration::from_millis(100), "{waited:?}");
}
