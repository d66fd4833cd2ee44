use super::*;
use std::collections::HashSet;

const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [usize; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn credit_code_ok(code: &str) -> bool {
    let values: Option<Vec<usize>> = code.chars().map(|c| CHARSET.find(c)).collect();
    let Some(values) = values else { return false };
    if values.len() != 18 {
        return false;
    }
    let sum: usize = values[..17].iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    values[17] == (31 - sum % 31) % 31
}

fn data() -> Dataset {
    Dataset::load().expect("shipped data parses")
}

#[test]
fn every_company_has_valid_identifiers() {
    let d = data();
    assert!(d.companies.len() >= 14);
    let mut names = HashSet::new();
    for c in &d.companies {
        assert!(
            credit_code_ok(&c.credit_code),
            "{} {}",
            c.name,
            c.credit_code
        );
        assert_eq!(c.reg_no.len(), 15, "{}", c.name);
        assert!(c.reg_no.chars().all(|ch| ch.is_ascii_digit()));
        assert!(names.insert(c.name.clone()), "{} twice", c.name);
    }
}

#[test]
fn every_source_record_belongs_to_a_company() {
    let d = data();
    let codes: Vec<&String> = d
        .qualifications
        .keys()
        .chain(d.certificates.keys())
        .chain(d.customs.keys())
        .collect();
    for code in codes {
        assert!(d.by_credit_code(code).is_some(), "{code}");
    }
}

#[test]
fn certificates_are_unique_typed_and_detailed() {
    let d = data();
    let mut ids = HashSet::new();
    for certs in d.certificates.values() {
        for cert in certs {
            assert!(ids.insert(cert.id.to_lowercase()), "{} twice", cert.id);
            assert!(d.types.contains_key(&cert.kind), "{}", cert.kind);
            assert!(cert.detail.contains_key("证书状态"), "{}", cert.id);
            assert!(cert.detail.contains_key("证书到期日期"), "{}", cert.id);
        }
    }
    for family in d.families.values() {
        assert!(family.types.iter().all(|t| d.types.contains_key(t)));
    }
}

#[test]
fn the_required_companies_are_present() {
    let d = data();
    let qcc = d.find("91320594088140947F", &[IdKind::CreditCode]).unwrap();
    assert_eq!(qcc.name, "企查查科技有限公司");
    assert!(d
        .find("河南省建筑设计研究院有限公司", &[IdKind::Name])
        .is_some());
    assert!(d.certificates.values().any(|c| c.len() > 40));
    for fault in [
        Fault::Slow,
        Fault::Gateway,
        Fault::Corrupt,
        Fault::Quota,
        Fault::Throttle,
    ] {
        assert!(d.companies.iter().any(|c| c.fault == Some(fault)));
    }
    assert!(d.companies.iter().any(|c| c.report == ReportOutcome::F));
    assert!(d.companies.iter().any(|c| c.name.chars().count() >= 40));
}

#[test]
fn lookups_normalize_case_and_parentheses() {
    let d = data();
    assert!(d
        .find("91320594088140947f", &[IdKind::CreditCode])
        .is_some());
    assert!(d.find("91320594088140947F", &[IdKind::Name]).is_none());
    let long = d.companies.iter().find(|c| c.name.contains('（')).unwrap();
    let half = long.name.replace('（', "(").replace('）', ")");
    assert_eq!(d.find(&half, &[IdKind::Name]).unwrap().name, long.name);
    assert_eq!(d.category_types("c_7"), vec!["cnca001"]);
    assert_eq!(d.category_types("CNCA027"), vec!["cnca027"]);
    assert!(d.category_types("C_99").is_empty());
}
