//! Never pay twice for the same answer. Every successful answer and every "no result" is
//! stored, keyed by provider, endpoint and normalised parameters (never a key or secret);
//! a repeat within its lifetime is answered from the store with no call. Identical lookups in
//! flight at once share one call. When a call fails in a retryable way and an expired answer
//! exists, that answer is offered, marked stale. A query the vendor refused with 110 is
//! refused locally for two hours.
//!
//! What is stored is the vendor's answer (status, paging and typed data), not the domain
//! view: dates such as "expires in 12 days" are worked out again on every read.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize, Serializer};

use crate::api::juhe::QUALIFICATION_PATH;
use crate::api::qcc::endpoint;
use crate::api::status::{lookup, StatusClass, Vendor};
use crate::api::{ApiError, Paging, Reply};
use crate::config::ttl::{age_label, left_label};
use crate::config::CacheSection;
use crate::store::{prelude::*, StoredAnswer};

use super::backend::Mode;

/// How a lookup may use the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FetchMode {
    /// A stored answer within its lifetime, else a call.
    #[default]
    Normal,
    /// Always call (`r` in the explorer, `--refresh`), and store the new answer.
    Refresh,
    /// Never call: the stored answer however old, or an error naming what is missing.
    Offline,
}

/// Where an answer came from and how old it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Freshness {
    /// Answered from the store, no call made.
    pub cached: bool,
    /// When the vendor gave this answer.
    #[serde(serialize_with = "rfc3339")]
    pub fetched_at: DateTime<Utc>,
    /// Older than its lifetime: offered because a new call failed (or `--offline`).
    pub stale: bool,
    /// Why a stale answer is shown.
    pub note: Option<String>,
    /// Who fetched a stored answer (a colleague, with the team store), when recorded.
    pub fetched_by: Option<String>,
    /// QCC's `OrderNumber` for the call that gave this answer: the vendor's reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_number: Option<String>,
}

fn rfc3339<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

impl Freshness {
    /// A new answer, fetched at `now` (Unix seconds).
    pub fn live_at(now: i64) -> Freshness {
        Freshness {
            cached: false,
            fetched_at: at(now),
            stale: false,
            note: None,
            fetched_by: None,
            order_number: None,
        }
    }

    /// A new answer, fetched just now.
    pub fn live() -> Freshness {
        Freshness::live_at(crate::store::now())
    }

    pub fn age(&self, now: DateTime<Utc>) -> Duration {
        (now - self.fetched_at).to_std().unwrap_or(Duration::ZERO)
    }

    /// "3 h ago", or "3 h ago by ana" for an answer a colleague fetched (the name as text,
    /// its control characters gone): the CLI's notice and the explorer's alike.
    pub fn age_by(&self, now: DateTime<Utc>) -> String {
        let age = age_label(self.age(now));
        match self
            .fetched_by
            .as_deref()
            .map(crate::domain::text::one_line)
        {
            Some(by) => format!("{age} by {by}"),
            None => age,
        }
    }

    /// "cached 3 h ago", "STALE, cached 2 d ago by ana", or `None` for a new answer.
    pub fn label(&self, now: DateTime<Utc>) -> Option<String> {
        if !self.cached {
            return None;
        }
        let age = self.age_by(now);
        Some(if self.stale {
            format!("STALE, cached {age}")
        } else {
            format!("cached {age}")
        })
    }
}

fn at(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
}

/// How long each kind of answer is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachePolicy {
    /// When false, answers are neither read nor written (110 refusals still are).
    pub enabled: bool,
    pub building: Duration,
    pub juhe: Duration,
    pub certificates: Duration,
    pub cert_detail: Duration,
    pub customs: Duration,
    pub no_result: Duration,
}

impl Default for CachePolicy {
    fn default() -> Self {
        CachePolicy::from_config(&CacheSection::default())
    }
}

impl CachePolicy {
    pub fn from_config(c: &CacheSection) -> Self {
        CachePolicy {
            enabled: c.enabled,
            building: c.building.duration(),
            juhe: c.juhe.duration(),
            certificates: c.certificates.duration(),
            cert_detail: c.cert_detail.duration(),
            customs: c.customs.duration(),
            no_result: c.no_result.duration(),
        }
    }

