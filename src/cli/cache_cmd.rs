//! `corpvet cache stats | clear`, and wiring the cache, the state store, retries and the
//! rate limit into [`Services`] for the CLI and the explorer alike.

use std::time::Duration;

use clap::Subcommand;
use serde_json::json;

use crate::config::ttl::age_label;

use super::store_cmd::open_cache;
use crate::service::cache::FetchMode;
use crate::service::connect::{repair_stores, Repair};

use super::args::Cli;
use super::config_cmd::print_doc;
use super::exit;

#[derive(Debug, Clone, Subcommand)]
pub enum CacheAction {
    /// How many answers are stored, per endpoint, and how old.
    Stats,
    /// Forget every stored answer (the next lookups are billed again). History, report
    /// orders and 110 refusals are kept.
    Clear,
    /// Check the cache and the state store (search history, report orders, watchlist); a
    /// damaged one is moved aside and rebuilt, keeping every table that still reads (the
    /// order ledger first), and what could not be kept is said.
    Repair,
}

/// `--refresh` / `--offline` as a fetch mode.
pub fn fetch_mode(cli: &Cli) -> FetchMode {
    if cli.offline {
        FetchMode::Offline
    } else if cli.refresh {
        FetchMode::Refresh
    } else {
        FetchMode::Normal
    }
}

/// `corpvet cache …`.
pub fn run_cache(cli: &Cli, action: &CacheAction) -> u8 {
    if let CacheAction::Repair = action {
        return run_repair(cli);
    }
    let store = match open_cache(cli) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let path = store.location();
    let now = crate::store::now();
    match action {
        CacheAction::Stats => match store.stats(now) {
            Ok(stats) => {
                if cli.json {
                    print_doc(
                        "cache stats",
                        json!({ "path": path, "bytes_on_disk": store.size_on_disk(), "stats": stats }),
                    );
                } else {
                    outln!("cache: {path}");
                    outln!(
                        "answers: {} ({} of them \"no result\"), {} KB on disk",
                        stats.entries,
                        stats.no_result,
                        store.size_on_disk().div_ceil(1024)
                    );
                    let age = |t: Option<i64>| {
                        t.map_or_else(
                            || "-".to_string(),
                            |t| age_label(Duration::from_secs(u64::try_from(now - t).unwrap_or(0))),
                        )
                    };
                    if stats.entries > 0 {
                        outln!(
                            "oldest: {}, newest: {}",
                            age(stats.oldest),
                            age(stats.newest)
                        );
                    }
                    for e in &stats.by_endpoint {
                        outln!(
                            "  {:<5} {:<45} {:>5} ({} no result)",
                            e.provider,
                            e.endpoint,
                            e.entries,
                            e.no_result
                        );
                    }
                    if stats.cooldowns > 0 {
                        outln!(
                            "queries refused locally after a QCC 110: {}",
                            stats.cooldowns
                        );
                    }
                }
                exit::RESULTS
            }
            Err(e) => {
                errln!("corpvet: {e}");
                exit::TRANSPORT
            }
        },
        CacheAction::Clear => match store.clear_answers() {
            Ok(n) => {
                if cli.json {
                    print_doc("cache clear", json!({ "path": path, "removed": n }));
                } else {
                    outln!("removed {n} stored answers from {path}");
                }
                exit::RESULTS
            }
            Err(e) => {
                errln!("corpvet: {e}");
                exit::TRANSPORT
            }
        },
        CacheAction::Repair => unreachable!("handled before the cache is opened"),
    }
}

/// `corpvet cache repair`: both store files checked, a damaged one rebuilt.
fn run_repair(cli: &Cli) -> u8 {
    let mut code = exit::RESULTS;
    let mut docs = Vec::new();
    for (what, path, outcome) in repair_stores() {
        match outcome {
            Ok(outcome) => {
                if !cli.json {
                    say_repair(what, &path, &outcome);
                }
                docs.push(json!({ "store": what, "path": path, "result": outcome }));
            }
            Err(e) => {
                errln!("corpvet: {what} store: {e}; nothing was changed");
                docs.push(json!({ "store": what, "path": path, "error": e.to_string() }));
                code = exit::TRANSPORT;
            }
        }
    }
    if cli.json {
        print_doc("cache repair", json!(docs));
    }
    code
}

fn say_repair(what: &str, path: &std::path::Path, outcome: &Repair) {
    let path = path.display();
    match outcome {
        Repair::Missing => outln!("{what} store {path}: not made yet, nothing to repair"),
        Repair::Healthy => outln!("{what} store {path}: healthy, left as it is"),
        Repair::Newer { version } => outln!(
            "{what} store {path}: written by a newer corpvet (schema {version}): not \
             damaged, left as it is; use that corpvet"
        ),
        Repair::Rebuilt { kept_aside, tables } => {
            outln!(
                "{what} store {path}: damaged; moved aside to {} and rebuilt",
                kept_aside.display()
            );
            for t in tables {
                match (&t.rows, &t.lost) {
                    (Some(n), _) => outln!("  kept {n} row(s) of {}", t.holds),
                    (None, Some(why)) => outln!("  LOST {}: {why}", t.holds),
                    (None, None) => {}
                }
            }
            if tables
                .iter()
                .any(|t| t.table == "orders" && t.rows.is_none())
            {
                outln!(
                    "  the report-order ledger could not be read: orders placed before now are \
                     not known to corpvet; check `corpvet report-status ORDERNO` for any you \
                     remember before ordering again"
                );
            }
        }
    }
}
