//! The spend ledger in this user's file.

use rusqlite::params;

use crate::store::{CallRecord, Outcome, SpendLedger, StoreError};

use super::SqliteStore;

impl SpendLedger for SqliteStore {
    fn record_call(&self, c: &CallRecord) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO calls (at, by_user, mode, vendor, endpoint, company, params,
                    outcome, status, order_number, billable, price_fen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    c.at,
                    self.user,
                    c.mode,
                    c.vendor,
                    c.endpoint,
                    c.company,
                    c.params,
                    c.outcome.as_str(),
                    c.status,
                    c.order_number,
                    c.billable,
                    c.price_fen
                ],
            )
            .map(drop)
            .map_err(|e| self.fail(e))
    }

    fn calls(&self, since: i64, until: i64) -> Result<Vec<CallRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT at, by_user, mode, vendor, endpoint, company, params, outcome, status,
                    order_number, billable, price_fen
                 FROM calls WHERE at >= ?1 AND at < ?2 ORDER BY at, id",
            )
            .map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map([since, until], |r| {
                Ok(CallRecord {
                    at: r.get(0)?,
                    by: r.get(1)?,
                    mode: r.get(2)?,
                    vendor: r.get(3)?,
                    endpoint: r.get(4)?,
                    company: r.get(5)?,
                    params: r.get(6)?,
                    outcome: Outcome::parse(&r.get::<_, String>(7)?).unwrap_or(Outcome::Sent),
                    status: r.get(8)?,
                    order_number: r.get(9)?,
                    billable: r.get(10)?,
                    price_fen: r.get(11)?,
                })
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.fail(e))?;
        Ok(rows)
    }

    fn spent_since(&self, since: i64, mode: &str) -> Result<(u64, i64), StoreError> {
        self.conn()
            .query_row(
                "SELECT COUNT(*), COALESCE(SUM(price_fen), 0) FROM calls
                 WHERE at >= ?1 AND mode = ?2 AND outcome = 'sent' AND billable",
                params![since, mode],
                |r| Ok((u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0), r.get(1)?)),
            )
            .map_err(|e| self.fail(e))
    }
}
