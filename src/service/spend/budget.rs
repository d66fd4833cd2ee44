//! Budgets: a call that would pass one is refused before it is sent, with the budget named
//! and how to raise it. The account's budgets are held by the store in one step with the
//! call's reservation (with the team store, for every analyst at once); a run's own limits
//! by this process's figures.

use chrono::{Datelike, NaiveDate};

use crate::api::ApiError;
use crate::config::money::{to_fen, yuan};
pub use crate::domain::dates::china_day_start;
use crate::service::clock::china_today;
use crate::service::services::Services;
use crate::store::{Budget, Limits, Outcome};

use super::Asked;

/// One run's limits (`batch --max-calls N --max-yuan X`); none: no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunLimits {
    pub max_calls: Option<u64>,
    pub max_fen: Option<i64>,
}

/// The Unix second China's month of `date` begins.
pub fn china_month_start(date: NaiveDate) -> i64 {
    china_day_start(date.with_day(1).expect("every month has a first"))
}

fn over(detail: String) -> ApiError {
    ApiError::OverBudget { detail }
}

/// The refusal of a call of `price` over `budget`, after `calls` billable calls and `fen`
/// spent against it: which budget, and the setting that raises it.
pub(super) fn refusal(
    limits: &Limits,
    budget: Budget,
    price: i64,
    calls: u64,
    fen: i64,
) -> ApiError {
    over(match budget {
        Budget::DailyCalls => format!(
            "the daily budget of {} billable calls is reached ({calls} today, China time): \
             raise budget.daily_calls (CORPVET_BUDGET_DAILY_CALLS), or wait for tomorrow",
            limits.daily_calls
        ),
        Budget::DailyYuan => format!(
            "this call ({}) would pass the daily budget of {} ({} spent today, China time): \
             raise budget.daily_yuan (CORPVET_BUDGET_DAILY_YUAN), or wait for tomorrow",
            yuan(price),
            yuan(limits.daily_fen),
            yuan(fen)
        ),
        Budget::MonthlyYuan => format!(
            "this call ({}) would pass the monthly budget of {} ({} spent this month, China \
             time): raise budget.monthly_yuan (CORPVET_BUDGET_MONTHLY_YUAN)",
            yuan(price),
            yuan(limits.monthly_fen),
            yuan(fen)
        ),
    })
}

impl Services {
    /// The account's budgets as of now (China's day and month).
    pub(super) fn limits(&self) -> Limits {
        let b = &self.spend.budget;
        let today = china_today();
        Limits {
            day_start: china_day_start(today),
            month_start: china_month_start(today),
            daily_calls: u64::from(b.daily_calls),
            daily_fen: to_fen(b.daily_yuan),
            monthly_fen: to_fen(b.monthly_yuan),
        }
    }

    /// Refuse `asked` (writing it as saved) with `e`: a batch stops at it.
    pub(super) async fn refuse_over(&self, asked: &Asked, e: ApiError) -> ApiError {
        self.spend.set_reached(&e);
        self.note_saved(asked, Outcome::OverBudget).await;
        e
    }

    /// This run's own limits (`batch --max-calls`, `--max-yuan`), held by this process.
    pub(super) fn run_refusal(&self, price: i64) -> Option<ApiError> {
        let session = self.spend.session();
        let run = self.spend.run_limits();
        if let Some(max) = run.max_calls {
            if session.billable >= max {
                return Some(over(format!(
                    "this run's limit of {max} billable calls is reached (--max-calls {max}): \
                     run again with a higher --max-calls to go on"
                )));
            }
        }
        match run.max_fen {
            Some(max) if session.fen + price > max => Some(over(format!(
                "this call ({}) would pass this run's limit of {} ({} spent): run again with a \
                 higher --max-yuan to go on",
                yuan(price),
                yuan(max),
                yuan(session.fen)
            ))),
            _ => None,
        }
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
