use super::*;

#[test]
fn keys_ignore_parameter_order_spacing_and_code_case() {
    let a = CacheKey::new(Vendor::Qcc, endpoint::CERT_SEARCH)
        .keyword("searchKey", " 甲  公司 ")
        .param("pageIndex", 2);
    let b = CacheKey::new(Vendor::Qcc, endpoint::CERT_SEARCH)
        .param("pageIndex", "2")
        .keyword("searchKey", "甲 公司");
    assert_eq!(a.text("o"), b.text("o"));
    assert_ne!(a.text("o"), a.text("p"));
    assert_eq!(
        crate::domain::keyword::normalise("9132 0594 0881 4094 7f"),
        "91320594088140947F"
    );
    assert_eq!(
        origin_of(Mode::Live, "https://u:pw@pro.qcc.com/api/yj/?x=1"),
        "https://pro.qcc.com/api/yj"
    );
    assert_eq!(
        origin_of(Mode::Sandbox, "http://127.0.0.1:9/api/yj"),
        "sandbox"
    );
}

#[test]
fn lifetimes_follow_the_endpoint_and_no_result() {
    let p = CachePolicy::default();
    assert_eq!(
        p.lifetime(endpoint::CERT_SEARCH, false),
        Duration::from_secs(86_400)
    );
    assert_eq!(
        p.lifetime(endpoint::CERT_DETAIL, false),
        Duration::from_secs(7 * 86_400)
    );
    assert_eq!(
        p.lifetime(endpoint::CERT_DETAIL, true),
        Duration::from_secs(6 * 3600)
    );
    assert_eq!(p.lifetime(endpoint::CREATE_REPORT, false), Duration::ZERO);
}

#[test]
fn freshness_reads_as_an_age() {
    let f = Freshness {
        cached: true,
        fetched_at: at(0),
        stale: false,
        note: None,
        fetched_by: None,
        order_number: None,
    };
    assert_eq!(
        f.label(at(3 * 3600 + 10)).as_deref(),
        Some("cached 3 h ago")
    );
    let by = Freshness {
        fetched_by: Some("ana\u{1b}[2J".into()),
        ..f.clone()
    };
    assert_eq!(
        by.label(at(3 * 3600 + 10)).as_deref(),
        Some("cached 3 h ago by ana [2J"),
        "a colleague's name, without its control characters"
    );
    assert_eq!(Freshness::live_at(0).label(at(99)), None);
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(json["fetched_at"], "1970-01-01T00:00:00Z");
}
