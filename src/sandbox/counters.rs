//! Per-endpoint request and billing counters, so tests can prove a client did not spend
//! more vendor calls than it needed.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

// Counter names: the vendor paths' last two segments, as the clients name them.
pub use crate::api::qcc::endpoint::{
    BUILDING, CERT_DETAIL, CERT_SEARCH, CREATE_REPORT, CUSTOMS, REPORT_INFO,
};
pub const JUHE: &str = "bqQualification/query";
pub const DOWNLOAD: &str = "rpt/retrieve";

/// Every endpoint the sandbox serves, in a stable order.
pub const ALL: [&str; 8] = [
    BUILDING,
    CERT_SEARCH,
    CERT_DETAIL,
    CUSTOMS,
    CREATE_REPORT,
    REPORT_INFO,
    JUHE,
    DOWNLOAD,
];

/// Shared counters; cloning is cheap and every clone sees the same numbers.
#[derive(Clone, Default, Debug)]
pub struct Counters(Arc<Mutex<BTreeMap<String, (u64, u64)>>>);

impl Counters {
    /// Counters with every endpoint present at zero, so snapshots have a fixed shape.
    pub(crate) fn for_all_endpoints() -> Counters {
        let counters = Counters::default();
        {
            let mut map = counters.lock();
            for name in ALL {
                map.insert(name.to_string(), (0, 0));
            }
        }
        counters
    }

    /// Successful, billed answers of `endpoint` (QCC 200/201, Juhe 0/265004).
    pub fn billed(&self, endpoint: &str) -> u64 {
        self.lock().get(endpoint).map_or(0, |c| c.1)
    }

    /// Every request that reached `endpoint`'s route, whatever the answer.
    pub fn requests(&self, endpoint: &str) -> u64 {
        self.lock().get(endpoint).map_or(0, |c| c.0)
    }

    /// Billed answers over all endpoints.
    pub fn billed_total(&self) -> u64 {
        self.lock().values().map(|c| c.1).sum()
    }

    /// endpoint → (requests, billed).
    pub fn snapshot(&self) -> BTreeMap<String, (u64, u64)> {
        self.lock().clone()
    }

    pub(crate) fn record_request(&self, endpoint: &str) {
        self.lock().entry(endpoint.to_string()).or_default().0 += 1;
    }

    pub(crate) fn record_billed(&self, endpoint: &str) {
        self.lock().entry(endpoint.to_string()).or_default().1 += 1;
    }

    /// A panic elsewhere must not take the counters down with it: ignore poisoning.
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, (u64, u64)>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests;
