//! Every scalar key of [`Config`] by its dotted name, with the environment variable that
//! overrides it, a reader (for `config show`) and a checked writer (for the environment, the
//! flags, and to validate what a file said).

use super::{Config, Credential, Ttl};
use crate::domain::provider::ProviderChoice;

/// One configurable value.
pub struct Field {
    /// Dotted name as in the file: `network.timeout_secs`.
    pub key: &'static str,
    /// The `CORPVET_*` variable that overrides it.
    pub env: &'static str,
    /// Shown masked (last 4 characters at most).
    pub secret: bool,
    /// The value as text.
    pub get: fn(&Config) -> String,
    /// Parse and store a value, or say what is wrong with it.
    pub set: fn(&mut Config, &str) -> Result<(), String>,
}

fn positive_secs(v: &str) -> Result<f64, String> {
    match v.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 && n <= 86_400.0 => Ok(n),
        _ => Err(format!(
            "{v:?} is not a number of seconds between 0 and 86400 (e.g. 20 or 0.5)"
        )),
    }
}

fn rate(v: &str) -> Result<f64, String> {
    match v.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && (0.0..=1000.0).contains(&n) => Ok(n),
        _ => Err(format!(
            "{v:?} is not a rate: calls per second from 0 (no limit) to 1000"
        )),
    }
}

fn count(v: &str, max: u32) -> Result<u32, String> {
    match v.trim().parse::<u32>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!("{v:?} is not a whole number from 0 to {max}")),
    }
}

fn boolean(v: &str) -> Result<bool, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!("{v:?} is not true or false")),
    }
}

fn url(v: &str) -> Result<String, String> {
    let t = v.trim();
    match url::Url::parse(t) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(t.into()),
        _ => Err(format!("{t:?} is not an http(s) URL")),
    }
}

fn ttl(v: &str) -> Result<Ttl, String> {
    Ttl::parse(v)
}

