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
