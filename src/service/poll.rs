//! Polling a report order until it is ready: back-off between status checks and an overall
//! time limit; the CLI and the explorer poll through this one loop. A status check is not a billed order, so transient faults
//! are simply polled through; the order itself is never repeated here.

use std::time::Duration;

use tokio::time::Instant;

use crate::api::ApiError;
use crate::domain::report::ReportState;

use super::services::Services;

/// How often and for how long to ask about an order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollPolicy {
    /// Wait after the first status check.
    pub first_delay: Duration,
    /// Each following wait is this many times the previous one (values below 1 read as 1).
    pub factor: f64,
    /// No wait is longer than this.
    pub max_delay: Duration,
    /// Give up (and tell the user how to resume) after this long.
    pub overall_timeout: Duration,
}

impl Default for PollPolicy {
    /// QCC builds a report in seconds to minutes: check often at first, then settle at
    /// one check every ten seconds, for ten minutes at most.
    fn default() -> Self {
        PollPolicy {
            first_delay: Duration::from_secs(1),
            factor: 1.6,
            max_delay: Duration::from_secs(10),
            overall_timeout: Duration::from_secs(10 * 60),
        }
    }
}

impl PollPolicy {
    /// The wait after status check number `poll_number` (counted from 1; 0 reads as 1):
    /// `first_delay × factor^(poll_number − 1)`, capped at `max_delay`.
    pub fn delay_for(&self, poll_number: u32) -> Duration {
        let exponent = poll_number.saturating_sub(1).min(1_000) as i32;
        let factor = if self.factor.is_finite() && self.factor > 1.0 {
            self.factor
        } else {
            1.0
        };
        let secs = self.first_delay.as_secs_f64() * factor.powi(exponent);
        let capped = secs.min(self.max_delay.as_secs_f64());
        Duration::try_from_secs_f64(capped).unwrap_or(self.max_delay)
    }
}

/// One status check of an order that did not finish it.
#[derive(Debug, Clone, PartialEq)]
pub struct PollProgress {
    /// The state the vendor reported, or why this check failed (polling goes on).
    pub state: Result<ReportState, String>,
    /// Status checks made so far, failed ones included.
    pub polls: u32,
    pub elapsed: Duration,
}

/// Ask about `order_no` until it is ready or failed (`Ok`), or a non-retryable error or the
/// overall timeout (`Err`). `on_progress` hears every check that did not finish it. To stop
/// polling, drop (or abort) the future: between checks it only sleeps.
pub async fn poll_report(
    services: &Services,
    order_no: &str,
    policy: &PollPolicy,
    mut on_progress: impl FnMut(PollProgress),
) -> Result<ReportState, ApiError> {
    let started = Instant::now();
    let mut polls: u32 = 0;
    loop {
        polls = polls.saturating_add(1);
        let answer = services.report_status(order_no, false).await;
        let elapsed = started.elapsed();
        // What went wrong with this check, if anything: the timeout message repeats it.
        let last_error = match answer {
            Ok(state) if state.is_terminal() => {
                tracing::info!(
                    order_no,
                    polls,
                    state = state.code(),
                    "report order finished"
                );
                return Ok(state);
            }
            Ok(state) => {
                on_progress(PollProgress {
                    state: Ok(state),
                    polls,
                    elapsed,
                });
                None
            }
            Err(e) if e.retryable() => {
                tracing::warn!(order_no, polls, error = %e, "report status check failed; polling on");
                on_progress(PollProgress {
                    state: Err(e.to_string()),
                    polls,
                    elapsed,
                });
                Some(e.to_string())
            }
            Err(e) => {
                tracing::warn!(order_no, polls, error = %e, "report status check refused; polling stops");
                return Err(e);
            }
        };
        let remaining = policy.overall_timeout.saturating_sub(elapsed);
        if remaining.is_zero() {
            return Err(timed_out(order_no, polls, elapsed, last_error));
        }
        // The last wait is cut short so one final check lands on the deadline.
        tokio::time::sleep(policy.delay_for(polls).min(remaining)).await;
    }
}

/// The order is placed (and billed) but not ready in time: say which order and how to pick
/// it up later, instead of ordering again.
fn timed_out(
    order_no: &str,
    polls: u32,
    elapsed: Duration,
    last_error: Option<String>,
) -> ApiError {
    tracing::warn!(order_no, polls, "report polling timed out");
    let mut message = format!(
        "report order {order_no} was not ready after {} ({polls} status checks)",
        human_duration(elapsed)
    );
    if let Some(e) = last_error {
        message.push_str(&format!("; last check: {e}"));
    }
    ApiError::NotReady {
        order_no: order_no.to_string(),
        detail: message,
    }
}

/// `42s`, `3m 05s`.
fn human_duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs < 60 {
        format!("{secs}s")
    } else {
        format!("{}m {:02}s", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests;
