//! The spend ledger: every call that reached a vendor (billable or not, at what price) and
//! every call corpvet saved (answered from the store, refused locally, held back by a 110
//! cooldown or a budget), so a team lead can say what the account spent and what the cache
//! was worth. Prices are in fen (¥0.01), whole numbers: sums of money never drift.

use serde::Serialize;

/// What became of one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It reached the vendor.
    Sent,
    /// Answered from a stored answer: nothing sent.
    CacheHit,
    /// Refused locally (a short keyword, a bad credit code): nothing sent.
    Refused,
    /// The vendor asked for two hours' rest on this query (110): nothing sent.
    Cooldown,
    /// A budget would have been passed: nothing sent.
    OverBudget,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Sent,
        Outcome::CacheHit,
        Outcome::Refused,
        Outcome::Cooldown,
        Outcome::OverBudget,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Sent => "sent",
            Outcome::CacheHit => "cache_hit",
            Outcome::Refused => "refused",
            Outcome::Cooldown => "cooldown",
            Outcome::OverBudget => "over_budget",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// One question asked of a vendor, sent or saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallRecord {
    /// Unix seconds.
    pub at: i64,
    /// Who asked (`[user] name`); the store writes its own user, whatever this says.
    pub by: Option<String>,
    /// `sandbox` (made-up answers, nothing really billed) or `live`.
    pub mode: String,
    /// `qcc` or `juhe`.
    pub vendor: String,
    pub endpoint: String,
    /// The company asked about, in the keyword's one spelling (empty: none, as for a
    /// certificate detail or a report poll).
    pub company: String,
    /// The parameters as a JSON object: never a key, a secret or a signature.
    pub params: String,
    pub outcome: Outcome,
    /// The vendor's status code; `transport` or `bad_answer` when it sent none.
    pub status: Option<String>,
    /// QCC's `OrderNumber`: the vendor's billing reference for this call.
    pub order_number: Option<String>,
    pub billable: bool,
    /// The configured price of the call when billable, in fen.
    pub price_fen: i64,
}

/// The account's budgets as the store holds a call to them (0: no limit), with the starts
/// of China's day and month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    pub day_start: i64,
    pub month_start: i64,
    pub daily_calls: u64,
    pub daily_fen: i64,
    pub monthly_fen: i64,
}

impl Limits {
    pub fn any(&self) -> bool {
        self.daily_calls > 0 || self.daily_fen > 0 || self.monthly_fen > 0
    }
}

/// Which budget a call would pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    DailyCalls,
    DailyYuan,
    MonthlyYuan,
}

/// A reservation: the row written for a call about to be sent, or the budget it would pass
/// with what was spent against it (billable calls, fen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserved {
    Row(i64),
    Over {
        budget: Budget,
        calls: u64,
        fen: i64,
    },
}

/// What a reserved call came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    pub outcome: Outcome,
    pub status: Option<String>,
    pub order_number: Option<String>,
    pub billable: bool,
    pub price_fen: i64,
}

/// The budget `limits` says a billable call of `price_fen` would pass, after `day` and
/// `month` spent (billable calls, fen): the one rule both stores apply.
pub fn over_budget(limits: &Limits, price_fen: i64, day: (u64, i64), month: i64) -> Option<Budget> {
    if limits.daily_calls > 0 && day.0 >= limits.daily_calls {
        Some(Budget::DailyCalls)
    } else if limits.daily_fen > 0 && day.1 + price_fen > limits.daily_fen {
        Some(Budget::DailyYuan)
    } else if limits.monthly_fen > 0 && month + price_fen > limits.monthly_fen {
        Some(Budget::MonthlyYuan)
    } else {
        None
    }
}
