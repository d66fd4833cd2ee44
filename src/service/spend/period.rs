//! The period a spend report covers, by China's days, and the report itself as every front
//! end gives it (`corpvet spend --json`, the MCP `spend` tool).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::china_day_start;
use super::summary::{summarize, Figures, Group, GroupBy};
use crate::store::CallRecord;

/// `[since, until)` in Unix seconds, and how a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub since: i64,
    pub until: i64,
    pub label: String,
}

fn day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date: YYYY-MM-DD (China's calendar)"))
}

impl Period {
    /// From the first day `since` (default: the first of this month) to the last day
    /// `until` included (default: `today`), both `YYYY-MM-DD` on China's calendar.
    pub fn parse(
        since: Option<&str>,
        until: Option<&str>,
        today: NaiveDate,
    ) -> Result<Period, String> {
        let first = match since {
            Some(d) => day(d)?,
            None => today.with_day(1).unwrap_or(today),
        };
        let start = china_day_start(first);
        let last = match until {
            Some(d) => day(d)?,
            None => today,
        };
        let end = china_day_start(last) + 86_400;
        if end <= start {
            return Err("the last day (until) is before the first (since)".into());
        }
        Ok(Period {
            since: start,
            until: end,
            label: format!("{first} to {last}, China time"),
        })
    }
}

/// What was spent and saved in a period, grouped.
#[derive(Debug, Clone, Serialize)]
pub struct SpendReport {
    pub period: Period,
    /// `day`, `user`, `endpoint` or `company`.
    pub by: String,
    /// Whether ¥ figures mean anything: prices are configured, or were recorded with calls.
    pub priced: bool,
    pub groups: Vec<Group>,
    pub total: Figures,
}

impl SpendReport {
    /// The report of `records` (the ledger's rows in `period`); `configured` is whether
    /// the configuration sets any price now.
    pub fn of(records: &[CallRecord], period: Period, by: GroupBy, configured: bool) -> Self {
        let summary = summarize(records, by);
        SpendReport {
            period,
            by: format!("{by:?}").to_lowercase(),
            // Prices recorded with the calls count even when the configuration has none now.
            priced: configured || summary.total.fen > 0,
            groups: summary.groups,
            total: summary.total,
        }
    }
}