    /// The lifetime of an answer from `endpoint`.
    pub fn lifetime(&self, endpoint: &str, no_result: bool) -> Duration {
        if no_result {
            return self.no_result;
        }
        match endpoint {
            endpoint::BUILDING => self.building,
            QUALIFICATION_PATH => self.juhe,
            endpoint::CERT_SEARCH => self.certificates,
            endpoint::CERT_DETAIL => self.cert_detail,
            endpoint::CUSTOMS => self.customs,
            _ => Duration::ZERO,
        }
    }
}

/// How long a query answered with 110 is refused locally.
pub const COOLDOWN: Duration = Duration::from_secs(2 * 3600);

/// The identity of one billed query: vendor, endpoint and parameters (no credentials).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    pub vendor: Vendor,
    pub endpoint: &'static str,
    /// Name → value; order does not matter.
    pub params: Vec<(&'static str, String)>,
}

impl CacheKey {
    pub fn new(vendor: Vendor, endpoint: &'static str) -> Self {
        CacheKey {
            vendor,
            endpoint,
            params: Vec::new(),
        }
    }

    /// Add a company keyword (normalised: trimmed, inner spaces collapsed, codes in their
    /// canonical form).
    pub fn keyword(mut self, name: &'static str, value: &str) -> Self {
        self.params
            .push((name, crate::domain::keyword::normalise(value)));
        self
    }

    pub fn param(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params
            .push((name, value.to_string().trim().to_string()));
        self
    }

    /// The company asked about (the keyword parameter), empty when there is none.
    pub fn company(&self) -> &str {
        self.params
            .iter()
            .find(|(k, _)| matches!(*k, "searchKey" | "keyword"))
            .map_or("", |(_, v)| v.as_str())
    }

    fn provider(&self) -> &'static str {
        match self.vendor {
            Vendor::Qcc => "qcc",
            Vendor::Juhe => "juhe",
        }
    }

    /// The stored key: provider, where it was asked, endpoint, sorted parameters.
    pub fn text(&self, origin: &str) -> String {
        let mut params = self.params.clone();
        params.sort();
        let joined: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        serde_json::json!([self.provider(), origin, self.endpoint, joined]).to_string()
    }

    /// "certs 甲公司 (pageIndex 2)" style text for messages.
    pub fn describe(&self) -> String {
        let what = match self.endpoint {
            endpoint::BUILDING => "QCC building qualifications",
            QUALIFICATION_PATH => "Juhe building qualifications",
            endpoint::CERT_SEARCH => "certificates",
            endpoint::CERT_DETAIL => "certificate detail",
            endpoint::CUSTOMS => "customs credit",
            other => other,
        };
        let params: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!("{what} ({})", params.join(", "))
    }
}

/// Where answers were asked: `sandbox` for the built-in sandbox, else the base URL without
/// credentials, query or trailing slash.
pub fn origin_of(mode: Mode, base_url: &str) -> String {
    if mode == Mode::Sandbox {
        return "sandbox".to_string();
    }
    match url::Url::parse(base_url.trim()) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            u.as_str().trim_end_matches('/').to_string()
        }
        Err(_) => base_url.trim().trim_end_matches('/').to_string(),
    }
}

/// A vendor answer as stored: enough to rebuild the [`Reply`].
#[derive(Serialize, Deserialize)]
struct Saved<T> {
    code: String,
    message: String,
    order_number: Option<String>,
    paging: Option<Paging>,
    data: Option<T>,
}

fn encode<T: Serialize + Clone>(reply: &Reply<T>) -> Option<String> {
    serde_json::to_string(&Saved {
        code: reply.status.code.to_string(),
        message: reply.message.clone(),
        order_number: reply.order_number.clone(),
        paging: reply.paging,
        data: reply.data.clone(),
    })
    .ok()
}

