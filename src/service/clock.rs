//! The one place the day is read: every verdict, table and export judges expiry on the
//! date it is in China now (the registries' calendar), not the machine's zone.

use chrono::{NaiveDate, Utc};

use crate::domain::dates::china_date;

/// Today in China (UTC+8).
pub fn china_today() -> NaiveDate {
    china_date(Utc::now())
}

/// Now in China, to the minute (`2026-12-02 14:05`), for what a person files.
pub fn china_now_label() -> String {
    crate::domain::dates::china_minute(Utc::now())
}
