//! Answers already paid for, and 110 refusals, in the team database.

use crate::store::{
    AnswerStore, CacheStats, EndpointStats, RateSchedule, StoreError, StoredAnswer,
};

use postgres::types::Type;

use super::PgStore;

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl AnswerStore for PgStore {
    fn answer(&self, key: &str) -> Result<Option<StoredAnswer>, StoreError> {
        let key = key.to_string();
        self.call(move |c| {
            // Unprepared, one round trip: this is every cached lookup.
            let row = c.query_typed_opt(
                "SELECT fetched_at, no_result, payload, fetched_by FROM answers WHERE key = $1",
                &[(&key, Type::TEXT)],
            )?;
            Ok(row.map(|r| StoredAnswer {
                fetched_at: r.get(0),
                no_result: r.get(1),
                payload: r.get(2),
                fetched_by: r.get(3),
            }))
        })
    }

    fn put_answer(
        &self,
        key: &str,
        provider: &str,
        endpoint: &str,
        answer: &StoredAnswer,
    ) -> Result<(), StoreError> {
        let (key, provider, endpoint) =
            (key.to_string(), provider.to_string(), endpoint.to_string());
        let (answer, user) = (answer.clone(), self.user.clone());
        self.call(move |c| {
            c.execute(
                "INSERT INTO answers (key, provider, endpoint, fetched_at, no_result, payload,
                    fetched_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (key) DO UPDATE SET provider = excluded.provider,
                    endpoint = excluded.endpoint, fetched_at = excluded.fetched_at,
                    no_result = excluded.no_result, payload = excluded.payload,
                    fetched_by = excluded.fetched_by",
                &[
                    &key,
                    &provider,
                    &endpoint,
                    &answer.fetched_at,
                    &answer.no_result,
                    &answer.payload,
                    &user,
                ],
            )
            .map(drop)
        })
    }

    fn clear_answers(&self) -> Result<u64, StoreError> {
        self.call(|c| c.execute("DELETE FROM answers", &[]))
    }

    fn stats(&self, now: i64) -> Result<CacheStats, StoreError> {
        self.call(move |c| {
            let totals = c.query_one(
                "SELECT COUNT(*), COUNT(*) FILTER (WHERE no_result), MIN(fetched_at),
                        MAX(fetched_at), COALESCE(SUM(octet_length(payload)), 0)::BIGINT
                 FROM answers",
                &[],
            )?;
            let by_endpoint = c
                .query(
                    "SELECT provider, endpoint, COUNT(*), COUNT(*) FILTER (WHERE no_result)
                     FROM answers GROUP BY provider, endpoint ORDER BY provider, endpoint",
                    &[],
                )?
                .iter()
                .map(|r| EndpointStats {
                    provider: r.get(0),
                    endpoint: r.get(1),
                    entries: count(r.get(2)),
                    no_result: count(r.get(3)),
                })
                .collect();
            let cooldowns: i64 = c
                .query_one("SELECT COUNT(*) FROM cooldowns WHERE until > $1", &[&now])?
                .get(0);
            Ok(CacheStats {
                entries: count(totals.get(0)),
                no_result: count(totals.get(1)),
                oldest: totals.get(2),
                newest: totals.get(3),
                payload_bytes: count(totals.get(4)),
                by_endpoint,
                cooldowns: count(cooldowns),
            })
        })
    }

    fn cooldown(&self, key: &str, now: i64) -> Result<Option<(i64, String)>, StoreError> {
        let key = key.to_string();
        self.call(move |c| {
            let row = c.query_opt(
                "SELECT until, message FROM cooldowns WHERE key = $1 AND until > $2",
                &[&key, &now],
            )?;
            Ok(row.map(|r| (r.get(0), r.get(1))))
        })
    }

    fn put_cooldown(&self, key: &str, until: i64, message: &str) -> Result<(), StoreError> {
        let (key, message) = (key.to_string(), message.to_string());
        self.call(move |c| {
            c.execute(
                "INSERT INTO cooldowns (key, until, message) VALUES ($1, $2, $3)
                 ON CONFLICT (key) DO UPDATE SET until = excluded.until, message = excluded.message",
                &[&key, &until, &message],
            )?;
            c.execute("DELETE FROM cooldowns WHERE until < $1", &[&(until - 86_400)])?;
            Ok(())
        })
    }

    fn take_lease(
        &self,
        key: &str,
        holder: &str,
        now: i64,
        until: i64,
    ) -> Result<bool, StoreError> {
        let (key, holder) = (key.to_string(), holder.to_string());
        self.call(move |c| {
            c.execute(
                "INSERT INTO leases (key, holder, until) VALUES ($1, $2, $3)
                 ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, until = excluded.until
                 WHERE leases.until <= $4 OR leases.holder = excluded.holder",
                &[&key, &holder, &until, &now],
            )
            .map(|n| n > 0)
        })
    }

    fn drop_lease(&self, key: &str, holder: &str) -> Result<(), StoreError> {
        let (key, holder) = (key.to_string(), holder.to_string());
        self.call(move |c| {
            c.execute(
                "DELETE FROM leases WHERE key = $1 AND holder = $2",
                &[&key, &holder],
            )
            .map(drop)
        })
    }
}

impl RateSchedule for PgStore {
    fn book_slot(
        &self,
        account: &str,
        interval_ms: i64,
        tolerance_ms: i64,
    ) -> Result<i64, StoreError> {
        let account = account.to_string();
        self.call(move |c| {
            // The server's clock for everyone; the row lock makes the update one step.
            let row = c.query_one(
                "WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT AS ms)
                 INSERT INTO rate_limits AS r (account, tat_ms)
                     SELECT $1, ms + $2 FROM now
                 ON CONFLICT (account) DO UPDATE
                     SET tat_ms = GREATEST(r.tat_ms, (SELECT ms FROM now)) + $2
                 RETURNING GREATEST(r.tat_ms - $2 - $3 - (SELECT ms FROM now), 0)",
                &[&account, &interval_ms, &tolerance_ms],
            )?;
            Ok(row.get(0))
        })
    }
}
