//! Repairing a damaged store file (issue 12, point 7). A file that is not a database, is
//! truncated or fails SQLite's integrity check is moved aside (never deleted), a fresh one
//! made in its place, and what can still be read copied across, the order ledger first: it
//! is what stops a report being ordered twice. The outcome says what was kept and what was
//! lost, table by table.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{schema, SqliteStore};
use crate::store::StoreError;

/// The tables worth keeping, most precious first, with what each holds.
const TABLES: [(&str, &str); 8] = [
    ("orders", "report orders (the ledger)"),
    ("calls", "the spend ledger (calls sent and saved)"),
    (
        "identities",
        "names tied to credit codes (the ledger's companies)",
    ),
    ("watchlist", "watched companies"),
    ("watch_snapshots", "watch snapshots"),
    ("searches", "search history"),
    ("cooldowns", "remembered 110 refusals"),
    ("answers", "stored answers"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Repair {
    /// No file yet: nothing to repair.
    Missing,
    /// The file opens and passes the integrity check.
    Healthy,
    /// Written by a newer corpvet: not damaged, not touched.
    Newer { version: i64 },
    /// Moved aside and rebuilt.
    Rebuilt {
        kept_aside: PathBuf,
        tables: Vec<Salvaged>,
    },
}

/// One table of a rebuilt file: the rows copied, or why none could be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Salvaged {
    pub table: &'static str,
    pub holds: &'static str,
    pub rows: Option<usize>,
    pub lost: Option<String>,
}

/// Check the store file at `path` and rebuild it when it is damaged.
pub fn repair(path: &Path) -> Result<Repair, StoreError> {
    let err = |detail: String| StoreError {
        location: path.display().to_string(),
        detail,
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Repair::Missing),
        Err(e) => return Err(err(e.to_string())),
    };
    if meta.is_file() {
        if let Some(version) = newer_version(path) {
            return Ok(Repair::Newer { version });
        }
        if healthy(path) {
            return Ok(Repair::Healthy);
        }
    }
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let aside = PathBuf::from(format!("{}.broken-{stamp}", path.display()));
    std::fs::rename(path, &aside)
        .map_err(|e| err(format!("cannot move the damaged file aside: {e}")))?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        let _ = std::fs::rename(&side, format!("{}{suffix}", aside.display()));
    }
    let fresh = SqliteStore::open(path)?;
    let tables = if meta.is_file() {
        salvage(&fresh, &aside)
    } else {
        lost_all("it was not a file")
    };
    Ok(Repair::Rebuilt {
        kept_aside: aside,
        tables,
    })
}

/// The file's schema version when it is newer than this binary's.
fn newer_version(path: &Path) -> Option<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .ok()?;
    (v > schema::VERSION).then_some(v)
}

/// Opens as a store and SQLite finds nothing wrong in it.
fn healthy(path: &Path) -> bool {
    let Ok(store) = SqliteStore::open(path) else {
        return false;
    };
    let answer: Result<String, _> = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0));
    answer.is_ok_and(|a| a == "ok")
}

fn lost_all(why: &str) -> Vec<Salvaged> {
    TABLES
        .iter()
        .map(|(table, holds)| Salvaged {
            table,
            holds,
            rows: None,
            lost: Some(why.to_string()),
        })
        .collect()
}

/// Copy every table that still reads from the damaged file into the fresh store.
fn salvage(fresh: &SqliteStore, damaged: &Path) -> Vec<Salvaged> {
    let conn = fresh.conn();
    let attached = conn.execute(
        "ATTACH DATABASE ?1 AS damaged",
        [damaged.to_string_lossy().as_ref()],
    );
    if let Err(e) = attached {
        return lost_all(&format!("the damaged file cannot be read: {e}"));
    }
    let tables = TABLES
        .iter()
        .map(|(table, holds)| {
            let copied = shared_columns(&conn, table).and_then(|columns| {
                conn.execute(
                    &format!(
                        "INSERT OR IGNORE INTO main.{table} ({columns})
                         SELECT {columns} FROM damaged.{table}"
                    ),
                    [],
                )
            });
            match copied {
                Ok(rows) => Salvaged {
                    table,
                    holds,
                    rows: Some(rows),
                    lost: None,
                },
                Err(e) => Salvaged {
                    table,
                    holds,
                    rows: None,
                    lost: Some(e.to_string()),
                },
            }
        })
        .collect();
    let _ = conn.execute("DETACH DATABASE damaged", []);
    tables
}

/// The columns `table` has in both files, as a list for SQL: a file an older corpvet wrote
/// lacks the newer ones, which stay empty in the copy.
fn shared_columns(conn: &Connection, table: &str) -> rusqlite::Result<String> {
    let names = |schema: &str| -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1, ?2)")?;
        let names = stmt.query_map([table, schema], |r| r.get(0))?;
        names.collect()
    };
    let damaged = names("damaged")?;
    let shared: Vec<String> = names("main")?
        .into_iter()
        .filter(|c| damaged.contains(c))
        .collect();
    if shared.is_empty() {
        return Err(rusqlite::Error::QueryReturnedNoRows);
    }
    Ok(shared.join(", "))
}

#[cfg(test)]
mod tests;
