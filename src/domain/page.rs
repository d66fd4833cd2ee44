//! One page of a paged answer, with enough to draw "page 2/3 · 47 total" and decide whether
//! a next page exists (each page is a billed call, so never guess one into existence).

use serde::Serialize;

use crate::api::Paging;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// From 1.
    pub page: u64,
    pub page_size: u64,
    /// All records across all pages.
    pub total: u64,
}

impl<T> Page<T> {
    /// Combines the items with the vendor's `Paging`, falling back to what was asked for when
    /// a field is missing or 0, and to what arrived when there is no `Paging` at all (the
    /// total is then the items seen so far). The total is never less than the items actually
    /// received.
    pub fn from_paging(
        items: Vec<T>,
        paging: Option<Paging>,
        requested_page: u64,
        requested_size: u64,
    ) -> Self {
        let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
        let fallback_size = if requested_size > 0 {
            requested_size
        } else {
            count
        };
        let (page, page_size, total) = match paging {
            Some(p) => (
                if p.page_index > 0 {
                    p.page_index
                } else {
                    requested_page
                },
                if p.page_size > 0 {
                    p.page_size
                } else {
                    fallback_size
                },
                p.total_records,
            ),
            None => (requested_page, fallback_size, 0),
        };
        let page = page.max(1);
        let seen = (page - 1).saturating_mul(page_size).saturating_add(count);
        Page {
            items,
            page,
            page_size,
            total: total.max(seen),
        }
    }

    /// At least 1, so an empty answer reads "page 1/1".
    pub fn page_count(&self) -> u64 {
        if self.page_size == 0 {
            return 1;
        }
        self.total.div_ceil(self.page_size).max(1)
    }

    pub fn has_next(&self) -> bool {
        self.page < self.page_count()
    }

    pub fn has_prev(&self) -> bool {
        self.page > 1
    }

    /// "page 2/3 · 47 total".
    pub fn label(&self) -> String {
        format!(
            "page {}/{} · {} total",
            self.page,
            self.page_count(),
            self.total
        )
    }

    /// The same paging over transformed items (wire → domain).
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            page_size: self.page_size,
            total: self.total,
        }
    }
}

#[cfg(test)]
mod tests;

impl<T: super::dates::Expires> Page<T> {
    /// The records as they stand on `today` (the China date, or a chosen day).
    pub fn judged_on(self, today: chrono::NaiveDate) -> Page<super::dates::Judged<T>> {
        self.map(|r| super::dates::Judged::on(r, today))
    }
}
