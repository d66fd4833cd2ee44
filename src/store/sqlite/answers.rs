//! Answers already paid for, and queries the vendor told us not to repeat (status 110).

use rusqlite::{params, OptionalExtension};

use crate::store::{
    AnswerStore, CacheStats, EndpointStats, RateSchedule, StoreError, StoredAnswer,
};

use super::SqliteStore;

impl AnswerStore for SqliteStore {
    fn answer(&self, key: &str) -> Result<Option<StoredAnswer>, StoreError> {
        self.conn()
            .query_row(
                "SELECT fetched_at, no_result, payload, fetched_by FROM answers WHERE key = ?1",
                [key],
                |r| {
                    Ok(StoredAnswer {
                        fetched_at: r.get(0)?,
                        no_result: r.get::<_, i64>(1)? != 0,
                        payload: r.get(2)?,
                        fetched_by: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.fail(e))
    }

    fn put_answer(
        &self,
        key: &str,
        provider: &str,
        endpoint: &str,
        answer: &StoredAnswer,
    ) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO answers (key, provider, endpoint, fetched_at, no_result, payload,
                    fetched_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (key) DO UPDATE SET provider = excluded.provider,
                    endpoint = excluded.endpoint, fetched_at = excluded.fetched_at,
                    no_result = excluded.no_result, payload = excluded.payload,
                    fetched_by = excluded.fetched_by",
                params![
                    key,
                    provider,
                    endpoint,
                    answer.fetched_at,
                    i64::from(answer.no_result),
                    answer.payload,
                    self.user
                ],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    /// Forget every stored answer; returns how many there were. Orders, history and 110
    /// refusals are kept.
    fn clear_answers(&self) -> Result<u64, StoreError> {
        let conn = self.conn();
        let n = conn
            .execute("DELETE FROM answers", [])
            .map_err(|e| self.fail(e))?;
        // Give the space back; harmless if another process holds the file.
        let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;");
        Ok(n as u64)
    }

    fn stats(&self, now: i64) -> Result<CacheStats, StoreError> {
        let conn = self.conn();
        let (entries, no_result, oldest, newest, payload_bytes) = conn
            .query_row(
                "SELECT COUNT(*), COALESCE(SUM(no_result), 0), MIN(fetched_at), MAX(fetched_at),
                        COALESCE(SUM(LENGTH(CAST(payload AS BLOB))), 0)
                 FROM answers",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                },
            )
            .map_err(|e| self.fail(e))?;
        let mut stmt = conn
            .prepare(
                "SELECT provider, endpoint, COUNT(*), COALESCE(SUM(no_result), 0)
                 FROM answers GROUP BY provider, endpoint ORDER BY provider, endpoint",
            )
            .map_err(|e| self.fail(e))?;
        let by_endpoint = stmt
            .query_map([], |r| {
                Ok(EndpointStats {
                    provider: r.get(0)?,
                    endpoint: r.get(1)?,
                    entries: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                    no_result: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.fail(e))?;
        let cooldowns: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM cooldowns WHERE until > ?1",
                [now],
                |r| r.get(0),
            )
            .map_err(|e| self.fail(e))?;
        Ok(CacheStats {
            entries: u64::try_from(entries).unwrap_or(0),
            no_result: u64::try_from(no_result).unwrap_or(0),
            oldest,
            newest,
            payload_bytes: u64::try_from(payload_bytes).unwrap_or(0),
            by_endpoint,
            cooldowns: u64::try_from(cooldowns).unwrap_or(0),
        })
    }

    /// The refusal in force for `key` at `now`: (until, the vendor's message).
    fn cooldown(&self, key: &str, now: i64) -> Result<Option<(i64, String)>, StoreError> {
        self.conn()
            .query_row(
                "SELECT until, message FROM cooldowns WHERE key = ?1 AND until > ?2",
                params![key, now],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.fail(e))
    }

    fn put_cooldown(&self, key: &str, until: i64, message: &str) -> Result<(), StoreError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO cooldowns (key, until, message) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET until = excluded.until, message = excluded.message",
            params![key, until, message],
        )
        .map_err(|e| self.fail(e))?;
        let _ = conn.execute("DELETE FROM cooldowns WHERE until < ?1", [until - 86_400]);
        Ok(())
    }

    fn take_lease(
        &self,
        key: &str,
        holder: &str,
        now: i64,
        until: i64,
    ) -> Result<bool, StoreError> {
        self.conn()
            .execute(
                "INSERT INTO leases (key, holder, until) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, until = excluded.until
                 WHERE leases.until <= ?4 OR leases.holder = excluded.holder",
                params![key, holder, until, now],
            )
            .map(|n| n > 0)
            .map_err(|e| self.fail(e))
    }

    fn drop_lease(&self, key: &str, holder: &str) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "DELETE FROM leases WHERE key = ?1 AND holder = ?2",
                params![key, holder],
            )
            .map(drop)
            .map_err(|e| self.fail(e))
    }
}

impl RateSchedule for SqliteStore {
    fn book_slot(
        &self,
        account: &str,
        interval_ms: i64,
        tolerance_ms: i64,
    ) -> Result<i64, StoreError> {
        let now = chrono::Utc::now().timestamp_millis();
        // One statement: the row's update is atomic across the processes on the file.
        let tat: i64 = self
            .conn()
            .query_row(
                "INSERT INTO rate_limits (account, tat_ms) VALUES (?1, ?2 + ?3)
                 ON CONFLICT (account) DO UPDATE SET tat_ms = MAX(tat_ms, ?2) + ?3
                 RETURNING tat_ms",
                params![account, now, interval_ms],
                |r| r.get(0),
            )
            .map_err(|e| self.fail(e))?;
        Ok((tat - interval_ms - tolerance_ms - now).max(0))
    }
}
