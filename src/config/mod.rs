//! corpvet's configuration: one [`Config`] with a default for every key, read through confy
//! from the per-user file (or `--config PATH`), then overridden by `CORPVET_*` variables and
//! finally by command-line flags. `config/default.toml` in the repository documents every
//! key.
//!
//! Credentials live in [`Credential`]s: their `Debug` is masked, and only
//! [`Config::api_settings`] reads them out (to build the clients).

pub mod fields;
pub mod init;
pub mod load;
pub mod money;
pub mod paths;
mod team;
pub mod ttl;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::api::settings::{
    ApiSettings, QccCredentials, Secret, DEFAULT_JUHE_BASE_URL, DEFAULT_QCC_BASE_URL,
};
use crate::domain::provider::ProviderChoice;

pub use load::{load, ConfigError, FlagOverride, LoadOptions, Loaded, Origin};
pub use money::{BudgetSection, PricesSection};
pub use team::{OnUnavailable, StoreSection, UserSection};
pub use ttl::Ttl;

/// A key or secret from the configuration. `Debug` never shows it; [`Credential::expose`]
/// is for building the clients and for writing the file.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Credential(String);

impl Credential {
    pub fn new(s: impl Into<String>) -> Self {
        Credential(s.into().trim().to_string())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_set(&self) -> bool {
        !self.0.is_empty()
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_set() {
            "Credential(****)"
        } else {
            "Credential(unset)"
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QccSection {
    pub key: Credential,
    pub secret: Credential,
    pub base_url: String,
}

impl Default for QccSection {
    fn default() -> Self {
        QccSection {
            key: Credential::default(),
            secret: Credential::default(),
            base_url: DEFAULT_QCC_BASE_URL.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct JuheSection {
    pub key: Credential,
    pub base_url: String,
}

impl Default for JuheSection {
    fn default() -> Self {
        JuheSection {
            key: Credential::default(),
            base_url: DEFAULT_JUHE_BASE_URL.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkSection {
    /// Seconds to establish a connection.
    pub connect_timeout_secs: f64,
    /// Seconds for a whole call.
    pub timeout_secs: f64,
    /// Vendor calls per second at most (0 = no limit).
    pub rate_limit_per_sec: f64,
    /// Calls allowed back to back before the rate applies.
    pub rate_limit_burst: u32,
    /// Extra attempts after a transient fault (connection refused, HTTP 5xx, QCC 120).
    /// Report orders are never retried.
    pub max_retries: u32,
    /// Wait before the first retry, in milliseconds; doubled each time, with jitter.
    pub retry_base_delay_ms: u64,
}

impl Default for NetworkSection {
    fn default() -> Self {
        NetworkSection {
            connect_timeout_secs: 5.0,
            timeout_secs: 20.0,
            rate_limit_per_sec: 3.0,
            rate_limit_burst: 3,
            max_retries: 2,
            retry_base_delay_ms: 300,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LookupSection {
    pub default_provider: ProviderChoice,
    /// A vet reads at most this many pages (20 rows each) of each paged source:
    /// certificates, Juhe qualifications, customs. The name is the first source it capped.
    pub certificate_pages: u32,
}

impl Default for LookupSection {
    fn default() -> Self {
        LookupSection {
            default_provider: ProviderChoice::default(),
            certificate_pages: crate::domain::verdict::DEFAULT_MAX_PAGES,
        }
    }
}

/// How long a stored answer is used instead of a new (billed) call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CacheSection {
    pub enabled: bool,
    /// QCC building qualifications.
    pub building: Ttl,
    /// Juhe building qualifications.
    pub juhe: Ttl,
    /// Certificate search pages.
    pub certificates: Ttl,
    /// One certificate's detail.
    pub cert_detail: Ttl,
    /// Customs credit pages.
    pub customs: Ttl,
    /// Any "no result" answer (QCC 201, Juhe 265004).
    pub no_result: Ttl,
}

impl Default for CacheSection {
    fn default() -> Self {
        CacheSection {
            enabled: true,
            building: Ttl::hours(24),
            juhe: Ttl::hours(24),
            certificates: Ttl::hours(24),
            cert_detail: Ttl::days(7),
            customs: Ttl::hours(24),
            no_result: Ttl::hours(6),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportsSection {
    /// Where downloaded reports go; empty = `~/Downloads/corpvet`.
    pub download_dir: String,
    /// An order for the same company and format placed within this window is offered
    /// instead of a new one.
    pub reuse_window: Ttl,
}

impl Default for ReportsSection {
    fn default() -> Self {
        ReportsSection {
            download_dir: String::new(),
            reuse_window: Ttl::hours(1),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiSection {
    /// Capture the mouse when the explorer opens (off keeps terminal text selection).
    pub mouse: bool,
    /// Colour names by role.
    pub theme: BTreeMap<String, String>,
    /// Key by action.
    pub keys: BTreeMap<String, String>,
}

/// The colour roles and their defaults.
pub const DEFAULT_THEME: &[(&str, &str)] = &[
    ("accent", "cyan"),
    ("border", "darkgray"),
    ("error", "red"),
    ("label", "blue"),
    ("ok", "green"),
    ("warn", "yellow"),
];

/// The actions with a configurable key and their defaults.
pub const DEFAULT_KEYS: &[(&str, &str)] = &[
    ("copy", "y"),
    ("download", "d"),
    ("export_csv", "E"),
    ("export_json", "e"),
    ("filter", "/"),
    ("help", "?"),
    ("history", "ctrl-r"),
    ("next_page", "n"),
    ("order_report", "o"),
    ("prev_page", "p"),
    ("quit", "q"),
    ("refresh", "r"),
    ("search", "s"),
    ("toggle_mouse", "m"),
    ("toggle_provider", "P"),
];

fn pairs(list: &[(&str, &str)]) -> BTreeMap<String, String> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

impl Default for UiSection {
    fn default() -> Self {
        UiSection {
            mouse: false,
            theme: pairs(DEFAULT_THEME),
            keys: pairs(DEFAULT_KEYS),
        }
    }
}

/// Everything corpvet can be told. Every key has a default; a file names only what differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Config {
    pub qcc: QccSection,
    pub juhe: JuheSection,
    pub network: NetworkSection,
    pub lookup: LookupSection,
    pub cache: CacheSection,
    pub reports: ReportsSection,
    pub ui: UiSection,
    pub store: StoreSection,
    pub user: UserSection,
    pub prices: PricesSection,
    pub budget: BudgetSection,
}

impl Config {
    /// A file that lists only some colours or keys keeps the defaults of the rest.
    pub fn fill_defaults(&mut self) {
        for (k, v) in DEFAULT_THEME {
            self.ui.theme.entry(k.to_string()).or_insert(v.to_string());
        }
        for (k, v) in DEFAULT_KEYS {
            self.ui.keys.entry(k.to_string()).or_insert(v.to_string());
        }
    }

    /// What the API layer needs, and warnings about half-set credentials.
    pub fn api_settings(&self) -> (ApiSettings, Vec<String>) {
        let mut warnings = Vec::new();
        let qcc = match (self.qcc.key.is_set(), self.qcc.secret.is_set()) {
            (true, true) => Some(QccCredentials {
                key: self.qcc.key.expose().to_string(),
                secret: Secret::new(self.qcc.secret.expose()),
            }),
            (false, false) => None,
            _ => {
                warnings.push(
                    "the QCC key and secret (CORPVET_QCC_KEY and CORPVET_QCC_SECRET, or qcc.key \
                     and qcc.secret) must both be set; QCC is not configured"
                        .to_string(),
                );
                None
            }
        };
        let settings = ApiSettings {
            qcc,
            juhe_key: self
                .juhe
                .key
                .is_set()
                .then(|| self.juhe.key.expose().to_string()),
            qcc_base_url: self.qcc.base_url.trim().to_string(),
            juhe_base_url: self.juhe.base_url.trim().to_string(),
            connect_timeout: secs(self.network.connect_timeout_secs, Duration::from_secs(5)),
            total_timeout: secs(self.network.timeout_secs, Duration::from_secs(20)),
        };
        (settings, warnings)
    }

    /// The download folder, or `None` for the platform default.
    pub fn download_dir(&self) -> Option<PathBuf> {
        let d = self.reports.download_dir.trim();
        if d.is_empty() {
            return None;
        }
        Some(paths::expand_home(d))
    }
}

fn secs(v: f64, fallback: Duration) -> Duration {
    if v.is_finite() && v > 0.0 {
        Duration::try_from_secs_f64(v).unwrap_or(fallback)
    } else {
        fallback
    }
}

#[cfg(test)]
mod tests;
