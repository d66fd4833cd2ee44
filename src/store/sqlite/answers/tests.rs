use super::*;

#[test]
fn answers_replace_and_clear_and_count() {
    let s = SqliteStore::in_memory().unwrap();
    assert_eq!(s.answer("k").unwrap(), None);
    let a = StoredAnswer {
        fetched_at: 100,
        no_result: false,
        payload: "{}".into(),
    };
    s.put_answer("k", "qcc", "E/P", &a).unwrap();
    let b = StoredAnswer {
        fetched_at: 200,
        no_result: true,
        payload: "{\"x\":1}".into(),
    };
    s.put_answer("k", "qcc", "E/P", &b).unwrap();
    assert_eq!(s.answer("k").unwrap(), Some(b));
    let st = s.stats(0).unwrap();
    assert_eq!((st.entries, st.no_result, st.newest), (1, 1, Some(200)));
    assert_eq!(s.clear_answers().unwrap(), 1);
    assert_eq!(s.stats(0).unwrap().entries, 0);
}

#[test]
fn cooldowns_expire() {
    let s = SqliteStore::in_memory().unwrap();
    s.put_cooldown("q", 1000, "wait").unwrap();
    assert_eq!(s.cooldown("q", 999).unwrap(), Some((1000, "wait".into())));
    assert_eq!(s.cooldown("q", 1000).unwrap(), None);
}
