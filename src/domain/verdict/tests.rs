use chrono::NaiveDate;
use serde_json::json;

use crate::api::error::ErrorReport;
use crate::api::wire::qcc;
use crate::domain::certificate::{CertStatus, Certificate, CertificateDetail};
use crate::domain::customs::CustomsRecord;
use crate::domain::qualification::Qualification;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn qual(no: &str, expires: &str) -> Qualification {
    let w: qcc::BuildingQualification = serde_json::from_value(json!({
        "CertNo": no, "Category": "施工资质", "CertNameList": ["建筑工程施工总承包一级"],
        "SignDate": "2020-01-01", "ValidPeriod": expires, "SignDept": "住建部", "CertScope": ""
    }))
    .unwrap();
    Qualification::from_qcc(w)
}

fn cert(id: &str, ends: &str) -> Certificate {
    let w: qcc::Certification = serde_json::from_value(json!({
        "Id": id, "Name": "", "Type": "cnca027", "StartDate": "2024-01-01 00:00:00",
        "EndDate": format!("{ends} 00:00:00"), "No": format!("NO-{id}"),
        "TypeDesc": "质量管理体系认证（ISO9000）"
    }))
    .unwrap();
    Certificate::from_wire(w)
}

fn detail(id: &str, status: &str, expires: &str, issuer: &str) -> CertificateDetail {
    let w: qcc::CertificationDetail = serde_json::from_value(json!({
        "Id": id,
        "Data": {"证书状态": status, "证书到期日期": expires, "发证机构状态": issuer,
                 "发证机构名称": "某认证中心"},
        "Schema": null
    }))
    .unwrap();
    CertificateDetail::from_wire(&w)
}

fn customs(level: &str, cancel: &str, annual: &str, natures: &[&str]) -> CustomsRecord {
    let punish: Vec<_> = natures
        .iter()
        .enumerate()
        .map(|(i, n)| {
            json!({"No": (i + 1).to_string(), "DecisionNo": format!("甬关缉决字[2025]{i}号"),
                   "Party": "x", "PunishDate": "2025-03-01", "CaseProp": n})
        })
        .collect();
    let w: qcc::CustomsRecord = serde_json::from_value(json!({
        "Id": "K1", "RegGov": "宁波海关", "RegNo": "3302960001", "CancelFlag": cancel,
        "AnnualStatus": annual, "IdentifyLevel": level, "IdentifyCode": "AEOCN0001",
        "PunishList": punish
    }))
    .unwrap();
    CustomsRecord::from_wire(w)
}

fn failure(code: &str) -> ErrorReport {
    ErrorReport {
        code: Some(code.into()),
        class: "quota".into(),
        message: "请求超过每日调用总量限制".into(),
        gloss: None,
        advice: None,
        retryable: false,
    }
}

fn set(items: Vec<Certificate>) -> Outcome<CertificateSet> {
    let total = items.len() as u64;
    Outcome::Found(CertificateSet {
        items,
        total,
        pages: 1,
        partial: None,
    })
}

/// Every source answered "no result" except those set afterwards.
fn empty() -> VetInput {
    let mut i = VetInput::new("甲公司");
    i.qualifications_qcc = Outcome::NotFound;
    i.certificates = Outcome::NotFound;
    i.customs = Outcome::NotFound;
    i
}

fn codes(v: &Verdict) -> Vec<(FlagLevel, FlagCode)> {
    v.flags.iter().map(|f| (f.level, f.code)).collect()
}

#[test]
fn nothing_found_is_its_own_verdict() {
    let v = vet(&empty(), today());
    assert_eq!(v.level, VerdictLevel::NothingFound);
    assert!(v.flags.is_empty());
    assert!(v.headline_en.starts_with("NOTHING FOUND"));
    assert_eq!(v.sources.len(), 3, "juhe was not asked");
}

