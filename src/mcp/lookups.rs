//! The lookup tools (`vet`, `qualifications`, `certificates`, `certificate_detail`,
//! `customs`): the same service calls and the same envelope as `corpvet vet|building|certs|
//! cert|customs --json`. What to call and when is the service's; this file only reads the
//! arguments in and the answer out.

use serde::Serialize;
use serde_json::Value;

use crate::api::qcc::{endpoint, CertQuery};
use crate::api::{ApiError, StatusClass};
use crate::domain::dates::Judged;
use crate::domain::page::Page;
use crate::service::cache::Freshness;
use crate::service::clock::china_today;
use crate::service::details::{certificate_rows, vet_with_details};
use crate::service::envelope::{Envelope, PagingOut, Source};
use crate::service::vet::VetOptions;

use super::inputs::{
    fetch_mode, CertificateDetailArgs, CertificatesArgs, CustomsArgs, QualificationsArgs, VetArgs,
};
use super::reply::{encode, encoding, Failure};
use super::server::Corpvet;

/// The keyword checked locally before any call of `endpoint` (a refusal costs nothing and
/// counts as a call saved), with the check's warning kept for the result.
pub(super) async fn checked(
    server: &Corpvet,
    (raw, force): (&str, bool),
    endpoint: &'static str,
    source: impl Fn() -> Source,
    warnings: &mut Vec<String>,
) -> Result<String, Failure> {
    match server.services.check_keyword(raw, force, endpoint).await {
        Ok(kw) => {
            warnings.extend(kw.warning);
            Ok(kw.text)
        }
        Err(e) => Err(Failure::Api(e, source())),
    }
}

/// A page of answers as the CLI's `--json` gives it, with where it came from.
fn page_doc<T: Serialize>(
    command: &'static str,
    source: Source,
    page: Page<T>,
    fresh: &Freshness,
    warnings: Vec<String>,
) -> Result<Value, Failure> {
    let paging = Some(PagingOut::of(&page));
    doc(command, source, paging, page.items, fresh, warnings)
}

fn doc<T: Serialize>(
    command: &'static str,
    source: Source,
    paging: Option<PagingOut>,
    data: T,
    fresh: &Freshness,
    mut warnings: Vec<String>,
) -> Result<Value, Failure> {
    if let (true, Some(note)) = (fresh.stale, &fresh.note) {
        warnings.push(format!("a stored answer past its lifetime: {note}"));
    }
    let mode = source.mode;
    Envelope::success(command, source, paging, data, warnings)
        .with_freshness(Some(fresh))
        .map_err(|e| encoding(e, mode))
}

/// A number the schema bounds, checked here too: the SDK does not hold arguments to the
/// schema, and `max_pages` multiplies billed calls.
pub(super) fn within<T: PartialOrd + std::fmt::Display + Copy>(
    name: &str,
    value: Option<T>,
    range: std::ops::RangeInclusive<T>,
) -> Result<Option<T>, Failure> {
    match value {
        Some(v) if !range.contains(&v) => Err(Failure::Arguments(format!(
            "{name} is {v}: it must be from {} to {}",
            range.start(),
            range.end()
        ))),
        other => Ok(other),
    }
}

impl Corpvet {
    pub(super) async fn vet(&self, a: VetArgs) -> Result<Value, Failure> {
        let opts = VetOptions {
            provider: a.provider.unwrap_or(self.default_provider),
            max_pages: within("max_pages", a.max_pages, 1..=100)?
                .unwrap_or(self.certificate_pages)
                .max(1),
            fetch: fetch_mode(a.refresh, a.offline).map_err(Failure::Arguments)?,
        };
        let mode = self.services.mode();
        let source = || Source::vet(mode, opts.provider);
        let mut warnings = self.warnings.clone();
        let kw = checked(
            self,
            (&a.keyword, a.force),
            endpoint::CERT_SEARCH,
            source,
            &mut warnings,
        )
        .await?;
        let today = a.today.unwrap_or_else(china_today);
        // `details: true` is the agent's consent to the per-certificate calls its
        // description names; the result's `calls` says what was billed.
        let consent = a.details.then_some(|_: usize, _: usize| true);
        let (vetted, more) = vet_with_details(&self.services, &kw, today, &opts, consent).await;
        warnings.extend(more);
        encode(Envelope::vet(mode, opts.provider, &vetted, warnings))
    }

