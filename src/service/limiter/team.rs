//! The rate limit for everyone on the store (with the team database, every analyst of the
//! account): each call books its slot in the store's schedule, one per vendor, so twenty
//! analysts at 3 calls/s send 3 calls/s on the key, not 60. It comes after this process's
//! own limiter, which keeps a cancelled caller's slot for the next caller here.

use std::sync::Arc;
use std::time::Duration;

use crate::api::{ApiError, Vendor};
use crate::service::cache::without_team_store;
use crate::store::Store;

use super::RateLimiter;

#[derive(Debug, Clone)]
pub struct TeamRate {
    store: Arc<dyn Store>,
    interval_ms: i64,
    tolerance_ms: i64,
    /// No call leaves without its booked slot (`store.on_unavailable = "refuse"`).
    required: bool,
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl TeamRate {
    /// `limiter`'s rate and burst, kept in `store`; `required`: a call whose slot cannot
    /// be booked is not sent.
    pub fn new(store: Arc<dyn Store>, limiter: &RateLimiter, required: bool) -> TeamRate {
        TeamRate {
            store,
            interval_ms: millis(limiter.interval()),
            tolerance_ms: millis(limiter.tolerance()),
            required,
        }
    }

    /// Wait for this call's slot in the shared schedule. A store that cannot book one (it
    /// went away mid-run) refuses the call when the store is required (the call's answer
    /// could not be shared either, so a colleague would pay for it again), else leaves this
    /// process's own limit in force.
    pub async fn acquire(&self, vendor: Vendor) -> Result<(), ApiError> {
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
            Ok(Err(e)) if self.required => {
                return Err(ApiError::store_unavailable(without_team_store(&e)))
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "team rate limit not booked"),
            Err(e) => tracing::warn!(error = %e, "team rate limit task failed"),
        }
        Ok(())
    }
}
