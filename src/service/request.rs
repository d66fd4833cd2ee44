//! The lookups a front end can ask for, and their answers in domain types.

use serde::Serialize;

use crate::api::juhe::QUALIFICATION_PATH;
use crate::api::qcc::{endpoint, CertQuery, MAX_PAGE_SIZE};
use crate::api::status::Vendor;

use crate::domain::certificate::{Certificate, CertificateDetail};
use crate::domain::customs::CustomsRecord;
use crate::domain::page::Page;
use crate::domain::qualification::{Provider, Qualification};

use super::cache::CacheKey;

/// One billed lookup: its one identity. The explorer keys its answers by it, and the
/// stored answer's key ([`Request::cache_key`]) is derived from it.
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

impl Request {
    /// The certificate search `query` asks.
    pub fn certificates(query: &CertQuery) -> Request {
        Request::Certificates {
            keyword: query.search_key.clone(),
            category: query.category.clone(),
            page: query.page_index,
            page_size: query.page_size,
            exact: query.exact,
        }
    }

    /// The key its answer is stored under: vendor, endpoint and the parameters the vendor
    /// bills for (QCC's qualifications are one unpaged answer, so the page is not one).
    pub fn cache_key(&self) -> CacheKey {
        match self {
            Request::Qualifications {
                keyword,
                provider: Provider::Qcc,
                ..
            } => CacheKey::new(Vendor::Qcc, endpoint::BUILDING).keyword("searchKey", keyword),
            Request::Qualifications {
                keyword,
                provider: Provider::Juhe,
                page,
            } => CacheKey::new(Vendor::Juhe, QUALIFICATION_PATH)
                .keyword("keyword", keyword)
                .param("pageNum", page)
                .param("pageSize", MAX_PAGE_SIZE),
            Request::Certificates {
                keyword,
                category,
                page,
                page_size,
                exact,
            } => CacheKey::new(Vendor::Qcc, endpoint::CERT_SEARCH)
                .keyword("searchKey", keyword)
                .param("certCategory", category.as_deref().unwrap_or(""))
                .param("pageSize", page_size)
                .param("pageIndex", page)
                .param("isExactlySame", exact),
            Request::CertificateDetail { id } => {
                CacheKey::new(Vendor::Qcc, endpoint::CERT_DETAIL).param("certId", id)
            }
            Request::Customs { keyword, page } => CacheKey::new(Vendor::Qcc, endpoint::CUSTOMS)
                .keyword("searchKey", keyword)
                .param("pageIndex", page)
                .param("pageSize", MAX_PAGE_SIZE),
        }
    }
}
