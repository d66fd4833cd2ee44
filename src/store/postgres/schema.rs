//! The team database's schema, versioned in a table of its own: each step applied once, in
//! a transaction, under an advisory lock (two analysts upgrading at once apply it once), and
//! recorded with the corpvet version that applied it. A database a newer corpvet upgraded is
//! refused, never rewritten, so two versions on one team database cannot corrupt it.

use postgres::error::SqlState;
use postgres::Client;

/// Step `i` brings the database from version `i` to `i + 1`. Released steps are never
/// edited; a change is a new step at the end.
const MIGRATIONS: &[&str] = &[
    "
CREATE TABLE answers (
    key        TEXT PRIMARY KEY,
    provider   TEXT NOT NULL,
    endpoint   TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    no_result  BOOLEAN NOT NULL,
    payload    TEXT NOT NULL
);
CREATE TABLE cooldowns (
    key     TEXT PRIMARY KEY,
    until   BIGINT NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE searches (
    id          BIGSERIAL PRIMARY KEY,
    keyword     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    provider    TEXT,
    searched_at BIGINT NOT NULL
);
CREATE INDEX searches_by_time ON searches (searched_at);
CREATE TABLE orders (
    id         BIGSERIAL PRIMARY KEY,
    company    TEXT NOT NULL,
    format     TEXT NOT NULL,
    order_no   TEXT,
    state      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    report_url TEXT,
    file       TEXT,
    note       TEXT
);
CREATE INDEX orders_by_company ON orders (company, format, created_at);
CREATE TABLE identities (
    alias   TEXT PRIMARY KEY,
    code    TEXT NOT NULL,
    tied_at BIGINT NOT NULL
);
CREATE TABLE watchlist (
    keyword  TEXT PRIMARY KEY,
    added_at BIGINT NOT NULL,
    seq      BIGSERIAL
);
CREATE TABLE watch_snapshots (
    id       BIGSERIAL PRIMARY KEY,
    keyword  TEXT NOT NULL,
    taken_at BIGINT NOT NULL,
    level    TEXT NOT NULL,
    snapshot TEXT NOT NULL
);
CREATE INDEX watch_snapshots_by_keyword ON watch_snapshots (keyword, taken_at);
CREATE TABLE leases (
    key    TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  BIGINT NOT NULL
);
",
    // 2: who fetched, searched and ordered.
    "
ALTER TABLE answers ADD COLUMN fetched_by TEXT;
ALTER TABLE searches ADD COLUMN by_user TEXT;
ALTER TABLE orders ADD COLUMN by_user TEXT;
",
    // 3: one rate limit for the team.
    "
CREATE TABLE rate_limits (
    account TEXT PRIMARY KEY,
    tat_ms  BIGINT NOT NULL
);
",
    // 4: the spend ledger (issue 14).
    "
CREATE TABLE calls (
    id           BIGSERIAL PRIMARY KEY,
    at           BIGINT NOT NULL,
    by_user      TEXT,
    mode         TEXT NOT NULL,
    vendor       TEXT NOT NULL,
    endpoint     TEXT NOT NULL,
    company      TEXT NOT NULL,
    params       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    status       TEXT,
    order_number TEXT,
    billable     BOOLEAN NOT NULL,
    price_fen    BIGINT NOT NULL
);
CREATE INDEX calls_by_time ON calls (at);
",
];

/// The version this binary writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The advisory lock every schema change takes (any fixed number: "corpvet" in ASCII).
const SCHEMA_LOCK: i64 = 0x0063_6f72_7076_6574;

/// Bring the database up to [`VERSION`]; the inner error says why it cannot be.
pub fn migrate(c: &mut Client) -> Result<Result<(), String>, postgres::Error> {
    // The common case in one read, without a lock: the schema is this version already.
    if current(c)? == VERSION {
        return Ok(Ok(()));
    }
    let mut tx = c.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS corpvet_schema (
             version    BIGINT PRIMARY KEY,
             applied_at BIGINT NOT NULL,
             applied_by TEXT NOT NULL
         )",
    )?;
    let version = current_in(&mut tx)?;
    if version > VERSION {
        return Ok(Err(format!(
            "written by a newer corpvet (schema {version}, this one knows {VERSION}): upgrade \
             corpvet; the team database is left as it is"
        )));
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO corpvet_schema (version, applied_at, applied_by) VALUES ($1, $2, $3)",
            &[
                &(step as i64 + 1),
                &crate::store::now(),
                &concat!("corpvet ", env!("CARGO_PKG_VERSION")),
            ],
        )?;
    }
    tx.commit()?;
    Ok(Ok(()))
}

/// The version the database holds (0: none yet). Outside a transaction: a missing table is
/// an error, which would abort one.
pub fn current(c: &mut Client) -> Result<i64, postgres::Error> {
    // One unprepared read (one round trip): this runs at every process start, and the
    // table is missing only before the first migration.
    match c.query_typed_one("SELECT COALESCE(MAX(version), 0) FROM corpvet_schema", &[]) {
        Ok(row) => Ok(row.get(0)),
        Err(e) if e.code() == Some(&SqlState::UNDEFINED_TABLE) => Ok(0),
        Err(e) => Err(e),
    }
}

fn current_in(tx: &mut postgres::Transaction<'_>) -> Result<i64, postgres::Error> {
    Ok(tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM corpvet_schema", &[])?
        .get(0))
}
