use super::*;

#[test]
fn cjk_columns_line_up_by_display_width() {
    let t = render(
        &["编号", "名称"],
        &[
            vec!["A1".into(), "质量管理体系认证".into()],
            vec!["长编号123".into(), "x".into()],
        ],
        40,
    );
    let lines: Vec<&str> = t.lines().collect();
    let col2 = |l: &str| width(&l[..l.find(['质', 'x', '名']).unwrap()]);
    assert_eq!(col2(lines[0]), col2(lines[2]));
    assert_eq!(col2(lines[2]), col2(lines[3]));
}

#[test]
fn long_cells_are_cut_at_the_cap() {
    let t = render(&["n"], &[vec!["中".repeat(50)]], 10);
    assert!(t.lines().all(|l| width(l) <= 10));
    assert!(t.contains('…'));
}
