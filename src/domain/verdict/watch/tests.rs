use super::*;

fn snap() -> Snapshot {
    let mut s = Snapshot {
        keyword: "甲".into(),
        level: "warning".into(),
        ..Snapshot::default()
    };
    for src in ["qualifications_qcc", "certificates", "customs"] {
        s.sources.insert(src.into(), "found".into());
    }
    s.qualifications.insert(
        "qcc:D1".into(),
        QualFact {
            name: "施工总承包一级".into(),
            expires: Some("2027-01-15".into()),
            state: "expiring".into(),
        },
    );
    s.certificates.insert(
        "c1".into(),
        CertFact {
            number: "N1".into(),
            kind: "ISO9001".into(),
            ends: Some("2028-01-01".into()),
            state: "valid".into(),
            status: Some("有效".into()),
        },
    );
    let mut k = CustomsFact {
        office: "宁波海关".into(),
        level: "一般信用企业".into(),
        ..CustomsFact::default()
    };
    k.penalties.insert("D-1".into(), "违规".into());
    s.customs.insert("k1".into(), k);
    s
}

fn kinds(c: &[Change]) -> Vec<ChangeKind> {
    c.iter().map(|c| c.kind).collect()
}

#[test]
fn nothing_changed() {
    assert!(diff(&snap(), &snap()).is_empty());
}

#[test]
fn expired_renewed_status_level_penalty() {
    let prev = snap();
    let mut cur = snap();
    cur.level = "red".into();
    cur.qualifications.get_mut("qcc:D1").unwrap().state = "expired".into();
    cur.certificates.get_mut("c1").unwrap().status = Some("撤销".into());
    let k = cur.customs.get_mut("k1").unwrap();
    k.level = "失信企业".into();
    k.penalties.insert("D-2".into(), "走私".into());
    let changes = diff(&prev, &cur);
    assert_eq!(
        kinds(&changes),
        [
            ChangeKind::VerdictChanged,
            ChangeKind::QualificationExpired,
            ChangeKind::CertificateStatusChanged,
            ChangeKind::CreditLevelChanged,
            ChangeKind::NewPenalty,
        ]
    );
    assert_eq!(changes[2].en, "certificate N1 status 有效 → 撤销");
    assert!(changes[4].zh.contains("走私"));

    let mut renewed = snap();
    renewed.qualifications.get_mut("qcc:D1").unwrap().expires = Some("2030-01-15".into());
    assert_eq!(
        kinds(&diff(&prev, &renewed)),
        [ChangeKind::QualificationRenewed]
    );
}

#[test]
fn a_failed_source_is_not_compared() {
    let prev = snap();
    let mut cur = snap();
    cur.sources.insert("customs".into(), "failed".into());
    cur.customs.clear();
    assert_eq!(kinds(&diff(&prev, &cur)), [ChangeKind::SourceUnavailable]);
}

#[test]
fn round_trips_as_json() {
    let s = snap();
    let text = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<Snapshot>(&text).unwrap(), s);
    let old: Snapshot = serde_json::from_str(r#"{"keyword":"x"}"#).unwrap();
    assert_eq!(old.keyword, "x");
}
