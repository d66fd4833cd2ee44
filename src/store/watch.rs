//! The watchlist and the snapshot of each of its vets (JSON, newest last).

use serde::Serialize;

/// One watched company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchEntry {
    pub keyword: String,
    /// Unix seconds.
    pub added_at: i64,
    /// When it was last vetted, and the verdict level then.
    pub last_run: Option<i64>,
    pub last_level: Option<String>,
}

/// A stored snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSnapshot {
    pub taken_at: i64,
    pub level: String,
    /// The snapshot as JSON.
    pub snapshot: String,
}
