//! `corpvet watch add|rm|ls|run`: a list of companies kept in the state store; `run`
//! re-vets each (fresh cache entries are reused, so an unchanged day costs nothing), keeps a
//! snapshot, and prints what changed since the previous run.

use clap::Subcommand;
use serde_json::json;

use super::store_cmd::open_state;
use crate::domain::keyword::parse_keyword;
use crate::service::watch::WatchOutcome;
use crate::service::Services;

use super::args::Cli;
use super::config_cmd::print_doc;
use super::exit;
use super::vet_cmd::{worst_exit, ExitFacts, Shared, VetFlags};

#[derive(Debug, Clone, Subcommand)]
pub enum WatchAction {
    /// Watch companies (names, credit codes or registration numbers).
    Add {
        #[arg(required = true)]
        keywords: Vec<String>,
    },
    /// Stop watching a company (its snapshots are forgotten).
    Rm { keyword: String },
    /// The watched companies with their last verdict.
    Ls,
    /// Re-vet every watched company and print what changed since the last run.
    Run {
        #[command(flatten)]
        flags: VetFlags,
        /// Companies vetted at once.
        #[arg(long, default_value_t = 2, value_name = "N")]
        concurrency: usize,
    },
}

impl WatchAction {
    /// `run` calls vendors; the rest only read and write the store.
    pub fn needs_services(&self) -> bool {
        matches!(self, WatchAction::Run { .. })
    }
}

fn when(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0).map_or_else(
        || "?".to_string(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

/// `watch add`, `rm`, `ls`.
pub fn run_local(cli: &Cli, action: &WatchAction) -> u8 {
    let store = match open_state(cli) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let now = crate::store::now();
    match action {
        WatchAction::Add { keywords } => {
            let mut added = Vec::new();
            for raw in keywords {
                let kw = match parse_keyword(raw, cli.force) {
                    Ok(k) => k.text,
                    Err(e) => {
                        errln!("{}", super::output::error_line(&e));
                        return exit::for_error(&e);
                    }
                };
                match store.watch_add(&kw, now) {
                    Ok(new) => {
                        if !cli.json {
                            let state = if new { "watching" } else { "already watched" };
                            outln!("{state}: {kw}");
                        }
                        added.push(json!({"keyword": kw, "added": new}));
                    }
                    Err(e) => {
                        errln!("corpvet: {e}");
                        return exit::TRANSPORT;
                    }
                }
            }
            if cli.json {
                print_doc("watch add", json!(added));
            }
            exit::RESULTS
        }
        WatchAction::Rm { keyword } => match store.watch_remove(keyword) {
            Ok(removed) => {
                if cli.json {
                    print_doc(
                        "watch rm",
                        json!({"keyword": keyword.trim(), "removed": removed}),
                    );
                } else if removed {
                    outln!("no longer watching: {}", keyword.trim());
                } else {
                    outln!("not watched: {}", keyword.trim());
                }
                if removed {
                    exit::RESULTS
                } else {
                    exit::NO_RESULT
                }
            }
            Err(e) => {
                errln!("corpvet: {e}");
                exit::TRANSPORT
            }
        },
        WatchAction::Ls | WatchAction::Run { .. } => match store.watch_list() {
            Ok(list) => {
                if cli.json {
                    print_doc("watch ls", json!(list));
                } else if list.is_empty() {
                    outln!("the watchlist is empty: `corpvet watch add NAME`");
                } else {
                    for e in &list {
                        let last = match (&e.last_run, &e.last_level) {
                            (Some(t), Some(l)) => format!("{l} (vetted {})", when(*t)),
                            _ => "not vetted yet".to_string(),
                        };
                        outln!("{}  {last}", e.keyword);
                    }
                }
                if list.is_empty() {
                    exit::NO_RESULT
                } else {
                    exit::RESULTS
                }
            }
            Err(e) => {
                errln!("corpvet: {e}");
                exit::TRANSPORT
            }
        },
    }
}

/// `watch run`.
pub async fn run(shared: Shared, services: &Services, action: WatchAction) -> u8 {
    let WatchAction::Run { flags, concurrency } = action else {
        return exit::REFUSED;
    };
    let opts = flags.options(&shared);
    let today = flags.day();
    let outcomes = match services.watch_run(today, &opts, concurrency).await {
        Ok(o) => o,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::TRANSPORT;
        }
    };
    if outcomes.is_empty() {
        errln!("corpvet: the watchlist is empty: `corpvet watch add NAME`");
        return exit::NO_RESULT;
    }
    for w in outcomes.iter().filter_map(|o| o.warning.as_ref()) {
        errln!("corpvet: warning: {w}");
    }
    if shared.json {
        let companies: Vec<_> = outcomes
            .iter()
            .map(|o| {
                json!({
                    "keyword": o.vetted.keyword,
                    "level": o.vetted.verdict.level,
                    "headline": o.vetted.verdict.headline_en,
                    "previous_run": o.previous,
                    "changes": o.changes,
                    "verdict": o.vetted.verdict,
                })
            })
            .collect();
        print_doc(
            "watch run",
            json!({"today": today.format("%Y-%m-%d").to_string(), "companies": companies}),
        );
    } else {
        for o in &outcomes {
            out!("{}", human(o));
        }
    }
    worst_exit(outcomes.iter().map(|o| ExitFacts::of(&o.vetted.verdict)))
}

fn human(o: &WatchOutcome) -> String {
    let v = &o.vetted;
    let mut out = format!("{}: {}\n", v.keyword, v.verdict.headline_en);
    match o.previous {
        None => out.push_str("  first run: snapshot kept\n"),
        Some(t) if o.changes.is_empty() => {
            out.push_str(&format!("  no change since {}\n", when(t)));
        }
        Some(t) => {
            out.push_str(&format!("  changed since {}:\n", when(t)));
            for c in &o.changes {
                out.push_str(&format!("  • {}\n    {}\n", c.en, c.zh));
            }
        }
    }
    out
}
