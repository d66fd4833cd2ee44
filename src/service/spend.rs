//! What calls cost and what the cache saved (issue 14): every call that reaches a vendor is
//! written to the spend ledger with its status, the vendor's `OrderNumber` and its price;
//! every question answered without a call is written as saved; and a call that would pass a
//! budget is refused before it is sent.

mod budget;
pub mod period;
mod record;
pub mod summary;

use std::sync::Mutex;

use serde::Serialize;

use crate::api::{ApiError, Vendor};
use crate::config::{BudgetSection, PricesSection};

pub use budget::{china_day_start, china_month_start, RunLimits};
pub use record::Asked;

/// The one rule of what the vendors bill, from their documents: every successful call,
/// and a "no result" (an answer too). A refused signature, a quota error, a server fault
/// or a body that is not an answer is not billed.
pub const BILLABLE: &[(Vendor, &str, &str)] = &[
    (Vendor::Qcc, "200", "success"),
    (Vendor::Qcc, "201", "no result"),
    (Vendor::Juhe, "0", "success"),
    (Vendor::Juhe, "265004", "no result"),
];

/// Whether an answer with status `code` from `vendor` is billed.
pub fn billable(vendor: Vendor, code: &str) -> bool {
    BILLABLE.iter().any(|(v, c, _)| *v == vendor && *c == code)
}

/// What this process has spent and saved since it started (the explorer's status line,
/// `batch --max-calls`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SessionSpend {
    /// Calls that reached a vendor.
    pub sent: u64,
    /// Of those, the billable ones.
    pub billable: u64,
    /// Their price, in fen.
    pub fen: i64,
    /// Questions answered without a call: from the store, refused locally, cooling down or
    /// over a budget.
    pub saved: u64,
}

/// Prices, budgets and this session's figures.
#[derive(Debug, Default)]
pub struct Spend {
    pub prices: PricesSection,
    pub budget: BudgetSection,
    run: Mutex<RunLimits>,
    session: Mutex<SessionSpend>,
    /// The last refusal over a budget: a batch stops at it.
    reached: Mutex<Option<ApiError>>,
}

impl Spend {
    pub fn new(prices: PricesSection, budget: BudgetSection) -> Spend {
        Spend {
            prices,
            budget,
            ..Spend::default()
        }
    }

    pub fn session(&self) -> SessionSpend {
        *self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Hold the rest of this run to `limits` (`batch --max-calls`, `--max-yuan`).
    pub fn limit_run(&self, limits: RunLimits) {
        *self.run.lock().unwrap_or_else(|p| p.into_inner()) = limits;
    }

    pub(crate) fn run_limits(&self) -> RunLimits {
        *self.run.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The budget a call was refused over, if one was.
    pub fn reached(&self) -> Option<ApiError> {
        self.reached
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn set_reached(&self, e: &ApiError) {
        *self.reached.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.clone());
    }

    fn add(&self, f: impl FnOnce(&mut SessionSpend)) {
        f(&mut self.session.lock().unwrap_or_else(|p| p.into_inner()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::status::{lookup, StatusClass};

    /// The table says what the status tables' classes say: success and no result, no more.
    #[test]
    fn the_billing_table_is_the_success_and_no_result_codes() {
        for (vendor, code, _) in BILLABLE {
            let class = lookup(*vendor, code).unwrap().class;
            assert!(matches!(class, StatusClass::Ok | StatusClass::NoResult));
        }
        assert!(!billable(Vendor::Qcc, "107"), "a refused signature");
        assert!(!billable(Vendor::Qcc, "110"));
        assert!(!billable(Vendor::Juhe, "10001"));
        assert!(billable(Vendor::Juhe, "265004"));
    }
}
