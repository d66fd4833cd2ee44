use std::time::Duration;

use super::live::LiveJobs;
use super::Throttle;

#[test]
fn throttle_lets_the_first_and_forced_events_through() {
    let mut t = Throttle::new(Duration::from_secs(3600));
    assert!(t.ready(false));
    assert!(!t.ready(false));
    assert!(t.ready(true));
    let mut every = Throttle::new(Duration::ZERO);
    assert!(every.ready(false) && every.ready(false));
}

/// Waits (bounded) until `live` holds `n` jobs.
async fn settles_at(live: &LiveJobs, n: usize) {
    for _ in 0..200 {
        if live.len() == n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(live.len(), n);
}

#[tokio::test]
async fn a_finished_job_removes_only_its_own_entry() {
    let live = LiveJobs::default();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    live.spawn(7, async {});
    settles_at(&live, 0).await;
    // A newer job under the same id outlives an older one that ends.
    live.spawn(7, async move {
        let _ = rx.await;
    });
    settles_at(&live, 1).await;
    drop(tx);
    settles_at(&live, 0).await;
    assert!(!live.abort(7), "a finished id aborts nothing");
}

#[tokio::test]
async fn reusing_an_id_aborts_the_older_job_and_abort_stops_it() {
    let live = LiveJobs::default();
    let (older_tx, older_rx) = tokio::sync::oneshot::channel::<()>();
    live.spawn(1, async move {
        std::future::pending::<()>().await;
        drop(older_tx);
    });
    live.spawn(1, std::future::pending());
    // The older task was aborted: its future (and the sender it holds) is dropped.
    assert!(older_rx.await.is_err());
    assert!(live.abort(1));
    settles_at(&live, 0).await;
}
