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
