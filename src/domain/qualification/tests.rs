use super::*;
use crate::api::status::Vendor;
use crate::domain::dates::Expiry;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 11, 1).unwrap()
}

fn qcc_example() -> BuildingQualification {
    serde_json::from_str(
        r#"{
            "CertNo": "D111020307",
            "Category": "施工资质",
            "CertNameList": ["市政公用工程施工总承包特级", "钢结构工程专业承包壹级"],
            "SignDate": "2017-12-01",
            "ValidPeriod": "2021-12-31",
            "SignDept": "住房和城乡建设部",
            "CertScope": "钢结构工程专业承包一级,市政公用工程施工总承包特级"
        }"#,
    )
    .unwrap()
}

#[test]
fn from_qcc_uses_the_list_and_normalises() {
    let today = today();
    let q = Qualification::from_qcc(qcc_example());
    assert_eq!(q.provider, Provider::Qcc);
    assert_eq!(q.cert_no, "D111020307");
    assert_eq!(q.category, "施工资质");
    assert_eq!(
        q.names,
        ["市政公用工程施工总承包特级", "钢结构工程专业承包一级"]
    );
    assert_eq!(q.grades, [Grade::Special, Grade::First]);
    assert_eq!(q.issued, NaiveDate::from_ymd_opt(2017, 12, 1));
    assert_eq!(q.expires, NaiveDate::from_ymd_opt(2021, 12, 31));
    assert_eq!(q.expiry(today), Expiry::Expiring { days_left: 60 });
    assert_eq!(q.issuer, "住房和城乡建设部");
    assert_eq!(q.business_id, None);
    assert_eq!(q.best_grade(), Grade::Special);
    assert!(q.has_grade(Grade::First));
}

#[test]
fn from_qcc_falls_back_to_the_scope() {
    let mut w = qcc_example();
    w.cert_name_list.clear();
    w.cert_scope = "建筑装修装饰工程专业承包贰级，地基基础工程专业承包一级".into();
    let q = Qualification::from_qcc(w);
    assert_eq!(
        q.names,
        ["建筑装修装饰工程专业承包二级", "地基基础工程专业承包一级"]
    );
    assert_eq!(q.grades, [Grade::Second, Grade::First]);
    assert_eq!(q.best_grade(), Grade::First);
}

#[test]
fn a_joined_string_in_the_list_is_split_and_duplicates_dropped() {
    let mut w = qcc_example();
    w.cert_name_list = vec!["甲,乙".into(), "甲".into()];
    let q = Qualification::from_qcc(w);
    assert_eq!(q.names, ["甲", "乙"]);
    assert_eq!(q.grades.len(), q.names.len());
}

#[test]
fn from_juhe_splits_the_joined_name() {
    let w: JuheQualification = serde_json::from_str(
        r#"{
            "organ": "住房和城乡建设部",
            "effectiveTime": "2020-08-26",
            "businessId": "5d43a8f092aec74cbf04a163-A141002510",
            "issuingCertificateTime": "2019-08-23",
            "type": "设计资质",
            "certificateNum": "A141002510",
            "qualificationName": "工程设计建筑行业（建筑工程）甲级,工程设计市政行业给水工程专业乙级"
        }"#,
    )
    .unwrap();
    let today = today();
    let q = Qualification::from_juhe(w);
    assert_eq!(q.provider, Provider::Juhe);
    assert_eq!(q.grades, [Grade::A, Grade::B]);
    assert_eq!(q.best_grade(), Grade::A);
    assert_eq!(q.expiry(today), Expiry::Expired { days_ago: 432 });
    assert_eq!(
        q.business_id.as_deref(),
        Some("5d43a8f092aec74cbf04a163-A141002510")
    );
    assert_eq!(q.category, "设计资质");
    assert_eq!(q.issuer, "住房和城乡建设部");
}

#[test]
fn empty_records_do_not_panic() {
    let today = today();
    let q = Qualification::from_juhe(JuheQualification::default());
    assert!(q.names.is_empty());
    assert_eq!(q.best_grade(), Grade::Unknown);
    assert_eq!(q.expiry(today), Expiry::Unknown);
    assert_eq!(q.business_id, None);
    let q = Qualification::from_qcc(BuildingQualification::default());
    assert!(q.names.is_empty() && q.issued.is_none());
}

#[test]
fn serializes_to_stable_json_with_the_expiry_of_the_day_it_is_shown() {
    let q = Qualification::from_qcc(qcc_example());
    assert!(serde_json::to_value(&q).unwrap().get("expiry").is_none());
    let v = serde_json::to_value(crate::domain::dates::Judged::on(&q, today())).unwrap();
    assert_eq!(v["provider"], "qcc");
    assert_eq!(v["grades"], serde_json::json!(["special", "first"]));
    assert_eq!(v["issued"], "2017-12-01");
    assert_eq!(
        v["expiry"],
        serde_json::json!({"state": "expiring", "days_left": 60})
    );
    assert_eq!(v["business_id"], serde_json::Value::Null);
    assert_eq!(Provider::Juhe.label(), "Juhe");
    assert_eq!(Provider::from(Vendor::Qcc), Provider::Qcc);
}
