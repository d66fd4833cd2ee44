//! The watchlist and the snapshot of each of its vets (JSON, newest last).

use rusqlite::{params, OptionalExtension};

use crate::store::{StoreError, StoredSnapshot, WatchEntry, Watchlist};

use super::SqliteStore;

impl Watchlist for SqliteStore {
    /// Watch `keyword` (trimmed). False when it was already watched.
    fn watch_add(&self, keyword: &str, now: i64) -> Result<bool, StoreError> {
        self.conn()
            .execute(
                "INSERT OR IGNORE INTO watchlist (keyword, added_at) VALUES (?1, ?2)",
                params![keyword.trim(), now],
            )
            .map(|n| n > 0)
            .map_err(|e| self.fail(e))
    }

    /// Stop watching `keyword` and forget its snapshots. False when it was not watched.
    fn watch_remove(&self, keyword: &str) -> Result<bool, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| self.fail(e))?;
        let n = tx
            .execute("DELETE FROM watchlist WHERE keyword = ?1", [keyword.trim()])
            .map_err(|e| self.fail(e))?;
        tx.execute(
            "DELETE FROM watch_snapshots WHERE keyword = ?1",
            [keyword.trim()],
        )
        .map_err(|e| self.fail(e))?;
        tx.commit().map_err(|e| self.fail(e))?;
        Ok(n > 0)
    }

    /// Whether `keyword` is watched.
    fn is_watched(&self, keyword: &str) -> Result<bool, StoreError> {
        self.conn()
            .query_row(
                "SELECT 1 FROM watchlist WHERE keyword = ?1",
                [keyword.trim()],
                |_| Ok(()),
            )
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.fail(e))
    }

    /// Every watched company, in the order added, with its last run.
    fn watch_list(&self) -> Result<Vec<WatchEntry>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT w.keyword, w.added_at, s.taken_at, s.level FROM watchlist w
                 LEFT JOIN watch_snapshots s ON s.id =
                   (SELECT id FROM watch_snapshots WHERE keyword = w.keyword
                    ORDER BY taken_at DESC, id DESC LIMIT 1)
                 ORDER BY w.added_at, w.rowid",
            )
            .map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(WatchEntry {
                    keyword: r.get(0)?,
                    added_at: r.get(1)?,
                    last_run: r.get(2)?,
                    last_level: r.get(3)?,
                })
            })
            .map_err(|e| self.fail(e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(e))
    }

    /// Keep a snapshot of a vet of `keyword`.
    fn save_snapshot(
        &self,
        keyword: &str,
        taken_at: i64,
        level: &str,
        snapshot: &str,
    ) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO watch_snapshots (keyword, taken_at, level, snapshot)
                 VALUES (?1, ?2, ?3, ?4)",
                params![keyword.trim(), taken_at, level, snapshot],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    /// The newest snapshot of `keyword`.
    fn last_snapshot(&self, keyword: &str) -> Result<Option<StoredSnapshot>, StoreError> {
        self.conn()
            .query_row(
                "SELECT taken_at, level, snapshot FROM watch_snapshots WHERE keyword = ?1
                 ORDER BY taken_at DESC, id DESC LIMIT 1",
                [keyword.trim()],
                |r| {
                    Ok(StoredSnapshot {
                        taken_at: r.get(0)?,
                        level: r.get(1)?,
                        snapshot: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.fail(e))
    }
}

#[cfg(test)]
mod tests;
