//! Report orders: written down before the billed call is sent and updated after, so an order
//! is never lost (its number can always be polled) and never placed twice by accident.

use serde::Serialize;

/// Where an order stands, as far as corpvet knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Recorded; the call is being sent.
    Sending,
    /// The vendor gave an order number; the report is not ready yet (or not polled).
    Ordered,
    Ready,
    /// Refused by the vendor, or the report failed: nothing to resume.
    Failed,
    /// The answer never arrived: the order may have been placed (and billed).
    Unknown,
}

impl OrderState {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderState::Sending => "sending",
            OrderState::Ordered => "ordered",
            OrderState::Ready => "ready",
            OrderState::Failed => "failed",
            OrderState::Unknown => "unknown",
        }
    }

    pub(crate) fn parse(s: &str) -> OrderState {
        match s {
            "sending" => OrderState::Sending,
            "ordered" => OrderState::Ordered,
            "ready" => OrderState::Ready,
            "failed" => OrderState::Failed,
            _ => OrderState::Unknown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderRecord {
    pub id: i64,
    /// The keyword the report was ordered for.
    pub company: String,
    /// `pdf` or `word`.
    pub format: String,
    pub order_no: Option<String>,
    pub state: OrderState,
    /// Unix seconds.
    pub created_at: i64,
    pub updated_at: i64,
    pub report_url: Option<String>,
    pub file: Option<String>,
    pub note: Option<String>,
    /// Who ordered it (`[user] name`), when it was recorded.
    pub by: Option<String>,
}

/// What claiming an order came to: one already standing, or a new ledger row (its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    Standing(Box<OrderRecord>),
    New(i64),
}
