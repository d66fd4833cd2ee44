//! `corpvet history` (recent searches) and `corpvet reports` (report orders).

use std::time::Duration;

use serde_json::json;

use super::store_cmd::open_state;
use crate::config::ttl::age_label;
use crate::domain::text::{pad, width as display_width};

use super::args::Cli;
use super::config_cmd::print_doc;
use super::exit;

fn ago(now: i64, t: i64) -> String {
    age_label(Duration::from_secs(u64::try_from(now - t).unwrap_or(0)))
}

/// `corpvet history [--limit N]`.
pub fn run_history(cli: &Cli, limit: usize) -> u8 {
    let store = match open_state(cli) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let rows = match store.recent_searches(limit) {
        Ok(r) => r,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::TRANSPORT;
        }
    };
    if cli.json {
        print_doc("history", json!(rows));
        return exit::RESULTS;
    }
    if rows.is_empty() {
        outln!("no searches yet");
        return exit::NO_RESULT;
    }
    let now = crate::store::now();
    let width = rows
        .iter()
        .map(|r| display_width(&r.keyword))
        .max()
        .unwrap_or(0);
    for r in &rows {
        let provider = r.provider.as_deref().unwrap_or("");
        outln!(
            "{}  {:<8} {:<5} {:>3}×  {}{}",
            pad(&r.keyword, width),
            r.kind,
            provider,
            r.times,
            ago(now, r.searched_at),
            by(r.by.as_deref())
        );
    }
    exit::RESULTS
}

/// " by ana" when the row names who made it (every row of the team store does).
fn by(name: Option<&str>) -> String {
    name.map(|n| format!(" by {n}")).unwrap_or_default()
}

/// `corpvet reports [--limit N]`.
pub fn run_reports(cli: &Cli, limit: usize) -> u8 {
    let store = match open_state(cli) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let rows = match store.orders(limit) {
        Ok(r) => r,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::TRANSPORT;
        }
    };
    if cli.json {
        print_doc("reports", json!(rows));
        return exit::RESULTS;
    }
    if rows.is_empty() {
        outln!("no report orders yet");
        return exit::NO_RESULT;
    }
    let now = crate::store::now();
    let width = rows
        .iter()
        .map(|r| display_width(&r.company))
        .max()
        .unwrap_or(0);
    for r in &rows {
        let order = r.order_no.as_deref().unwrap_or("(no number)");
        let mut line = format!(
            "{}  {:<4}  {:<20} {:<8} {}{}",
            pad(&r.company, width),
            r.format,
            order,
            r.state.as_str(),
            ago(now, r.created_at),
            by(r.by.as_deref())
        );
        if let Some(f) = &r.file {
            line.push_str(&format!("  {f}"));
        } else if let Some(n) = &r.note {
            line.push_str(&format!("  ({n})"));
        }
        outln!("{line}");
    }
    exit::RESULTS
}
