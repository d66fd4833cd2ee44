use super::*;

#[test]
fn every_field_reads_back_what_it_wrote_and_defaults_are_valid() {
    let defaults = Config::default();
    for f in FIELDS {
        let mut c = Config::default();
        let v = (f.get)(&defaults);
        if !f.secret && !v.is_empty() {
            (f.set)(&mut c, &v).unwrap_or_else(|e| panic!("{}: {e}", f.key));
        }
        assert_eq!((f.get)(&c), v, "{}", f.key);
        assert!(f.env.starts_with("CORPVET_"));
    }
}

#[test]
fn bad_values_say_what_is_wrong() {
    let mut c = Config::default();
    let set = |c: &mut Config, k: &str, v: &str| (field(k).unwrap().set)(c, v);
    assert!(set(&mut c, "network.timeout_secs", "0").is_err());
    assert!(set(&mut c, "network.timeout_secs", "abc").is_err());
    assert!(set(&mut c, "qcc.base_url", "ftp://x").is_err());
    assert!(set(&mut c, "lookup.default_provider", "baidu")
        .unwrap_err()
        .contains("qcc, juhe or both"));
    set(&mut c, "cache.no_result", "2h").unwrap();
    assert_eq!(c.cache.no_result, Ttl::hours(2));
    set(&mut c, "ui.mouse", "on").unwrap();
    assert!(c.ui.mouse);
}
