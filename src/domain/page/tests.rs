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
