//! The file's schema, as numbered migrations. `PRAGMA user_version` records how far a file
//! has come; opening applies the missing steps in one transaction each, so an older file is
//! upgraded in place (its answers, orders and watchlist kept) and a half-applied step is
//! never left behind. A file from a newer corpvet is refused: this binary cannot know what
//! that schema means.

use rusqlite::{Connection, TransactionBehavior};

/// Step `i` brings a file from version `i` to `i + 1`. Released steps are never edited;
/// a change is a new step at the end.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema (files written before versioning already hold these tables).
    "

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
",
    // 2: names tied to credit codes, so the order ledger knows one company by every
    // spelling (issue 12, point 8).
    "
CREATE TABLE IF NOT EXISTS identities (
    alias TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    tied_at INTEGER NOT NULL
);
",
    // 3: leases on calling the vendor, so processes asking one question at once make one
    // billed call (issue 13).
    "
CREATE TABLE IF NOT EXISTS leases (
    key    TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  INTEGER NOT NULL
);
",
    // 4: who fetched, searched and ordered (issue 13).
    "
ALTER TABLE answers ADD COLUMN fetched_by TEXT;
ALTER TABLE searches ADD COLUMN by_user TEXT;
ALTER TABLE orders ADD COLUMN by_user TEXT;
",
    // 5: one rate limit for the processes sharing the file.
    "
CREATE TABLE IF NOT EXISTS rate_limits (
    account TEXT PRIMARY KEY,
    tat_ms  INTEGER NOT NULL
);
",
    // 6: the spend ledger (issue 14).
    "
CREATE TABLE IF NOT EXISTS calls (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    by_user      TEXT,
    mode         TEXT NOT NULL,
    vendor       TEXT NOT NULL,
    endpoint     TEXT NOT NULL,
    company      TEXT NOT NULL,
    params       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    status       TEXT,
    order_number TEXT,
    billable     INTEGER NOT NULL,
    price_fen    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_by_time ON calls (at);
",
];

/// The version this binary writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring `conn`'s file up to [`VERSION`], or say why it cannot be.
pub fn migrate(conn: &mut Connection) -> Result<(), String> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if version > VERSION {
        return Err(format!(
            "written by a newer corpvet (schema {version}, this one knows {VERSION}): \
             upgrade corpvet, or point it at another file"
        ));
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        let to = step as i64 + 1;
        // IMMEDIATE takes the write lock first (waiting the busy timeout for another
        // process's upgrade), and the version is read again under it: a deferred
        // transaction would read, then fail at once when another process had written.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| format!("cannot upgrade the schema to version {to}: {e}"))?;
        let now: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if now >= to {
            continue;
        }
        tx.execute_batch(sql)
            .and_then(|()| tx.pragma_update(None, "user_version", to))
            .and_then(|()| tx.commit())
            .map_err(|e| format!("cannot upgrade the schema to version {to}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
