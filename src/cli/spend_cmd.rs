//! `corpvet spend`: what the account spent (and what the cache saved) in a period, from the
//! spend ledger: this user's file, or with the team store the whole team's.

use serde_json::json;

use crate::config::money::yuan;
use crate::service::clock::china_today;
use crate::service::spend::period::{Period, SpendReport};
use crate::service::spend::summary::{Figures, GroupBy};

use super::args::Cli;
use super::config_cmd::{load_config, print_doc};
use super::exit;
use super::store_cmd::open_state;

#[derive(Debug, Clone, clap::Args)]
pub struct SpendArgs {
    /// First day, YYYY-MM-DD, China's calendar (default: the first of this month).
    #[arg(long)]
    pub since: Option<String>,
    /// Last day, YYYY-MM-DD, included (default: today).
    #[arg(long)]
    pub until: Option<String>,
    /// One row per day, user, endpoint or company.
    #[arg(long, value_enum, default_value = "endpoint")]
    pub by: GroupBy,
    /// CSV (UTF-8 with a BOM, for spreadsheets) instead of a table.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

fn cells(key: &str, f: &Figures, priced: bool) -> Vec<String> {
    vec![
        key.to_string(),
        f.calls.to_string(),
        f.billable.to_string(),
        if priced { yuan(f.fen) } else { "—".into() },
        f.cache_hits.to_string(),
        (f.refused + f.cooldowns + f.over_budget).to_string(),
    ]
}

pub fn run_spend(cli: &Cli, args: &SpendArgs) -> u8 {
    let period = Period::parse(args.since.as_deref(), args.until.as_deref(), china_today());
    let period = match period {
        Ok(p) => p,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::REFUSED;
        }
    };
    let configured = load_config(cli).is_ok_and(|l| l.config.prices.any());
    let store = match open_state(cli) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let records = match store.calls(period.since, period.until) {
        Ok(r) => r,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::TRANSPORT;
        }
    };
    let report = SpendReport::of(&records, period, args.by, configured);
    if cli.json {
        print_doc("spend", json!(report));
        return exit::RESULTS;
    }
    let priced = report.priced;
    let header = ["", "calls", "billable", "¥", "cache hits", "held back"];
    let mut rows: Vec<Vec<String>> = report
        .groups
        .iter()
        .map(|g| cells(&g.key, &g.figures, priced))
        .collect();
    if args.csv {
        rows.push(cells("total", &report.total, priced));
        let mut header = header.map(String::from).to_vec();
        header[0] = report.by.clone();
        out!("{}", crate::service::sheet::csv_document(header, rows));
        return exit::RESULTS;
    }
    outln!("spend {}", report.period.label);
    if records.is_empty() {
        outln!("no calls recorded");
        return exit::NO_RESULT;
    }
    rows.push(cells("total", &report.total, priced));
    out!("{}", super::table::render(&header, &rows, 48));
    let t = &report.total;
    outln!(
        "{} questions answered without a call: {} from the store, {} refused locally, {} \
         cooling down (110), {} over a budget",
        t.saved(),
        t.cache_hits,
        t.refused,
        t.cooldowns,
        t.over_budget
    );
    if !priced {
        outln!("no prices set: fill in [prices] with your contract's ¥ per call to see ¥");
    }
    if t.sandbox_calls > 0 {
        outln!(
            "{} of the calls went to the built-in SANDBOX: made-up answers, nothing really billed",
            t.sandbox_calls
        );
    }
    exit::RESULTS
}
