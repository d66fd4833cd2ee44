//! Dates as the vendors write them, China's calendar, and how far a date lies from
//! `today` (always a parameter: domain code never reads the clock).

mod china;
mod expiry;
pub mod json;
mod judged;
mod parse;

pub use china::{china_date, china_day_start, china_minute, china_offset};
pub use expiry::{expiry, Expiry, WARN_DAYS};
pub use judged::{Expires, Judged};
pub use parse::parse_date;
