//! A client-side rate limiter for vendor calls (GCRA, the virtual-scheduling form of a token
//! bucket): up to `burst` calls at once, then one every `1 / rate` seconds. Callers that
//! arrive in a burst each reserve the next free slot and wait for it, in order.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

#[derive(Debug)]
pub struct RateLimiter {
    interval: Duration,
    /// How far ahead of now the schedule may run before callers wait.
    tolerance: Duration,
    /// The theoretical arrival time of the next call.
    next: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// `per_sec` calls per second after a burst of `burst`; `None` when `per_sec` is not a
    /// positive number (no limit).
    pub fn new(per_sec: f64, burst: u32) -> Option<RateLimiter> {
        if !(per_sec.is_finite() && per_sec > 0.0) {
            return None;
        }
        let interval = Duration::try_from_secs_f64(1.0 / per_sec).ok()?;
        Some(RateLimiter {
            interval,
            tolerance: interval.saturating_mul(burst.max(1) - 1),
            next: Mutex::new(None),
        })
    }

    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// Wait for this call's slot. Returns how long it waited.
    pub async fn acquire(&self) -> Duration {
        let wait_until = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let tat = next.map_or(now, |t| t.max(now));
            let allowed_at = tat.checked_sub(self.tolerance).unwrap_or(now).max(now);
            *next = Some(tat + self.interval);
            allowed_at
        };
        let waited = wait_until.saturating_duration_since(Instant::now());
        if !waited.is_zero() {
            tracing::debug!(
                wait_ms = u64::try_from(waited.as_millis()).unwrap_or(u64::MAX),
                "rate limit: waiting for a slot"
            );
            tokio::time::sleep_until(wait_until).await;
        }
        waited
    }
}

#[cfg(test)]
mod tests;
