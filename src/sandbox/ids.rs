//! Random identifiers in the vendors' formats. No `rand` crate: std's randomly keyed hasher
//! over a counter and the clock is plenty for ids that only need to be unguessable-ish and
//! unique within one process.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    RandomState::new().hash_one((COUNTER.fetch_add(1, Ordering::Relaxed), nanos))
}

/// `len` lower-case hex digits.
pub fn hex(len: usize) -> String {
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        out.push_str(&format!("{:016x}", random_u64()));
    }
    out.truncate(len);
    out
}

/// `OrderNumber` as in the documents' examples: the controller name upper-cased, the local
/// time `yyyyMMddHHmmss`, then eight random digits
/// (`BUILDINGQUALIFICATIONCHECK2021060117543926403772`).
pub fn order_number(controller: &str) -> String {
    format!(
        "{}{}{:08}",
        controller.to_ascii_uppercase(),
        chrono::Local::now().format("%Y%m%d%H%M%S"),
        random_u64() % 100_000_000
    )
}

#[cfg(test)]
mod tests;
