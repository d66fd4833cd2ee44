use super::*;

fn check_all_fit(s: &str, cols: usize) -> Vec<String> {
    let lines = wrap(s, cols);
    for line in &lines {
        assert!(width(line) <= cols, "{s:?} at {cols}: {line:?} too wide");
    }
    lines
}

#[test]
fn cjk_breaks_between_characters() {
    assert_eq!(
        check_all_fit("计算机软件开发及技术服务", 8),
        ["计算机软", "件开发及", "技术服务"]
    );
    assert_eq!(check_all_fit("计算机软件", 5), ["计算", "机软", "件"]);
}

#[test]
fn latin_prefers_spaces() {
    assert_eq!(
        check_all_fit("the quick brown fox jumps", 10),
        ["the quick", "brown fox", "jumps"]
    );
    assert_eq!(check_all_fit("a   b", 10), ["a b"]);
    assert_eq!(
        check_all_fit("see www.hxccc.org/very/long/path now", 10),
        ["see www.hx", "ccc.org/ve", "ry/long/pa", "th now"]
    );
}

#[test]
fn mixed_text() {
    assert_eq!(
        check_all_fit("GB/T19001-2016 / ISO9001:2015 质量管理体系", 16),
        ["GB/T19001-2016 /", "ISO9001:2015 质", "量管理体系"]
    );
    assert_eq!(
        check_all_fit("中文ISO9001认证", 8),
        ["中文", "ISO9001", "认证"]
    );
}

#[test]
fn newlines_and_empty_input() {
    assert_eq!(check_all_fit("a\n\nb", 5), ["a", "", "b"]);
    assert_eq!(check_all_fit("a\r\nb\n", 5), ["a", "b"]);
    assert!(wrap("", 5).is_empty());
    assert_eq!(wrap("   ", 5), [""]);
}

#[test]
fn tiny_widths_neither_panic_nor_loop() {
    assert!(wrap("企查查 abc", 0).is_empty());
    assert_eq!(check_all_fit("ab c", 1), ["a", "b", "c"]);
    assert_eq!(check_all_fit("中文", 1), ["…", "…"]);
    assert_eq!(check_all_fit("中a", 2), ["中", "a"]);
    for s in [
        "企查查科技有限公司 software development",
        "👍🏽👍🏽 e\u{301}e\u{301} 👨\u{200d}👩 ☺\u{FE0F}",
        "\t\u{1b}[0m x",
        "a",
        " ",
    ] {
        for cols in 0..12 {
            check_all_fit(s, cols);
        }
    }
}

#[test]
fn nothing_but_whitespace_is_lost() {
    let s = "认证范围 ISO9001:2015 计算机软件开发及技术服务 and more";
    for cols in 2..30 {
        let joined: String = wrap(s, cols).concat().replace(' ', "");
        assert_eq!(joined, s.replace(' ', ""), "at {cols}");
    }
}