fn decode<T: DeserializeOwned>(vendor: Vendor, payload: &str) -> Option<Reply<T>> {
    let saved: Saved<T> = serde_json::from_str(payload).ok()?;
    let status = *lookup(vendor, &saved.code)?;
    Some(Reply {
        status,
        message: saved.message,
        order_number: saved.order_number,
        paging: saved.paging,
        data: saved.data,
    })
}

/// Seconds since the epoch; replaceable so tests can move time.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

type Outcome = Result<(StoredAnswer, Freshness), Arc<ApiError>>;

/// One call in flight: the first caller holds `gate` while it calls; the others wait on it
/// and take the outcome it left.
#[derive(Default)]
struct Slot {
    gate: tokio::sync::Mutex<Option<Outcome>>,
}

/// The answers store as lookups use it.
pub struct LookupCache {
    store: Arc<dyn Store>,
    policy: CachePolicy,
    qcc_origin: String,
    juhe_origin: String,
    inflight: Mutex<HashMap<String, Arc<Slot>>>,
    clock: Clock,
    /// This process's name on the leases it takes.
    holder: String,
    /// No call without the store (the team database, `store.on_unavailable = "refuse"`).
    require_store: bool,
    /// How long a question is held for one caller before the others may call.
    lease: Duration,
}

impl std::fmt::Debug for LookupCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LookupCache")
            .field("store", &self.store.location())
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

/// Removes a finished call's slot (only that one: a newer call may have replaced it).
struct SlotGuard<'a> {
    cache: &'a LookupCache,
    key: String,
    slot: Arc<Slot>,
}

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        let mut map = self.cache.lock_inflight();
        if map
            .get(&self.key)
            .is_some_and(|s| Arc::ptr_eq(s, &self.slot))
        {
            map.remove(&self.key);
        }
    }
}

impl LookupCache {
    /// `qcc_origin` / `juhe_origin`: see [`origin_of`].
    pub fn new(
        store: Arc<dyn Store>,
        policy: CachePolicy,
        qcc_origin: impl Into<String>,
        juhe_origin: impl Into<String>,
    ) -> Self {
        LookupCache {
            store,
            policy,
            qcc_origin: qcc_origin.into(),
            juhe_origin: juhe_origin.into(),
            inflight: Mutex::new(HashMap::new()),
            clock: Arc::new(crate::store::now),
            holder: lease::holder_id(),
            require_store: false,
            lease: lease::LEASE_DEFAULT,
        }
    }

    /// Send nothing when the store cannot be reached (it is the team database, and the
    /// configuration says not to proceed without it).
    pub fn requiring_store(mut self) -> Self {
        self.require_store = true;
        self
    }

