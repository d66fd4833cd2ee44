//! The Juhe client: building qualifications by keyword, paged. Juhe authenticates with the
//! key alone (no signature headers).

use url::Url;

use super::error::ApiError;
use super::qcc::{keyword, page_index, page_size, parse_base};
use super::reply::{Paging, Reply};
use super::transport::fetch;
use super::wire::envelope::parse_juhe;
use super::wire::juhe::JuheResult;

/// Path under the Juhe base URL; also the billing counter's name is its last two segments.
pub const QUALIFICATION_PATH: &str = "opens/App/bqQualification/query";

#[derive(Clone)]
pub struct JuheClient {
    http: reqwest::Client,
    base: Url,
    key: String,
}

impl std::fmt::Debug for JuheClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JuheClient")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

impl JuheClient {
    pub fn new(http: reqwest::Client, base_url: &str, key: &str) -> Result<Self, ApiError> {
        Ok(JuheClient {
            http,
            base: parse_base(base_url)?,
            key: key.to_string(),
        })
    }

    /// `bqQualification/query`: one page of a company's qualifications. The reply's paging
    /// is filled from the request and `result.total`, so it pages like QCC's.
    pub async fn building_qualifications(
        &self,
        search: &str,
        page_num: u32,
        size: u32,
    ) -> Result<Reply<JuheResult>, ApiError> {
        let keyword = keyword(search)?;
        let page_num = page_index(page_num)?;
        let size = page_size(size)?;
        let url = self
            .base
            .join(QUALIFICATION_PATH)
            .map_err(|e| ApiError::invalid(format!("bad Juhe base URL: {e}")))?;
        let query = [
            ("key", self.key.clone()),
            ("keyword", keyword),
            ("pageNum", page_num.to_string()),
            ("pageSize", size.to_string()),
        ];
        tracing::debug!("juhe call");
        let (status, body) = fetch(self.http.get(url).query(&query)).await?;
        let mut reply: Reply<JuheResult> = parse_juhe(status, &body)?;
        let total = reply.data.as_ref().map_or(0, |r| r.total);
        reply.paging = Some(Paging {
            page_size: u64::from(size),
            page_index: u64::from(page_num),
            total_records: total,
        });
        Ok(reply)
    }
}