#[test]
fn every_source_failing_is_incomplete_and_names_them() {
    let mut i = empty();
    i.qualifications_qcc = Outcome::Failed(failure("116"));
    i.certificates = Outcome::Failed(failure("116"));
    i.customs = Outcome::Failed(failure("116"));
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Incomplete);
    assert_eq!(v.unchecked.len(), 3);
    assert!(codes(&v)
        .iter()
        .all(|c| *c == (FlagLevel::Warning, FlagCode::SourceFailed)));
    assert_eq!(
        vet(&VetInput::new("x"), today()).level,
        VerdictLevel::Incomplete
    );
}

#[test]
fn clean_when_everything_is_fine() {
    let mut i = empty();
    i.qualifications_qcc = Outcome::Found(vec![qual("D1", "2029-01-01")]);
    i.certificates = set(vec![cert("c1", "2029-01-01")]);
    i.details
        .insert("c1".into(), detail("c1", "有效", "2029-01-01", "有效"));
    i.customs = Outcome::Found(vec![customs("常规企业", "正常", "已报送", &[])]);
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Clean, "{:?}", v.flags);
    assert_eq!(
        codes(&v),
        [(FlagLevel::Good, FlagCode::QualificationsValid)]
    );
    assert_eq!(v.counts.certificates_checked, 1);
    assert!(v.unchecked.is_empty());
}

#[test]
fn dishonest_and_smuggling_are_red_other_penalties_warn() {
    let mut i = empty();
    i.customs = Outcome::Found(vec![customs(
        "失信企业",
        "正常",
        "已报送",
        &["违规", "走私"],
    )]);
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Red);
    assert_eq!(
        codes(&v),
        [
            (FlagLevel::Red, FlagCode::CustomsDishonest),
            (FlagLevel::Red, FlagCode::SmugglingPenalty),
            (FlagLevel::Warning, FlagCode::CustomsPenalty),
        ]
    );
    let smuggling = &v.flags[1];
    assert_eq!(smuggling.evidence[0].source, SourceId::Customs);
    assert_eq!(smuggling.evidence[0].index, Some(0));
    assert_eq!(smuggling.evidence[0].penalty, Some(1));
    assert_eq!(smuggling.evidence[0].value, "走私");
    assert!(smuggling.zh.contains("走私") && smuggling.en.contains("smuggling"));
    assert_eq!(
        (v.counts.red, v.counts.warning, v.counts.penalties),
        (2, 1, 2)
    );
    // 严重失信 too.
    i.customs = Outcome::Found(vec![customs("严重失信企业", "正常", "已报送", &[])]);
    assert_eq!(vet(&i, today()).level, VerdictLevel::Red);
}

#[test]
fn qualifications_expired_is_red_expiring_warns_and_all_valid_is_good() {
    let mut i = empty();
    i.qualifications_qcc = Outcome::Found(vec![
        qual("D1", "2029-01-01"),
        qual("D2", "2025-06-30"),
        qual("D3", "2027-01-15"),
    ]);
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Red);
    assert_eq!(
        codes(&v),
        [
            (FlagLevel::Red, FlagCode::QualificationExpired),
            (FlagLevel::Warning, FlagCode::QualificationExpiring),
        ]
    );
    let e = &v.flags[0].evidence[0];
    assert_eq!((e.index, e.id.as_deref()), (Some(1), Some("D2")));
    assert_eq!(e.value, "2025-06-30");
    assert!(v.flags[1].en.contains("52 days"), "{}", v.flags[1].en);

    // Expiring only: warning, and still all valid (good).
    i.qualifications_qcc = Outcome::Found(vec![qual("D3", "2027-01-15")]);
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Warning);
    assert_eq!(
        codes(&v),
        [
            (FlagLevel::Warning, FlagCode::QualificationExpiring),
            (FlagLevel::Good, FlagCode::QualificationsValid),
        ]
    );
}

