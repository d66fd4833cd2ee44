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

#[test]
fn a_cell_with_a_line_break_or_an_escape_keeps_its_row_and_column() {
    let rows = vec![
        vec!["甲\n公司\u{1b}[2J".to_string(), "x".to_string()],
        vec!["乙公司".to_string(), "y".to_string()],
    ];
    let out = render(&["名称", "v"], &rows, 40);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out}");
    let col = |l: &str| crate::domain::text::width(&l[..l.rfind(' ').unwrap()]);
    assert_eq!(col(lines[2]), col(lines[3]), "{out}");
}
