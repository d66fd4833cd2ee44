//! Each tool's arguments: the struct they are read into is the one its JSON Schema is made
//! from, so what an agent is told and what the server accepts cannot differ. Unknown
//! fields are refused: a misspelt `confirm_token` must not pass for a missing one unseen.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::domain::provider::ProviderChoice;
use crate::domain::report::ReportFormat;
use crate::service::cache::FetchMode;
use crate::service::spend::summary::GroupBy;

/// Where a lookup's answer may come from: its `refresh` and `offline`.
pub fn fetch_mode(refresh: bool, offline: bool) -> Result<FetchMode, String> {
    match (refresh, offline) {
        (true, true) => Err("refresh and offline contradict each other: pass one".into()),
        (true, false) => Ok(FetchMode::Refresh),
        (false, true) => Ok(FetchMode::Offline),
        (false, false) => Ok(FetchMode::Normal),
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VetArgs {
    /// Company name (全称, the full registered name works best), registration number or
    /// unified social credit code (18 characters). Certificates are searched by name only.
    pub keyword: String,
    /// Qualification provider(s): qcc, juhe or both (both: one more billed call). Default:
    /// the configuration's lookup.default_provider.
    pub provider: Option<ProviderChoice>,
    /// At most this many pages (20 rows a page) of each paged source; a list cut short is
    /// flagged in the verdict. Default: the configuration's lookup.certificate_pages (5).
    #[schemars(range(min = 1, max = 100))]
    pub max_pages: Option<u32>,
    /// Judge expiry dates as of this day (YYYY-MM-DD) instead of today (China time).
    pub today: Option<NaiveDate>,
    /// Also fetch the status of every listed certificate that carries none: ONE BILLED CALL
    /// PER CERTIFICATE unless stored. The result's `calls` says what was billed.
    #[serde(default)]
    pub details: bool,
    /// Call the vendors even where a stored answer is still fresh (billed again).
    #[serde(default)]
    pub refresh: bool,
    /// Answer from stored answers only: no call, nothing billed; a source never fetched
    /// fails with a message saying so.
    #[serde(default)]
    pub offline: bool,
    /// Send a credit code even if its check character looks wrong (it is then probably
    /// mistyped, and the call is billed all the same).
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualificationsArgs {
    /// Company name, registration number or unified social credit code.
    pub keyword: String,
    /// qcc, juhe or both. Default: the configuration's lookup.default_provider.
    pub provider: Option<ProviderChoice>,
    /// Page (1-based; Juhe pages, QCC answers everything on page 1).
    #[schemars(range(min = 1))]
    pub page: Option<u32>,
    /// Call even where a stored answer is still fresh (billed again).
    #[serde(default)]
    pub refresh: bool,
    /// Stored answers only: no call.
    #[serde(default)]
    pub offline: bool,
    /// Send a credit code even if its check character looks wrong.
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificatesArgs {
    /// Company name (the certificate search takes names only).
    pub company: String,
    /// Certificate category (certCategory), e.g. C_9.
    pub category: Option<String>,
    /// Page (1-based).
    #[schemars(range(min = 1))]
    pub page: Option<u32>,
    /// Rows a page, 1 to 20 (default 20).
    #[schemars(range(min = 1, max = 20))]
    pub page_size: Option<u32>,
    /// Fuzzy name match instead of the exact name.
    #[serde(default)]
    pub fuzzy: bool,
    /// Call even where a stored answer is still fresh (billed again).
    #[serde(default)]
    pub refresh: bool,
    /// Stored answers only: no call.
    #[serde(default)]
    pub offline: bool,
    /// Send a credit code even if its check character looks wrong.
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateDetailArgs {
    /// The certificate's `id`, from a `certificates` row.
    pub id: String,
    /// Call even where a stored answer is still fresh (billed again).
    #[serde(default)]
    pub refresh: bool,
    /// Stored answers only: no call.
    #[serde(default)]
    pub offline: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomsArgs {
    /// Company name, registration number or unified social credit code.
    pub keyword: String,
    /// Page (1-based).
    #[schemars(range(min = 1))]
    pub page: Option<u32>,
    /// Call even where a stored answer is still fresh (billed again).
    #[serde(default)]
    pub refresh: bool,
    /// Stored answers only: no call.
    #[serde(default)]
    pub offline: bool,
    /// Send a credit code even if its check character looks wrong.
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderReportArgs {
    /// The company to order the credit report of: its full name or credit code.
    pub company: String,
    /// pdf (default) or word.
    #[serde(default)]
    pub format: ReportFormat,
    /// Order anew even when an order for this company and format stands within the reuse
    /// window (a second bill). Default false: the standing order is offered instead.
    #[serde(default)]
    pub new: bool,
    /// The token the first call returned. Without it nothing is ordered: the call only
    /// says what would be ordered and returns a token.
    pub confirm_token: Option<String>,
    /// Send a credit code even if its check character looks wrong.
    #[serde(default)]
    pub force: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportStatusArgs {
    /// The order number (`order_no`) an order returned, or one from `reports`.
    pub order_no: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportsArgs {
    /// At most this many orders, newest first (default 20).
    #[schemars(range(min = 1, max = 1000))]
    pub limit: Option<usize>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpendArgs {
    /// First day, YYYY-MM-DD on China's calendar (default: the first of this month).
    pub since: Option<String>,
    /// Last day, YYYY-MM-DD, included (default: today).
    pub until: Option<String>,
    /// One row per day, user, endpoint (default) or company.
    pub by: Option<GroupBy>,
}
