//! China's calendar: expiry dates are the registries' and are judged on the day it is in
//! China (UTC+8, no daylight saving), whatever zone the machine is set to, so two analysts
//! in different zones get one answer.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// UTC+8.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("8 h is a valid offset")
}

/// The date in China at the instant `at`.
pub fn china_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&china_offset()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn china_turns_the_day_at_16_00_utc() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(china_date(utc("2026-12-01T15:59:59Z")), d(2026, 12, 1));
        assert_eq!(china_date(utc("2026-12-01T16:00:00Z")), d(2026, 12, 2));
        assert_eq!(china_date(utc("2026-12-31T16:00:00Z")), d(2027, 1, 1));
    }
}