#[test]
fn all_valid_needs_known_dates_and_no_failed_provider() {
    let mut i = empty();
    i.qualifications_qcc = Outcome::Found(vec![qual("D1", "2029-01-01"), qual("D2", "")]);
    assert!(!codes(&vet(&i, today())).contains(&(FlagLevel::Good, FlagCode::QualificationsValid)));
    i.qualifications_qcc = Outcome::Found(vec![qual("D1", "2029-01-01")]);
    i.qualifications_juhe = Outcome::Failed(failure("10012"));
    let v = vet(&i, today());
    assert!(!codes(&v).contains(&(FlagLevel::Good, FlagCode::QualificationsValid)));
    assert_eq!(v.level, VerdictLevel::Warning);
    assert_eq!(v.unchecked, [SourceId::QualificationsJuhe]);
    assert!(v
        .headline_en
        .contains("could not check: qualifications (Juhe)"));
}

#[test]
fn juhe_rows_are_evidence_of_their_own_source() {
    let mut i = empty();
    i.qualifications_juhe = Outcome::Found(vec![qual("A1", "2020-01-01")]);
    let v = vet(&i, today());
    assert_eq!(v.flags[0].evidence[0].source, SourceId::QualificationsJuhe);
    assert_eq!(v.counts.qualifications, 1);
}

#[test]
fn revoked_or_cancelled_detail_is_red_and_suppresses_the_date_warning() {
    let mut i = empty();
    i.certificates = set(vec![
        cert("c1", "2020-01-01"),
        cert("c2", "2029-01-01"),
        cert("c3", "2029-01-01"),
    ]);
    i.details
        .insert("c1".into(), detail("c1", "撤销", "2020-01-01", "有效"));
    i.details
        .insert("c2".into(), detail("c2", "注销", "2029-01-01", "有效"));
    i.details
        .insert("c3".into(), detail("c3", "暂停", "2029-01-01", "撤销"));
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Red);
    assert_eq!(
        codes(&v),
        [
            (FlagLevel::Red, FlagCode::CertificateRevoked),
            (FlagLevel::Red, FlagCode::CertificateRevoked),
            (FlagLevel::Warning, FlagCode::CertificateNotValid),
            (FlagLevel::Warning, FlagCode::IssuerNotValid),
        ]
    );
    assert_eq!(v.flags[1].evidence[0].id.as_deref(), Some("c2"));
    assert_eq!(v.flags[1].evidence[0].value, "注销");
    assert_eq!(v.counts.certificates_checked, 3);
}

#[test]
fn certificate_dates_warn_and_unchecked_ones_are_counted() {
    let mut i = empty();
    i.certificates = Outcome::Found(CertificateSet {
        items: vec![
            cert("c1", "2026-01-01"),
            cert("c2", "2026-12-24"),
            cert("c3", "2030-01-01"),
        ],
        total: 120,
        pages: 5,
        partial: None,
    });
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Warning);
    assert_eq!(
        codes(&v),
        [
            (FlagLevel::Warning, FlagCode::CertificateExpired),
            (FlagLevel::Warning, FlagCode::CertificateExpiring),
            (FlagLevel::Warning, FlagCode::CertificatesUnchecked),
        ]
    );
    let unchecked = &v.flags[2];
    assert!(unchecked.en.starts_with("120 of 120"), "{}", unchecked.en);
    assert!(unchecked.en.contains("117 of them beyond"));
    assert_eq!(v.counts.certificates_total, 120);

    // A detail's date wins over the list's; a 过期 status is the expiry warning itself.
    i.details
        .insert("c2".into(), detail("c2", "有效", "2030-01-01", "有效"));
    i.details
        .insert("c1".into(), detail("c1", "过期", "2026-01-01", "有效"));
    let v = vet(&i, today());
    assert_eq!(
        codes(&v),
        [
            (FlagLevel::Warning, FlagCode::CertificateExpired),
            (FlagLevel::Warning, FlagCode::CertificatesUnchecked),
        ]
    );
    assert_eq!(v.flags[0].evidence[0].field, "status");
}

