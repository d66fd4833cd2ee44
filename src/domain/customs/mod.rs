//! Customs (import/export) credit: the registration, its credit level on one scale across
//! three regulations, and customs penalties.

mod level;
mod penalty;
mod record;

pub use level::CreditLevel;
pub use penalty::{Penalty, PenaltyNature};
pub use record::CustomsRecord;
