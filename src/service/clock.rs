//! The one place the day is read: every verdict, table and export judges expiry on the
//! date it is in China now (the registries' calendar), not the machine's zone.

use chrono::{NaiveDate, Utc};

use crate::domain::dates::china_date;

/// Today in China (UTC+8).
pub fn china_today() -> NaiveDate {
    china_date(Utc::now())
}
