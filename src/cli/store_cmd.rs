//! `corpvet store status | migrate`, and opening the stores for the commands that need no
//! vendor (history, reports, watch, cache): the team database when `store.url` is set, else
//! this user's SQLite files.

use std::sync::Arc;

use clap::Subcommand;
use serde_json::json;

use crate::config::Config;
use crate::service::connect::{open_stores, Stores};
use crate::store::{Store, StoreError};

use super::args::Cli;
use super::config_cmd::{load_config, print_doc};
use super::exit;

#[derive(Debug, Clone, Subcommand)]
pub enum StoreAction {
    /// Which store is used (the team database or this user's files), its schema version and
    /// what it holds.
    Status,
    /// Bring the team database's schema up to this corpvet's version (also done on first
    /// use); an older corpvet meeting a newer schema refuses.
    Migrate,
}

/// The configuration, or the exit code after saying why it cannot be read.
fn config(cli: &Cli) -> Result<Config, u8> {
    load_config(cli).map(|l| l.config).map_err(|e| {
        errln!("corpvet: {e}");
        exit::REFUSED
    })
}

fn opened(store: Result<Arc<dyn Store>, StoreError>) -> Result<Arc<dyn Store>, u8> {
    store.map_err(|e| {
        errln!("corpvet: {e}");
        exit::TRANSPORT
    })
}

/// The state store (history, the order ledger, the watchlist).
pub fn open_state(cli: &Cli) -> Result<Arc<dyn Store>, u8> {
    opened(open_stores(&config(cli)?).state)
}

/// The answers cache.
pub fn open_cache(cli: &Cli) -> Result<Arc<dyn Store>, u8> {
    opened(open_stores(&config(cli)?).cache)
}

pub fn run_store(cli: &Cli, action: &StoreAction) -> u8 {
    let config = match config(cli) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Opening the team database applies what its schema lacks (or refuses a newer one):
    // `migrate` is opening it.
    let Stores { cache, state, .. } = open_stores(&config);
    // One after the other: the team database's one failure is said once.
    let cache = match opened(cache) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let state = match opened(state) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let counts = (|| {
        Ok::<_, StoreError>((
            cache.stats(crate::store::now())?.entries,
            state.orders(usize::MAX)?.len(),
            state.recent_searches(usize::MAX)?.len(),
            state.watch_list()?.len(),
        ))
    })();
    let (answers, orders, searches, watched) = match counts {
        Ok(c) => c,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::TRANSPORT;
        }
    };
    let status = match state.status() {
        Ok(status) => status,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::TRANSPORT;
        }
    };
    let version = status.schema_version;
    let command = match action {
        StoreAction::Status => "store status",
        StoreAction::Migrate => "store migrate",
    };
    if cli.json {
        print_doc(
            command,
            json!({
                "backend": status.backend,
                "location": state.location(),
                "cache_location": cache.location(),
                "schema_version": version,
                "server_version": status.server_version,
                "encryption": status.encryption,
                "answers": answers,
                "orders": orders,
                "searches": searches,
                "watched": watched,
            }),
        );
    } else {
        match &status.server_version {
            Some(server) => outln!(
                "team database {} (PostgreSQL {server}, {}), schema {version}",
                state.location(),
                match &status.encryption {
                    Some(tls) => format!("over {tls}"),
                    None => "not encrypted".to_string(),
                }
            ),
            None => outln!(
                "this user's files: cache {}, state {} (SQLite), schema {version}",
                cache.location(),
                state.location()
            ),
        }
        outln!("{answers} stored answers, {orders} report orders, {searches} searches kept, {watched} watched companies");
    }
    exit::RESULTS
}
