//! The vet fan-out: qualifications (the configured provider, or both), every certificate
//! page up to a cap, and customs credit, asked concurrently through [`Services`] (so the
//! cache, retries and the rate limiter apply). A failing source is captured in its
//! [`Outcome`], never aborting the others. Certificate details (one billed call each) are
//! fetched only on request, by [`fetch_details`].
//!
//! Front ends that fill sections in as answers arrive can run [`qualifications`],
//! [`certificates`] and [`customs`] as separate jobs, store each outcome in a
//! [`VetInput`] and call [`crate::domain::verdict::vet`] after each.

use std::collections::BTreeMap;
use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::future::join_all;
use serde::Serialize;

use crate::api::juhe::QUALIFICATION_PATH;
use crate::api::qcc::{endpoint, CertQuery, MAX_PAGE_SIZE};
use crate::api::{ApiError, StatusClass};
use crate::domain::customs::CustomsRecord;
use crate::domain::keyword::KeywordKind;
use crate::domain::page::Page;
use crate::domain::provider::ProviderChoice;
use crate::domain::qualification::{Provider, Qualification};
use crate::domain::verdict::{vet, CertificateSet, Coverage, Outcome, SourceId, Verdict, VetInput};

use super::cache::{FetchMode, Freshness};
use super::request::Request;
use super::services::Services;

pub use super::details::{
    details_billable, details_to_fetch, fetch_details, fetch_details_each, stored_details,
    DetailsFetch,
};

pub use crate::domain::verdict::DEFAULT_MAX_PAGES;

/// How a vet fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VetOptions {
    /// Which qualification provider(s) to ask.
    pub provider: ProviderChoice,
    /// At most this many pages per paged source (certificates, Juhe qualifications).
    pub max_pages: u32,
    /// `--refresh` / `--offline`.
    pub fetch: FetchMode,
}

impl Default for VetOptions {
    fn default() -> Self {
        VetOptions {
            provider: ProviderChoice::Qcc,
            max_pages: DEFAULT_MAX_PAGES,
            fetch: FetchMode::Normal,
        }
    }
}

impl VetOptions {
    /// The most vendor calls vetting one company can bill: every page asked up to the cap,
    /// nothing in the cache. The certificate search takes a name only.
    pub fn most_calls(&self, kind: KeywordKind) -> u32 {
        self.most_calls_by_endpoint(kind)
            .iter()
            .map(|(_, n)| n)
            .sum()
    }

    /// [`VetOptions::most_calls`] by endpoint, to price it.
    pub fn most_calls_by_endpoint(&self, kind: KeywordKind) -> Vec<(&'static str, u32)> {
        let mut calls = match self.provider {
            ProviderChoice::Qcc => vec![(endpoint::BUILDING, 1)],
            ProviderChoice::Juhe => vec![(QUALIFICATION_PATH, self.max_pages)],
            ProviderChoice::Both => {
                vec![
                    (endpoint::BUILDING, 1),
                    (QUALIFICATION_PATH, self.max_pages),
                ]
            }
        };
        if kind == KeywordKind::Name {
            calls.push((endpoint::CERT_SEARCH, self.max_pages));
        }
        calls.push((endpoint::CUSTOMS, self.max_pages));
        calls
    }

    /// The first page of every source a vet of `keyword` asks, as the vet asks it: what it
    /// surely sends unless stored (later pages depend on the answers).
    pub fn first_requests(&self, keyword: &str, kind: KeywordKind) -> Vec<Request> {
        let quals = |provider| Request::Qualifications {
            keyword: keyword.to_string(),
            provider,
            page: 1,
        };
        let mut requests = match self.provider {
            ProviderChoice::Qcc => vec![quals(Provider::Qcc)],
            ProviderChoice::Juhe => vec![quals(Provider::Juhe)],
            ProviderChoice::Both => vec![quals(Provider::Qcc), quals(Provider::Juhe)],
        };
        if kind == KeywordKind::Name {
            requests.push(Request::certificates(&cert_query(keyword, 1)));
        }
        requests.push(Request::Customs {
            keyword: keyword.to_string(),
            page: 1,
        });
        requests
    }
}

