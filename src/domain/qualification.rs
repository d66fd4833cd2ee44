//! A construction qualification certificate, the same whichever vendor reported it: QCC
//! sends a name list plus a joined copy, Juhe only a joined string.

use chrono::NaiveDate;
use serde::Serialize;

use crate::api::status::Vendor;
use crate::api::wire::juhe::JuheQualification;
use crate::api::wire::qcc::BuildingQualification;

use super::dates::{self, expiry, parse_date, Expiry};
use super::grade::{grade_of_normalised, normalise_numerals, split_names, Grade};

/// Which vendor a record came from (shown so a user can weigh or re-check the source).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    Qcc,
    Juhe,
}

impl Provider {
    pub fn label(self) -> &'static str {
        match self {
            Provider::Qcc => "QCC",
            Provider::Juhe => "Juhe",
        }
    }
}

impl From<Vendor> for Provider {
    fn from(v: Vendor) -> Self {
        match v {
            Vendor::Qcc => Provider::Qcc,
            Vendor::Juhe => Provider::Juhe,
        }
    }
}

/// One qualification certificate with the names it covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Qualification {
    pub provider: Provider,
    /// 资质证书号
    pub cert_no: String,
    /// 资质类别: 施工资质, 设计资质 …
    pub category: String,
    /// 资质名称, numerals normalised (壹级 → 一级), duplicates dropped.
    pub names: Vec<String>,
    /// The grade of each name, index for index.
    pub grades: Vec<Grade>,
    #[serde(serialize_with = "dates::json::opt_date")]
    pub issued: Option<NaiveDate>,
    #[serde(serialize_with = "dates::json::opt_date")]
    pub expires: Option<NaiveDate>,
    pub expiry: Expiry,
    /// 发证机关
    pub issuer: String,
    /// Juhe's record id; QCC has none.
    pub business_id: Option<String>,
}

impl Qualification {
    /// From QCC: names from `CertNameList`, or from `CertScope` when the list is empty.
    pub fn from_qcc(w: &BuildingQualification, today: NaiveDate) -> Self {
        // Each element is split too: the lenient reader turns a lone joined string into a
        // one-element list.
        let mut raw: Vec<String> = w
            .cert_name_list
            .iter()
            .flat_map(|n| split_names(n))
            .collect();
        if raw.is_empty() {
            raw = split_names(&w.cert_scope);
        }
        let expires = parse_date(&w.valid_period);
        Self::build(Parts {
            provider: Provider::Qcc,
            cert_no: &w.cert_no,
            category: &w.category,
            raw_names: raw,
            issued: parse_date(&w.sign_date),
            expires,
            issuer: &w.sign_dept,
            business_id: None,
            today,
        })
    }

    /// From Juhe: names from the comma-joined `qualificationName`.
    pub fn from_juhe(w: &JuheQualification, today: NaiveDate) -> Self {
        let business_id = w.business_id.trim();
        Self::build(Parts {
            provider: Provider::Juhe,
            cert_no: &w.certificate_num,
            category: &w.kind,
            raw_names: split_names(&w.qualification_name),
            issued: parse_date(&w.issuing_certificate_time),
            expires: parse_date(&w.effective_time),
            issuer: &w.organ,
            business_id: (!business_id.is_empty()).then(|| business_id.to_string()),
            today,
        })
    }

    fn build(p: Parts<'_>) -> Self {
        let mut names: Vec<String> = Vec::new();
        for name in p.raw_names {
            let name = normalise_numerals(&name);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let grades = names.iter().map(|n| grade_of_normalised(n)).collect();
        Qualification {
            provider: p.provider,
            cert_no: p.cert_no.trim().to_string(),
            category: p.category.trim().to_string(),
            names,
            grades,
            issued: p.issued,
            expires: p.expires,
            expiry: expiry(p.expires, p.today),
            issuer: p.issuer.trim().to_string(),
            business_id: p.business_id,
        }
    }

    /// The highest grade among the names (by [`Grade::rank`]; the first wins a tie), or
    /// [`Grade::Unknown`] when there are none. A one-line summary for tables.
    pub fn best_grade(&self) -> Grade {
        self.grades
            .iter()
            .copied()
            .reduce(|best, g| if g.rank() > best.rank() { g } else { best })
            .unwrap_or(Grade::Unknown)
    }

    /// Names paired with their grades.
    pub fn named_grades(&self) -> impl Iterator<Item = (&str, Grade)> {
        self.names
            .iter()
            .map(String::as_str)
            .zip(self.grades.iter().copied())
    }

    /// Whether any name carries `grade` (for `--grade` filters).
    pub fn has_grade(&self, grade: Grade) -> bool {
        self.grades.contains(&grade)
    }
}

/// The vendor-neutral inputs of [`Qualification::build`].
struct Parts<'a> {
    provider: Provider,
    cert_no: &'a str,
    category: &'a str,
    raw_names: Vec<String>,
    issued: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    issuer: &'a str,
    business_id: Option<String>,
    today: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let q = Qualification::from_qcc(&qcc_example(), today());
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
        assert_eq!(q.expiry, Expiry::Expiring { days_left: 60 });
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
        let q = Qualification::from_qcc(&w, today());
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
        let q = Qualification::from_qcc(&w, today());
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
        let q = Qualification::from_juhe(&w, today());
        assert_eq!(q.provider, Provider::Juhe);
        assert_eq!(q.grades, [Grade::A, Grade::B]);
        assert_eq!(q.best_grade(), Grade::A);
        assert_eq!(q.expiry, Expiry::Expired { days_ago: 432 });
        assert_eq!(
            q.business_id.as_deref(),
            Some("5d43a8f092aec74cbf04a163-A141002510")
        );
        assert_eq!(q.category, "设计资质");
        assert_eq!(q.issuer, "住房和城乡建设部");
    }

    #[test]
    fn empty_records_do_not_panic() {
        let q = Qualification::from_juhe(&JuheQualification::default(), today());
        assert!(q.names.is_empty());
        assert_eq!(q.best_grade(), Grade::Unknown);
        assert_eq!(q.expiry, Expiry::Unknown);
        assert_eq!(q.business_id, None);
        let q = Qualification::from_qcc(&BuildingQualification::default(), today());
        assert!(q.names.is_empty() && q.issued.is_none());
    }

    #[test]
    fn serializes_to_stable_json() {
        let q = Qualification::from_qcc(&qcc_example(), today());
        let v = serde_json::to_value(&q).unwrap();
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
}
