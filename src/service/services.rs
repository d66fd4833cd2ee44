//! One async call per lookup, answering in domain types. The CLI awaits these directly;
//! the explorer runs them as background jobs.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::api::qcc::{CertQuery, MAX_PAGE_SIZE};
use crate::api::Vendor;
use crate::api::{ApiError, Reply};
use crate::domain::certificate::{Certificate, CertificateDetail};
use crate::domain::customs::CustomsRecord;
use crate::domain::page::Page;
use crate::domain::provider::ProviderChoice;
use crate::domain::qualification::{Provider, Qualification};
use crate::store::prelude::*;
use crate::store::Outcome;

use super::backend::{Backend, Mode};
use super::cache::{CacheKey, FetchMode, Freshness, LookupCache};
use super::circuit::Circuit;
use super::limiter::{RateLimiter, TeamRate};
use super::request::{Request, Response};
use super::retry::{with_retry, RetryPolicy};
use super::spend::{Asked, SessionSpend, Spend};

pub struct Services {
    pub(super) backend: Backend,
    /// Answers already paid for (none: every lookup calls).
    pub(super) cache: Option<LookupCache>,
    /// Search history and report orders (none: nothing recorded).
    pub(super) state: Option<Arc<dyn Store>>,
    /// An order for the same company and format within this window is offered again.
    pub(super) reuse_window: Duration,
    /// Lookups only; a report order is never retried.
    pub(super) retry: RetryPolicy,
    pub(super) limiter: Option<RateLimiter>,
    /// The same rate kept in the team's store, for every process on it.
    pub(super) team_rate: Option<TeamRate>,
    /// Open after an account-level refusal: nothing more is sent to that vendor.
    pub(super) circuit: Circuit,
    /// Why lookups are refused: the team database is configured but cannot be reached, and
    /// `store.on_unavailable` says not to proceed without it.
    pub(super) refuse_lookups: Option<String>,
    /// Prices, budgets and what this process spent and saved.
    pub(super) spend: Spend,
}

impl Services {
    /// Plain services: no cache, no history, no retries, no rate limit.
    pub fn new(backend: Backend) -> Self {
        Services {
            backend,
            cache: None,
            state: None,
            reuse_window: Duration::from_secs(3600),
            retry: RetryPolicy::none(),
            limiter: None,
            team_rate: None,
            spend: Spend::default(),
            circuit: Circuit::default(),
            refuse_lookups: None,
        }
    }

    /// Refuse every lookup, locally, with `why` (the team database is down).
    pub fn refusing_lookups(mut self, why: String) -> Self {
        self.refuse_lookups = Some(why);
        self
    }

    /// Price calls and hold them to budgets (`[prices]`, `[budget]`, a run's own limits).
    pub fn with_spend(mut self, spend: Spend) -> Self {
        self.spend = spend;
        self
    }

    /// Whether `request` would be answered from the store (nothing sent, nothing recorded).
    pub async fn is_stored(&self, request: &Request) -> bool {
        match &self.cache {
            Some(cache) => cache.has_fresh(&request.cache_key()).await,
            None => false,
        }
    }

    /// What this process has spent and saved so far.
    pub fn session_spend(&self) -> SessionSpend {
        self.spend.session()
    }

    /// Prices, budgets, this run's limits and the budget reached, if any.
    pub fn spend(&self) -> &Spend {
        &self.spend
    }

    /// Why every lookup is refused (the team database is required and cannot be used).
    pub fn lookups_refused(&self) -> Option<&str> {
        self.refuse_lookups.as_deref()
    }

    /// Answer repeat lookups from `cache`.
    pub fn with_cache(mut self, cache: LookupCache) -> Self {
        self.cache = Some(cache);
        self
    }

    /// Record searches and report orders in `state`; offer an order placed within
    /// `reuse_window` instead of a new one.
    pub fn with_state(mut self, state: Arc<dyn Store>, reuse_window: Duration) -> Self {
        self.state = Some(state);
        self.reuse_window = reuse_window;
        self
    }