/// What answering one source cost: vendor answers (billed) and answers from the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Calls {
    /// Answers from the vendor (each billed).
    pub billed: u32,
    /// Answers from the cache (free).
    pub cached: u32,
    /// Some cached answer was past its lifetime (offered because a call failed).
    pub stale: bool,
    /// When the oldest answer used was fetched.
    #[serde(serialize_with = "opt_rfc3339")]
    pub fetched_at: Option<DateTime<Utc>>,
    /// QCC's `OrderNumber` of each answer used: the vendor's references, kept as evidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub order_numbers: Vec<String>,
    /// Who fetched the stored answers used (with the team store, colleagues).
    #[serde(skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub fetched_by: std::collections::BTreeSet<String>,
}

fn opt_rfc3339<S: serde::Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        None => s.serialize_none(),
    }
}

impl Calls {
    pub fn note(&mut self, fresh: &Freshness) {
        if let Some(no) = &fresh.order_number {
            self.order_numbers.push(no.clone());
        }
        if let Some(by) = &fresh.fetched_by {
            self.fetched_by.insert(by.clone());
        }
        if fresh.cached {
            self.cached += 1;
        } else {
            self.billed += 1;
        }
        self.stale |= fresh.stale;
        self.fetched_at = Some(match self.fetched_at {
            Some(t) => t.min(fresh.fetched_at),
            None => fresh.fetched_at,
        });
    }

    pub fn add(&mut self, other: &Calls) {
        self.order_numbers
            .extend(other.order_numbers.iter().cloned());
        self.fetched_by.extend(other.fetched_by.iter().cloned());
        self.billed += other.billed;
        self.cached += other.cached;
        self.stale |= other.stale;
        self.fetched_at = match (self.fetched_at, other.fetched_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

/// A finished fan-out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VetFetch {
    pub input: VetInput,
    /// What each asked source cost.
    pub calls: BTreeMap<SourceId, Calls>,
}

impl VetFetch {
    /// All sources together.
    pub fn total(&self) -> Calls {
        let mut all = Calls::default();
        for c in self.calls.values() {
            all.add(c);
        }
        all
    }

    /// The error of the first source that failed, in source order.
    pub fn first_error_source(&self) -> Option<SourceId> {
        SourceId::ALL.into_iter().find(|s| match s {
            SourceId::QualificationsQcc => self.input.qualifications_qcc.error().is_some(),
            SourceId::QualificationsJuhe => self.input.qualifications_juhe.error().is_some(),
            SourceId::Certificates => self.input.certificates.error().is_some(),
            SourceId::Customs => self.input.customs.error().is_some(),
        })
    }
}

/// Ask every source at once for `keyword` (already checked locally).
pub async fn fan_out(services: &Services, keyword: &str, opts: &VetOptions) -> VetFetch {
    let ask_qcc = matches!(opts.provider, ProviderChoice::Qcc | ProviderChoice::Both);
    let ask_juhe = matches!(opts.provider, ProviderChoice::Juhe | ProviderChoice::Both);
    let skip = || async { (Outcome::NotAsked, Calls::default(), None) };
    let qcc = async {
        if ask_qcc {
            qualifications(services, keyword, Provider::Qcc, opts).await
        } else {
            skip().await
        }
    };
    let juhe = async {
        if ask_juhe {
            qualifications(services, keyword, Provider::Juhe, opts).await
        } else {
            skip().await
        }
    };
    let (qcc, juhe, certs, customs) = tokio::join!(
        qcc,
        juhe,
        certificates(services, keyword, opts),
        customs(services, keyword, opts),
    );
    let ((qcc, qcc_calls, qcc_read), (juhe, juhe_calls, juhe_read)) = (qcc, juhe);
    let ((certs, cert_calls), (customs, customs_calls, customs_read)) = (certs, customs);
    let mut input = VetInput::new(keyword);
    for (source, coverage) in [
        (SourceId::QualificationsQcc, qcc_read),
        (SourceId::QualificationsJuhe, juhe_read),
        (SourceId::Customs, customs_read),
    ] {
        if let Some(coverage) = coverage {
            input.coverage.insert(source, coverage);
        }
    }
    let mut calls = BTreeMap::new();
    if ask_qcc {
        calls.insert(SourceId::QualificationsQcc, qcc_calls);
    }
    if ask_juhe {
        calls.insert(SourceId::QualificationsJuhe, juhe_calls);
    }
    input.qualifications_qcc = qcc;
    input.qualifications_juhe = juhe;
    input.certificates = certs;
    input.customs = customs;
    // Statuses fetched before (and still fresh) count as checked, without a call.
    let mut cert_calls = cert_calls;
    for (id, (detail, fresh)) in stored_details(services, &details_to_fetch(&input)).await {
        cert_calls.note(&fresh);
        input.details.insert(id, detail);
    }
    calls.insert(SourceId::Certificates, cert_calls);
    calls.insert(SourceId::Customs, customs_calls);
    VetFetch { input, calls }
}

/// One finished vet.
#[derive(Debug, Clone)]
pub struct Vetted {
    pub keyword: String,
    /// The day expiry was judged on (China's date, or `--today`).
    pub today: NaiveDate,
    pub verdict: Verdict,
    /// Per source: answers billed and answers from the cache.
    pub calls: BTreeMap<SourceId, Calls>,
    /// Every record the verdict read (evidence indexes point into these).
    pub records: VetInput,
}

/// As `vet --json` gives it: the records each with its expiry on [`Vetted::today`].
impl Serialize for Vetted {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        VetDocument::of(&self.records, &self.verdict, self.today, Some(&self.calls)).serialize(s)
    }
}

/// A vet as a document: the `data` of `vet --json`, and what the explorer's Overview copies
/// and exports (which does not count calls per source: `calls` is then left out).
#[derive(Debug, Serialize)]
pub struct VetDocument<'a> {
    keyword: &'a str,
    today: String,
    verdict: &'a Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    calls: Option<&'a BTreeMap<SourceId, Calls>>,
    records: crate::domain::verdict::JudgedInput<'a>,
}

