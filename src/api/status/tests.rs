use super::*;

#[test]
fn classes_follow_the_digest() {
    let q = |c| classify(Vendor::Qcc, c);
    assert_eq!(q("200"), Ok);
    assert_eq!(q("201"), NoResult);
    assert_eq!(q("205"), Pending);
    for c in ["202", "213", "215", "223"] {
        assert_eq!(q(c), BadInput, "{c}");
    }
    for c in ["207", "208", "209", "218", "219"] {
        assert_eq!(q(c), Unsupported, "{c}");
    }
    for c in [
        "101", "102", "103", "104", "111", "113", "114", "115", "119", "121",
    ] {
        assert_eq!(q(c), KeyOrAccount, "{c}");
    }
    assert_eq!(q("107"), Signature);
    for c in ["109", "112", "116"] {
        assert_eq!(q(c), Quota, "{c}");
    }
    assert_eq!(q("120"), Throttled);
    assert_eq!(q("110"), Cooldown);
    for c in ["199", "203", "500"] {
        assert_eq!(q(c), UpstreamFault, "{c}");
    }
    assert_eq!(q("105"), Retired);
    assert_eq!(q(" 200 "), Ok);
    assert_eq!(q("999"), Unknown);

    let j = |c| classify(Vendor::Juhe, c);
    assert_eq!(j("0"), Ok);
    assert_eq!(j("265004"), NoResult);
    for c in ["265000", "265003", "265005", "10014"] {
        assert_eq!(j(c), UpstreamFault, "{c}");
    }
    assert_eq!(j("10001"), KeyOrAccount);
    assert_eq!(j("10021"), Retired);
}

#[test]
fn every_code_is_listed_once_with_text() {
    for vendor in [Vendor::Qcc, Vendor::Juhe] {
        let table = all(vendor);
        for (i, s) in table.iter().enumerate() {
            assert!(!s.message.is_empty() && !s.gloss.is_empty());
            assert!(
                table[i + 1..].iter().all(|t| t.code != s.code),
                "{} twice",
                s.code
            );
        }
    }
    assert_eq!(all(Vendor::Qcc).len(), 37);
    assert_eq!(all(Vendor::Juhe).len(), 21);
}

#[test]
fn only_transient_classes_are_retryable() {
    assert!(Throttled.retryable() && UpstreamFault.retryable());
    assert!(!Cooldown.retryable() && !Quota.retryable() && !Signature.retryable());
}
