//! The sandbox's dataset: companies and their qualifications, certificates and customs
//! records, embedded from `assets/sandbox/*.json` so the binary is self-contained.
//!
//! Source records are keyed by the company's credit code. Certificate detail maps are kept as
//! `serde_json::Map`, which (with `preserve_order`) keeps the keys in file order: the vendor's
//! map is free-form and order is part of what clients must display faithfully.

use std::borrow::Cow;
use std::collections::HashMap;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::bulk;
use super::faults::Fault;

const COMPANIES: &str = include_str!("../../assets/sandbox/companies.json");
const QUALIFICATIONS: &str = include_str!("../../assets/sandbox/qualifications.json");
const CERTIFICATES: &str = include_str!("../../assets/sandbox/certificates.json");
const CUSTOMS: &str = include_str!("../../assets/sandbox/customs.json");
const CERT_TYPES: &str = include_str!("../../assets/sandbox/cert_types.json");

/// How the company's credit report ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ReportOutcome {
    /// Ready: `ReportStatus` S and a download address.
    S,
    /// Generation failed: `ReportStatus` F.
    F,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    pub name: String,
    pub credit_code: String,
    pub reg_no: String,
    /// QCC's internal company id, accepted by CreateReport.
    pub key_no: String,
    /// Juhe's company id, the prefix of its `businessId`s.
    pub juhe_id: String,
    pub fault: Option<Fault>,
    pub report: ReportOutcome,
    /// How many building qualifications [`bulk`](super::bulk) makes for this company
    /// instead of reading them from `qualifications.json` (0: none).
    #[serde(default)]
    pub bulk_qualifications: usize,
    /// Juhe's copy of the qualifications disagrees with QCC's ([`super::juhe`]).
    #[serde(default)]
    pub juhe_drift: bool,
}

/// Which identifiers an endpoint accepts as its keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Name,
    CreditCode,
    RegNo,
    KeyNo,
    JuheId,
}

impl Company {
    fn identifier(&self, id: IdKind) -> &str {
        match id {
            IdKind::Name => &self.name,
            IdKind::CreditCode => &self.credit_code,
            IdKind::RegNo => &self.reg_no,
            IdKind::KeyNo => &self.key_no,
            IdKind::JuheId => &self.juhe_id,
        }
    }
}

/// One QCC building-qualification record (the Juhe item is derived from it).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Qualification {
    pub cert_no: String,
    pub category: String,
    pub cert_name_list: Vec<String>,
    pub sign_date: String,
    pub valid_period: String,
    pub sign_dept: String,
    pub cert_scope: String,
}

/// One certificate: the search fields, plus the detail map served by id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Certificate {
    pub id: String,
    pub name: String,
    #[serde(rename = "Type")]
    pub kind: String,
    pub start_date: String,
    pub end_date: String,
    pub no: String,
    pub type_desc: String,
    #[serde(skip_serializing)]
    pub detail: Map<String, Value>,
}

/// One customs credit record: the document's 16 string fields and the penalties.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CustomsRecord {
    pub id: String,
    pub reg_gov: String,
    pub trade_type: String,
    pub reg_date: String,
    pub reg_no: String,
    pub admin_area: String,
    pub econo_area: String,
    pub special_area: String,
    pub cancel_flag: String,
    pub annual_status: String,
    pub validity_date: String,
    pub industry_type: String,
    pub e_business_type: String,
    pub identify_date: String,
    pub identify_level: String,
    pub identify_code: String,
    pub punish_list: Vec<Penalty>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Penalty {
    pub no: String,
    pub decision_no: String,
    pub party: String,
    pub punish_date: String,
    pub case_prop: String,
}

/// A `certCategory` family code (`C_n`): the certificate types it covers (its `name` in the
/// file is for people).
#[derive(Debug, Clone, Deserialize)]
pub struct Family {
    pub types: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct CertTypes {
    types: IndexMap<String, String>,
    families: IndexMap<String, Family>,
}

#[derive(Debug)]
pub struct Dataset {
    pub companies: Vec<Company>,
    qualifications: HashMap<String, Vec<Qualification>>,
    certificates: HashMap<String, Vec<Certificate>>,
    customs: HashMap<String, Vec<CustomsRecord>>,
    types: IndexMap<String, String>,
    families: IndexMap<String, Family>,
}

impl Dataset {
    /// Parse the embedded files. Fails only if the shipped data is broken.
    pub fn load() -> Result<Dataset, serde_json::Error> {
        let types: CertTypes = serde_json::from_str(CERT_TYPES)?;
        Ok(Dataset {
            companies: serde_json::from_str(COMPANIES)?,
            qualifications: serde_json::from_str(QUALIFICATIONS)?,
            certificates: serde_json::from_str(CERTIFICATES)?,
            customs: serde_json::from_str(CUSTOMS)?,
            types: types.types,
            families: types.families,
        })
    }

    /// The company whose identifier of one of the `accepted` kinds equals `keyword`
    /// (see [`normalize`]).
    pub fn find(&self, keyword: &str, accepted: &[IdKind]) -> Option<&Company> {
        let wanted = normalize(keyword);
        self.companies.iter().find(|c| {
            accepted
                .iter()
                .any(|&id| normalize(c.identifier(id)) == wanted)
        })
    }

    /// The first company (in file order) whose name contains `keyword`.
    pub fn find_name_containing(&self, keyword: &str) -> Option<&Company> {
        let wanted = normalize(keyword);
        self.companies
            .iter()
            .find(|c| normalize(&c.name).contains(&wanted))
    }

    pub fn by_credit_code(&self, code: &str) -> Option<&Company> {
        self.companies.iter().find(|c| c.credit_code == code)
    }

    pub fn qualifications(&self, company: &Company) -> Cow<'_, [Qualification]> {
        if company.bulk_qualifications > 0 {
            return Cow::Owned(bulk::qualifications(company.bulk_qualifications));
        }
        Cow::Borrowed(
            self.qualifications
                .get(&company.credit_code)
                .map_or(&[], Vec::as_slice),
        )
    }

    pub fn certificates(&self, company: &Company) -> &[Certificate] {
        self.certificates
            .get(&company.credit_code)
            .map_or(&[], Vec::as_slice)
    }

    pub fn customs(&self, company: &Company) -> &[CustomsRecord] {
        self.customs
            .get(&company.credit_code)
            .map_or(&[], Vec::as_slice)
    }

    /// A certificate by its `Id`, with its holder.
    pub fn certificate(&self, id: &str) -> Option<(&Company, &Certificate)> {
        let id = id.trim();
        self.companies.iter().find_map(|c| {
            self.certificates(c)
                .iter()
                .find(|cert| cert.id.eq_ignore_ascii_case(id))
                .map(|cert| (c, cert))
        })
    }

    /// The certificate types a `certCategory` value selects: a family code `C_n`, or one type
    /// code such as `cnca027`. Unknown values select nothing (the search then finds nothing).
    pub fn category_types(&self, category: &str) -> Vec<&str> {
        let category = category.trim();
        if let Some((_, family)) = self
            .families
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(category))
        {
            return family.types.iter().map(String::as_str).collect();
        }
        self.types
            .keys()
            .filter(|t| t.eq_ignore_ascii_case(category))
            .map(String::as_str)
            .collect()
    }
}

/// Keyword comparison form: surrounding and inner whitespace dropped, ASCII upper-cased
/// (credit codes and hex ids arrive in either case) and half-width parentheses made
/// full-width, as registries write company names.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
