use super::*;

#[test]
fn lines_and_columns_count_from_one_in_characters() {
    let t = "a = 1\n企查 = x\n";
    assert_eq!(line_and_column(t, 0), (1, 1));
    let off = t.find('x').unwrap();
    assert_eq!(line_and_column(t, off), (2, 6));
}

#[test]
fn credential_lines_are_never_quoted() {
    let p = Path::new("c.toml");
    for text in [
        "[qcc]\nsecret = \"hunter2-xyz\n",
        "[qcc]\nsecret = 8812345\n",
        "qcc.key = true\n",
    ] {
        let e = toml::from_str::<Config>(text).unwrap_err();
        let msg = parse_error(p, text, &e).to_string();
        for leak in ["hunter2", "8812345", "true"] {
            assert!(!msg.contains(leak), "{msg}");
        }
        assert!(msg.contains("****"), "{msg}");
    }
}

#[test]
fn key_lines_are_found_under_sections_and_dotted() {
    let t =
        "# c\n[network]\ntimeout_secs = 0\n\n[qcc]\nbase_url = \"x\"\ncache.no_result = \"1h\"\n";
    assert_eq!(find_key_line(t, "network.timeout_secs"), Some(3));
    assert_eq!(find_key_line(t, "qcc.base_url"), Some(6));
    assert_eq!(find_key_line(t, "qcc.cache.no_result"), Some(7));
    assert_eq!(find_key_line(t, "ui.mouse"), None);
}