/// Every scalar key, in file order.
pub static FIELDS: &[Field] = &[
    Field {
        key: "qcc.key",
        env: "CORPVET_QCC_KEY",
        secret: true,
        get: |c| c.qcc.key.expose().to_string(),
        set: |c, v| {
            c.qcc.key = Credential::new(v);
            Ok(())
        },
    },
    Field {
        key: "qcc.secret",
        env: "CORPVET_QCC_SECRET",
        secret: true,
        get: |c| c.qcc.secret.expose().to_string(),
        set: |c, v| {
            c.qcc.secret = Credential::new(v);
            Ok(())
        },
    },
    Field {
        key: "qcc.base_url",
        env: "CORPVET_QCC_BASE_URL",
        secret: false,
        get: |c| c.qcc.base_url.clone(),
        set: |c, v| {
            c.qcc.base_url = url(v)?;
            Ok(())
        },
    },
    Field {
        key: "juhe.key",
        env: "CORPVET_JUHE_KEY",
        secret: true,
        get: |c| c.juhe.key.expose().to_string(),
        set: |c, v| {
            c.juhe.key = Credential::new(v);
            Ok(())
        },
    },
    Field {
        key: "juhe.base_url",
        env: "CORPVET_JUHE_BASE_URL",
        secret: false,
        get: |c| c.juhe.base_url.clone(),
        set: |c, v| {
            c.juhe.base_url = url(v)?;
            Ok(())
        },
    },
    Field {
        key: "network.connect_timeout_secs",
        env: "CORPVET_CONNECT_TIMEOUT",
        secret: false,
        get: |c| c.network.connect_timeout_secs.to_string(),
        set: |c, v| {
            c.network.connect_timeout_secs = positive_secs(v)?;
            Ok(())
        },
    },
    Field {
        key: "network.timeout_secs",
        env: "CORPVET_TIMEOUT",
        secret: false,
        get: |c| c.network.timeout_secs.to_string(),
        set: |c, v| {
            c.network.timeout_secs = positive_secs(v)?;
            Ok(())
        },
    },
    Field {
        key: "network.rate_limit_per_sec",
        env: "CORPVET_RATE_LIMIT",
        secret: false,
        get: |c| c.network.rate_limit_per_sec.to_string(),
        set: |c, v| {
            c.network.rate_limit_per_sec = rate(v)?;
            Ok(())
        },
    },
    Field {
        key: "network.rate_limit_burst",
        env: "CORPVET_RATE_LIMIT_BURST",
        secret: false,
        get: |c| c.network.rate_limit_burst.to_string(),
        set: |c, v| {
            c.network.rate_limit_burst = count(v, 100)?.max(1);
            Ok(())
        },
    },
    Field {
        key: "network.max_retries",
        env: "CORPVET_MAX_RETRIES",
        secret: false,
        get: |c| c.network.max_retries.to_string(),
        set: |c, v| {
            c.network.max_retries = count(v, 10)?;
            Ok(())
        },
    },
    Field {
        key: "network.retry_base_delay_ms",
        env: "CORPVET_RETRY_BASE_DELAY_MS",
        secret: false,
        get: |c| c.network.retry_base_delay_ms.to_string(),
        set: |c, v| {
            c.network.retry_base_delay_ms = u64::from(count(v, 60_000)?);
            Ok(())
        },
    },
    Field {
        key: "lookup.default_provider",
        env: "CORPVET_PROVIDER",
        secret: false,
        get: |c| c.lookup.default_provider.name().to_string(),
        set: |c, v| {
            c.lookup.default_provider = ProviderChoice::parse(v)?;
            Ok(())
        },
    },
    Field {
        key: "lookup.certificate_pages",
        env: "CORPVET_CERTIFICATE_PAGES",
        secret: false,
        get: |c| c.lookup.certificate_pages.to_string(),
        set: |c, v| {
            // 250 pages of 20 is the vendor's 5000-row ceiling.
            c.lookup.certificate_pages = count(v, 250)?.max(1);
            Ok(())
        },
    },
    Field {
        key: "cache.enabled",
        env: "CORPVET_CACHE_ENABLED",
        secret: false,
        get: |c| c.cache.enabled.to_string(),
        set: |c, v| {
            c.cache.enabled = boolean(v)?;
            Ok(())
        },
    },
    Field {
        key: "cache.building",
        env: "CORPVET_CACHE_BUILDING",
        secret: false,
        get: |c| c.cache.building.to_string(),
        set: |c, v| {
            c.cache.building = ttl(v)?;
            Ok(())
        },
    },
    Field {
        key: "cache.juhe",
        env: "CORPVET_CACHE_JUHE",
        secret: false,
        get: |c| c.cache.juhe.to_string(),
        set: |c, v| {
            c.cache.juhe = ttl(v)?;
            Ok(())
        },
    },
    Field {
        key: "cache.certificates",
        env: "CORPVET_CACHE_CERTIFICATES",
        secret: false,
        get: |c| c.cache.certificates.to_string(),
        set: |c, v| {
            c.cache.certificates = ttl(v)?;
            Ok(())
        },
    },
    Field {
        key: "cache.cert_detail",
        env: "CORPVET_CACHE_CERT_DETAIL",
        secret: false,
        get: |c| c.cache.cert_detail.to_string(),
        set: |c, v| {
            c.cache.cert_detail = ttl(v)?;
            Ok(())
        },
    },
    Field {
        key: "cache.customs",
        env: "CORPVET_CACHE_CUSTOMS",
        secret: false,
        get: |c| c.cache.customs.to_string(),
        set: |c, v| {
            c.cache.customs = ttl(v)?;
            Ok(())
        },
    },
    Field {
        key: "cache.no_result",
        env: "CORPVET_CACHE_NO_RESULT",
        secret: false,
        get: |c| c.cache.no_result.to_string(),
        set: |c, v| {
            c.cache.no_result = ttl(v)?;
            Ok(())
        },
    },
    Field {
        key: "reports.download_dir",
        env: "CORPVET_DOWNLOAD_DIR",
        secret: false,
        get: |c| c.reports.download_dir.clone(),
        set: |c, v| {
            c.reports.download_dir = v.trim().to_string();
            Ok(())
        },
    },
    Field {
        key: "reports.reuse_window",
        env: "CORPVET_REPORT_REUSE_WINDOW",
        secret: false,
        get: |c| c.reports.reuse_window.to_string(),
        set: |c, v| {
            c.reports.reuse_window = ttl(v)?;
            Ok(())
        },
    },
    Field {
        key: "store.url",
        env: "CORPVET_STORE_URL",
        secret: true,
        get: |c| c.store.url.expose().to_string(),
        set: |c, v| {
            let v = v.trim();
            if !(v.is_empty() || v.starts_with("postgres://") || v.starts_with("postgresql://")) {
                return Err("not a PostgreSQL URL: postgres://user:password@host:port/db".into());
            }
            c.store.url = Credential::new(v);
            Ok(())
        },
    },
    Field {
        key: "store.on_unavailable",
        env: "CORPVET_STORE_ON_UNAVAILABLE",
        secret: false,
        get: |c| c.store.on_unavailable.as_str().to_string(),
        set: |c, v| {
            c.store.on_unavailable = super::OnUnavailable::parse(v)?;
            Ok(())
        },
    },
    Field {
        key: "store.lease_secs",
        env: "CORPVET_STORE_LEASE_SECS",
        secret: false,
        get: |c| c.store.lease_secs.to_string(),
        set: |c, v| {
            c.store.lease_secs = count(v, 3600)?.max(1);
            Ok(())
        },
    },
    Field {
        key: "user.name",
        env: "CORPVET_USER",
        secret: false,
        get: |c| c.user.name.clone(),
        set: |c, v| {
            c.user.name = v.trim().to_string();
            Ok(())
        },
    },
    Field {
        key: "ui.mouse",
        env: "CORPVET_MOUSE",
        secret: false,
        get: |c| c.ui.mouse.to_string(),
        set: |c, v| {
            c.ui.mouse = boolean(v)?;
            Ok(())
        },
    },
];

/// The field called `key`.
pub fn field(key: &str) -> Option<&'static Field> {
    all().find(|f| f.key == key)
}

/// Every key: these and the money ones ([`super::money::MONEY_FIELDS`]).
pub fn all() -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().chain(super::money::MONEY_FIELDS)
}

#[cfg(test)]
mod tests;
