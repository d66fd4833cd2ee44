//! China's calendar: expiry dates are the registries' and are judged on the day it is in
//! China (UTC+8, no daylight saving), whatever zone the machine is set to, so two analysts
//! in different zones get one answer.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// UTC+8.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("8 h is a valid offset")
}

/// The instant `at` in China to the minute (`2026-12-02 14:05`), for what a person files.
pub fn china_minute(at: DateTime<Utc>) -> String {
    at.with_timezone(&china_offset())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The Unix second China's day `date` begins.
pub fn china_day_start(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_local_timezone(china_offset())
        .single()
        .expect("a fixed offset has no gaps")
        .timestamp()
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
