use super::*;

#[test]
fn an_order_is_recorded_before_and_updated_after() {
    let s = SqliteStore::in_memory().unwrap();
    let id = s.begin_order("甲公司", "pdf", 1000).unwrap();
    let r = s.recent_order("甲公司", "pdf", 0).unwrap().unwrap();
    assert_eq!((r.state, r.order_no.clone()), (OrderState::Sending, None));
    s.order_placed(id, "R1", 1001).unwrap();
    s.order_progress("R1", OrderState::Ready, Some("/r"), None, 1002)
        .unwrap();
    s.order_file("R1", "/tmp/r.pdf", 1003).unwrap();
    let r = s.recent_order("甲公司", "pdf", 500).unwrap().unwrap();
    assert_eq!(r.state, OrderState::Ready);
    assert_eq!(r.report_url.as_deref(), Some("/r"));
    assert_eq!(r.file.as_deref(), Some("/tmp/r.pdf"));
    assert!(s.recent_order("甲公司", "word", 0).unwrap().is_none());
    assert!(s.recent_order("甲公司", "pdf", 1001).unwrap().is_none());
    let id2 = s.begin_order("乙公司", "pdf", 2000).unwrap();
    s.order_failed(id2, OrderState::Failed, "116", 2001)
        .unwrap();
    assert!(s.recent_order("乙公司", "pdf", 0).unwrap().is_none());
    assert_eq!(s.orders(10).unwrap().len(), 2);
}

#[test]
fn a_claim_writes_a_row_once_and_then_finds_it() {
    let s = SqliteStore::in_memory().unwrap();
    let Claim::New(id) = s.claim_order("甲公司", "pdf", 0, 100).unwrap() else {
        panic!("nothing stood yet");
    };
    match s.claim_order(" 甲公司 ", "pdf", 0, 101).unwrap() {
        Claim::Standing(r) => assert_eq!((r.id, r.state), (id, OrderState::Sending)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        s.claim_order("甲公司", "word", 0, 102).unwrap(),
        Claim::New(_)
    ));
    // Outside the window, or after a refusal, a new row is written.
    assert!(matches!(
        s.claim_order("甲公司", "pdf", 150, 150).unwrap(),
        Claim::New(_)
    ));
}