    /// Retry lookups on transient faults.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Space vendor calls out (`None`: no limit).
    pub fn with_limiter(mut self, limiter: Option<RateLimiter>) -> Self {
        self.limiter = limiter;
        self
    }

    pub fn mode(&self) -> Mode {
        self.backend.mode
    }

    /// The account refusal that stopped calls to a vendor, if one did (a batch stops on it).
    pub fn account_refusal(&self) -> Option<ApiError> {
        self.circuit.tripped()
    }

    pub fn cache(&self) -> Option<&LookupCache> {
        self.cache.as_ref()
    }

    /// Run any [`Request`] (from the cache when it has a fresh answer).
    pub async fn run(&self, request: &Request) -> Result<Response, ApiError> {
        self.lookup(request, FetchMode::Normal)
            .await
            .map(|(response, _)| response)
    }

    /// Run any [`Request`] the way `mode` says, and say where the answer came from.
    pub async fn lookup(
        &self,
        request: &Request,
        mode: FetchMode,
    ) -> Result<(Response, Freshness), ApiError> {
        Ok(match request {
            Request::Qualifications {
                keyword,
                provider,
                page,
            } => {
                let (page, fresh) = self
                    .qualifications_with(keyword, *provider, *page, mode)
                    .await?;
                (Response::Qualifications(page), fresh)
            }
            Request::Certificates {
                keyword,
                category,
                page,
                page_size,
                exact,
            } => {
                let query = CertQuery {
                    search_key: keyword.clone(),
                    category: category.clone(),
                    page_size: *page_size,
                    page_index: *page,
                    exact: *exact,
                };
                let (page, fresh) = self.certificates_with(&query, mode).await?;
                (Response::Certificates(page), fresh)
            }
            Request::CertificateDetail { id } => {
                let (detail, fresh) = self.certificate_detail_with(id, mode).await?;
                (Response::CertificateDetail(detail), fresh)
            }
            Request::Customs { keyword, page } => {
                let (page, fresh) = self.customs_with(keyword, *page, mode).await?;
                (Response::Customs(page), fresh)
            }
        })
    }

    /// Wait for the rate limiter's next slot; refused when the team's slot is required and
    /// cannot be booked.
    pub(super) async fn throttle(&self, vendor: Vendor) -> Result<(), ApiError> {
        if let Some(limiter) = &self.limiter {
            limiter.acquire().await;
        }
        if let Some(team) = &self.team_rate {
            team.acquire(vendor).await?;
        }
        Ok(())
    }

    /// Keep the rate limit in `store` too, for every process on it (the team database);
    /// `required`: a call whose slot cannot be booked there is not sent.
    pub fn with_team_rate(mut self, store: Arc<dyn Store>, required: bool) -> Self {
        self.team_rate = self
            .limiter
            .as_ref()
            .map(|limiter| TeamRate::new(store, limiter, required));
        self
    }

    /// Answer `key` from the cache or by `call`, rate-limited and retried on transient
    /// faults.
    async fn fetch<T, F, Fut>(
        &self,
        key: CacheKey,
        mode: FetchMode,
        call: F,
    ) -> Result<(Reply<T>, Freshness), ApiError>
    where
        T: Serialize + DeserializeOwned + Clone,
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Reply<T>, ApiError>>,
    {
        self.fetch_until(key, mode, None, call).await
    }

