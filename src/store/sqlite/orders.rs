//! Report orders: written down before the billed call is sent and updated after, so an order
//! is never lost (its number can always be polled) and never placed twice by accident.

use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use crate::store::{Claim, OrderLedger, OrderRecord, OrderState, StoreError};

use super::SqliteStore;

const COLUMNS: &str =
    "id, company, format, order_no, state, created_at, updated_at, report_url, file, note, by_user";

/// The order's company and `?1` are one company: the same text, or tied to the same code.
const SAME_COMPANY: &str =
    "COALESCE((SELECT code FROM identities WHERE alias = orders.company), orders.company)
     = COALESCE((SELECT code FROM identities WHERE alias = ?1), ?1)";

fn record(r: &Row<'_>) -> rusqlite::Result<OrderRecord> {
    Ok(OrderRecord {
        id: r.get(0)?,
        company: r.get(1)?,
        format: r.get(2)?,
        order_no: r.get(3)?,
        state: OrderState::parse(&r.get::<_, String>(4)?),
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        report_url: r.get(7)?,
        file: r.get(8)?,
        note: r.get(9)?,
        by: r.get(10)?,
    })
}

fn insert_order(
    conn: &Connection,
    company: &str,
    format: &str,
    by: Option<&str>,
    at: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO orders (company, format, state, created_at, updated_at, by_user)
         VALUES (?1, ?2, 'sending', ?3, ?3, ?4)",
        params![company.trim(), format, at, by],
    )?;
    Ok(conn.last_insert_rowid())
}

fn newest_standing(
    conn: &Connection,
    company: &str,
    format: &str,
    since: i64,
) -> rusqlite::Result<Option<OrderRecord>> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM orders
             WHERE {SAME_COMPANY} AND format = ?2 AND created_at >= ?3 AND state != 'failed'
             ORDER BY created_at DESC, id DESC LIMIT 1"
        ),
        params![company.trim(), format, since],
        record,
    )
    .optional()
}

impl OrderLedger for SqliteStore {
    /// Write the order down before the call; returns its row id.
    fn begin_order(&self, company: &str, format: &str, at: i64) -> Result<i64, StoreError> {
        insert_order(&self.conn(), company, format, self.user.as_deref(), at)
            .map_err(|e| self.fail(e))
    }

    /// In one write transaction (`BEGIN IMMEDIATE`: one process at a time, across
    /// processes): the order standing since `since`, or a new row written down.
    fn claim_order(
        &self,
        company: &str,
        format: &str,
        since: i64,
        at: i64,
    ) -> Result<Claim, StoreError> {
        let mut conn = self.conn();
        let claim = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let claim = match newest_standing(&tx, company, format, since)? {
                Some(record) => Claim::Standing(Box::new(record)),
                None => Claim::New(insert_order(
                    &tx,
                    company,
                    format,
                    self.user.as_deref(),
                    at,
                )?),
            };
            tx.commit()?;
            Ok(claim)
        })();
        claim.map_err(|e| self.fail(e))
    }

    /// The vendor accepted the order.
    fn order_placed(&self, id: i64, order_no: &str, at: i64) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE orders SET order_no = ?2, state = 'ordered', updated_at = ?3 WHERE id = ?1",
                params![id, order_no, at],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    /// The call failed: `Failed` when the vendor refused it, `Unknown` when it may have been
    /// placed (the connection broke after sending).
    fn order_failed(
        &self,
        id: i64,
        state: OrderState,
        note: &str,
        at: i64,
    ) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE orders SET state = ?2, note = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, state.as_str(), note, at],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    /// A poll answered: move every row with this order number to `state`.
    fn order_progress(
        &self,
        order_no: &str,
        state: OrderState,
        report_url: Option<&str>,
        note: Option<&str>,
        at: i64,
    ) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE orders SET state = ?2, report_url = COALESCE(?3, report_url),
                    note = COALESCE(?4, note), updated_at = ?5
                 WHERE order_no = ?1",
                params![order_no, state.as_str(), report_url, note, at],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    /// The report of `order_no` was saved at `file`.
    fn order_file(&self, order_no: &str, file: &str, at: i64) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "UPDATE orders SET file = ?2, updated_at = ?3 WHERE order_no = ?1",
                params![order_no, file, at],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    /// The newest order for `company` and `format` placed since `since` that may stand
    /// (anything but a refused or failed one).
    fn recent_order(
        &self,
        company: &str,
        format: &str,
        since: i64,
    ) -> Result<Option<OrderRecord>, StoreError> {
        newest_standing(&self.conn(), company, format, since).map_err(|e| self.fail(e))
    }

    /// The newest orders first.
    fn orders(&self, limit: usize) -> Result<Vec<OrderRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM orders ORDER BY created_at DESC, id DESC LIMIT ?1"
            ))
            .map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], record)
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.fail(e))?;
        Ok(rows)
    }
}
