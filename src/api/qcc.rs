//! The QCC client: one typed, signed call per endpoint.

use std::sync::Arc;

use super::wire::WireResult;
use reqwest::Method;
use serde::Serialize;
use url::Url;

use super::error::{ApiError, TransportKind};
use super::reply::Reply;
use super::settings::{QccCredentials, Secret};
use super::sign;
use super::transport::fetch;
use super::wire::envelope::{parse_qcc, parse_qcc_xml};
use super::wire::qcc::{
    BuildingResult, CertificationDetail, CertificationList, CustomsResult, ReportInfo, ReportOrder,
};

/// Endpoint paths under the QCC base URL; also the names billing counters use.
pub mod endpoint {
    pub const BUILDING: &str = "BuildingQualificationCheck/GetList";
    pub const CERT_SEARCH: &str = "ECICertification/SearchCertification";
    pub const CERT_DETAIL: &str = "ECICertification/GetCertificationDetailById";
    pub const CUSTOMS: &str = "OperationCheck/GetList";
    pub const CREATE_REPORT: &str = "Report/CreateReport";
    pub const REPORT_INFO: &str = "Report/GetReportInfo";
}

/// The largest page the vendor serves.
pub const MAX_PAGE_SIZE: u32 = 20;

/// Seconds since the Unix epoch; replaceable so tests can sign with a fixed or skewed clock.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(|| chrono::Utc::now().timestamp())
}

/// Report file format (`reportFormat`: 1 = pdf, 2 = word).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    serde::Deserialize,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    #[default]
    Pdf,
    Word,
}

impl ReportFormat {
    pub fn wire_value(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "1",
            ReportFormat::Word => "2",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Word => "docx",
        }
    }
}

/// Answer format of the report endpoints (`dtype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataType {
    #[default]
    Json,
    Xml,
}

/// Parameters of `SearchCertification`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CertQuery {
    /// Company name.
    pub search_key: String,
    /// `certCategory`, e.g. `C_9`.
    pub category: Option<String>,
    /// 1..=20
    pub page_size: u32,
    /// From 1.
    pub page_index: u32,
    /// `isExactlySame`: exact name match (the vendor's default) or fuzzy.
    pub exact: bool,
}

impl CertQuery {
    pub fn new(search_key: impl Into<String>) -> Self {
        CertQuery {
            search_key: search_key.into(),
            category: None,
            page_size: MAX_PAGE_SIZE,
            page_index: 1,
            exact: true,
        }
    }
}

#[derive(Clone)]
pub struct QccClient {
    http: reqwest::Client,
    base: Url,
    key: String,
    secret: Secret,
    clock: Clock,
}

impl std::fmt::Debug for QccClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QccClient")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

impl QccClient {
    pub fn new(
        http: reqwest::Client,
        base_url: &str,
        credentials: &QccCredentials,
    ) -> Result<Self, ApiError> {
        Ok(QccClient {
            http,
            base: parse_base(base_url)?,
            key: credentials.key.clone(),
            secret: credentials.secret.clone(),
            clock: system_clock(),
        })
    }

    /// Sign with this clock instead of the system's.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// `BuildingQualificationCheck/GetList`: construction qualifications of one company.
    pub async fn building_qualifications(
        &self,
        search_key: &str,
    ) -> Result<Reply<BuildingResult>, ApiError> {
        let key = keyword(search_key)?;
        self.call(
            Method::GET,
            endpoint::BUILDING,
            &[("searchKey", key)],
            DataType::Json,
        )
        .await
    }

