//! The spend ledger in the team database: what the whole account spent, and the budgets
//! held for the whole team (the check and the reservation under one advisory lock).

use postgres::types::{ToSql, Type};
use postgres::GenericClient;

use crate::store::{
    over_budget, Budget, CallRecord, Limits, Outcome, Reserved, Settled, SpendLedger, StoreError,
};

use super::PgStore;

/// The advisory lock every budget reservation takes ("budget" in ASCII).
const BUDGET_LOCK: i64 = 0x0000_6275_6467_6574;

const INSERT: &str = "INSERT INTO calls (at, by_user, mode, vendor, endpoint, company, params,
        outcome, status, order_number, billable, price_fen)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";

/// Write `c` under `user`; its id. Unprepared, one round trip: one follows every call.
fn insert(
    db: &mut impl GenericClient,
    c: &CallRecord,
    user: &Option<String>,
) -> Result<i64, postgres::Error> {
    let outcome = c.outcome.as_str();
    let params: [(&(dyn ToSql + Sync), Type); 12] = [
        (&c.at, Type::INT8),
        (user, Type::TEXT),
        (&c.mode, Type::TEXT),
        (&c.vendor, Type::TEXT),
        (&c.endpoint, Type::TEXT),
        (&c.company, Type::TEXT),
        (&c.params, Type::TEXT),
        (&outcome, Type::TEXT),
        (&c.status, Type::TEXT),
        (&c.order_number, Type::TEXT),
        (&c.billable, Type::BOOL),
        (&c.price_fen, Type::INT8),
    ];
    Ok(db.query_typed_one(INSERT, &params)?.get(0))
}

fn spent(
    db: &mut impl GenericClient,
    since: i64,
    mode: &str,
) -> Result<(u64, i64), postgres::Error> {
    let row = db.query_one(
        "SELECT COUNT(*), COALESCE(SUM(price_fen), 0)::BIGINT FROM calls
         WHERE at >= $1 AND mode = $2 AND outcome = 'sent' AND billable",
        &[&since, &mode],
    )?;
    Ok((u64::try_from(row.get::<_, i64>(0)).unwrap_or(0), row.get(1)))
}

impl SpendLedger for PgStore {
    fn record_call(&self, c: &CallRecord) -> Result<(), StoreError> {
        let (c, user) = (c.clone(), self.user.clone());
        self.call(move |db| insert(db, &c, &user).map(drop))
    }

    fn reserve_call(&self, c: &CallRecord, limits: &Limits) -> Result<Reserved, StoreError> {
        let (c, user, limits) = (c.clone(), self.user.clone(), *limits);
        self.call(move |db| {
            if !limits.any() {
                return insert(db, &c, &user).map(Reserved::Row);
            }
            let mut tx = db.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&BUDGET_LOCK])?;
            let day = spent(&mut tx, limits.day_start, &c.mode)?;
            let month = if limits.monthly_fen > 0 {
                spent(&mut tx, limits.month_start, &c.mode)?.1
            } else {
                0
            };
            if let Some(budget) = over_budget(&limits, c.price_fen, day, month) {
                let (calls, fen) = match budget {
                    Budget::MonthlyYuan => (0, month),
                    _ => day,
                };
                return Ok(Reserved::Over { budget, calls, fen });
            }
            let id = insert(&mut tx, &c, &user)?;
            tx.commit()?;
            Ok(Reserved::Row(id))
        })
    }

    fn settle_call(&self, id: i64, settled: Option<&Settled>) -> Result<(), StoreError> {
        let settled = settled.cloned();
        self.call(move |db| {
            match settled {
                None => db.execute("DELETE FROM calls WHERE id = $1", &[&id])?,
                Some(s) => db.execute(
                    "UPDATE calls SET outcome = $2, status = $3, order_number = $4,
                        billable = $5, price_fen = $6 WHERE id = $1",
                    &[
                        &id,
                        &s.outcome.as_str(),
                        &s.status,
                        &s.order_number,
                        &s.billable,
                        &s.price_fen,
                    ],
                )?,
            };
            Ok(())
        })
    }

    fn calls(&self, since: i64, until: i64) -> Result<Vec<CallRecord>, StoreError> {
        self.call(move |db| {
            let rows = db.query(
                "SELECT at, by_user, mode, vendor, endpoint, company, params, outcome, status,
                    order_number, billable, price_fen
                 FROM calls WHERE at >= $1 AND at < $2 ORDER BY at, id",
                &[&since, &until],
            )?;
            Ok(rows
                .iter()
                .map(|r| CallRecord {
                    at: r.get(0),
                    by: r.get(1),
                    mode: r.get(2),
                    vendor: r.get(3),
                    endpoint: r.get(4),
                    company: r.get(5),
                    params: r.get(6),
                    outcome: Outcome::parse(r.get(7)).unwrap_or(Outcome::Sent),
                    status: r.get(8),
                    order_number: r.get(9),
                    billable: r.get(10),
                    price_fen: r.get(11),
                })
                .collect())
        })
    }
}
