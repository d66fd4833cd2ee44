//! A certificate's detail: a free-form map whose keys vary by certificate type, so it is
//! kept generic (every key, in order) with the few keys a vetter reads first moved up.

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::api::wire::qcc::CertificationDetail;

use super::super::dates::{self, parse_date, Expires, Expiry};
use super::CertStatus;

const STATUS: &str = "证书状态";
const EXPIRES: &str = "证书到期日期";
const ISSUER_STATUS: &str = "发证机构状态";
const HOLDER_NAME: &str = "获证组织基本信息-企业名称";
const HOLDER_CODE: &str = "获证组织基本信息-统一社会信用代码/组织机构代码";
/// Any key containing this is the certification scope (认证范围/认证覆盖的业务范围 …).
const SCOPE: &str = "认证范围";

/// Keys shown first, in this order; [`SCOPE`] keys take the third slot.
const PRIORITY: [&str; 10] = [
    STATUS,
    EXPIRES,
    SCOPE,
    "发证机构名称",
    ISSUER_STATUS,
    "证书编号",
    "企业名称",
    "颁证日期",
    "初次获证日期",
    "认证依据",
];

/// The detail of one certificate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CertificateDetail {
    pub id: String,
    /// Every key the vendor sent, important ones first (see [`PRIORITY`]), the rest in arrival
    /// order; empty values kept (an empty 证书状态 is itself informative). Serialized as a JSON
    /// object in this order.
    #[serde(serialize_with = "pairs_as_object")]
    pub fields: Vec<(String, String)>,
    /// From 证书状态; [`CertStatus::Unknown`] when absent or empty.
    pub status: CertStatus,
    /// From 发证机构状态, when present and non-empty.
    pub issuer_status: Option<CertStatus>,
    /// From 证书到期日期.
    #[serde(serialize_with = "dates::json::opt_date")]
    pub expires: Option<NaiveDate>,
}

impl CertificateDetail {
    pub fn from_wire(w: &CertificationDetail) -> Self {
        let mut ranked: Vec<(usize, (String, String))> = w
            .data
            .iter()
            .map(|(k, v)| (priority(k), (k.clone(), v.clone())))
            .collect();
        // Stable: equal priorities (all the rest, or several scope keys) keep arrival order.
        ranked.sort_by_key(|(rank, _)| *rank);
        let fields: Vec<(String, String)> = ranked.into_iter().map(|(_, kv)| kv).collect();

        let value = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k.trim() == key)
                .map(|(_, v)| v.trim())
        };
        let status = CertStatus::from_text(value(STATUS).unwrap_or(""));
        let issuer_status = value(ISSUER_STATUS)
            .filter(|v| !v.is_empty())
            .map(CertStatus::from_text);
        let expires = value(EXPIRES).and_then(parse_date);
        CertificateDetail {
            id: w.id.trim().to_string(),
            fields,
            status,
            issuer_status,
            expires,
        }
    }

    /// The value of `key` (keys compared trimmed).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.trim() == key)
            .map(|(_, v)| v.as_str())
    }

    /// The certificate holder as the detail names it: (its name in the one spelling of
    /// [`keyword::normalise`](crate::domain::keyword::normalise), its credit code), when both
    /// are given and the code's check character is right. What ties a name to a company's
    /// identity, so the order ledger knows two spellings are one company.
    pub fn holder(&self) -> Option<(String, String)> {
        let field = |keys: &[&str]| {
            keys.iter()
                .filter_map(|k| self.get(k))
                .map(str::trim)
                .find(|v| !v.is_empty())
        };
        let name = field(&[HOLDER_NAME, "企业名称"])?;
        let code = crate::domain::credit_code::normalise(field(&[HOLDER_CODE])?);
        if !matches!(
            crate::domain::credit_code::check(&code),
            crate::domain::CodeCheck::Valid { .. }
        ) {
            return None;
        }
        Some((crate::domain::keyword::normalise(name), code))
    }

    /// The fields worth a row in a detail pane.
    pub fn non_empty_fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// What a vetter must notice, most serious first: a status other than 有效, an issuing
    /// body that is not 有效, an expiry date that has passed (even while the status still
    /// reads 有效: the registry lags) or is near. Empty when nothing is wrong; a missing
    /// status is not flagged (absence is not evidence).
    pub fn flags(&self, today: NaiveDate) -> Vec<String> {
        let mut flags = Vec::new();
        match &self.status {
            CertStatus::Valid | CertStatus::Unknown => {}
            CertStatus::Other(text) => flags.push(format!("status {text} (not valid)")),
            s => flags.push(format!("status {} ({})", s.label_zh(), s.label_en())),
        }
        if let Some(s) = self.issuer_status.as_ref().filter(|s| !s.is_valid()) {
            flags.push(format!("issuing body status {}", s.label_zh()));
        }
        let expiry = self.expiry(today);
        match expiry {
            // The status flag already says so.
            Expiry::Expired { .. } if self.status == CertStatus::Expired => {}
            Expiry::Expired { .. } => flags.push("expired".to_string()),
            Expiry::Expiring { .. } => flags.push(expiry.label()),
            Expiry::Valid { .. } | Expiry::Unknown => {}
        }
        flags
    }
}

impl Expires for CertificateDetail {
    fn expires_on(&self) -> Option<NaiveDate> {
        self.expires
    }
}

/// Where `key` goes: its slot in [`PRIORITY`], or after all of them.
fn priority(key: &str) -> usize {
    let key = key.trim();
    if key.contains(SCOPE) {
        return 2;
    }
    PRIORITY
        .iter()
        .position(|p| *p == key)
        .unwrap_or(PRIORITY.len())
}

fn pairs_as_object<S: Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

#[cfg(test)]
mod tests;