    /// [`Services::fetch`], sending nothing once `stop` is cancelled: checked when the call
    /// would leave, after its wait for a rate-limit slot, so a call still waiting when the
    /// user stops is never sent ([`ApiError::Cancelled`]).
    async fn fetch_until<T, F, Fut>(
        &self,
        key: CacheKey,
        mode: FetchMode,
        stop: Option<&CancellationToken>,
        call: F,
    ) -> Result<(Reply<T>, Freshness), ApiError>
    where
        T: Serialize + DeserializeOwned + Clone,
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Reply<T>, ApiError>>,
    {
        if let Some(why) = &self.refuse_lookups {
            return Err(ApiError::store_unavailable(why.clone()));
        }
        let call = &call;
        let vendor = key.vendor;
        let asked = &Asked::from(&key);
        if mode == FetchMode::Refresh {
            // Asked again on purpose: an account refusal may have been fixed meanwhile.
            self.circuit.reset();
        }
        let attempt = || async move {
            let result = with_retry(&self.retry, key.endpoint, move || async move {
                match stop {
                    // A stop while waiting for a slot gives the slot back at once.
                    Some(stop) => tokio::select! {
                        slot = self.throttle(vendor) => slot?,
                        () = stop.cancelled() => return Err(ApiError::Cancelled),
                    },
                    None => self.throttle(vendor).await?,
                }
                // Checked when the call would leave: one refused while this one waited
                // for its slot stops it too.
                self.circuit.check(vendor)?;
                if stop.is_some_and(CancellationToken::is_cancelled) {
                    return Err(ApiError::Cancelled);
                }
                let ticket = self.open_call(asked).await?;
                let result = call().await;
                self.close_call(ticket, asked, &result).await;
                result
            })
            .await;
            self.circuit.note(vendor, &result);
            result
        };
        let answer = match &self.cache {
            Some(cache) => {
                let answer = cache.fetch(&key, mode, attempt).await;
                match &answer {
                    // Offline, nothing would have been sent: not a call saved.
                    Ok((_, fresh))
                        if fresh.cached && !fresh.stale && mode != FetchMode::Offline =>
                    {
                        self.note_saved(asked, Outcome::CacheHit).await;
                    }
                    Err(e) if super::cache::is_local_cooldown(e) => {
                        self.note_saved(asked, Outcome::Cooldown).await;
                    }
                    _ => {}
                }
                answer
            }
            None if mode == FetchMode::Offline => Err(ApiError::invalid(
                "offline: there is no cache to answer from",
            )),
            None => attempt().await.map(|r| (r, Freshness::live())),
        };
        // The vendor's reference for the call behind the answer, kept as evidence.
        answer.map(|(reply, mut fresh)| {
            fresh.order_number = fresh.order_number.or_else(|| reply.order_number.clone());
            (reply, fresh)
        })
    }

    /// Remember a search (page 1 of a keyword lookup) in the history.
    async fn note_search(&self, keyword: &str, kind: &'static str, provider: Option<&'static str>) {
        let keyword = keyword.trim().to_string();
        let at = crate::store::now();
        self.state_call(move |s| s.record_search(&keyword, kind, provider, at))
            .await;
    }

    /// Building qualifications from QCC (one unpaged answer) or Juhe (paged by 20).
    pub async fn qualifications(
        &self,
        keyword: &str,
        provider: Provider,
        page: u32,
    ) -> Result<Page<Qualification>, ApiError> {
        self.qualifications_with(keyword, provider, page, FetchMode::Normal)
            .await
            .map(|(page, _)| page)
    }

