//! `corpvet spend`: what the account spent (and what the cache saved) in a period, from the
//! spend ledger: this user's file, or with the team store the whole team's.

use chrono::NaiveDate;
use serde_json::json;

use crate::config::money::yuan;
use crate::service::clock::china_today;
use crate::service::spend::summary::{summarize, Figures, GroupBy};
use crate::service::spend::{china_day_start, china_month_start};

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

fn day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date: YYYY-MM-DD (China's calendar)"))
}

/// The period: `[since, until)` in Unix seconds, by China's days; by default this month.
fn period(args: &SpendArgs) -> Result<(i64, i64, String), String> {
    let today = china_today();
    let since = match &args.since {
        Some(d) => china_day_start(day(d)?),
        None => china_month_start(today),
    };
    let last = match &args.until {
        Some(d) => day(d)?,
        None => today,
    };
    let until = china_day_start(last) + 86_400;
    if until <= since {
        return Err("--until is before --since".into());
    }
    let from = args
        .since
        .clone()
        .unwrap_or_else(|| today.format("%Y-%m-01").to_string());
    Ok((since, until, format!("{from} to {last}, China time")))
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
    let (since, until, label) = match period(args) {
        Ok(p) => p,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::REFUSED;
        }
    };
    let priced = load_config(cli).is_ok_and(|l| l.config.prices.any());
    let store = match open_state(cli) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let records = match store.calls(since, until) {
        Ok(r) => r,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::TRANSPORT;
        }
    };
    let summary = summarize(&records, args.by);
    // Prices recorded with the calls count even when the configuration has none now.
    let priced = priced || summary.total.fen > 0;
    if cli.json {
        print_doc(
            "spend",
            json!({
                "period": {"since": since, "until": until, "label": label},
                "by": format!("{:?}", args.by).to_lowercase(),
                "priced": priced,
                "groups": summary.groups,
                "total": summary.total,
            }),
        );
        return exit::RESULTS;
    }
    let header = ["", "calls", "billable", "¥", "cache hits", "held back"];
    let mut rows: Vec<Vec<String>> = summary
        .groups
        .iter()
        .map(|g| cells(&g.key, &g.figures, priced))
        .collect();
    if args.csv {
        rows.push(cells("total", &summary.total, priced));
        let mut header = header.map(String::from).to_vec();
        header[0] = format!("{:?}", args.by).to_lowercase();
        out!("{}", crate::service::sheet::csv_document(header, rows));
        return exit::RESULTS;
    }
    outln!("spend {label}");
    if records.is_empty() {
        outln!("no calls recorded");
        return exit::NO_RESULT;
    }
    rows.push(cells("total", &summary.total, priced));
    out!("{}", super::table::render(&header, &rows, 48));
    let t = &summary.total;
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
