//! Recent searches: what was looked up, where, and when.

use rusqlite::params;

use crate::store::{SearchHistory, SearchRecord, StoreError, MAX_SEARCHES};

use super::SqliteStore;

impl SearchHistory for SqliteStore {
    fn record_search(
        &self,
        keyword: &str,
        kind: &str,
        provider: Option<&str>,
        at: i64,
    ) -> Result<(), StoreError> {
        let keyword = keyword.trim();
        if keyword.is_empty() {
            return Ok(());
        }
        let conn = self.conn();
        conn.execute(
            "INSERT INTO searches (keyword, kind, provider, searched_at, by_user)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![keyword, kind, provider, at, self.user],
        )
        .map_err(|e| self.fail(e))?;
        let _ = conn.execute(
            "DELETE FROM searches WHERE id <= (SELECT MAX(id) FROM searches) - ?1",
            [MAX_SEARCHES],
        );
        Ok(())
    }

    /// The newest searches first, one line per keyword and kind.
    fn recent_searches(&self, limit: usize) -> Result<Vec<SearchRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT keyword, kind, MAX(provider), MAX(searched_at) AS last, COUNT(*),
                    (SELECT by_user FROM searches s WHERE s.keyword = searches.keyword
                     AND s.kind = searches.kind ORDER BY s.id DESC LIMIT 1)
                 FROM searches GROUP BY keyword, kind ORDER BY last DESC, MAX(id) DESC LIMIT ?1",
            )
            .map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok(SearchRecord {
                    keyword: r.get(0)?,
                    kind: r.get(1)?,
                    provider: r.get(2)?,
                    searched_at: r.get(3)?,
                    times: u64::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                    by: r.get(5)?,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.fail(e))?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests;
