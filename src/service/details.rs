//! Certificate details (the status of each certificate: one billed call each unless
//! stored): which a vet still lacks, what fetching them would bill, fetching them (stoppable,
//! each answer handed on as it arrives), and reading those already stored without a call.

use std::collections::BTreeMap;

use futures_util::future::join_all;
use futures_util::StreamExt;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::api::ApiError;
use chrono::NaiveDate;

use crate::domain::certificate::{CertStatus, Certificate, CertificateDetail};
use crate::domain::dates::Judged;
use crate::domain::page::Page;
use crate::domain::verdict::{SourceId, VetInput};

use super::cache::{FetchMode, Freshness};
use super::services::Services;
use super::vet::{fan_out, judged, Calls, VetOptions, Vetted};

/// Listed certificates with no status known yet (no detail fetched, and none on the search
/// row itself): what [`fetch_details`] would ask for (each a billed call unless cached).
pub fn details_to_fetch(input: &VetInput) -> Vec<Certificate> {
    input
        .certificates
        .found()
        .map(|set| {
            set.items
                .iter()
                .filter(|c| c.needs_detail() && !input.details.contains_key(&c.id))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// The details already stored and still fresh of those `certificates` that carry no status
/// of their own, read without a call: a status fetched earlier (by the CLI, another session
/// or a colleague) shows at once.
pub async fn stored_details(
    services: &Services,
    certificates: &[Certificate],
) -> BTreeMap<String, (CertificateDetail, Freshness)> {
    let reads = join_all(
        certificates
            .iter()
            .filter(|c| c.needs_detail())
            .map(|c| async move {
                let stored = services
                    .certificate_detail_with(&c.id, FetchMode::Offline)
                    .await
                    .ok()
                    .filter(|(_, fresh)| !fresh.stale);
                (c.id.clone(), stored)
            }),
    )
    .await;
    reads
        .into_iter()
        .filter_map(|(id, stored)| stored.map(|s| (id, s)))
        .collect()
}

/// How many of the missing details would be billed: those with no fresh stored answer (the
/// store is read, nothing is sent).
pub async fn details_billable(services: &Services, input: &VetInput) -> usize {
    let wanted = details_to_fetch(input);
    wanted.len() - stored_details(services, &wanted).await.len()
}

/// What fetching details cost, and which failed (by certificate id).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DetailsFetch {
    pub calls: Calls,
    pub failed: BTreeMap<String, crate::api::error::ErrorReport>,
}

/// Fetch every missing certificate detail into `input` (rate-limited).
pub async fn fetch_details(
    services: &Services,
    input: &mut VetInput,
    fetch: FetchMode,
) -> DetailsFetch {
    let wanted = details_to_fetch(input);
    let mut out = DetailsFetch::default();
    let never = CancellationToken::new();
    fetch_details_each(
        services,
        &wanted,
        fetch,
        &never,
        |id, answer| match answer {
            Ok((detail, fresh)) => {
                out.calls.note(&fresh);
                input.details.insert(id, detail);
            }
            Err(e) => {
                out.failed.insert(id, e.report());
            }
        },
    )
    .await;
    out
}

/// How many details are asked at once (the rate limiter spaces the calls; this only
/// bounds how many wait for a slot).
const DETAILS_AT_ONCE: usize = 4;

/// Fetch the details of `wanted`, handing each answer to `each` as it arrives. Once `stop`
/// is cancelled no further call is sent: answers to calls already sent still arrive (they
/// are billed), and the rest are never asked.
pub async fn fetch_details_each(
    services: &Services,
    wanted: &[Certificate],
    fetch: FetchMode,
    stop: &CancellationToken,
    mut each: impl FnMut(String, Result<(CertificateDetail, Freshness), ApiError>),
) {
    // Futures do nothing until polled: the stream starts DETAILS_AT_ONCE at a time.
    let calls: Vec<_> = wanted
        .iter()
        .map(|c| async move {
            // Stopped: the rest end at once, without waiting for a slot or reading the store.
            if stop.is_cancelled() {
                return (c.id.clone(), Err(ApiError::Cancelled));
            }
            let answer = services
                .certificate_detail_until(&c.id, fetch, Some(stop))
                .await;
            (c.id.clone(), answer)
        })
        .collect();
    let mut answers = futures_util::stream::iter(calls).buffer_unordered(DETAILS_AT_ONCE);
    while let Some((id, answer)) = answers.next().await {
        if matches!(answer, Err(ApiError::Cancelled)) {
            continue;
        }
        each(id, answer);
    }
}

/// A vet that also fetches the certificate details still missing, when `confirm` agrees:
/// it is told how many there are and how many of them would be billed (the rest are
/// stored). `None` fetches none. Returns the verdict and what the user should hear.
pub async fn vet_with_details(
    services: &Services,
    keyword: &str,
    today: NaiveDate,
    opts: &VetOptions,
    confirm: Option<impl FnOnce(usize, usize) -> bool>,
) -> (Vetted, Vec<String>) {
    let fetched = fan_out(services, keyword, opts).await;
    let (mut records, mut calls) = (fetched.input, fetched.calls);
    let mut warnings = Vec::new();
    let n = details_to_fetch(&records).len();
    if let (Some(confirm), true) = (confirm, n > 0) {
        let billable = details_billable(services, &records).await;
        if billable == 0 || confirm(n, billable) {
            let got = fetch_details(services, &mut records, opts.fetch).await;
            if !got.failed.is_empty() {
                warnings.push(format!(
                    "{} certificate details could not be fetched",
                    got.failed.len()
                ));
            }
            calls
                .entry(SourceId::Certificates)
                .or_default()
                .add(&got.calls);
        } else {
            warnings.push("certificate details not fetched (not confirmed)".into());
        }
    }
    (judged(records, calls, today), warnings)
}

/// A page of certificates as they stand on `today`, each with the status known for it: a
/// stored detail's (fetched before by `corpvet cert`, a vet, the explorer; no call made),
/// else the row's own.
pub async fn certificate_rows(
    services: &Services,
    page: Page<Certificate>,
    today: NaiveDate,
) -> Page<CertRow> {
    let mut stored = stored_details(services, &page.items).await;
    page.map(|c| CertRow::new(c, today, &mut stored))
}

/// A certificate row as `certs` (and the MCP tool) gives it: the row, its expiry on `today`, and its status
/// with where it comes from (the stored detail's, else the row's own; none: unchecked).
#[derive(Debug, Serialize)]
pub struct CertRow {
    #[serde(flatten)]
    pub cert: Judged<Certificate>,
    /// 有效, 撤销 … or null when nothing says.
    pub checked_status: Option<String>,
    /// `detail` (a stored detail, no call made), `row` (the search row's own) or null.
    pub status_from: Option<&'static str>,
    #[serde(skip)]
    pub status: Option<CertStatus>,
}

impl CertRow {
    fn new(
        c: Certificate,
        today: NaiveDate,
        stored: &mut BTreeMap<String, (CertificateDetail, Freshness)>,
    ) -> CertRow {
        let detail = stored.remove(&c.id).map(|(d, _)| d);
        let status = c.known_status(detail.as_ref()).cloned();
        let from = match &detail {
            Some(d) if d.status != CertStatus::Unknown => "detail",
            _ => "row",
        };
        CertRow {
            cert: Judged::on(c, today),
            checked_status: status.as_ref().map(|s| s.label_zh().to_string()),
            status_from: status.is_some().then_some(from),
            status,
        }
    }
}
