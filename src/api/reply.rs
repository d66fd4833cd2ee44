//! What a successful call returns, whatever the vendor: its status, paging and typed data.

use serde::{Deserialize, Serialize};

use super::lenient;
use super::status::StatusInfo;

/// QCC's `Paging` block (`PageSize`, `PageIndex`, `TotalRecords`); Juhe's `total` is mapped
/// into it too so callers page both vendors alike.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Paging {
    #[serde(rename = "PageSize", deserialize_with = "lenient::u64")]
    pub page_size: u64,
    #[serde(rename = "PageIndex", deserialize_with = "lenient::u64")]
    pub page_index: u64,
    #[serde(rename = "TotalRecords", deserialize_with = "lenient::u64")]
    pub total_records: u64,
}

impl Paging {
    /// Number of pages (at least 1, so "page 1/1" reads right for an empty answer).
    pub fn page_count(&self) -> u64 {
        if self.page_size == 0 {
            return 1;
        }
        self.total_records.div_ceil(self.page_size).max(1)
    }

    pub fn has_next(&self) -> bool {
        self.page_index < self.page_count()
    }
}

/// A vendor answer whose status class is `Ok`, `NoResult` or `Pending`. Every other class is
/// an [`super::ApiError`].
#[derive(Debug, Clone)]
pub struct Reply<T> {
    /// The documented status (code, Chinese message, gloss, class).
    pub status: StatusInfo,
    /// The message exactly as the vendor sent it (it may differ from the table's).
    pub message: String,
    /// QCC's `OrderNumber`: the billing reference of this call.
    pub order_number: Option<String>,
    pub paging: Option<Paging>,
    /// `Some` when the status is `Ok`; `None` for no result and pending.
    pub data: Option<T>,
}

impl<T> Reply<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        Reply {
            status: self.status,
            message: self.message,
            order_number: self.order_number,
            paging: self.paging,
            data: self.data.map(f),
        }
    }
}

#[cfg(test)]
mod tests;
