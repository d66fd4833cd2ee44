//! Where the clients connect and with which credentials. The secret is wrapped so it cannot
//! be printed by accident: `Debug` shows a mask and there is no `Display`.

use std::fmt;
use std::time::Duration;

pub const DEFAULT_QCC_BASE_URL: &str = "https://pro.qcc.com/api/yj";
pub const DEFAULT_JUHE_BASE_URL: &str = "https://v.juhe.cn";

/// A secret string. Read it only to sign ([`Secret::expose`]); it never reaches a log.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

/// How a key or secret is shown: whether it is set and its length class, never a
/// character of it (`set, 16–31 characters`).
pub fn mask(s: &str) -> String {
    let class = match s.chars().count() {
        0 => return "(not set)".to_string(),
        1..=7 => "under 8",
        8..=15 => "8–15",
        16..=31 => "16–31",
        _ => "32 or more",
    };
    format!("set, {class} characters")
}

#[derive(Clone, Debug)]
pub struct QccCredentials {
    pub key: String,
    pub secret: Secret,
}

/// Everything the API layer needs to reach the vendors.
#[derive(Clone, Debug)]
pub struct ApiSettings {
    pub qcc: Option<QccCredentials>,
    pub juhe_key: Option<String>,
    pub qcc_base_url: String,
    pub juhe_base_url: String,
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
}

impl Default for ApiSettings {
    fn default() -> Self {
        ApiSettings {
            qcc: None,
            juhe_key: None,
            qcc_base_url: DEFAULT_QCC_BASE_URL.into(),
            juhe_base_url: DEFAULT_JUHE_BASE_URL.into(),
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(20),
        }
    }
}

impl ApiSettings {
    /// Read `CORPVET_QCC_KEY`, `CORPVET_QCC_SECRET`, `CORPVET_JUHE_KEY`,
    /// `CORPVET_QCC_BASE_URL`, `CORPVET_JUHE_BASE_URL` and `CORPVET_TIMEOUT` (total seconds
    /// per call) through `get` (the process
    /// environment in production, a map in tests). Empty values count as unset.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        let var = |name: &str| {
            get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut s = ApiSettings::default();
        if let (Some(key), Some(secret)) = (var("CORPVET_QCC_KEY"), var("CORPVET_QCC_SECRET")) {
            s.qcc = Some(QccCredentials {
                key,
                secret: Secret::new(secret),
            });
        }
        s.juhe_key = var("CORPVET_JUHE_KEY");
        if let Some(url) = var("CORPVET_QCC_BASE_URL") {
            s.qcc_base_url = url;
        }
        if let Some(url) = var("CORPVET_JUHE_BASE_URL") {
            s.juhe_base_url = url;
        }
        if let Some(secs) = var("CORPVET_TIMEOUT").and_then(|v| v.parse::<f64>().ok()) {
            if secs.is_finite() && secs > 0.0 {
                s.total_timeout = Duration::from_secs_f64(secs);
            }
        }
        s
    }

    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// No credentials at all: corpvet runs against its sandbox.
    pub fn has_credentials(&self) -> bool {
        self.qcc.is_some() || self.juhe_key.is_some()
    }

    /// A half-configured QCC pair (key without secret or the reverse) is worth a warning.
    pub fn incomplete_qcc(get: impl Fn(&str) -> Option<String>) -> bool {
        let set = |n: &str| get(n).is_some_and(|v| !v.trim().is_empty());
        set("CORPVET_QCC_KEY") != set("CORPVET_QCC_SECRET")
    }
}

/// The HTTP client every vendor call shares (one connection pool).
pub fn http_client(settings: &ApiSettings) -> Result<reqwest::Client, super::ApiError> {
    reqwest::Client::builder()
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.total_timeout)
        .user_agent(concat!("corpvet/", env!("CARGO_PKG_VERSION")))
        // A signed call carries the key (Juhe's alone authenticates): it never follows a
        // vendor elsewhere, and never tells another host where it came from.
        .redirect(same_origin_redirects())
        .referer(false)
        .build()
        .map_err(|e| {
            super::ApiError::transport(super::TransportKind::Connect, e.without_url().to_string())
        })
}

/// Redirects are followed only to the same scheme, host and port (five at most); one
/// pointing elsewhere ends the call with an error that says where it pointed (its path,
/// never its query, which a hostile server may have filled with our key).
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().cloned();
        let same = first
            .as_ref()
            .is_some_and(|f| same_origin(f, attempt.url()));
        if !same {
            let to = shown(attempt.url());
            attempt.error(format!(
                "refused to follow a redirect to another host: {to}"
            ))
        } else if attempt.previous().len() > 5 {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
}

/// Same scheme, host and port.
pub fn same_origin(a: &url::Url, b: &url::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// A URL as messages show it: scheme, host, port and path, no query or fragment.
pub fn shown(url: &url::Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

#[cfg(test)]
mod tests;
