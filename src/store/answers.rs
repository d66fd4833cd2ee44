//! Answers already paid for, and queries the vendor told us not to repeat (status 110).

use serde::Serialize;

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    /// Unix seconds.
    pub fetched_at: i64,
    /// A "no result" answer (kept for a shorter time).
    pub no_result: bool,
    /// The vendor's answer, as JSON.
    pub payload: String,
    /// Who fetched it (`[user] name`): read back from the store, which writes its own user.
    pub fetched_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointStats {
    pub provider: String,
    pub endpoint: String,
    pub entries: u64,
    pub no_result: u64,
}

/// What `corpvet cache stats` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CacheStats {
    pub entries: u64,
    pub no_result: u64,
    /// Unix seconds of the oldest and newest answers.
    pub oldest: Option<i64>,
    pub newest: Option<i64>,
    pub payload_bytes: u64,
    pub by_endpoint: Vec<EndpointStats>,
    /// Queries refused locally for now (QCC 110).
    pub cooldowns: u64,
}
