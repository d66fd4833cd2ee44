use super::*;

#[test]
fn clones_share_numbers_and_unknown_endpoints_read_zero() {
    let a = Counters::for_all_endpoints();
    let b = a.clone();
    a.record_request(BUILDING);
    a.record_request(BUILDING);
    a.record_billed(BUILDING);
    assert_eq!(b.requests(BUILDING), 2);
    assert_eq!(b.billed(BUILDING), 1);
    assert_eq!(b.billed("nope"), 0);
    assert_eq!(b.billed_total(), 1);
    assert_eq!(b.snapshot().len(), ALL.len());
}