    /// [`Services::qualifications`] the way `mode` says, with where the answer came from.
    pub async fn qualifications_with(
        &self,
        keyword: &str,
        provider: Provider,
        page: u32,
        mode: FetchMode,
    ) -> Result<(Page<Qualification>, Freshness), ApiError> {
        let found = match provider {
            Provider::Qcc => {
                let qcc = self.backend.qcc()?;
                let key = Request::Qualifications {
                    keyword: keyword.to_string(),
                    provider,
                    page,
                }
                .cache_key();
                let (reply, fresh) = self
                    .fetch(key, mode, || qcc.building_qualifications(keyword))
                    .await?;
                let items: Vec<Qualification> = reply
                    .data
                    .map(|r| r.data.into_iter().map(Qualification::from_qcc).collect())
                    .unwrap_or_default();
                let size = items.len() as u64;
                (Page::from_paging(items, None, 1, size.max(1)), fresh)
            }
            Provider::Juhe => {
                let juhe = self.backend.juhe()?;
                let key = Request::Qualifications {
                    keyword: keyword.to_string(),
                    provider,
                    page,
                }
                .cache_key();
                let (reply, fresh) = self
                    .fetch(key, mode, || {
                        juhe.building_qualifications(keyword, page, MAX_PAGE_SIZE)
                    })
                    .await?;
                let paging = reply.paging;
                let items = reply
                    .data
                    .map(|r| r.items.into_iter().map(Qualification::from_juhe).collect())
                    .unwrap_or_default();
                (
                    Page::from_paging(items, paging, u64::from(page), u64::from(MAX_PAGE_SIZE)),
                    fresh,
                )
            }
        };
        if page <= 1 {
            let name = match provider {
                Provider::Qcc => "qcc",
                Provider::Juhe => "juhe",
            };
            self.note_search(keyword, "building", Some(name)).await;
        }
        Ok(found)
    }

    /// Building qualifications from the chosen provider; `both` asks QCC (its one unpaged
    /// answer, on page 1) and Juhe (the page asked for) and lists QCC's first.
    pub async fn qualifications_from(
        &self,
        kw: &str,
        choice: ProviderChoice,
        page: u32,
        mode: FetchMode,
    ) -> Result<(Page<Qualification>, Freshness), ApiError> {
        match choice {
            ProviderChoice::Qcc => {
                self.qualifications_with(kw, Provider::Qcc, page, mode)
                    .await
            }
            ProviderChoice::Juhe => {
                self.qualifications_with(kw, Provider::Juhe, page, mode)
                    .await
            }
            ProviderChoice::Both => {
                let (juhe, jf) = self
                    .qualifications_with(kw, Provider::Juhe, page, mode)
                    .await?;
                if page > 1 {
                    return Ok((juhe, jf));
                }
                let (qcc, qf) = self.qualifications_with(kw, Provider::Qcc, 1, mode).await?;
                let total = juhe.total + qcc.items.len() as u64;
                let mut items = qcc.items;
                items.extend(juhe.items);
                let fresh = Freshness {
                    cached: qf.cached && jf.cached,
                    fetched_at: qf.fetched_at.min(jf.fetched_at),
                    stale: qf.stale || jf.stale,
                    note: qf.note.or(jf.note),
                    fetched_by: qf.fetched_by.or(jf.fetched_by),
                    order_number: qf.order_number.or(jf.order_number),
                };
                Ok((
                    Page {
                        items,
                        page: juhe.page,
                        page_size: juhe.page_size,
                        total,
                    },
                    fresh,
                ))
            }
        }
    }

    pub async fn certificates(&self, query: &CertQuery) -> Result<Page<Certificate>, ApiError> {
        self.certificates_with(query, FetchMode::Normal)
            .await
            .map(|(page, _)| page)
    }

    /// [`Services::certificates`] the way `mode` says, with where the answer came from.
    pub async fn certificates_with(
        &self,
        query: &CertQuery,
        mode: FetchMode,
    ) -> Result<(Page<Certificate>, Freshness), ApiError> {
        let qcc = self.backend.qcc()?;
        let key = Request::certificates(query).cache_key();
        let (reply, fresh) = self
            .fetch(key, mode, || qcc.search_certifications(query))
            .await?;
        let paging = reply.paging;
        let items = reply
            .data
            .map(|list| list.into_iter().map(Certificate::from_wire).collect())
            .unwrap_or_default();
        if query.page_index <= 1 {
            self.note_search(&query.search_key, "certs", Some("qcc"))
                .await;
        }
        Ok((
            Page::from_paging(
                items,
                paging,
                u64::from(query.page_index),
                u64::from(query.page_size),
            ),
            fresh,
        ))
    }

