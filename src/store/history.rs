//! Recent searches: what was looked up, where, and when.

use serde::Serialize;

/// At most this many searches are kept.
pub const MAX_SEARCHES: i64 = 1000;

/// One search (the latest of its keyword and kind when listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchRecord {
    pub keyword: String,
    /// `building`, `certs`, `customs`, `cert`.
    pub kind: String,
    pub provider: Option<String>,
    /// Unix seconds.
    pub searched_at: i64,
    /// How many times it was searched in the kept history.
    pub times: u64,
    /// Who searched it last (`[user] name`), when it was recorded.
    pub by: Option<String>,
}
