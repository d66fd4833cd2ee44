//! The spend ledger in this user's file.

use rusqlite::{params, Connection, TransactionBehavior};

use crate::store::{
    over_budget, CallRecord, Limits, Outcome, Reserved, Settled, SpendLedger, StoreError,
};

const INSERT: &str = "INSERT INTO calls (at, by_user, mode, vendor, endpoint, company, params,
        outcome, status, order_number, billable, price_fen)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

fn insert(conn: &Connection, c: &CallRecord, user: Option<&str>) -> rusqlite::Result<i64> {
    conn.execute(
        INSERT,
        params![
            c.at,
            user,
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
    )?;
    Ok(conn.last_insert_rowid())
}

fn spent(conn: &Connection, since: i64, mode: &str) -> rusqlite::Result<(u64, i64)> {
    conn.query_row(
        "SELECT COUNT(*), COALESCE(SUM(price_fen), 0) FROM calls
         WHERE at >= ?1 AND mode = ?2 AND outcome = 'sent' AND billable",
        params![since, mode],
        |r| Ok((u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0), r.get(1)?)),
    )
}

use super::SqliteStore;

impl SpendLedger for SqliteStore {
    fn record_call(&self, c: &CallRecord) -> Result<(), StoreError> {
        insert(&self.conn(), c, self.user.as_deref())
            .map(drop)
            .map_err(|e| self.fail(e))
    }

    fn reserve_call(&self, c: &CallRecord, limits: &Limits) -> Result<Reserved, StoreError> {
        let mut conn = self.conn();
        let reserved = (|| {
            // IMMEDIATE: the check and the row are one step for every process on the file.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if limits.any() {
                let day = spent(&tx, limits.day_start, &c.mode)?;
                let month = if limits.monthly_fen > 0 {
                    spent(&tx, limits.month_start, &c.mode)?.1
                } else {
                    0
                };
                if let Some(budget) = over_budget(limits, c.price_fen, day, month) {
                    let (calls, fen) = match budget {
                        crate::store::Budget::MonthlyYuan => (0, month),
                        _ => day,
                    };
                    return Ok(Reserved::Over { budget, calls, fen });
                }
            }
            let id = insert(&tx, c, self.user.as_deref())?;
            tx.commit()?;
            Ok(Reserved::Row(id))
        })();
        reserved.map_err(|e| self.fail(e))
    }

    fn settle_call(&self, id: i64, settled: Option<&Settled>) -> Result<(), StoreError> {
        let conn = self.conn();
        let done = match settled {
            None => conn.execute("DELETE FROM calls WHERE id = ?1", [id]),
            Some(s) => conn.execute(
                "UPDATE calls SET outcome = ?2, status = ?3, order_number = ?4, billable = ?5,
                    price_fen = ?6 WHERE id = ?1",
                params![
                    id,
                    s.outcome.as_str(),
                    s.status,
                    s.order_number,
                    s.billable,
                    s.price_fen
                ],
            ),
        };
        done.map(drop).map_err(|e| self.fail(e))
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
}
