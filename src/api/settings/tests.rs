use super::*;
use std::collections::HashMap;

#[test]
fn env_lookup_needs_both_qcc_values_and_ignores_blanks() {
    let env: HashMap<&str, &str> = [("CORPVET_QCC_KEY", "k"), ("CORPVET_JUHE_KEY", " ")].into();
    let s = ApiSettings::from_lookup(|n| env.get(n).map(|v| v.to_string()));
    assert!(s.qcc.is_none() && s.juhe_key.is_none() && !s.has_credentials());
    assert_eq!(s.qcc_base_url, DEFAULT_QCC_BASE_URL);
    let env: HashMap<&str, &str> = [
        ("CORPVET_QCC_KEY", "k"),
        ("CORPVET_QCC_SECRET", "s"),
        ("CORPVET_QCC_BASE_URL", "http://x/api/yj"),
    ]
    .into();
    let s = ApiSettings::from_lookup(|n| env.get(n).map(|v| v.to_string()));
    assert!(s.has_credentials());
    assert_eq!(s.qcc_base_url, "http://x/api/yj");
}

#[test]
fn secrets_never_print_and_keys_mask_to_four() {
    assert_eq!(format!("{:?}", Secret::new("hunter2")), "Secret(****)");
    // Never a character of it (issue 12): only that it is set, and how long, roughly.
    assert_eq!(mask("abcdef123456"), "set, 8–15 characters");
    assert_eq!(mask("ab"), "set, under 8 characters");
    assert_eq!(mask(""), "(not set)");
}