    /// Hold a question for one caller this long at most (`store.lease_secs`).
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// Read time from `clock` instead of the system's (tests of expiry).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn policy(&self) -> &CachePolicy {
        &self.policy
    }

    /// Whether a fresh answer to `key` is stored, so asking it would send nothing. No call,
    /// nothing recorded (`batch --dry-run`'s estimate).
    pub async fn has_fresh(&self, key: &CacheKey) -> bool {
        let text = key.text(self.origin(key.vendor));
        let now = (self.clock)();
        self.stored(&text)
            .await
            .is_some_and(|a| self.fresh(key.endpoint, &a, now))
    }

    fn origin(&self, vendor: Vendor) -> &str {
        match vendor {
            Vendor::Qcc => &self.qcc_origin,
            Vendor::Juhe => &self.juhe_origin,
        }
    }

    fn lock_inflight(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Slot>>> {
        self.inflight.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn blocking<R: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Store) -> R + Send + 'static,
    ) -> Option<R> {
        let store = Arc::clone(&self.store);
        match tokio::task::spawn_blocking(move || f(&*store)).await {
            Ok(r) => Some(r),
            Err(e) => {
                tracing::warn!(error = %e, "cache task failed");
                None
            }
        }
    }

    async fn stored(&self, key: &str) -> Option<StoredAnswer> {
        if !self.policy.enabled {
            return None;
        }
        let k = key.to_string();
        match self.blocking(move |s| s.answer(&k)).await? {
            Ok(found) => found,
            Err(e) => {
                tracing::warn!(error = %e, "cache read failed; calling the vendor");
                None
            }
        }
    }

    fn fresh(&self, endpoint: &str, a: &StoredAnswer, now: i64) -> bool {
        let life = i64::try_from(self.policy.lifetime(endpoint, a.no_result).as_secs())
            .unwrap_or(i64::MAX);
        now.saturating_sub(a.fetched_at) < life
    }

    fn hit<T: DeserializeOwned>(
        &self,
        key: &CacheKey,
        a: &StoredAnswer,
        stale: bool,
        note: Option<String>,
    ) -> Option<(Reply<T>, Freshness)> {
        let reply: Reply<T> = decode(key.vendor, &a.payload)?;
        let order_number = reply.order_number.clone();
        Some((
            reply,
            Freshness {
                cached: true,
                fetched_at: at(a.fetched_at),
                stale,
                note,
                fetched_by: a.fetched_by.clone(),
                order_number,
            },
        ))
    }

    /// Answer `key` from the store or by `call` (which does its own retries), per `mode`.
    pub async fn fetch<T, F, Fut>(
        &self,
        key: &CacheKey,
        mode: FetchMode,
        call: F,
    ) -> Result<(Reply<T>, Freshness), ApiError>
    where
        T: Serialize + DeserializeOwned + Clone,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Reply<T>, ApiError>>,
    {
        let text = key.text(self.origin(key.vendor));
        let now = (self.clock)();
        let stored = self.stored(&text).await;

        if mode == FetchMode::Offline {
            return match stored {
                Some(a) => {
                    let stale = !self.fresh(key.endpoint, &a, now);
                    let note = stale
                        .then(|| "offline: the stored answer is past its lifetime".to_string());
                    self.hit(key, &a, stale, note)
                        .ok_or_else(|| offline_missing(key))
                }
                None => Err(offline_missing(key)),
            };
        }
        if mode == FetchMode::Normal {
            if let Some(hit) = stored
                .as_ref()
                .filter(|a| self.fresh(key.endpoint, a, now))
                .and_then(|a| self.hit(key, a, false, None))
            {
                tracing::debug!(endpoint = key.endpoint, "answered from the cache");
                return Ok(hit);
            }
        }
        self.refuse_if_cooling_down(&text, now).await?;

        // One call per query at a time.
        let slot = Arc::clone(self.lock_inflight().entry(text.clone()).or_default());
        let _guard = SlotGuard {
            cache: self,
            key: text.clone(),
            slot: Arc::clone(&slot),
        };
        let mut gate = slot.gate.lock().await;
        if let Some(outcome) = gate.as_ref() {
            tracing::debug!(
                endpoint = key.endpoint,
                "shared an identical call in flight"
            );
            return match outcome {
                Ok((a, fresh)) => decode(key.vendor, &a.payload)
                    .map(|r| (r, fresh.clone()))
                    .ok_or_else(|| ApiError::Io("a shared answer could not be read".into())),
                Err(e) => Err(ApiError::clone(e)),
            };
        }
        // Another process (or a caller just before us) may have stored it meanwhile.
        if mode == FetchMode::Normal {
            let now = (self.clock)();
            if let Some(hit) = self
                .stored(&text)
                .await
                .filter(|a| self.fresh(key.endpoint, a, now))
                .and_then(|a| self.hit(key, &a, false, None))
            {
                return Ok(hit);
            }
        }

        // Across processes too: the store's lease, or the answer its holder stored.
        let asked_at = (self.clock)();
        let accept = |a: &StoredAnswer| match mode {
            FetchMode::Normal => self.fresh(key.endpoint, a, (self.clock)()),
            _ => a.fetched_at >= asked_at,
        };
        let _lease = match self.turn(&text, mode != FetchMode::Normal, accept).await {
            lease::Turn::Mine(lease) => lease,
            lease::Turn::Refused(why) => return Err(ApiError::store_unavailable(why)),
            lease::Turn::Answered(a) => {
                let hit = self.hit(key, &a, false, None);
                if let Some((_, fresh)) = &hit {
                    *gate = Some(Ok((a, fresh.clone())));
                }
                return hit.ok_or_else(|| ApiError::Io("a shared answer could not be read".into()));
            }
        };
        let result = call().await;
        let now = (self.clock)();
        match result {
            Ok(reply) if reply.status.class.is_answer() => {
                let fresh = Freshness::live_at(now);
                if let Some(payload) = encode(&reply) {
                    let answer = StoredAnswer {
                        fetched_at: now,
                        no_result: reply.status.class == StatusClass::NoResult,
                        payload,
                        // The store writes its own user on it.
                        fetched_by: None,
                    };
                    self.save(key, &text, &answer).await;
                    *gate = Some(Ok((answer, fresh.clone())));
                }
                Ok((reply, fresh))
            }
            Ok(reply) => Ok((reply, Freshness::live_at(now))),
            Err(e) => {
                if e.status_class() == Some(StatusClass::Cooldown) {
                    self.remember_cooldown(&text, now, &e).await;
                }
                let stale = stored.filter(|_| e.retryable()).and_then(|a| {
                    let note = format!("the vendor call failed ({e}); showing the stored answer");
                    self.hit::<T>(key, &a, true, Some(note.clone()))
                        .map(|hit| (a, hit))
                });
                match stale {
                    Some((a, (reply, fresh))) => {
                        tracing::warn!(endpoint = key.endpoint, error = %e, "call failed; offering a stale answer");
                        *gate = Some(Ok((a, fresh.clone())));
                        Ok((reply, fresh))
                    }
                    None => {
                        *gate = Some(Err(Arc::new(e.clone())));
                        Err(e)
                    }
                }
            }
        }
    }

    async fn save(&self, key: &CacheKey, text: &str, answer: &StoredAnswer) {
        if !self.policy.enabled {
            return;
        }
        let (k, provider, endpoint, a) = (
            text.to_string(),
            key.provider(),
            key.endpoint,
            answer.clone(),
        );
        if let Some(Err(e)) = self
            .blocking(move |s| s.put_answer(&k, provider, endpoint, &a))
            .await
        {
            tracing::warn!(error = %e, "cache write failed");
        }
    }

    async fn refuse_if_cooling_down(&self, text: &str, now: i64) -> Result<(), ApiError> {
        let k = text.to_string();
        let Some(Ok(Some((until, _)))) = self.blocking(move |s| s.cooldown(&k, now)).await else {
            return Ok(());
        };
        let left = Duration::from_secs(u64::try_from(until - now).unwrap_or(0));
        Err(cooldown_error(&left_label(left)))
    }

    async fn remember_cooldown(&self, text: &str, now: i64, e: &ApiError) {
        let until = now + i64::try_from(COOLDOWN.as_secs()).unwrap_or(7200);
        let (k, message) = (text.to_string(), e.to_string());
        if let Some(Err(err)) = self
            .blocking(move |s| s.put_cooldown(&k, until, &message))
            .await
        {
            tracing::warn!(error = %err, "could not remember a 110 refusal");
        }
    }
}

fn offline_missing(key: &CacheKey) -> ApiError {
    ApiError::invalid(format!(
        "offline: nothing stored for {}; run it once without --offline to fetch it",
        key.describe()
    ))
}

/// Said locally, nothing sent ([`cooldown_error`]).
const COOLDOWN_SAID: &str = "refused locally, nothing sent: QCC answered 110";

/// Whether `e` is a 110 cooldown refused here (not the vendor's own 110).
pub fn is_local_cooldown(e: &ApiError) -> bool {
    matches!(e, ApiError::Status { info, message } if info.code == "110" && message.starts_with(COOLDOWN_SAID))
}

/// QCC 110, said locally: the vendor refused this query and asked for two hours' rest.
fn cooldown_error(left: &str) -> ApiError {
    match lookup(Vendor::Qcc, "110") {
        Some(info) => ApiError::Status {
            info: *info,
            message: format!(
                "{COOLDOWN_SAID} to this same query; {left} left before it may be repeated"
            ),
        },
        None => ApiError::invalid(format!(
            "refused locally: this query was refused with 110; {left} left"
        )),
    }
}

mod lease;
pub use lease::without_team_store;

#[cfg(test)]
mod tests;
