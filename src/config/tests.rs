use super::*;

#[test]
fn defaults_round_trip_through_toml() {
    let c = Config::default();
    let text = toml::to_string_pretty(&c).unwrap();
    let back: Config = toml::from_str(&text).unwrap();
    assert_eq!(back, c);
    assert!(text.contains("cert_detail = \"7d\""), "{text}");
}

#[test]
fn the_documented_file_is_exactly_the_defaults_and_names_every_key() {
    let text = include_str!("../../config/default.toml");
    let parsed: Config = toml::from_str(text).unwrap();
    assert_eq!(parsed, Config::default());
    for f in fields::all() {
        let name = f.key.rsplit('.').next().unwrap();
        assert!(
            text.contains(&format!("\n{name} = ")),
            "{} undocumented",
            f.key
        );
        assert!(text.contains(f.env), "{} undocumented", f.env);
    }
}

#[test]
fn credentials_never_debug_print() {
    let mut c = Config::default();
    c.qcc.secret = Credential::new("hunter2-secret");
    c.qcc.key = Credential::new("the-key-1234");
    let dbg = format!("{c:?}");
    assert!(
        !dbg.contains("hunter2") && !dbg.contains("the-key"),
        "{dbg}"
    );
}

#[test]
fn half_set_qcc_credentials_warn_and_count_as_unset() {
    let mut c = Config::default();
    c.qcc.key = Credential::new("k");
    let (s, w) = c.api_settings();
    assert!(s.qcc.is_none() && w.len() == 1);
    c.qcc.secret = Credential::new("s");
    c.juhe.key = Credential::new("j");
    let (s, w) = c.api_settings();
    assert!(s.qcc.is_some() && s.juhe_key.as_deref() == Some("j") && w.is_empty());
}
