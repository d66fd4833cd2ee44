//! Records keep their dates; how close a date is to passing is judged when the record is
//! shown, against the day it is then (an answer stored yesterday, or an explorer left
//! open past midnight, says what is true today, not what was true when it was fetched).

use std::ops::Deref;

use chrono::NaiveDate;
use serde::Serialize;

use super::{expiry, Expiry};

/// A record with an expiry date.
pub trait Expires {
    /// The date the record stops being valid, when the vendor gave a readable one.
    fn expires_on(&self) -> Option<NaiveDate>;

    /// Where that date lies relative to `today`.
    fn expiry(&self, today: NaiveDate) -> Expiry {
        expiry(self.expires_on(), today)
    }
}

impl<T: Expires + ?Sized> Expires for &T {
    fn expires_on(&self) -> Option<NaiveDate> {
        (**self).expires_on()
    }
}

/// A record as it stands on one day: its own fields and its `expiry` (for JSON, tables
/// and exports, which all say the same thing).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judged<R> {
    #[serde(flatten)]
    pub record: R,
    pub expiry: Expiry,
}

impl<R: Expires> Judged<R> {
    pub fn on(record: R, today: NaiveDate) -> Self {
        let expiry = record.expiry(today);
        Judged { record, expiry }
    }
}

impl<R> Deref for Judged<R> {
    type Target = R;
    fn deref(&self) -> &R {
        &self.record
    }
}
