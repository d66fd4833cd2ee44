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
