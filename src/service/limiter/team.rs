//! The rate limit for everyone on the store (with the team database, every analyst of the
//! account): each call books its slot in the store's schedule, one per vendor, so twenty
//! analysts at 3 calls/s send 3 calls/s on the key, not 60. It comes after this process's
//! own limiter, which keeps a cancelled caller's slot for the next caller here.

use std::sync::Arc;
use std::time::Duration;

use crate::api::Vendor;
use crate::store::Store;

use super::RateLimiter;

#[derive(Debug, Clone)]
pub struct TeamRate {
    store: Arc<dyn Store>,
    interval_ms: i64,
    tolerance_ms: i64,
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl TeamRate {
    /// `limiter`'s rate and burst, kept in `store`.
    pub fn new(store: Arc<dyn Store>, limiter: &RateLimiter) -> TeamRate {
        TeamRate {
            store,
            interval_ms: millis(limiter.interval()),
            tolerance_ms: millis(limiter.tolerance()),
        }
    }

    /// Wait for this call's slot in the shared schedule. A store that cannot book one (it
    /// went away mid-run) leaves this process's own limit in force.
    pub async fn acquire(&self, vendor: Vendor) {
        let account = match vendor {
            Vendor::Qcc => "qcc",
            Vendor::Juhe => "juhe",
        };
        let (store, interval, tolerance) =
            (Arc::clone(&self.store), self.interval_ms, self.tolerance_ms);
        let booked =
            tokio::task::spawn_blocking(move || store.book_slot(account, interval, tolerance))
                .await;
        match booked {
            Ok(Ok(wait_ms)) if wait_ms > 0 => {
                tracing::debug!(wait_ms, "team rate limit: waiting for a slot");
                tokio::time::sleep(Duration::from_millis(wait_ms.unsigned_abs())).await;
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "team rate limit not booked"),
            Err(e) => tracing::warn!(error = %e, "team rate limit task failed"),
        }
    }
}
