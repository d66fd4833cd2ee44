use super::CertStatus::{self, *};

#[test]
fn registry_words_and_variants() {
    let cases = [
        ("有效", Valid),
        (" 有效 ", Valid),
        ("证书有效", Valid),
        ("暂停", Suspended),
        ("证书暂停", Suspended),
        ("撤销", Revoked),
        ("已撤销", Revoked),
        ("撤消", Revoked),
        ("注销", Cancelled),
        ("注销（自愿）", Cancelled),
        ("过期", Expired),
        ("失效", Expired),
        ("已过期失效", Expired),
        ("Valid", Valid),
        ("REVOKED", Revoked),
        ("", Unknown),
        ("  ", Unknown),
        ("无效", Other("无效".into())),
        ("待定", Other("待定".into())),
    ];
    for (text, want) in cases {
        assert_eq!(CertStatus::from_text(text), want, "{text:?}");
    }
}

#[test]
fn predicates_labels_and_json() {
    assert!(Valid.is_valid() && !Valid.is_red());
    assert!(Revoked.is_red() && Cancelled.is_red());
    assert!(!Suspended.is_red() && !Expired.is_red() && !Suspended.is_valid());
    assert_eq!(Revoked.label_zh(), "撤销");
    assert_eq!(Revoked.label_en(), "revoked");
    let other = Other("待定".into());
    assert_eq!(other.label_zh(), "待定");
    assert_eq!(serde_json::to_value(&other).unwrap(), "other");
    assert_eq!(serde_json::to_value(Cancelled).unwrap(), "cancelled");
}
