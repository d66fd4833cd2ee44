//! Retrying transient faults with exponential back-off and jitter, a bounded number of
//! times. Only faults that say nothing was answered (a refused connection, an HTTP 5xx page
//! from a gateway, QCC 120 / Juhe 10011 traffic shaping) are retried; a timeout or a body
//! cut short may already have been billed and is not. Report orders never come here.

use std::future::Future;
use std::time::Duration;

use crate::api::{ApiError, StatusClass, TransportKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Extra attempts after the first (0 = never retry).
    pub max_retries: u32,
    /// The wait before the first retry; doubled each time.
    pub base_delay: Duration,
    /// No wait is longer than this.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// One attempt only.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry` (from 1): `base × 2^(retry−1)`, capped, then
    /// scaled by `0.5 + jitter / 2` (`jitter` in 0..1) so clients that failed together do
    /// not retry together.
    pub fn delay_for(&self, retry: u32, jitter: f64) -> Duration {
        let exp = retry.saturating_sub(1).min(30);
        let raw = self.base_delay.saturating_mul(1u32 << exp);
        let capped = raw.min(self.max_delay);
        let j = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            1.0
        };
        capped.mul_f64(0.5 + j / 2.0)
    }
}

/// Whether `e` is a fault worth trying again unchanged: the vendor never produced (or
/// billed) an answer.
pub fn is_transient(e: &ApiError) -> bool {
    match e {
        ApiError::Transport {
            kind: TransportKind::Connect,
            ..
        } => true,
        ApiError::Transport {
            kind: TransportKind::Http,
            detail,
        } => detail.starts_with("HTTP 5"),
        ApiError::Status { info, .. } => info.class == StatusClass::Throttled,
        _ => false,
    }
}

/// Run `call` until it succeeds, fails for good, or `policy` runs out of retries.
pub async fn with_retry<T, F, Fut>(
    policy: &RetryPolicy,
    what: &str,
    mut call: F,
) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let mut retry = 0u32;
    loop {
        match call().await {
            Err(e) if retry < policy.max_retries && is_transient(&e) => {
                retry += 1;
                let delay = policy.delay_for(retry, fastrand::f64());
                tracing::info!(
                    what,
                    retry,
                    of = policy.max_retries,
                    delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                    error = %e,
                    "transient fault; retrying"
                );
                tokio::time::sleep(delay).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests;
