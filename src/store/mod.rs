//! What corpvet keeps between runs, behind one trait: answers already paid for, remembered
//! 110 refusals, recent searches, the report-order ledger and the watchlist. The service
//! layer talks to `dyn Store`; [`SqliteStore`] (one embedded file) is the implementation
//! today, and a shared team database can be another without touching the use cases.
//!
//! Each write lands whole or not at all. Nothing here ever sees a key or secret.

mod answers;
mod history;
mod orders;
pub mod postgres;
mod spend;
pub mod sqlite;
mod watch;

use std::fmt::Debug;

pub use answers::{CacheStats, EndpointStats, StoredAnswer};
pub use history::{SearchRecord, MAX_SEARCHES};
pub use orders::{Claim, OrderRecord, OrderState};
pub use postgres::PgStore;
pub use spend::{over_budget, Budget, CallRecord, Limits, Outcome, Reserved, Settled};
pub use sqlite::SqliteStore;
pub use watch::{StoredSnapshot, WatchEntry};

/// A store that cannot be opened or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the store {location}: {detail}")]
pub struct StoreError {
    /// A file's path, or a database's address without its password.
    pub location: String,
    pub detail: String,
}

/// Everything a store keeps. Calls block briefly: from async code run them with
/// `spawn_blocking`. A store is opened for one user (`with_user`), whose name it writes on
/// the answers, searches and orders it records.
pub trait Store:
    AnswerStore
    + SearchHistory
    + OrderLedger
    + Identities
    + Watchlist
    + RateSchedule
    + SpendLedger
    + Debug
    + Send
    + Sync
{
    /// Where it lives, for messages (`corpvet cache stats`): a path or a database address
    /// without its password.
    fn location(&self) -> String;
    /// Bytes it takes on this machine's disk (0 when it is elsewhere or in memory).
    fn size_on_disk(&self) -> u64;
    /// Which backend it is and the schema version it holds (`corpvet store status`).
    fn status(&self) -> Result<StoreStatus, StoreError>;
}

/// What `corpvet store status` says of a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreStatus {
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    pub schema_version: i64,
    /// The database server's own version, for a server.
    pub server_version: Option<String>,
    /// How the connection to a server is protected (`TLSv1.3`); none: plain text.
    pub encryption: Option<String>,
}

/// Answers already paid for, and queries the vendor told us not to repeat (status 110).
pub trait AnswerStore {
    fn answer(&self, key: &str) -> Result<Option<StoredAnswer>, StoreError>;
    fn put_answer(
        &self,
        key: &str,
        provider: &str,
        endpoint: &str,
        answer: &StoredAnswer,
    ) -> Result<(), StoreError>;
    /// Forget every stored answer; returns how many there were. Orders, history and 110
    /// refusals are kept.
    fn clear_answers(&self) -> Result<u64, StoreError>;
    fn stats(&self, now: i64) -> Result<CacheStats, StoreError>;
    /// The refusal in force for `key` at `now`: (until, the vendor's message).
    fn cooldown(&self, key: &str, now: i64) -> Result<Option<(i64, String)>, StoreError>;
    fn put_cooldown(&self, key: &str, until: i64, message: &str) -> Result<(), StoreError>;
    /// Take the lease on calling the vendor for `key` until `until` for `holder`: true when
    /// taken (no lease stood, it had run out by `now`, or `holder` held it already), false
    /// while another holder's stands. One call per question across processes and machines;
    /// a crashed holder's lease runs out, so nobody waits for ever.
    fn take_lease(&self, key: &str, holder: &str, now: i64, until: i64)
        -> Result<bool, StoreError>;
    /// Give the lease back (only `holder`'s).
    fn drop_lease(&self, key: &str, holder: &str) -> Result<(), StoreError>;
}

/// Recent searches: what was looked up, where, and when.
pub trait SearchHistory {
    fn record_search(
        &self,
        keyword: &str,
        kind: &str,
        provider: Option<&str>,
        at: i64,
    ) -> Result<(), StoreError>;
    /// The newest searches first, one line per keyword and kind.
    fn recent_searches(&self, limit: usize) -> Result<Vec<SearchRecord>, StoreError>;
}