    /// `ECICertification/SearchCertification`: one page of a company's certificates.
    pub async fn search_certifications(
        &self,
        q: &CertQuery,
    ) -> Result<Reply<CertificationList>, ApiError> {
        let key = keyword(&q.search_key)?;
        let mut params = vec![("searchKey", key)];
        if let Some(c) = q
            .category
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            params.push(("certCategory", c.to_string()));
        }
        params.push(("pageSize", page_size(q.page_size)?.to_string()));
        params.push(("pageIndex", page_index(q.page_index)?.to_string()));
        params.push(("isExactlySame", q.exact.to_string()));
        self.call(Method::GET, endpoint::CERT_SEARCH, &params, DataType::Json)
            .await
    }

    /// `ECICertification/GetCertificationDetailById`: the free-form detail of one certificate.
    pub async fn certification_detail(
        &self,
        cert_id: &str,
    ) -> Result<Reply<CertificationDetail>, ApiError> {
        let id = cert_id.trim();
        if id.is_empty() {
            return Err(ApiError::invalid("a certificate id is required"));
        }
        self.call(
            Method::GET,
            endpoint::CERT_DETAIL,
            &[("certId", id.to_string())],
            DataType::Json,
        )
        .await
    }

    /// `OperationCheck/GetList`: customs import/export credit, paged.
    pub async fn customs_credit(
        &self,
        search_key: &str,
        index: u32,
        size: u32,
    ) -> Result<Reply<CustomsResult>, ApiError> {
        let params = [
            ("searchKey", keyword(search_key)?),
            ("pageIndex", page_index(index)?.to_string()),
            ("pageSize", page_size(size)?.to_string()),
        ];
        self.call(Method::GET, endpoint::CUSTOMS, &params, DataType::Json)
            .await
    }

    /// `Report/CreateReport`: ORDERS A PAID REPORT. Callers confirm with the user first and
    /// never retry this call automatically.
    pub async fn create_report(
        &self,
        key_no: &str,
        format: ReportFormat,
    ) -> Result<Reply<ReportOrder>, ApiError> {
        let params = [
            ("keyNo", keyword(key_no)?),
            ("reportFormat", format.wire_value().to_string()),
        ];
        self.call(
            Method::POST,
            endpoint::CREATE_REPORT,
            &params,
            DataType::Json,
        )
        .await
    }

    /// `Report/GetReportInfo`: the state of an order, in the JSON or the XML form.
    pub async fn report_info(
        &self,
        order_no: &str,
        dtype: DataType,
    ) -> Result<Reply<ReportInfo>, ApiError> {
        let order = order_no.trim();
        if order.is_empty() {
            return Err(ApiError::invalid("an order number is required"));
        }
        let mut params = vec![("orderNo", order.to_string())];
        if dtype == DataType::Xml {
            params.push(("dtype", "xml".to_string()));
        }
        self.call(Method::POST, endpoint::REPORT_INFO, &params, dtype)
            .await
    }

    /// The absolute address of a report: scheme and host of the base URL + `ReportUrl`.
    /// An absolute `ReportUrl` is taken as is.
    /// Downloads go only to the scheme and host of the QCC base URL: an address elsewhere
    /// (absolute, or scheme-relative `//other/…`) is refused with the address shown.
    pub fn report_download_url(&self, report_url: &str) -> Result<Url, ApiError> {
        let report_url = report_url.trim();
        if report_url.is_empty() {
            return Err(ApiError::invalid("the report has no download address yet"));
        }
        let mut origin = self.base.clone();
        origin.set_path("/");
        origin.set_query(None);
        let url = origin.join(report_url).map_err(|e| {
            ApiError::transport(
                TransportKind::Decode,
                format!("bad ReportUrl {report_url:?}: {e}"),
            )
        })?;
        if !super::settings::same_origin(&url, &origin) {
            return Err(ApiError::transport(
                TransportKind::Decode,
                format!(
                    "refused to download the report from another host: {} (reports come only \
                     from {})",
                    super::settings::shown(&url),
                    super::settings::shown(&origin)
                ),
            ));
        }
        Ok(url)
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// One signed call: `key` in the query, `Timespan` and `Token` headers from ONE clock
    /// reading. Parameters go in the query string, as the documents' examples show, for POST
    /// too.
    async fn call<T: WireResult>(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, String)],
        dtype: DataType,
    ) -> Result<Reply<T>, ApiError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| ApiError::invalid(format!("bad endpoint path {path}: {e}")))?;
        let timespan = (self.clock)();
        let token = sign::token(&self.key, timespan, self.secret.expose());
        let mut query: Vec<(&str, &str)> = vec![("key", self.key.as_str())];
        query.extend(params.iter().map(|(k, v)| (*k, v.as_str())));
        let mut request = self
            .http
            .request(method.clone(), url)
            .query(&query)
            .header("Timespan", timespan.to_string())
            .header("Token", token);
        if method == Method::POST {
            request = request
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body("");
        }
        tracing::debug!(endpoint = path, "qcc call");
        let (status, body) = fetch(request).await?;
        match dtype {
            DataType::Json => parse_qcc(status, &body),
            DataType::Xml => parse_qcc_xml(status, &body),
        }
    }
}

/// Parse a base URL, making sure joins append to its path (`…/api/yj/` + `Report/…`).
pub(crate) fn parse_base(base_url: &str) -> Result<Url, ApiError> {
    let trimmed = base_url.trim();
    let with_slash = if trimmed.ends_with('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    };
    let url = Url::parse(&with_slash)
        .map_err(|e| ApiError::invalid(format!("bad base URL {trimmed:?}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ApiError::invalid(format!(
            "base URL {trimmed:?} is not http(s)"
        )));
    }
    Ok(url)
}

/// The vendor answers 213 for keywords under two characters: refuse them before paying.
pub(crate) fn keyword(raw: &str) -> Result<String, ApiError> {
    let k = raw.trim();
    if k.chars().count() < 2 {
        return Err(ApiError::invalid(format!(
            "the keyword {k:?} is shorter than 2 characters (the vendor would answer 213)"
        )));
    }
    Ok(k.to_string())
}

pub(crate) fn page_size(n: u32) -> Result<u32, ApiError> {
    if (1..=MAX_PAGE_SIZE).contains(&n) {
        Ok(n)
    } else {
        Err(ApiError::invalid(format!(
            "page size {n} is outside 1–{MAX_PAGE_SIZE}"
        )))
    }
}

pub(crate) fn page_index(n: u32) -> Result<u32, ApiError> {
    if n >= 1 {
        Ok(n)
    } else {
        Err(ApiError::invalid("pages are numbered from 1"))
    }
}

#[cfg(test)]
mod tests;
