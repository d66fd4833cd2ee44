//! Dates as the vendors write them, and how far a date lies from `today` (always a
//! parameter: domain code never reads the clock).

mod expiry;
pub mod json;
mod parse;

pub use expiry::{expiry, Expiry, WARN_DAYS};
pub use parse::parse_date;