impl<'a> VetDocument<'a> {
    pub fn of(
        records: &'a VetInput,
        verdict: &'a Verdict,
        today: NaiveDate,
        calls: Option<&'a BTreeMap<SourceId, Calls>>,
    ) -> Self {
        VetDocument {
            keyword: &records.keyword,
            today: today.format("%Y-%m-%d").to_string(),
            verdict,
            calls,
            records: records.judged(today),
        }
    }
}

impl Vetted {
    pub fn total(&self) -> Calls {
        let mut all = Calls::default();
        for c in self.calls.values() {
            all.add(c);
        }
        all
    }
}

/// Fan out, optionally fetch details, and judge.
pub async fn vet_company(
    services: &Services,
    keyword: &str,
    today: NaiveDate,
    opts: &VetOptions,
) -> Vetted {
    let fetched = fan_out(services, keyword, opts).await;
    judged(fetched.input, fetched.calls, today)
}

pub fn judged(records: VetInput, calls: BTreeMap<SourceId, Calls>, today: NaiveDate) -> Vetted {
    Vetted {
        keyword: records.keyword.clone(),
        today,
        verdict: vet(&records, today),
        calls,
        records,
    }
}

/// Every page of a paged source, up to `cap`: page 1, then the rest concurrently (the rate
/// limiter spaces them). A later page that fails leaves the pages before it.
async fn all_pages<T, F, Fut>(
    cap: u32,
    fetch_page: F,
) -> (Result<(Page<T>, Option<ApiError>), ApiError>, Calls)
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<(Page<T>, Freshness), ApiError>>,
{
    let mut calls = Calls::default();
    let mut first = match fetch_page(1).await {
        Ok((page, fresh)) => {
            calls.note(&fresh);
            page
        }
        Err(e) => return (Err(e), calls),
    };
    let last = u32::try_from(first.page_count())
        .unwrap_or(u32::MAX)
        .min(cap.max(1));
    let rest = join_all((2..=last).map(&fetch_page)).await;
    let mut stopped = None;
    for result in rest {
        match result {
            Ok((page, fresh)) => {
                calls.note(&fresh);
                if page.items.is_empty() {
                    break;
                }
                first.items.extend(page.items);
            }
            Err(e) if e.status_class() == Some(StatusClass::NoResult) => break,
            Err(e) => {
                stopped = Some(e);
                break;
            }
        }
    }
    (Ok((first, stopped)), calls)
}

