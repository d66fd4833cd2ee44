//! How close a date is to passing. A qualification or certificate past its expiry is not
//! valid for bidding; one expiring within [`WARN_DAYS`] deserves a warning.

use chrono::NaiveDate;
use serde::Serialize;

/// Days before expiry at which a date turns from valid to expiring.
pub const WARN_DAYS: i64 = 90;

/// Where an expiry date lies relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Expiry {
    /// The date has passed (`days_ago` ≥ 1).
    Expired { days_ago: i64 },
    /// Still valid, with 0 ..= [`WARN_DAYS`] days left; 0 means it expires today (the
    /// expiry day itself is the last valid day).
    Expiring { days_left: i64 },
    /// More than [`WARN_DAYS`] days left.
    Valid { days_left: i64 },
    /// No readable date.
    Unknown,
}

/// Classifies `expires` against `today`.
pub fn expiry(expires: Option<NaiveDate>, today: NaiveDate) -> Expiry {
    let Some(date) = expires else {
        return Expiry::Unknown;
    };
    let days_left = (date - today).num_days();
    match days_left {
        d if d < 0 => Expiry::Expired { days_ago: -d },
        d if d <= WARN_DAYS => Expiry::Expiring { days_left: d },
        d => Expiry::Valid { days_left: d },
    }
}

impl Expiry {
    /// Short English for a table cell: "expired 12 d ago", "expires in 30 d",
    /// "expires today", "valid", "—".
    pub fn label(&self) -> String {
        match self {
            Expiry::Expired { days_ago } => format!("expired {days_ago} d ago"),
            Expiry::Expiring { days_left: 0 } => "expires today".to_string(),
            Expiry::Expiring { days_left } => format!("expires in {days_left} d"),
            Expiry::Valid { .. } => "valid".to_string(),
            Expiry::Unknown => "—".to_string(),
        }
    }

    /// A one-character marker that carries the meaning without colour (`NO_COLOR`):
    /// `✗` expired, `!` expiring, `✓` valid, `?` unknown. Each is one column wide.
    pub fn marker(&self) -> &'static str {
        match self {
            Expiry::Expired { .. } => "✗",
            Expiry::Expiring { .. } => "!",
            Expiry::Valid { .. } => "✓",
            Expiry::Unknown => "?",
        }
    }

    pub fn is_expired(&self) -> bool {
        matches!(self, Expiry::Expired { .. })
    }

    /// Expired or expiring: worth a flag.
    pub fn needs_attention(&self) -> bool {
        matches!(self, Expiry::Expired { .. } | Expiry::Expiring { .. })
    }

    /// Days until expiry (negative once past), if the date is known; for sorting.
    pub fn days_left(&self) -> Option<i64> {
        match *self {
            Expiry::Expired { days_ago } => Some(-days_ago),
            Expiry::Expiring { days_left } | Expiry::Valid { days_left } => Some(days_left),
            Expiry::Unknown => None,
        }
    }
}

#[cfg(test)]
mod tests;
