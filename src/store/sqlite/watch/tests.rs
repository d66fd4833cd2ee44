use super::*;

#[test]
fn add_list_snapshot_remove() {
    let s = SqliteStore::in_memory().unwrap();
    assert!(s.watch_add(" 甲公司 ", 10).unwrap());
    assert!(!s.watch_add("甲公司", 11).unwrap());
    assert!(s.watch_add("乙公司", 12).unwrap());
    assert!(s.is_watched("甲公司").unwrap());
    let list = s.watch_list().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        (list[0].keyword.as_str(), list[0].last_run),
        ("甲公司", None)
    );
    s.save_snapshot("甲公司", 20, "clean", "{}").unwrap();
    s.save_snapshot("甲公司", 30, "red", "{\"a\":1}").unwrap();
    let last = s.last_snapshot("甲公司").unwrap().unwrap();
    assert_eq!((last.taken_at, last.level.as_str()), (30, "red"));
    let list = s.watch_list().unwrap();
    assert_eq!(list[0].last_level.as_deref(), Some("red"));
    assert!(s.watch_remove("甲公司").unwrap());
    assert!(!s.watch_remove("甲公司").unwrap());
    assert_eq!(s.last_snapshot("甲公司").unwrap(), None);
    assert_eq!(s.watch_list().unwrap().len(), 1);
}
