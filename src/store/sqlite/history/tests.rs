use super::*;

#[test]
fn recent_searches_are_newest_first_and_grouped() {
    let s = SqliteStore::in_memory().unwrap();
    s.record_search("甲公司", "certs", None, 10).unwrap();
    s.record_search("乙公司", "building", Some("juhe"), 20)
        .unwrap();
    s.record_search("甲公司", "certs", None, 30).unwrap();
    s.record_search(" ", "certs", None, 40).unwrap();
    let r = s.recent_searches(10).unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!((r[0].keyword.as_str(), r[0].times), ("甲公司", 2));
    assert_eq!(r[1].provider.as_deref(), Some("juhe"));
}