/// One provider's qualifications (Juhe: every page up to the cap), with how much of the
/// vendor's list that is when not all of it.
pub async fn qualifications(
    services: &Services,
    keyword: &str,
    provider: Provider,
    opts: &VetOptions,
) -> (Outcome<Vec<Qualification>>, Calls, Option<Coverage>) {
    let (result, calls) = all_pages(opts.max_pages, |page| {
        services.qualifications_with(keyword, provider, page, opts.fetch)
    })
    .await;
    let (outcome, coverage) = read_list(result);
    (outcome, calls, coverage)
}

/// Every certificate page up to the cap, 20 a page. The search takes a company name only:
/// a code is not sent (it would be billed for a 201) and the source reads as not checked.
pub async fn certificates(
    services: &Services,
    keyword: &str,
    opts: &VetOptions,
) -> (Outcome<CertificateSet>, Calls) {
    let by_name = crate::domain::keyword::parse_keyword(keyword, true)
        .map_or(true, |k| k.kind == KeywordKind::Name);
    if !by_name {
        let e = ApiError::invalid(
            "the certificate search takes a company name only: vet by name to check certificates",
        );
        return (Outcome::Failed(e.report()), Calls::default());
    }
    let (result, calls) = all_pages(opts.max_pages, |page| {
        let query = cert_query(keyword, page);
        async move { services.certificates_with(&query, opts.fetch).await }
    })
    .await;
    let outcome = match result {
        Ok((page, _)) if page.items.is_empty() => Outcome::NotFound,
        Ok((page, stopped)) => {
            let pages = u32::try_from(page.items.len().div_ceil(MAX_PAGE_SIZE as usize))
                .unwrap_or(u32::MAX);
            Outcome::Found(CertificateSet {
                total: page.total,
                items: page.items,
                pages,
                partial: stopped.map(|e| e.report()),
            })
        }
        Err(e) => failed(&e),
    };
    (outcome, calls)
}

/// One page of the vet's certificate search: exact name, every category, 20 a page.
fn cert_query(keyword: &str, page: u32) -> CertQuery {
    CertQuery {
        search_key: keyword.to_string(),
        category: None,
        page_size: MAX_PAGE_SIZE,
        page_index: page,
        exact: true,
    }
}

/// Every customs page up to the cap, with how much of the vendor's list that is when not
/// all of it.
pub async fn customs(
    services: &Services,
    keyword: &str,
    opts: &VetOptions,
) -> (Outcome<Vec<CustomsRecord>>, Calls, Option<Coverage>) {
    let (result, calls) = all_pages(opts.max_pages, |page| {
        services.customs_with(keyword, page, opts.fetch)
    })
    .await;
    let (outcome, coverage) = read_list(result);
    (outcome, calls, coverage)
}

/// A paged list as the vet read it: its rows, and the part of the vendor's list they are
/// when the page cap or a failed later page stopped it (the rows received still count).
fn read_list<T>(
    result: Result<(Page<T>, Option<ApiError>), ApiError>,
) -> (Outcome<Vec<T>>, Option<Coverage>) {
    match result {
        Ok((page, stopped)) => {
            let coverage = Coverage::of(page.items.len(), page.total, stopped.map(|e| e.report()));
            (list_outcome(page.items), coverage)
        }
        Err(e) => (failed(&e), None),
    }
}

fn list_outcome<T>(items: Vec<T>) -> Outcome<Vec<T>> {
    if items.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found(items)
    }
}

/// A vendor "no result" is not a failure.
fn failed<T>(e: &ApiError) -> Outcome<T> {
    if e.status_class() == Some(StatusClass::NoResult) {
        Outcome::NotFound
    } else {
        Outcome::Failed(e.report())
    }
}
