//! Search history and the watchlist, in the team database: shared, so a colleague's
//! searches and watched companies are everyone's.

use crate::store::{
    SearchHistory, SearchRecord, StoreError, StoredSnapshot, WatchEntry, Watchlist, MAX_SEARCHES,
};

use postgres::types::Type;

use super::PgStore;

impl SearchHistory for PgStore {
    fn record_search(
        &self,
        keyword: &str,
        kind: &str,
        provider: Option<&str>,
        at: i64,
    ) -> Result<(), StoreError> {
        let keyword = keyword.trim().to_string();
        if keyword.is_empty() {
            return Ok(());
        }
        let (kind, provider) = (kind.to_string(), provider.map(str::to_string));
        let user = self.user.clone();
        self.call(move |c| {
            // One unprepared statement (one round trip): every lookup records its search.
            c.query_typed(
                "WITH added AS (
                    INSERT INTO searches (keyword, kind, provider, searched_at, by_user)
                    VALUES ($1, $2, $3, $4, $5) RETURNING id
                 )
                 DELETE FROM searches WHERE id <= (SELECT id FROM added) - $6",
                &[
                    (&keyword, Type::TEXT),
                    (&kind, Type::TEXT),
                    (&provider, Type::TEXT),
                    (&at, Type::INT8),
                    (&user, Type::TEXT),
                    (&MAX_SEARCHES, Type::INT8),
                ],
            )?;
            Ok(())
        })
    }

    fn recent_searches(&self, limit: usize) -> Result<Vec<SearchRecord>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.call(move |c| {
            let rows = c.query(
                "SELECT keyword, kind, MAX(provider), MAX(searched_at) AS last, COUNT(*),
                    (SELECT by_user FROM searches s WHERE s.keyword = searches.keyword
                     AND s.kind = searches.kind ORDER BY s.id DESC LIMIT 1)
                 FROM searches GROUP BY keyword, kind ORDER BY last DESC, MAX(id) DESC LIMIT $1",
                &[&limit],
            )?;
            Ok(rows
                .iter()
                .map(|r| SearchRecord {
                    keyword: r.get(0),
                    kind: r.get(1),
                    provider: r.get(2),
                    searched_at: r.get(3),
                    times: u64::try_from(r.get::<_, i64>(4)).unwrap_or(0),
                    by: r.get(5),
                })
                .collect())
        })
    }
}

impl Watchlist for PgStore {
    fn watch_add(&self, keyword: &str, now: i64) -> Result<bool, StoreError> {
        let keyword = keyword.trim().to_string();
        self.call(move |c| {
            c.execute(
                "INSERT INTO watchlist (keyword, added_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&keyword, &now],
            )
            .map(|n| n > 0)
        })
    }

    fn watch_remove(&self, keyword: &str) -> Result<bool, StoreError> {
        let keyword = keyword.trim().to_string();
        self.call(move |c| {
            let mut tx = c.transaction()?;
            let n = tx.execute("DELETE FROM watchlist WHERE keyword = $1", &[&keyword])?;
            tx.execute(
                "DELETE FROM watch_snapshots WHERE keyword = $1",
                &[&keyword],
            )?;
            tx.commit()?;
            Ok(n > 0)
        })
    }

    fn is_watched(&self, keyword: &str) -> Result<bool, StoreError> {
        let keyword = keyword.trim().to_string();
        self.call(move |c| {
            c.query_opt("SELECT 1 FROM watchlist WHERE keyword = $1", &[&keyword])
                .map(|r| r.is_some())
        })
    }

    fn watch_list(&self) -> Result<Vec<WatchEntry>, StoreError> {
        self.call(|c| {
            let rows = c.query(
                "SELECT w.keyword, w.added_at, s.taken_at, s.level FROM watchlist w
                 LEFT JOIN LATERAL (SELECT taken_at, level FROM watch_snapshots
                    WHERE keyword = w.keyword ORDER BY taken_at DESC, id DESC LIMIT 1) s ON TRUE
                 ORDER BY w.added_at, w.seq",
                &[],
            )?;
            Ok(rows
                .iter()
                .map(|r| WatchEntry {
                    keyword: r.get(0),
                    added_at: r.get(1),
                    last_run: r.get(2),
                    last_level: r.get(3),
                })
                .collect())
        })
    }

    fn save_snapshot(
        &self,
        keyword: &str,
        taken_at: i64,
        level: &str,
        snapshot: &str,
    ) -> Result<(), StoreError> {
        let (keyword, level, snapshot) = (
            keyword.trim().to_string(),
            level.to_string(),
            snapshot.to_string(),
        );
        self.call(move |c| {
            c.execute(
                "INSERT INTO watch_snapshots (keyword, taken_at, level, snapshot)
                 VALUES ($1, $2, $3, $4)",
                &[&keyword, &taken_at, &level, &snapshot],
            )
            .map(drop)
        })
    }

    fn last_snapshot(&self, keyword: &str) -> Result<Option<StoredSnapshot>, StoreError> {
        let keyword = keyword.trim().to_string();
        self.call(move |c| {
            let row = c.query_opt(
                "SELECT taken_at, level, snapshot FROM watch_snapshots WHERE keyword = $1
                 ORDER BY taken_at DESC, id DESC LIMIT 1",
                &[&keyword],
            )?;
            Ok(row.map(|r| StoredSnapshot {
                taken_at: r.get(0),
                level: r.get(1),
                snapshot: r.get(2),
            }))
        })
    }
}