    pub async fn certificate_detail(&self, id: &str) -> Result<CertificateDetail, ApiError> {
        self.certificate_detail_with(id, FetchMode::Normal)
            .await
            .map(|(detail, _)| detail)
    }

    /// [`Services::certificate_detail`] the way `mode` says, with where the answer came from.
    pub async fn certificate_detail_with(
        &self,
        id: &str,
        mode: FetchMode,
    ) -> Result<(CertificateDetail, Freshness), ApiError> {
        self.certificate_detail_until(id, mode, None).await
    }

    /// [`Services::certificate_detail_with`], not sent once `stop` is cancelled.
    pub async fn certificate_detail_until(
        &self,
        id: &str,
        mode: FetchMode,
        stop: Option<&CancellationToken>,
    ) -> Result<(CertificateDetail, Freshness), ApiError> {
        let qcc = self.backend.qcc()?;
        let key = Request::CertificateDetail { id: id.to_string() }.cache_key();
        let (reply, fresh) = self
            .fetch_until(key, mode, stop, || qcc.certification_detail(id))
            .await?;
        match reply.data {
            Some(detail) => {
                let detail = CertificateDetail::from_wire(&detail);
                self.tie_holder(&detail).await;
                Ok((detail, fresh))
            }
            None => Err(ApiError::Status {
                info: reply.status,
                message: reply.message,
            }),
        }
    }

    pub async fn customs(&self, keyword: &str, page: u32) -> Result<Page<CustomsRecord>, ApiError> {
        self.customs_with(keyword, page, FetchMode::Normal)
            .await
            .map(|(page, _)| page)
    }

    /// [`Services::customs`] the way `mode` says, with where the answer came from.
    pub async fn customs_with(
        &self,
        keyword: &str,
        page: u32,
        mode: FetchMode,
    ) -> Result<(Page<CustomsRecord>, Freshness), ApiError> {
        let qcc = self.backend.qcc()?;
        let key = Request::Customs {
            keyword: keyword.to_string(),
            page,
        }
        .cache_key();
        let (reply, fresh) = self
            .fetch(key, mode, || {
                qcc.customs_credit(keyword, page, MAX_PAGE_SIZE)
            })
            .await?;
        let paging = reply.paging;
        let items = reply
            .data
            .map(|r| r.data.into_iter().map(CustomsRecord::from_wire).collect())
            .unwrap_or_default();
        if page <= 1 {
            self.note_search(keyword, "customs", Some("qcc")).await;
        }
        Ok((
            Page::from_paging(items, paging, u64::from(page), u64::from(MAX_PAGE_SIZE)),
            fresh,
        ))
    }

    /// The credit code an earlier answer tied `name` to, if any.
    pub async fn identity_of(&self, name: &str) -> Option<String> {
        let name = crate::domain::keyword::normalise(name);
        self.state_call(move |s| s.identity(&name)).await.flatten()
    }

    /// Tie the holder's name to its credit code, so the order ledger knows the company by
    /// both (a write only when the tie is new).
    async fn tie_holder(&self, detail: &CertificateDetail) {
        let Some((name, code)) = detail.holder() else {
            return;
        };
        let at = crate::store::now();
        self.state_call(move |s| match s.identity(&name)? {
            Some(known) if known == code => Ok(()),
            _ => s.tie(&name, &code, at),
        })
        .await;
    }

    /// Run `f` on the state store off the async threads; failures are logged, not fatal.
    pub(super) async fn state_call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Store) -> Result<R, crate::store::StoreError> + Send + 'static,
    ) -> Option<R> {
        let store = Arc::clone(self.state.as_ref()?);
        match tokio::task::spawn_blocking(move || f(&*store)).await {
            Ok(Ok(r)) => Some(r),
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "state store");
                None
            }
            Err(e) => {
                tracing::warn!(error = %e, "state store task failed");
                None
            }
        }
    }
}
