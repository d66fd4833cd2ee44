use super::CertFamily::{self, *};

#[test]
fn families_from_descriptions() {
    let cases = [
        ("质量管理体系认证（ISO9000）", Quality),
        ("质量管理体系认证（ISO9001）", Quality),
        ("工程建设施工企业质量管理规范", Quality),
        ("环境管理体系认证", Environment),
        ("ISO 14001", Environment),
        ("GB/T24001-2016", Environment),
        ("GB/T 19001-2016", Quality),
        ("GB/T 22080", InformationSecurity),
        ("职业健康安全管理体系认证", OccupationalHealth),
        ("ISO45001", OccupationalHealth),
        ("信息安全管理体系认证", InformationSecurity),
        ("iso/iec 27001", InformationSecurity),
        ("企业知识产权管理体系认证", IntellectualProperty),
        ("强制性产品认证", Ccc),
        ("CCC认证", Ccc),
        ("有机产品认证", Product),
        ("环境标志产品认证", Product),
        ("服务认证-批发业和零售业服务", Service),
        ("食品安全管理体系认证", Other),
        ("", Other),
    ];
    for (desc, want) in cases {
        assert_eq!(CertFamily::from_type_desc(desc), want, "{desc}");
    }
}

#[test]
fn codes_match_serde_and_labels_exist() {
    for f in [
        Quality,
        Environment,
        OccupationalHealth,
        InformationSecurity,
        IntellectualProperty,
        Ccc,
        Product,
        Service,
        Other,
    ] {
        assert_eq!(serde_json::to_value(f).unwrap(), f.code());
        assert!(!f.label_en().is_empty() && !f.label_zh().is_empty());
    }
}
