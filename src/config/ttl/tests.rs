use super::*;

#[test]
fn lifetimes_parse_and_print_in_their_units() {
    assert_eq!(Ttl::parse("24h").unwrap(), Ttl::hours(24));
    assert_eq!(Ttl::parse(" 7d ").unwrap(), Ttl::days(7));
    assert_eq!(Ttl::parse("90").unwrap(), Ttl::secs(90));
    assert_eq!(Ttl::parse("30 min").unwrap(), Ttl::secs(1800));
    assert!(Ttl::parse("soon").is_err());
    assert!(Ttl::parse("3w").is_err());
    assert_eq!(Ttl::days(7).to_string(), "7d");
    assert_eq!(Ttl::hours(36).to_string(), "36h");
    assert_eq!(Ttl::hours(24).to_string(), "24h");
    assert_eq!(Ttl::secs(90).to_string(), "90s");
    assert_eq!(age_label(Duration::from_secs(3 * 3600 + 5)), "3 h ago");
    assert_eq!(left_label(Duration::from_secs(7199)), "1 h 59 min");
}