/// Report orders: written down before the billed call is sent and updated after, so an
/// order is never lost (its number can always be polled) and never placed twice by accident.
pub trait OrderLedger {
    /// Companies are matched by identity (see [`Identities`]): an order for a name tied to
    /// a credit code stands for the code and for every name tied to it.
    ///
    /// Write the order down before the call; returns its row id.
    fn begin_order(&self, company: &str, format: &str, at: i64) -> Result<i64, StoreError>;
    /// The order standing for `company` and `format` since `since`, or, when none does, a
    /// new row written down as being sent (its id): checked and written as one step, so two
    /// processes asking at once get one row between them.
    fn claim_order(
        &self,
        company: &str,
        format: &str,
        since: i64,
        at: i64,
    ) -> Result<Claim, StoreError>;
    /// The vendor accepted the order.
    fn order_placed(&self, id: i64, order_no: &str, at: i64) -> Result<(), StoreError>;
    /// The call failed: `Failed` when the vendor refused it, `Unknown` when it may have been
    /// placed (the connection broke after sending).
    fn order_failed(
        &self,
        id: i64,
        state: OrderState,
        note: &str,
        at: i64,
    ) -> Result<(), StoreError>;
    /// A poll answered: move every row with this order number to `state`.
    fn order_progress(
        &self,
        order_no: &str,
        state: OrderState,
        report_url: Option<&str>,
        note: Option<&str>,
        at: i64,
    ) -> Result<(), StoreError>;
    /// The report of `order_no` was saved at `file`.
    fn order_file(&self, order_no: &str, file: &str, at: i64) -> Result<(), StoreError>;
    /// The newest order for `company` and `format` placed since `since` that may stand
    /// (anything but a refused or failed one).
    fn recent_order(
        &self,
        company: &str,
        format: &str,
        since: i64,
    ) -> Result<Option<OrderRecord>, StoreError>;
    /// The newest orders first.
    fn orders(&self, limit: usize) -> Result<Vec<OrderRecord>, StoreError>;
}

/// Which spellings are one company: names tied to the credit code a vendor's answer gave
/// them (a certificate detail names its holder and the holder's code). The order ledger
/// reads a company through it, so the reuse window holds across name and code.
pub trait Identities {
    /// `alias` (a name in the one spelling of `keyword::normalise`) is the company whose
    /// credit code is `code`. A later tie of the same name replaces an earlier one.
    fn tie(&self, alias: &str, code: &str, at: i64) -> Result<(), StoreError>;
    /// The credit code `alias` is tied to, if any.
    fn identity(&self, alias: &str) -> Result<Option<String>, StoreError>;
}

/// One rate limit for every process on the store: with the team database, the whole team
/// on one vendor account (GCRA: one call per interval after a burst).
pub trait RateSchedule {
    /// Book `account`'s next call slot on a schedule of one call per `interval_ms`, running
    /// at most `tolerance_ms` ahead (the burst); returns how long to wait for it, in ms (0:
    /// now). Times are the store's own (the database server's clock for the team), so the
    /// machines' clocks need not agree. A slot booked is used or lost: a caller stopped
    /// while it waits does not give it back to the others.
    fn book_slot(
        &self,
        account: &str,
        interval_ms: i64,
        tolerance_ms: i64,
    ) -> Result<i64, StoreError>;
}

/// Every question asked of a vendor, sent or saved, and what the sent ones cost.
pub trait SpendLedger {
    /// Record `call`, under this store's user.
    fn record_call(&self, call: &CallRecord) -> Result<(), StoreError>;
    /// The calls recorded at or after `since` and before `until`, oldest first.
    fn calls(&self, since: i64, until: i64) -> Result<Vec<CallRecord>, StoreError>;
    /// Before a call is sent: in one step for every process on the store, check `limits`
    /// against what `call.mode` spent and, within them, write `call` (sent, billable, at
    /// its price: a call that dies unsettled still counts).
    fn reserve_call(&self, call: &CallRecord, limits: &Limits) -> Result<Reserved, StoreError>;
    /// After the call: what it came to; `None`: it never reached the vendor (the row goes).
    fn settle_call(&self, id: i64, settled: Option<&Settled>) -> Result<(), StoreError>;
}

/// The watchlist and the last vet of each watched company.
pub trait Watchlist {
    /// Watch `keyword` (trimmed). False when it was already watched.
    fn watch_add(&self, keyword: &str, now: i64) -> Result<bool, StoreError>;
    /// Stop watching `keyword` and forget its snapshots. False when it was not watched.
    fn watch_remove(&self, keyword: &str) -> Result<bool, StoreError>;
    /// Whether `keyword` is watched.
    fn is_watched(&self, keyword: &str) -> Result<bool, StoreError>;
    /// Every watched company, in the order added, with its last run.
    fn watch_list(&self) -> Result<Vec<WatchEntry>, StoreError>;
    /// Keep a snapshot of a vet of `keyword`.
    fn save_snapshot(
        &self,
        keyword: &str,
        taken_at: i64,
        level: &str,
        snapshot: &str,
    ) -> Result<(), StoreError>;
    /// The newest snapshot of `keyword`.
    fn last_snapshot(&self, keyword: &str) -> Result<Option<StoredSnapshot>, StoreError>;
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The traits (for their methods) and the embedded implementation, in one import.
pub mod prelude {
    pub use super::{
        AnswerStore, Identities, OrderLedger, RateSchedule, SearchHistory, SpendLedger,
        SqliteStore, Store, Watchlist,
    };
}
