//! The embedded store: one SQLite file (rusqlite, bundled) holding answers already paid
//! for, remembered 110 refusals, recent searches and report orders.
//!
//! The CLI opens two: the answers cache in the per-user cache folder (safe to delete) and
//! the state (history and orders) in the per-user state folder. Each write is one SQLite
//! transaction, so it lands whole or not at all; WAL mode and a busy timeout let the
//! explorer and a script use the same file at once. Nothing here ever sees a key or secret.

mod answers;
mod history;
mod orders;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;

pub use answers::{CacheStats, EndpointStats, StoredAnswer};
pub use history::SearchRecord;
pub use orders::{OrderRecord, OrderState};
pub use watch::{StoredSnapshot, WatchEntry};

/// How long a writer waits for another process's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// SQLite's page cache, negative meaning KiB (SQLite's own default is -2000).
const PAGE_CACHE_KIB: i64 = -256;

const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS answers (
    key        TEXT PRIMARY KEY,
    provider   TEXT NOT NULL,
    endpoint   TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    no_result  INTEGER NOT NULL,
    payload    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cooldowns (
    key     TEXT PRIMARY KEY,
    until   INTEGER NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS searches (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    keyword     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    provider    TEXT,
    searched_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS searches_by_time ON searches (searched_at);
CREATE TABLE IF NOT EXISTS orders (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    company    TEXT NOT NULL,
    format     TEXT NOT NULL,
    order_no   TEXT,
    state      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    report_url TEXT,
    file       TEXT,
    note       TEXT
);
CREATE INDEX IF NOT EXISTS orders_by_company ON orders (company, format, created_at);
CREATE TABLE IF NOT EXISTS watchlist (
    keyword  TEXT PRIMARY KEY,
    added_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS watch_snapshots (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    keyword  TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    level    TEXT NOT NULL,
    snapshot TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS watch_snapshots_by_keyword ON watch_snapshots (keyword, taken_at);
";

/// A store that cannot be opened or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the store {}: {detail}", .path.display())]
pub struct StoreError {
    pub path: PathBuf,
    pub detail: String,
}

/// One SQLite file. Cheap to share behind an `Arc`; calls block briefly (use
/// `spawn_blocking` from async code).
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl Store {
    /// Open (creating the file, its folder and the tables when new).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let err = |detail: String| StoreError {
            path: path.to_path_buf(),
            detail,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::config::paths::create_private_dir(dir)
                .map_err(|e| err(format!("cannot create the folder: {e}")))?;
        }
        let conn = Connection::open(path).map_err(|e| err(e.to_string()))?;
        Self::prepare(conn, path.to_path_buf())
    }

    /// A throwaway store (tests, `cache.enabled = false`).
    pub fn in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().map_err(|e| StoreError {
            path: PathBuf::from(":memory:"),
            detail: e.to_string(),
        })?;
        Self::prepare(conn, PathBuf::from(":memory:"))
    }

    fn prepare(conn: Connection, path: PathBuf) -> Result<Store, StoreError> {
        let err = |e: rusqlite::Error| StoreError {
            path: path.clone(),
            detail: e.to_string(),
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        // WAL: readers never block the writer, and a crash mid-write leaves the last
        // committed state. The pragma answers with the mode now in force.
        let _mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        // Each answer is read whole, once per lookup: a page cache (2 MB by default) would
        // only keep the last large answer's pages resident.
        conn.pragma_update(None, "cache_size", PAGE_CACHE_KIB)
            .map_err(err)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError {
                path,
                detail: format!(
                    "written by a newer corpvet (schema {version}, this one knows {SCHEMA_VERSION})"
                ),
            });
        }
        conn.execute_batch(SCHEMA).map_err(err)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(err)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic mid-call cannot leave SQLite half-written (transactions roll back).
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn fail(&self, e: rusqlite::Error) -> StoreError {
        StoreError {
            path: self.path.clone(),
            detail: e.to_string(),
        }
    }

    /// Bytes on disk (the database and its WAL), 0 in memory.
    pub fn size_on_disk(&self) -> u64 {
        let wal = {
            let mut p = self.path.clone().into_os_string();
            p.push("-wal");
            PathBuf::from(p)
        };
        [self.path.as_path(), wal.as_path()]
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum()
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
