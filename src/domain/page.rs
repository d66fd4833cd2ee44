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
mod tests {
    use super::*;

    fn paging(size: u64, index: u64, total: u64) -> Option<Paging> {
        Some(Paging {
            page_size: size,
            page_index: index,
            total_records: total,
        })
    }

    #[test]
    fn from_vendor_paging() {
        let p = Page::from_paging(vec![0; 20], paging(20, 2, 47), 2, 20);
        assert_eq!((p.page, p.page_size, p.total), (2, 20, 47));
        assert_eq!(p.page_count(), 3);
        assert!(p.has_next() && p.has_prev());
        assert_eq!(p.label(), "page 2/3 · 47 total");
        let last = Page::from_paging(vec![0; 7], paging(20, 3, 47), 3, 20);
        assert!(!last.has_next() && last.has_prev());
    }

    #[test]
    fn without_paging_the_items_are_the_total() {
        let p = Page::from_paging(vec!['a', 'b', 'c'], None, 1, 20);
        assert_eq!((p.page, p.page_size, p.total), (1, 20, 3));
        assert_eq!(p.label(), "page 1/1 · 3 total");
        assert!(!p.has_next() && !p.has_prev());
        let p = Page::from_paging(vec!['a'], None, 1, 0);
        assert_eq!((p.page_size, p.total, p.page_count()), (1, 1, 1));
    }

    #[test]
    fn missing_fields_fall_back_and_nothing_divides_by_zero() {
        let p = Page::from_paging(vec![1, 2], paging(0, 0, 0), 0, 0);
        assert_eq!((p.page, p.page_size, p.total), (1, 2, 2));
        let p: Page<u8> = Page::from_paging(vec![], paging(0, 0, 0), 1, 0);
        assert_eq!((p.page_size, p.page_count()), (0, 1));
        assert_eq!(p.label(), "page 1/1 · 0 total");
        // A vendor total smaller than what arrived is corrected.
        let p = Page::from_paging(vec![0; 5], paging(20, 1, 2), 1, 20);
        assert_eq!(p.total, 5);
    }

    #[test]
    fn map_keeps_paging_and_json_is_flat() {
        let p = Page::from_paging(vec![1, 2], paging(2, 1, 5), 1, 2).map(|n| n * 10);
        assert_eq!(p.items, [10, 20]);
        assert_eq!(p.page_count(), 3);
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            serde_json::json!({"items": [10, 20], "page": 1, "page_size": 2, "total": 5})
        );
    }
}
