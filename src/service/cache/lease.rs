//! One billed call per question across processes, and with the team database across
//! machines: before calling, a process takes the store's lease on the question; the others
//! wait for the answer it stores (polling, since the store is all they share). A lease runs
//! out after `store.lease_secs` ([`LEASE_DEFAULT`] by default), so a holder that crashed or was
//! stopped blocks nobody for long.

use std::sync::Arc;
use std::time::Duration;

use crate::store::{Store, StoredAnswer};

use super::LookupCache;

/// Longer than any call with its retries takes; a holder gone silent is given up after it.
pub const LEASE_DEFAULT: Duration = Duration::from_secs(60);
/// How often a waiter looks for the holder's answer.
const POLL: Duration = Duration::from_millis(200);

/// Whose turn it is to call.
pub(super) enum Turn {
    /// This process calls; the lease (if the store gave one) goes back when dropped.
    Mine(Option<LeaseGuard>),
    /// Another process called meanwhile and stored this answer.
    Answered(StoredAnswer),
    /// The store is required (the team database, `store.on_unavailable = "refuse"`) and
    /// cannot be reached: nothing is sent.
    Refused(String),
}

/// Why nothing is looked up while the team database cannot be reached.
pub fn without_team_store(e: &impl std::fmt::Display) -> String {
    format!(
        "{e}. Nothing is looked up without the team database: it is what stops an answer a \
         colleague already has being paid for again"
    )
}

/// Gives the lease back however the call ends (an answer, an error, a stop).
pub(super) struct LeaseGuard {
    store: Arc<dyn Store>,
    key: String,
    holder: String,
}

impl Drop for LeaseGuard {
    fn drop(&mut self) {
        let (store, key, holder) = (
            Arc::clone(&self.store),
            std::mem::take(&mut self.key),
            std::mem::take(&mut self.holder),
        );
        let give_back = move || {
            if let Err(e) = store.drop_lease(&key, &holder) {
                tracing::warn!(error = %e, "could not give a lease back; it runs out by itself");
            }
        };
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => drop(rt.spawn_blocking(give_back)),
            Err(_) => give_back(),
        }
    }
}

/// Who holds leases from this process: its id and a random part (two processes may share
/// a pid over time, or across machines).
pub(super) fn holder_id() -> String {
    format!("{}-{:016x}", std::process::id(), fastrand::u64(..))
}

impl LookupCache {
    /// Wait for this process's turn to call for `key`, or for an answer another process
    /// stored that `accept` takes. With `wanted_new` (a refresh) only an answer stored while
    /// this one waited will do; else one stored just before the lease was taken does too. A
    /// store that fails is no reason not to call, unless it is required.
    pub(super) async fn turn(
        &self,
        key: &str,
        wanted_new: bool,
        accept: impl Fn(&StoredAnswer) -> bool,
    ) -> Turn {
        if !self.policy.enabled {
            return Turn::Mine(None);
        }
        let lease_secs = i64::try_from(self.lease.as_secs()).unwrap_or(60).max(1);
        let give_up = tokio::time::Instant::now() + self.lease * 2;
        let mut waited = false;
        loop {
            let now = (self.clock)();
            let (k, holder) = (key.to_string(), self.holder.clone());
            let taken = self
                .blocking(move |s| s.take_lease(&k, &holder, now, now + lease_secs))
                .await;
            match taken {
                Some(Ok(true)) => {
                    let lease = LeaseGuard {
                        store: Arc::clone(&self.store),
                        key: key.to_string(),
                        holder: self.holder.clone(),
                    };
                    // The holder before may have stored its answer just before giving back.
                    if wanted_new && !waited {
                        return Turn::Mine(Some(lease));
                    }
                    return match self.stored(key).await.filter(&accept) {
                        Some(answer) => Turn::Answered(answer),
                        None => Turn::Mine(Some(lease)),
                    };
                }
                Some(Ok(false)) => {}
                Some(Err(e)) if self.require_store => return Turn::Refused(without_team_store(&e)),
                Some(Err(e)) => {
                    tracing::warn!(error = %e, "lease not taken; calling anyway");
                    return Turn::Mine(None);
                }
                None => return Turn::Mine(None),
            }
            if let Some(answer) = self.stored(key).await.filter(&accept) {
                tracing::debug!("answered by another process's call");
                return Turn::Answered(answer);
            }
            if tokio::time::Instant::now() > give_up {
                return Turn::Mine(None);
            }
            waited = true;
            tokio::time::sleep(POLL).await;
        }
    }
}
