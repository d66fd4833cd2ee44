use super::*;

#[test]
fn page_count_rounds_up_and_never_reads_zero() {
    let p = |size, index, total| Paging {
        page_size: size,
        page_index: index,
        total_records: total,
    };
    assert_eq!(p(20, 1, 47).page_count(), 3);
    assert_eq!(p(20, 1, 40).page_count(), 2);
    assert_eq!(p(20, 1, 0).page_count(), 1);
    assert_eq!(p(0, 1, 9).page_count(), 1);
    assert!(p(20, 2, 47).has_next());
    assert!(!p(20, 3, 47).has_next());
}
