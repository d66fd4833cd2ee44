use super::CreditLevel::{self, *};

#[test]
fn every_historical_label() {
    let cases = [
        // 237号 (2018)
        ("高级认证企业", AdvancedCertified),
        ("一般认证企业", Certified),
        ("一般信用企业", General),
        ("失信企业", Dishonest),
        // 251号 (2021)
        ("注册登记和备案企业", General),
        ("一般信用", General),
        ("注册登记和备案企业（一般信用）", General),
        ("注册登记和备案企业(常规)", General),
        // 282号 (2026)
        ("认证企业", Certified),
        ("常规企业", General),
        ("严重失信企业", SeriouslyDishonest),
        // Spacing and bracket variants.
        (" 高级 认证企业 ", AdvancedCertified),
        ("一般信用企业（常规）", General),
        ("一般信用企业(常规)", General),
        ("一般信用企业 （ 常规 ）", General),
        ("\u{3000}失信企业\u{3000}", Dishonest),
        // Nothing.
        ("", None),
        ("  ", None),
    ];
    for (label, want) in cases {
        assert_eq!(CreditLevel::from_label(label), want, "{label:?}");
    }
    assert_eq!(CreditLevel::from_label(" AA类 "), Unknown("AA类".into()));
}

#[test]
fn labels_ranks_and_flags() {
    let scale = [
        AdvancedCertified,
        Certified,
        General,
        Dishonest,
        SeriouslyDishonest,
    ];
    let ranks: Vec<_> = scale.iter().map(CreditLevel::rank).collect();
    assert_eq!(ranks, [Some(4), Some(3), Some(2), Some(1), Some(0)]);
    assert_eq!(None.rank(), Option::None);
    assert!(Unknown("x".into()).rank() < SeriouslyDishonest.rank());
    let zh: Vec<_> = scale.iter().map(CreditLevel::label_zh).collect();
    assert_eq!(
        zh,
        [
            "高级认证企业",
            "认证企业",
            "常规企业",
            "失信企业",
            "严重失信企业"
        ]
    );
    for level in &scale {
        // The current label reads back as itself.
        assert_eq!(&CreditLevel::from_label(level.label_zh()), level);
        assert!(!level.label_en().is_empty());
    }
    assert!(Dishonest.is_red() && SeriouslyDishonest.is_red() && !General.is_red());
    assert!(AdvancedCertified.is_good() && Certified.is_good() && !General.is_good());
    assert!(!None.is_red() && !None.is_good());
    assert_eq!(Unknown("AA类".into()).label_zh(), "AA类");
}

#[test]
fn serializes_as_codes() {
    assert_eq!(
        serde_json::to_value(AdvancedCertified).unwrap(),
        "advanced_certified"
    );
    assert_eq!(
        serde_json::to_value(Unknown("x".into())).unwrap(),
        "unknown"
    );
    assert_eq!(serde_json::to_value(None).unwrap(), "none");
}
