//! `corpvet spend`: the ledger's calls in a period, grouped by day, user, endpoint or
//! company, with totals. Pure: the CLI (and later the MCP server) only print it.

use std::collections::BTreeMap;

use chrono::DateTime;

use crate::domain::dates::china_date;
use serde::Serialize;

use crate::store::{CallRecord, Outcome};

/// What the rows are grouped by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Day,
    User,
    Endpoint,
    Company,
}

/// One group's figures (or the totals).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Calls that reached a vendor.
    pub calls: u64,
    pub billable: u64,
    /// The billable calls' price, in fen.
    pub fen: i64,
    /// Questions answered without a call, by why.
    pub cache_hits: u64,
    pub refused: u64,
    pub cooldowns: u64,
    pub over_budget: u64,
    /// Calls to the sandbox (made-up answers, nothing really billed).
    pub sandbox_calls: u64,
}

impl Figures {
    fn add(&mut self, r: &CallRecord) {
        match r.outcome {
            Outcome::Sent => {
                self.calls += 1;
                if r.billable {
                    self.billable += 1;
                    self.fen += r.price_fen;
                }
                if r.mode == "sandbox" {
                    self.sandbox_calls += 1;
                }
            }
            Outcome::CacheHit => self.cache_hits += 1,
            Outcome::Refused => self.refused += 1,
            Outcome::Cooldown => self.cooldowns += 1,
            Outcome::OverBudget => self.over_budget += 1,
        }
    }

    /// Every question answered without a call.
    pub fn saved(&self) -> u64 {
        self.cache_hits + self.refused + self.cooldowns + self.over_budget
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub key: String,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub groups: Vec<Group>,
    pub total: Figures,
}

/// The key of `r` in the grouping `by`: days are China's.
fn key(r: &CallRecord, by: GroupBy) -> String {
    match by {
        GroupBy::Day => DateTime::from_timestamp(r.at, 0)
            .map(|t| china_date(t).to_string())
            .unwrap_or_default(),
        GroupBy::User => r.by.clone().unwrap_or_else(|| "(nobody named)".into()),
        GroupBy::Endpoint => format!("{} {}", r.vendor, r.endpoint),
        GroupBy::Company => {
            if r.company.is_empty() {
                "(no company: a detail or a report poll)".into()
            } else {
                r.company.clone()
            }
        }
    }
}

/// Group `records` by `by`, groups in key order (days oldest first).
pub fn summarize(records: &[CallRecord], by: GroupBy) -> Summary {
    let mut groups: BTreeMap<String, Figures> = BTreeMap::new();
    let mut total = Figures::default();
    for r in records {
        groups.entry(key(r, by)).or_default().add(r);
        total.add(r);
    }
    Summary {
        groups: groups
            .into_iter()
            .map(|(key, figures)| Group { key, figures })
            .collect(),
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(at: i64, by: &str, outcome: Outcome, billable: bool, fen: i64) -> CallRecord {
        CallRecord {
            at,
            by: Some(by.into()),
            mode: "live".into(),
            vendor: "qcc".into(),
            endpoint: "OperationCheck/GetList".into(),
            company: "甲公司".into(),
            params: "{}".into(),
            outcome,
            status: Some("200".into()),
            order_number: None,
            billable,
            price_fen: fen,
        }
    }

    #[test]
    fn days_are_china_s_and_totals_add_up() {
        // 2026-12-01T15:59:59Z is 23:59:59 on the 1st in China; a second later, the 2nd.
        let records = [
            call(1_796_140_799, "ana", Outcome::Sent, true, 50),
            call(1_796_140_800, "bo", Outcome::Sent, true, 50),
            call(1_796_140_801, "bo", Outcome::Sent, false, 0),
            call(1_796_140_802, "ana", Outcome::CacheHit, false, 0),
        ];
        let by_day = summarize(&records, GroupBy::Day);
        let keys: Vec<_> = by_day.groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, ["2026-12-01", "2026-12-02"]);
        assert_eq!(by_day.total.calls, 3);
        assert_eq!(by_day.total.billable, 2);
        assert_eq!(by_day.total.fen, 100);
        assert_eq!(by_day.total.saved(), 1);
        let by_user = summarize(&records, GroupBy::User);
        assert_eq!(by_user.groups[0].key, "ana");
        assert_eq!(by_user.groups[0].figures.cache_hits, 1);
        assert_eq!(by_user.groups[1].figures.calls, 2);
    }
}
