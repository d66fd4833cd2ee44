//! The spend ledger in the team database: what the whole account spent.

use postgres::types::Type;

use crate::store::{CallRecord, Outcome, SpendLedger, StoreError};

use super::PgStore;

impl SpendLedger for PgStore {
    fn record_call(&self, c: &CallRecord) -> Result<(), StoreError> {
        let (c, user) = (c.clone(), self.user.clone());
        self.call(move |db| {
            // Unprepared, one round trip: one of these follows every call and cache hit.
            db.query_typed(
                "INSERT INTO calls (at, by_user, mode, vendor, endpoint, company, params,
                    outcome, status, order_number, billable, price_fen)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                &[
                    (&c.at, Type::INT8),
                    (&user, Type::TEXT),
                    (&c.mode, Type::TEXT),
                    (&c.vendor, Type::TEXT),
                    (&c.endpoint, Type::TEXT),
                    (&c.company, Type::TEXT),
                    (&c.params, Type::TEXT),
                    (&c.outcome.as_str(), Type::TEXT),
                    (&c.status, Type::TEXT),
                    (&c.order_number, Type::TEXT),
                    (&c.billable, Type::BOOL),
                    (&c.price_fen, Type::INT8),
                ],
            )
            .map(drop)
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

    fn spent_since(&self, since: i64, mode: &str) -> Result<(u64, i64), StoreError> {
        let mode = mode.to_string();
        self.call(move |db| {
            let row = db.query_one(
                "SELECT COUNT(*), COALESCE(SUM(price_fen), 0)::BIGINT FROM calls
                 WHERE at >= $1 AND mode = $2 AND outcome = 'sent' AND billable",
                &[&since, &mode],
            )?;
            Ok((u64::try_from(row.get::<_, i64>(0)).unwrap_or(0), row.get(1)))
        })
    }
}
