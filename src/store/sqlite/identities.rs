//! Names tied to credit codes (see [`Identities`]).

use rusqlite::{params, OptionalExtension};

use crate::store::{Identities, StoreError};

use super::SqliteStore;

impl Identities for SqliteStore {
    fn tie(&self, alias: &str, code: &str, at: i64) -> Result<(), StoreError> {
        let (alias, code) = (alias.trim(), code.trim());
        if alias.is_empty() || code.is_empty() || alias == code {
            return Ok(());
        }
        self.conn()
            .execute(
                "INSERT INTO identities (alias, code, tied_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (alias) DO UPDATE SET code = excluded.code, tied_at = excluded.tied_at",
                params![alias, code, at],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    fn identity(&self, alias: &str) -> Result<Option<String>, StoreError> {
        self.conn()
            .query_row(
                "SELECT code FROM identities WHERE alias = ?1",
                [alias.trim()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))
    }
}
