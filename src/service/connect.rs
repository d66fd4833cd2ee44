//! The composition root: a configuration in, every service wired (the vendors or the
//! sandbox, the answers cache, the state store with the order ledger, retries and the rate
//! limit). Every front end starts here, so the CLI, the explorer and later others cannot
//! wire the same things differently.

use std::sync::Arc;
use std::time::Duration;

use crate::api::ApiError;
use crate::config::{paths, Config, OnUnavailable};
use crate::store::sqlite::repair::repair;
pub use crate::store::sqlite::repair::Repair;
use crate::store::{PgStore, SqliteStore, Store, StoreError};

use super::backend::Backend;
use super::cache::{origin_of, without_team_store, CachePolicy, LookupCache};
use super::limiter::RateLimiter;
use super::retry::RetryPolicy;
use super::services::Services;
use super::spend::Spend;

/// Services ready to use, and what the user should hear about how they were built (a store
/// that could not be opened, an API setting that was ignored).
pub struct Connected {
    pub services: Services,
    pub warnings: Vec<String>,
}

/// Build every service `config` asks for. Fails only when no backend can be had (the
/// sandbox would not start, a base URL is unusable); a store that cannot be opened is a
/// warning: lookups then simply call, and orders say the ledger is missing.
pub async fn connect(config: &Config) -> Result<Connected, ApiError> {
    let (settings, mut warnings) = config.api_settings();
    // The team database's connection (TCP, TLS, SCRAM) is opened while the backend starts:
    // a cached lookup through it then costs little more than one through the local files.
    let opening = {
        let config = config.clone();
        std::thread::spawn(move || open_stores(&config))
    };
    let backend = Backend::connect(&settings).await?;
    let mode = backend.mode;
    let net = &config.network;
    let mut services = Services::new(backend)
        .with_retry(RetryPolicy {
            max_retries: net.max_retries,
            base_delay: Duration::from_millis(net.retry_base_delay_ms),
            max_delay: Duration::from_secs(5),
        })
        .with_limiter(RateLimiter::new(
            net.rate_limit_per_sec,
            net.rate_limit_burst,
        ))
        .with_spend(Spend::new(config.prices.clone(), config.budget.clone()));
    let stores = opening
        .join()
        .unwrap_or_else(|_| Stores::broken(!config.store.url.expose().is_empty()));
    if let (Err(e), true) = (&stores.state, stores.shared) {
        match config.store.on_unavailable {
            OnUnavailable::Refuse => {
                services = services.refusing_lookups(without_team_store(e));
            }
            OnUnavailable::Proceed => warnings.push(format!(
                "{e}; looking up uncached (store.on_unavailable = \"proceed\"): answers are \
                 not shared and may be paid for again; no report can be ordered"
            )),
        }
    }
    // The team database stops double billing: without it (by default) nothing is sent.
    let required = stores.shared && config.store.on_unavailable == OnUnavailable::Refuse;
    match stores.cache {
        Ok(store) => {
            let cache = LookupCache::new(
                store,
                CachePolicy::from_config(&config.cache),
                origin_of(mode, &settings.qcc_base_url),
                origin_of(mode, &settings.juhe_base_url),
            )
            .with_lease(Duration::from_secs(u64::from(config.store.lease_secs)));
            services = services.with_cache(if required {
                cache.requiring_store()
            } else {
                cache
            });
        }
        Err(e) if !stores.shared => warnings.push(format!("{e}; continuing without the cache")),
        Err(_) => {}
    }
    match stores.state {
        Ok(store) => {
            if stores.shared {
                services = services.with_team_rate(Arc::clone(&store), required);
            }
            services = services.with_state(store, config.reports.reuse_window.duration());
        }
        Err(e) if !stores.shared => warnings.push(format!(
            "{e}; search history and report orders are not recorded"
        )),
        Err(_) => {}
    }
    Ok(Connected { services, warnings })
}

/// The two stores: the answers cache and the state (history, the order ledger, the
/// watchlist). With `store.url` both are the team database, else one SQLite file each.
pub struct Stores {
    pub cache: Result<Arc<dyn Store>, StoreError>,
    pub state: Result<Arc<dyn Store>, StoreError>,
    /// They are the team database.
    pub shared: bool,
}

impl Stores {
    /// Both stores unusable: the thread opening them died.
    fn broken(shared: bool) -> Stores {
        let e = StoreError {
            location: "the store".into(),
            detail: "opening it failed unexpectedly".into(),
        };
        Stores {
            cache: Err(e.clone()),
            state: Err(e),
            shared,
        }
    }
}

/// Open both stores the configuration names.
pub fn open_stores(config: &Config) -> Stores {
    let url = config.store.url.expose();
    // The name written on what is recorded: a colleague sees who fetched an answer.
    let who = config.user.who();
    if url.is_empty() {
        return Stores {
            cache: open_file(&paths::cache_db(), &who),
            state: open_file(&paths::state_db(), &who),
            shared: false,
        };
    }
    let team: Result<Arc<dyn Store>, StoreError> = PgStore::open(url)
        .map(|s| Arc::new(s.with_user(who)) as Arc<dyn Store>)
        .map_err(|e| StoreError {
            detail: format!("the team database cannot be used: {}", e.detail),
            ..e
        });
    Stores {
        cache: team.clone(),
        state: team,
        shared: true,
    }
}

fn open_file(path: &std::path::Path, who: &str) -> Result<Arc<dyn Store>, StoreError> {
    Ok(Arc::new(SqliteStore::open(path)?.with_user(who)))
}

/// Both store files checked, and a damaged one rebuilt ([`repair`]): which store, where,
/// and what came of it.
pub fn repair_stores() -> Vec<(&'static str, std::path::PathBuf, Result<Repair, StoreError>)> {
    [("cache", paths::cache_db()), ("state", paths::state_db())]
        .into_iter()
        .map(|(what, path)| {
            let outcome = repair(&path);
            (what, path, outcome)
        })
        .collect()
}