#[test]
fn cancelled_registration_and_missing_annual_report_warn_aeo_is_good() {
    let mut i = empty();
    i.customs = Outcome::Found(vec![customs("高级认证企业", "注销", "未报送", &[])]);
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Warning);
    assert_eq!(
        codes(&v),
        [
            (FlagLevel::Warning, FlagCode::CustomsCancelled),
            (FlagLevel::Warning, FlagCode::AnnualReportMissing),
            (FlagLevel::Good, FlagCode::AdvancedCertified),
        ]
    );
    assert!(v.flags[2].en.contains("AEOCN0001"));
    i.customs = Outcome::Found(vec![customs("高级认证企业", "正常", "已报送", &[])]);
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Clean);
}

#[test]
fn a_partial_certificate_fetch_is_listed_as_unchecked() {
    let mut i = empty();
    i.certificates = Outcome::Found(CertificateSet {
        items: vec![cert("c1", "2030-01-01")],
        total: 30,
        pages: 1,
        partial: Some(failure("120")),
    });
    let v = vet(&i, today());
    assert_eq!(v.unchecked, [SourceId::Certificates]);
    assert!(codes(&v).contains(&(FlagLevel::Warning, FlagCode::SourceFailed)));
    let report = &v.sources[1];
    assert_eq!((report.state, report.records), (SourceState::Partial, 1));
}

/// "Nothing found" is a valid, empty answer (exit 1); with a source that failed it is not
/// one, since the failed source may hold the records: the failure's warning decides.
#[test]
fn failed_and_not_found_mix_is_the_failures_warning_not_nothing_found() {
    let mut i = empty();
    i.customs = Outcome::Failed(failure("116"));
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Warning);
    assert!(v.headline_en.contains("could not check: customs credit"));
}

#[test]
fn evidence_describes_itself_and_serializes() {
    let mut i = empty();
    i.customs = Outcome::Found(vec![customs("失信企业", "正常", "已报送", &["走私"])]);
    let v = vet(&i, today());
    assert_eq!(
        v.flags[1].evidence[0].describe(),
        "customs #1 penalty #1 [甬关缉决字[2025]0号] 案件性质 = 走私"
    );
    let j = serde_json::to_value(&v).unwrap();
    assert_eq!(j["level"], "red");
    assert_eq!(j["flags"][0]["code"], "customs_dishonest");
    assert_eq!(j["flags"][0]["evidence"][0]["source"], "customs");
    assert_eq!(j["sources"][0]["state"], "not_found");
    let input = serde_json::to_value(&i).unwrap();
    assert_eq!(input["customs"]["state"], "found");
    assert_eq!(input["qualifications_juhe"]["state"], "not_asked");
}

#[test]
fn one_certificate_from_both_providers_is_one_flag_with_two_records() {
    let mut i = empty();
    i.qualifications_qcc = Outcome::Found(vec![qual("D2", "2025-06-30"), qual("D1", "2029-01-01")]);
    i.qualifications_juhe =
        Outcome::Found(vec![qual("d2", "2025-06-30"), qual("D9", "2024-01-01")]);
    let v = vet(&i, today());
    // D1 only at QCC and D9 only at Juhe: the two providers disagree on both.
    assert_eq!(
        codes(&v),
        [
            (FlagLevel::Red, FlagCode::QualificationExpired),
            (FlagLevel::Red, FlagCode::QualificationExpired),
            (FlagLevel::Warning, FlagCode::ProvidersDisagree),
            (FlagLevel::Warning, FlagCode::ProvidersDisagree),
        ]
    );
    let sources: Vec<_> = v.flags[0].evidence.iter().map(|e| e.source).collect();
    assert_eq!(
        sources,
        [SourceId::QualificationsQcc, SourceId::QualificationsJuhe]
    );
    assert_eq!(v.flags[1].evidence[0].id.as_deref(), Some("D9"));
    // All valid counts distinct certificates.
    i.qualifications_qcc = Outcome::Found(vec![qual("D1", "2029-01-01")]);
    i.qualifications_juhe = Outcome::Found(vec![qual("D1", "2029-01-01")]);
    let v = vet(&i, today());
    assert!(
        v.flags[0].en.starts_with("All 1 qualification"),
        "{}",
        v.flags[0].en
    );
}

