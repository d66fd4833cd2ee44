//! `serialize_with` helpers: chrono is built without its `serde` feature, and the CLI's JSON
//! wants plain ISO dates (`"2024-05-15"`) or `null`.

use chrono::NaiveDate;
use serde::Serializer;

/// `Option<NaiveDate>` as `"yyyy-MM-dd"` or `null`.
pub fn opt_date<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(&d.format("%Y-%m-%d")),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests;
