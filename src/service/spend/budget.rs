//! Budgets: a call that would pass one is refused before it is sent, with the budget named
//! and how to raise it. The account's budgets are counted in the spend ledger (with the
//! team store, the whole team's calls); a run's own limits in this process's figures.

use chrono::{Datelike, NaiveDate};

use crate::api::ApiError;
use crate::config::money::{to_fen, yuan};
use crate::service::clock::china_today;
use crate::service::services::Services;
use crate::store::Outcome;

use super::Asked;

/// One run's limits (`batch --max-calls N --max-yuan X`); none: no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunLimits {
    pub max_calls: Option<u64>,
    pub max_fen: Option<i64>,
}

const CHINA_OFFSET_SECS: i64 = 8 * 3600;

/// The Unix second China's day `date` begins.
pub fn china_day_start(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp()
        - CHINA_OFFSET_SECS
}

/// The Unix second China's month of `date` begins.
pub fn china_month_start(date: NaiveDate) -> i64 {
    china_day_start(date.with_day(1).expect("every month has a first"))
}

fn over(detail: String) -> ApiError {
    ApiError::OverBudget { detail }
}

impl Services {
    /// Refuse `asked` when its call would pass a budget (it is then written as saved).
    pub(crate) async fn check_budget(&self, asked: &Asked) -> Result<(), ApiError> {
        let refused = self.budget_refusal(asked).await;
        if let Some(e) = refused {
            self.spend.set_reached(&e);
            self.note_saved(asked, Outcome::OverBudget).await;
            return Err(e);
        }
        Ok(())
    }

    async fn budget_refusal(&self, asked: &Asked) -> Option<ApiError> {
        let spend = &self.spend;
        let price = spend.prices.fen(asked.endpoint);
        let session = spend.session();
        let run = spend.run_limits();
        if let Some(max) = run.max_calls {
            if session.billable >= max {
                return Some(over(format!(
                    "this run's limit of {max} billable calls is reached (--max-calls {max}): \
                     run again with a higher --max-calls to go on"
                )));
            }
        }
        if let Some(max) = run.max_fen {
            if session.fen + price > max {
                return Some(over(format!(
                    "this call ({}) would pass this run's limit of {} ({} spent): run again \
                     with a higher --max-yuan to go on",
                    yuan(price),
                    yuan(max),
                    yuan(session.fen)
                )));
            }
        }
        let b = &spend.budget;
        if b.daily_calls == 0 && b.daily_yuan <= 0.0 && b.monthly_yuan <= 0.0 {
            return None;
        }
        let today = china_today();
        let mode = self.mode_name();
        let day = china_day_start(today);
        let Some((calls, fen)) = self.state_call(move |s| s.spent_since(day, mode)).await else {
            return Some(over(
                "a budget is set, but the spend ledger that counts it cannot be read: nothing \
                 is sent until it can"
                    .into(),
            ));
        };
        if b.daily_calls > 0 && calls >= u64::from(b.daily_calls) {
            return Some(over(format!(
                "the daily budget of {} billable calls is reached ({calls} today, China \
                 time): raise budget.daily_calls (CORPVET_BUDGET_DAILY_CALLS), or wait for \
                 tomorrow",
                b.daily_calls
            )));
        }
        if b.daily_yuan > 0.0 && fen + price > to_fen(b.daily_yuan) {
            return Some(over(format!(
                "this call ({}) would pass the daily budget of {} ({} spent today, China \
                 time): raise budget.daily_yuan (CORPVET_BUDGET_DAILY_YUAN), or wait for \
                 tomorrow",
                yuan(price),
                yuan(to_fen(b.daily_yuan)),
                yuan(fen)
            )));
        }
        if b.monthly_yuan > 0.0 {
            let month = china_month_start(today);
            let (_, fen) = self.state_call(move |s| s.spent_since(month, mode)).await?;
            if fen + price > to_fen(b.monthly_yuan) {
                return Some(over(format!(
                    "this call ({}) would pass the monthly budget of {} ({} spent this month, \
                     China time): raise budget.monthly_yuan (CORPVET_BUDGET_MONTHLY_YUAN)",
                    yuan(price),
                    yuan(to_fen(b.monthly_yuan)),
                    yuan(fen)
                )));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn china_s_day_begins_at_16_utc_the_day_before() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        // 2026-12-01T16:00:00Z
        assert_eq!(china_day_start(d), 1_796_140_800);
        assert_eq!(
            china_month_start(d),
            china_day_start(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        );
    }
}
