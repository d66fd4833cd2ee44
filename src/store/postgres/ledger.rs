//! The report-order ledger and the names tied to credit codes, in the team database. A
//! claim (is an order standing? if not, write one down) holds a transaction-scoped advisory
//! lock, so analysts on several machines ordering one company at once get one row between
//! them, and only its holder sends `CreateReport`.

use postgres::{GenericClient, Row};

use crate::store::{Claim, Identities, OrderLedger, OrderRecord, OrderState, StoreError};

use super::PgStore;

const COLUMNS: &str =
    "id, company, format, order_no, state, created_at, updated_at, report_url, file, note, by_user";

/// Every claim takes this lock ("orders" in ASCII): claims are rare, so one lock for all.
const ORDER_LOCK: i64 = 0x6f72_6465_7273;

/// The order's company and `$1` are one company: the same text, or tied to the same code.
const SAME_COMPANY: &str =
    "COALESCE((SELECT code FROM identities WHERE alias = orders.company), orders.company)
     = COALESCE((SELECT code FROM identities WHERE alias = $1), $1)";

fn record(r: &Row) -> OrderRecord {
    OrderRecord {
        id: r.get(0),
        company: r.get(1),
        format: r.get(2),
        order_no: r.get(3),
        state: OrderState::parse(r.get(4)),
        created_at: r.get(5),
        updated_at: r.get(6),
        report_url: r.get(7),
        file: r.get(8),
        note: r.get(9),
        by: r.get(10),
    }
}

fn insert_order(
    c: &mut impl GenericClient,
    company: &str,
    format: &str,
    by: Option<&str>,
    at: i64,
) -> Result<i64, postgres::Error> {
    Ok(c.query_one(
        "INSERT INTO orders (company, format, state, created_at, updated_at, by_user)
         VALUES ($1, $2, 'sending', $3, $3, $4) RETURNING id",
        &[&company.trim(), &format, &at, &by],
    )?
    .get(0))
}

fn newest_standing(
    c: &mut impl GenericClient,
    company: &str,
    format: &str,
    since: i64,
) -> Result<Option<OrderRecord>, postgres::Error> {
    let row = c.query_opt(
        &format!(
            "SELECT {COLUMNS} FROM orders
             WHERE {SAME_COMPANY} AND format = $2 AND created_at >= $3 AND state != 'failed'
             ORDER BY created_at DESC, id DESC LIMIT 1"
        ),
        &[&company.trim(), &format, &since],
    )?;
    Ok(row.as_ref().map(record))
}

impl OrderLedger for PgStore {
    fn begin_order(&self, company: &str, format: &str, at: i64) -> Result<i64, StoreError> {
        let (company, format) = (company.to_string(), format.to_string());
        let user = self.user.clone();
        self.call(move |c| insert_order(c, &company, &format, user.as_deref(), at))
    }

    fn claim_order(
        &self,
        company: &str,
        format: &str,
        since: i64,
        at: i64,
    ) -> Result<Claim, StoreError> {
        let (company, format) = (company.to_string(), format.to_string());
        let user = self.user.clone();
        self.call(move |c| {
            let mut tx = c.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&ORDER_LOCK])?;
            let claim = match newest_standing(&mut tx, &company, &format, since)? {
                Some(record) => Claim::Standing(Box::new(record)),
                None => Claim::New(insert_order(
                    &mut tx,
                    &company,
                    &format,
                    user.as_deref(),
                    at,
                )?),
            };
            tx.commit()?;
            Ok(claim)
        })
    }

    fn order_placed(&self, id: i64, order_no: &str, at: i64) -> Result<(), StoreError> {
        let order_no = order_no.to_string();
        self.call(move |c| {
            c.execute(
                "UPDATE orders SET order_no = $2, state = 'ordered', updated_at = $3 WHERE id = $1",
                &[&id, &order_no, &at],
            )
            .map(drop)
        })
    }

    fn order_failed(
        &self,
        id: i64,
        state: OrderState,
        note: &str,
        at: i64,
    ) -> Result<(), StoreError> {
        let note = note.to_string();
        self.call(move |c| {
            c.execute(
                "UPDATE orders SET state = $2, note = $3, updated_at = $4 WHERE id = $1",
                &[&id, &state.as_str(), &note, &at],
            )
            .map(drop)
        })
    }

    fn order_progress(
        &self,
        order_no: &str,
        state: OrderState,
        report_url: Option<&str>,
        note: Option<&str>,
        at: i64,
    ) -> Result<(), StoreError> {
        let order_no = order_no.to_string();
        let (url, note) = (report_url.map(str::to_string), note.map(str::to_string));
        self.call(move |c| {
            c.execute(
                "UPDATE orders SET state = $2, report_url = COALESCE($3, report_url),
                    note = COALESCE($4, note), updated_at = $5
                 WHERE order_no = $1",
                &[&order_no, &state.as_str(), &url, &note, &at],
            )
            .map(drop)
        })
    }

    fn order_file(&self, order_no: &str, file: &str, at: i64) -> Result<(), StoreError> {
        let (order_no, file) = (order_no.to_string(), file.to_string());
        self.call(move |c| {
            c.execute(
                "UPDATE orders SET file = $2, updated_at = $3 WHERE order_no = $1",
                &[&order_no, &file, &at],
            )
            .map(drop)
        })
    }

    fn recent_order(
        &self,
        company: &str,
        format: &str,
        since: i64,
    ) -> Result<Option<OrderRecord>, StoreError> {
        let (company, format) = (company.to_string(), format.to_string());
        self.call(move |c| newest_standing(c, &company, &format, since))
    }

    fn orders(&self, limit: usize) -> Result<Vec<OrderRecord>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.call(move |c| {
            let rows = c.query(
                &format!("SELECT {COLUMNS} FROM orders ORDER BY created_at DESC, id DESC LIMIT $1"),
                &[&limit],
            )?;
            Ok(rows.iter().map(record).collect())
        })
    }
}

impl Identities for PgStore {
    fn tie(&self, alias: &str, code: &str, at: i64) -> Result<(), StoreError> {
        let (alias, code) = (alias.trim().to_string(), code.trim().to_string());
        if alias.is_empty() || code.is_empty() || alias == code {
            return Ok(());
        }
        self.call(move |c| {
            c.execute(
                "INSERT INTO identities (alias, code, tied_at) VALUES ($1, $2, $3)
                 ON CONFLICT (alias) DO UPDATE SET code = excluded.code, tied_at = excluded.tied_at",
                &[&alias, &code, &at],
            )
            .map(drop)
        })
    }

    fn identity(&self, alias: &str) -> Result<Option<String>, StoreError> {
        let alias = alias.trim().to_string();
        self.call(move |c| {
            let row = c.query_opt("SELECT code FROM identities WHERE alias = $1", &[&alias])?;
            Ok(row.map(|r| r.get(0)))
        })
    }
}
