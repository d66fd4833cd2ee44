use super::*;

#[test]
fn history_round_trips_without_blanks_or_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state").join("history");
    assert!(load(&path).is_empty());
    let entries: Vec<String> = [
        "企查查科技有限公司",
        " ",
        "甲公司",
        "企查查科技有限公司 ",
        "a\nb",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    save(&path, &entries).unwrap();
    assert_eq!(load(&path), ["甲公司", "企查查科技有限公司", "a b"]);
}

#[test]
fn only_the_newest_entries_are_kept() {
    let many = (0..MAX_ENTRIES + 5).map(|n| n.to_string());
    let kept = tidy(many);
    assert_eq!(kept.len(), MAX_ENTRIES);
    assert_eq!(kept[0], "5");
}
