//! The embedded store: one SQLite file (rusqlite, bundled). The CLI and the explorer open
//! two: the answers cache in the per-user cache folder (safe to delete) and the state
//! (history, orders, watchlist) in the per-user state folder. Each write is one SQLite
//! transaction; WAL mode and a busy timeout let the explorer and a script use the same file
//! at once. The schema is versioned: [`migrate`] brings an older file up in place, and a file
//! written by a newer corpvet is refused, never rewritten.

mod answers;
mod history;
mod identities;
mod orders;
pub mod repair;
mod schema;
mod spend;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;

use super::{Store, StoreError, StoreStatus};

/// How long a writer waits for another process's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// SQLite's page cache, negative meaning KiB (SQLite's own default is -2000).
const PAGE_CACHE_KIB: i64 = -256;

/// One SQLite file. Cheap to share behind an `Arc`; calls block briefly (use
/// `spawn_blocking` from async code).
#[derive(Debug)]
pub struct SqliteStore {
    conn: Mutex<Connection>,
    path: PathBuf,
    /// Written on what this store records (none: nobody named).
    user: Option<String>,
}

/// SQLite's "the file is busy / locked" answers.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl SqliteStore {
    /// Open (creating the file, its folder and the tables when new).
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let err = |detail: String| StoreError {
            location: path.display().to_string(),
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
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        let conn = Connection::open_in_memory().map_err(|e| StoreError {
            location: ":memory:".to_string(),
            detail: e.to_string(),
        })?;
        Self::prepare(conn, PathBuf::from(":memory:"))
    }

    fn prepare(mut conn: Connection, path: PathBuf) -> Result<SqliteStore, StoreError> {
        let err = |e: rusqlite::Error| StoreError {
            location: path.display().to_string(),
            detail: e.to_string(),
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        // WAL: readers never block the writer, and a crash mid-write leaves the last
        // committed state. The pragma answers with the mode now in force. Switching a new
        // file needs it to itself for a moment, and SQLite answers "locked" at once (no busy
        // wait) when another process opens it at the same time: try again, bounded.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
                Ok(_) => break,
                Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                Err(e) => return Err(err(e)),
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        // Each answer is read whole, once per lookup: a page cache (2 MB by default) would
        // only keep the last large answer's pages resident.
        conn.pragma_update(None, "cache_size", PAGE_CACHE_KIB)
            .map_err(err)?;
        schema::migrate(&mut conn).map_err(|detail| StoreError {
            location: path.display().to_string(),
            detail,
        })?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            path,
            user: None,
        })
    }

    /// Record `user` on the answers, searches and orders written from now on.
    pub fn with_user(mut self, user: impl Into<String>) -> Self {
        self.user = Some(user.into());
        self
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
            location: self.path.display().to_string(),
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

impl Store for SqliteStore {
    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn size_on_disk(&self) -> u64 {
        SqliteStore::size_on_disk(self)
    }

    fn status(&self) -> Result<StoreStatus, StoreError> {
        let schema_version = self
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.fail(e))?;
        Ok(StoreStatus {
            backend: "sqlite",
            schema_version,
            server_version: None,
            encryption: None,
        })
    }
}
