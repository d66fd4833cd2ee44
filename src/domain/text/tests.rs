use super::*;

#[test]
fn cjk_is_two_columns() {
    assert_eq!(width("企查查"), 6);
    assert_eq!(width("ISO9001 质量"), 12);
    assert_eq!(width(""), 0);
    assert_eq!(width("（）"), 4);
}

#[test]
fn truncate_never_exceeds_and_never_splits_wide_chars() {
    assert_eq!(truncate("企查查科技有限公司", 7), "企查查…");
    assert_eq!(truncate("企查查科技有限公司", 8), "企查查…");
    assert_eq!(truncate("企查查科技有限公司", 18), "企查查科技有限公司");
    assert_eq!(truncate("hello world", 8), "hello w…");
    assert_eq!(truncate("hello world", 6), "hello…");
    assert_eq!(truncate("ab", 2), "ab");
    assert_eq!(truncate("abc", 1), "…");
    assert_eq!(truncate("中", 1), "…");
    assert_eq!(truncate("中文", 2), "…");
    assert_eq!(truncate("abc", 0), "");
    assert_eq!(truncate("", 0), "");
    assert_eq!(truncate("", 5), "");
    for s in [
        "企查查科技有限公司",
        "a中b文c",
        "e\u{301}e\u{301}e\u{301}",
        "👍🏽👍🏽👍🏽",
        "☺\u{FE0F}☺\u{FE0F}☺\u{FE0F}",
    ] {
        for max in 0..=width(s) + 1 {
            let t = truncate(s, max);
            assert!(width(&t) <= max, "{s:?} {max} → {t:?}");
        }
    }
}

#[test]
fn truncate_keeps_combining_marks_with_their_base() {
    assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
    // The variation selector makes ☺ two columns and stays attached to it.
    assert_eq!(truncate("☺\u{FE0F}☺\u{FE0F}", 3), "☺\u{FE0F}…");
    assert_eq!(truncate("☺\u{FE0F}☺\u{FE0F}", 2), "…");
}

#[test]
fn pad_by_display_width() {
    assert_eq!(pad("中", 4), "中  ");
    assert_eq!(pad("ab", 4), "ab  ");
    assert_eq!(pad("中文字", 4), "中文字");
    assert_eq!(pad("", 2), "  ");
    assert_eq!(pad_left("12", 4), "  12");
    assert_eq!(pad_left("中", 3), " 中");
    assert_eq!(fit("企查查科技", 7), "企查查…");
    // The wide 科 does not fit in the one spare column: padded instead.
    assert_eq!(fit("企查查科技", 8), "企查查… ");
    assert_eq!(width(&fit("企查查科技", 8)), 8);
    assert_eq!(fit("ab", 4), "ab  ");
    assert_eq!(fit("ab", 0), "");
}

#[test]
fn one_line_flattens_control_characters() {
    assert_eq!(one_line(" a\r\nb\t c\u{1b}[31m "), "a b c [31m");
    assert_eq!(one_line("江苏省\n苏州"), "江苏省 苏州");
    assert_eq!(one_line("\n\n"), "");
}

#[test]
fn clusters_keep_marks_and_zwj_sequences() {
    assert_eq!(clusters("ae\u{301}"), ["a", "e\u{301}"]);
    assert_eq!(clusters("👨\u{200d}👩x"), ["👨\u{200d}👩", "x"]);
    assert_eq!(clusters("中文"), ["中", "文"]);
    assert!(clusters("").is_empty());
    assert_eq!(clusters("\u{301}a"), ["\u{301}", "a"]);
}

#[test]
fn trim_owned_trims_in_place() {
    assert_eq!(trim_owned(" \u{3000}企查查\t\n".to_string()), "企查查");
    assert_eq!(trim_owned("   ".to_string()), "");
    assert_eq!(trim_owned(String::new()), "");
    assert_eq!(trim_owned("a b".to_string()), "a b");
    // Already trimmed text keeps its buffer: nothing is copied.
    let s = "营口海关".to_string();
    let at = s.as_ptr();
    let trimmed = trim_owned(s);
    assert_eq!(trimmed.as_ptr(), at);
}
