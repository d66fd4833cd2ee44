//! A construction qualification certificate, the same whichever vendor reported it: QCC
//! sends a name list plus a joined copy, Juhe only a joined string.

use chrono::NaiveDate;
use serde::Serialize;

use crate::api::wire::juhe::JuheQualification;
use crate::api::wire::qcc::BuildingQualification;

use super::dates::{self, parse_date, Expires};
use super::grade::{grade_of_normalised, normalise_numerals_owned, split_names_into, Grade};
use super::text::trim_owned;

pub use super::provider::Provider;

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
    /// 发证机关
    pub issuer: String,
    /// Juhe's record id; QCC has none.
    pub business_id: Option<String>,
}

impl Qualification {
    /// From QCC: names from `CertNameList`, or from `CertScope` when the list is empty.
    /// Takes the wire record by value so its text is moved, not copied.
    pub fn from_qcc(w: BuildingQualification) -> Self {
        // Each element is split too: the lenient reader turns a lone joined string into a
        // one-element list.
        let mut raw: Vec<String> = Vec::with_capacity(w.cert_name_list.len());
        for name in w.cert_name_list {
            split_names_into(name, &mut raw);
        }
        if raw.is_empty() {
            split_names_into(w.cert_scope, &mut raw);
        }
        Self::build(Parts {
            provider: Provider::Qcc,
            cert_no: w.cert_no,
            category: w.category,
            raw_names: raw,
            issued: parse_date(&w.sign_date),
            expires: parse_date(&w.valid_period),
            issuer: w.sign_dept,
            business_id: None,
        })
    }

    /// From Juhe: names from the comma-joined `qualificationName`.
    pub fn from_juhe(w: JuheQualification) -> Self {
        let business_id = trim_owned(w.business_id);
        let mut raw = Vec::new();
        split_names_into(w.qualification_name, &mut raw);
        Self::build(Parts {
            provider: Provider::Juhe,
            cert_no: w.certificate_num,
            category: w.kind,
            raw_names: raw,
            issued: parse_date(&w.issuing_certificate_time),
            expires: parse_date(&w.effective_time),
            issuer: w.organ,
            business_id: (!business_id.is_empty()).then_some(business_id),
        })
    }

    fn build(p: Parts) -> Self {
        let mut names: Vec<String> = Vec::with_capacity(p.raw_names.len());
        for name in p.raw_names {
            let name = normalise_numerals_owned(name);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let grades = names.iter().map(|n| grade_of_normalised(n)).collect();
        Qualification {
            provider: p.provider,
            cert_no: trim_owned(p.cert_no),
            category: trim_owned(p.category),
            names,
            grades,
            issued: p.issued,
            expires: p.expires,
            issuer: trim_owned(p.issuer),
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

impl Expires for Qualification {
    fn expires_on(&self) -> Option<NaiveDate> {
        self.expires
    }
}

/// The vendor-neutral inputs of [`Qualification::build`].
struct Parts {
    provider: Provider,
    cert_no: String,
    category: String,
    raw_names: Vec<String>,
    issued: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    issuer: String,
    business_id: Option<String>,
}

#[cfg(test)]
mod tests;
