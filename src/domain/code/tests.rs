use super::fold_full_width;

#[test]
fn folds_full_width_ascii_only() {
    let folded: String = "９１Ａｂ（）－\u{3000}中"
        .chars()
        .map(fold_full_width)
        .collect();
    assert_eq!(folded, "91Ab()- 中");
}