#[test]
fn coverage_is_only_kept_for_a_list_read_in_part() {
    assert_eq!(Coverage::of(20, 20, None), None);
    assert_eq!(
        Coverage::of(20, 7, None),
        None,
        "a total below the rows read"
    );
    let cut = Coverage::of(100, 5001, None).unwrap();
    assert_eq!(cut.unread(), 4901);
    let stopped = Coverage::of(20, 20, Some(failure("500"))).unwrap();
    assert_eq!(stopped.unread(), 0);
}

#[test]
fn a_later_page_that_failed_makes_the_list_partial_and_says_why() {
    let mut input = VetInput::new("x");
    input.customs = Outcome::Found(vec![customs("一般信用企业", "正常", "已报送", &[])]);
    input.coverage.insert(
        SourceId::Customs,
        Coverage::of(1, 1, Some(failure("500"))).unwrap(),
    );
    let v = vet(&input, today());
    let customs = v
        .sources
        .iter()
        .find(|s| s.source == SourceId::Customs)
        .unwrap();
    assert_eq!(customs.state, SourceState::Partial);
    assert_eq!(v.unchecked, [SourceId::Customs]);
    assert!(v
        .flags
        .iter()
        .any(|f| f.code == FlagCode::SourceFailed && f.en.contains("only partly checked")));
    // Nothing was beyond the pages read: no page-cap warning.
    assert!(!v.flags.iter().any(|f| f.code == FlagCode::ListIncomplete));
}

/// Issue 11, point 2: a search row that carries its own `Status` (real rows do) is a checked
/// status: a revoked certificate is red without a billed detail call, and the "not checked"
/// count leaves it out. `InstitutionList` is read as names, array or null.
#[test]
fn a_search_rows_own_status_is_a_checked_status() {
    let row = |id: &str, status: serde_json::Value, institutions: serde_json::Value| {
        let w: qcc::Certification = serde_json::from_value(json!({
            "Id": id, "Type": "cnca027", "StartDate": "2024-01-01 00:00:00",
            "EndDate": "2030-01-01 00:00:00", "No": format!("NO-{id}"),
            "TypeDesc": "质量管理体系认证（ISO9000）", "Status": status,
            "InstitutionList": institutions
        }))
        .unwrap();
        Certificate::from_wire(w)
    };
    let revoked = row(
        "r",
        json!("撤销"),
        json!(["中国质量认证中心", {"Name": "某认证公司"}]),
    );
    assert_eq!(revoked.status, Some(CertStatus::Revoked));
    assert_eq!(revoked.institutions, ["中国质量认证中心", "某认证公司"]);
    let none = row("n", json!(null), json!(null));
    assert_eq!((none.status.clone(), none.institutions.len()), (None, 0));
    let mut i = empty();
    i.certificates = Outcome::Found(CertificateSet {
        items: vec![revoked, none, row("v", json!("有效"), json!([]))],
        total: 3,
        pages: 1,
        partial: None,
    });
    let v = vet(&i, today());
    assert_eq!(v.level, VerdictLevel::Red);
    assert!(codes(&v).contains(&(FlagLevel::Red, FlagCode::CertificateRevoked)));
    let unchecked = v
        .flags
        .iter()
        .find(|f| f.code == FlagCode::CertificatesUnchecked)
        .expect("one row has no status");
    assert!(unchecked.en.starts_with("1 of 3"), "{}", unchecked.en);
    assert_eq!(v.counts.certificates_checked, 2);
}
