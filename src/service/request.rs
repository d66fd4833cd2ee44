//! The lookups a front end can ask for, and their answers in domain types.

use serde::Serialize;

use crate::domain::certificate::{Certificate, CertificateDetail};
use crate::domain::customs::CustomsRecord;
use crate::domain::page::Page;
use crate::domain::qualification::{Provider, Qualification};

/// One billed lookup.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    Qualifications {
        keyword: String,
        provider: Provider,
        page: u32,
    },
    Certificates {
        keyword: String,
        category: Option<String>,
        page: u32,
        page_size: u32,
        exact: bool,
    },
    CertificateDetail {
        id: String,
    },
    Customs {
        keyword: String,
        page: u32,
    },
}

/// The answer to a [`Request`], same variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Response {
    Qualifications(Page<Qualification>),
    Certificates(Page<Certificate>),
    CertificateDetail(CertificateDetail),
    Customs(Page<CustomsRecord>),
}
