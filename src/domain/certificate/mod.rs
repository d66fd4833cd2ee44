//! Certificates (management-system, CCC, product and service certification). The search
//! list gives number, type and dates; only the detail (one billed call each) gives status.

mod detail;
mod family;
mod status;

pub use detail::CertificateDetail;
pub use family::CertFamily;
pub use status::CertStatus;

use chrono::NaiveDate;
use serde::Serialize;

use crate::api::wire::qcc::Certification;

use super::dates::{self, parse_date, Expires};
use super::text::trim_owned;

/// One row of a certificate search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Certificate {
    /// The vendor's id; the key for the detail call.
    pub id: String,
    /// 证书编号
    pub number: String,
    /// Product name; empty for management-system certificates.
    pub product_name: String,
    /// The vendor's type code (`cnca027` …).
    pub type_code: String,
    /// The vendor's type description (质量管理体系认证（ISO9000）…).
    pub type_desc: String,
    pub family: CertFamily,
    #[serde(serialize_with = "dates::json::opt_date")]
    pub starts: Option<NaiveDate>,
    #[serde(serialize_with = "dates::json::opt_date")]
    pub ends: Option<NaiveDate>,
    /// The status the search row itself carries (real rows have `Status`, the document
    /// does not), when it reads as one: a checked status without a billed detail call.
    pub status: Option<CertStatus>,
    /// The row's `Status` as sent (empty when absent).
    pub status_text: String,
    /// The issuing bodies the row names (`InstitutionList`).
    pub institutions: Vec<String>,
}

impl Certificate {
    pub fn from_wire(w: Certification) -> Self {
        Certificate {
            id: trim_owned(w.id),
            number: trim_owned(w.no),
            product_name: trim_owned(w.name),
            type_code: trim_owned(w.kind),
            family: CertFamily::from_type_desc(&w.type_desc),
            type_desc: trim_owned(w.type_desc),
            starts: parse_date(&w.start_date),
            ends: parse_date(&w.end_date),
            status: Some(CertStatus::from_text(&w.status))
                .filter(|s| !matches!(s, CertStatus::Unknown | CertStatus::Other(_))),
            status_text: trim_owned(w.status),
            institutions: w.institution_list,
        }
    }

    /// Only a detail (one billed call) can say this certificate's status: the row carries
    /// none of its own.
    pub fn needs_detail(&self) -> bool {
        !self.id.is_empty() && self.status.is_none()
    }

    /// The status a list can show: the fetched detail's when there is one, else the row's.
    pub fn known_status<'a>(
        &'a self,
        detail: Option<&'a CertificateDetail>,
    ) -> Option<&'a CertStatus> {
        detail
            .map(|d| &d.status)
            .filter(|s| **s != CertStatus::Unknown)
            .or(self.status.as_ref())
    }
}

/// From `ends` alone: never read as "valid" (only a status says that).
impl Expires for Certificate {
    fn expires_on(&self) -> Option<NaiveDate> {
        self.ends
    }
}

#[cfg(test)]
mod tests;