    pub(super) async fn qualifications(&self, a: QualificationsArgs) -> Result<Value, Failure> {
        let choice = a.provider.unwrap_or(self.default_provider);
        let fetch = fetch_mode(a.refresh, a.offline).map_err(Failure::Arguments)?;
        let source = || Source::qualifications(self.services.mode(), choice);
        let mut warnings = self.warnings.clone();
        let kw = checked(
            self,
            (&a.keyword, a.force),
            source().endpoint,
            source,
            &mut warnings,
        )
        .await?;
        let (page, fresh) = self
            .services
            .qualifications_from(&kw, choice, a.page.unwrap_or(1).max(1), fetch)
            .await
            .map_err(|e| Failure::Api(e, source()).warned(warnings.clone()))?;
        let page = page.judged_on(china_today());
        page_doc("qualifications", source(), page, &fresh, warnings)
    }

    pub(super) async fn certificates(&self, a: CertificatesArgs) -> Result<Value, Failure> {
        let fetch = fetch_mode(a.refresh, a.offline).map_err(Failure::Arguments)?;
        let source = || Source::qcc(self.services.mode(), endpoint::CERT_SEARCH);
        let mut warnings = self.warnings.clone();
        let kw = checked(
            self,
            (&a.company, a.force),
            endpoint::CERT_SEARCH,
            source,
            &mut warnings,
        )
        .await?;
        let query = CertQuery {
            search_key: kw,
            category: a.category,
            page_size: a.page_size.unwrap_or(20),
            page_index: a.page.unwrap_or(1).max(1),
            exact: !a.fuzzy,
        };
        let (page, fresh) = self
            .services
            .certificates_with(&query, fetch)
            .await
            .map_err(|e| Failure::Api(e, source()).warned(warnings.clone()))?;
        let rows = certificate_rows(&self.services, page, china_today()).await;
        page_doc("certificates", source(), rows, &fresh, warnings)
    }

    pub(super) async fn certificate_detail(
        &self,
        a: CertificateDetailArgs,
    ) -> Result<Value, Failure> {
        let fetch = fetch_mode(a.refresh, a.offline).map_err(Failure::Arguments)?;
        let source = || Source::qcc(self.services.mode(), endpoint::CERT_DETAIL);
        let (detail, fresh) = match self.services.certificate_detail_with(&a.id, fetch).await {
            Ok((detail, fresh)) => (Some(Judged::on(detail, china_today())), fresh),
            // QCC knows no such certificate: no result (`data: null`), as the CLI says it.
            Err(ApiError::Status { info, .. }) if info.class == StatusClass::NoResult => {
                (None, Freshness::live())
            }
            Err(e) => return Err(Failure::Api(e, source())),
        };
        doc(
            "certificate_detail",
            source(),
            None,
            detail,
            &fresh,
            self.warnings.clone(),
        )
    }

    pub(super) async fn customs(&self, a: CustomsArgs) -> Result<Value, Failure> {
        let fetch = fetch_mode(a.refresh, a.offline).map_err(Failure::Arguments)?;
        let source = || Source::qcc(self.services.mode(), endpoint::CUSTOMS);
        let mut warnings = self.warnings.clone();
        let kw = checked(
            self,
            (&a.keyword, a.force),
            endpoint::CUSTOMS,
            source,
            &mut warnings,
        )
        .await?;
        let (page, fresh) = self
            .services
            .customs_with(&kw, a.page.unwrap_or(1).max(1), fetch)
            .await
            .map_err(|e| Failure::Api(e, source()).warned(warnings.clone()))?;
        page_doc("customs", source(), page, &fresh, warnings)
    }
}
