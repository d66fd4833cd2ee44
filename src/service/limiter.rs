//! A client-side rate limiter for vendor calls (GCRA, the virtual-scheduling form of a token
//! bucket): up to `burst` calls at once, then one every `1 / rate` seconds. Callers that
//! arrive in a burst each reserve the next free slot and wait for it, in order. A caller
//! dropped while it waits (a cancelled search) gives its slot back, and the next caller
//! takes it: the schedule of slots never changes, only who uses them.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug)]
pub struct RateLimiter {
    interval: Duration,
    /// How far ahead of now the schedule may run before callers wait.
    tolerance: Duration,
    schedule: Mutex<Schedule>,
}

#[derive(Debug, Default)]
struct Schedule {
    /// The theoretical arrival time of the next call.
    next: Option<Instant>,
    /// Slots (the times they were allowed at) given back by callers dropped while waiting.
    returned: Vec<Instant>,
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
            schedule: Mutex::new(Schedule::default()),
        })
    }

    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// How far ahead of now the schedule may run (the burst).
    pub fn tolerance(&self) -> Duration {
        self.tolerance
    }

    /// Wait for this call's slot. Returns how long it waited.
    pub async fn acquire(&self) -> Duration {
        let wait_until = {
            let mut schedule = self.lock();
            let now = Instant::now();
            // A slot given back and already past is gone: its time was not used.
            schedule.returned.retain(|slot| *slot > now);
            match take_earliest(&mut schedule.returned) {
                Some(slot) => slot.max(now),
                None => {
                    let tat = schedule.next.map_or(now, |t| t.max(now));
                    schedule.next = Some(tat + self.interval);
                    tat.checked_sub(self.tolerance).unwrap_or(now).max(now)
                }
            }
        };
        let waited = wait_until.saturating_duration_since(Instant::now());
        if !waited.is_zero() {
            tracing::debug!(
                wait_ms = u64::try_from(waited.as_millis()).unwrap_or(u64::MAX),
                "rate limit: waiting for a slot"
            );
            // Gives the slot back if this future is dropped before it is reached.
            let mut held = Held {
                limiter: self,
                slot: Some(wait_until),
            };
            tokio::time::sleep_until(wait_until).await;
            held.slot = None;
        }
        waited
    }

    fn lock(&self) -> MutexGuard<'_, Schedule> {
        // No await happens under this lock, and no panic can leave it half-updated.
        self.schedule.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A slot being waited for; dropped before it is reached, it goes back to the schedule.
struct Held<'a> {
    limiter: &'a RateLimiter,
    slot: Option<Instant>,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        if let Some(slot) = self.slot.take() {
            self.limiter.lock().returned.push(slot);
        }
    }
}

/// The earliest slot given back, taken out of the list.
fn take_earliest(returned: &mut Vec<Instant>) -> Option<Instant> {
    let (i, _) = returned.iter().enumerate().min_by_key(|(_, t)| **t)?;
    Some(returned.swap_remove(i))
}

mod team;
pub use team::TeamRate;

#[cfg(test)]
mod tests;
