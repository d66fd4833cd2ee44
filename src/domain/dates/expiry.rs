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
mod tests {
    use super::*;
    use chrono::Days;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()
    }

    fn in_days(n: i64) -> Option<NaiveDate> {
        let t = today();
        if n >= 0 {
            t.checked_add_days(Days::new(n.unsigned_abs()))
        } else {
            t.checked_sub_days(Days::new(n.unsigned_abs()))
        }
    }

    #[test]
    fn boundaries() {
        let e = |n| expiry(in_days(n), today());
        assert_eq!(e(-1), Expiry::Expired { days_ago: 1 });
        assert_eq!(e(0), Expiry::Expiring { days_left: 0 });
        assert_eq!(e(1), Expiry::Expiring { days_left: 1 });
        assert_eq!(e(90), Expiry::Expiring { days_left: 90 });
        assert_eq!(e(91), Expiry::Valid { days_left: 91 });
        assert_eq!(e(-365), Expiry::Expired { days_ago: 365 });
        assert_eq!(expiry(None, today()), Expiry::Unknown);
    }

    #[test]
    fn labels_and_markers() {
        assert_eq!(Expiry::Expired { days_ago: 12 }.label(), "expired 12 d ago");
        assert_eq!(
            Expiry::Expiring { days_left: 30 }.label(),
            "expires in 30 d"
        );
        assert_eq!(Expiry::Expiring { days_left: 0 }.label(), "expires today");
        assert_eq!(Expiry::Valid { days_left: 400 }.label(), "valid");
        assert_eq!(Expiry::Unknown.label(), "—");
        let markers: Vec<_> = [
            Expiry::Expired { days_ago: 1 },
            Expiry::Expiring { days_left: 1 },
            Expiry::Valid { days_left: 100 },
            Expiry::Unknown,
        ]
        .iter()
        .map(Expiry::marker)
        .collect();
        assert_eq!(markers, ["✗", "!", "✓", "?"]);
        for m in markers {
            assert_eq!(crate::domain::text::width(m), 1, "{m}");
        }
    }

    #[test]
    fn helpers() {
        assert!(Expiry::Expired { days_ago: 1 }.is_expired());
        assert!(Expiry::Expiring { days_left: 5 }.needs_attention());
        assert!(!Expiry::Valid { days_left: 500 }.needs_attention());
        assert_eq!(Expiry::Expired { days_ago: 3 }.days_left(), Some(-3));
        assert_eq!(Expiry::Unknown.days_left(), None);
    }

    #[test]
    fn serializes_with_a_state_tag() {
        assert_eq!(
            serde_json::to_value(Expiry::Expired { days_ago: 2 }).unwrap(),
            serde_json::json!({"state": "expired", "days_ago": 2})
        );
        assert_eq!(
            serde_json::to_value(Expiry::Unknown).unwrap(),
            serde_json::json!({"state": "unknown"})
        );
    }
}
