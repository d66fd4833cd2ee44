//! Which servers corpvet talks to: the vendors' (credentials configured) or its own
//! in-process sandbox (no credentials), clearly labelled either way.

use std::time::Duration;

use crate::api::juhe::JuheClient;
use crate::api::qcc::QccClient;
use crate::api::settings::{http_client, ApiSettings, QccCredentials, Secret};
use crate::api::ApiError;
use crate::sandbox::{Sandbox, SANDBOX_JUHE_KEY, SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The in-process sandbox: nothing is billed, the data is made up.
    Sandbox,
    /// The vendors' real hosts: every successful call is billed.
    Live,
}

/// The clients in use, and the sandbox that serves them when there are no credentials
/// (kept alive as long as the backend).
pub struct Backend {
    pub mode: Mode,
    pub qcc: Option<QccClient>,
    pub juhe: Option<JuheClient>,
    _sandbox: Option<Sandbox>,
}

impl Backend {
    /// Live clients for whatever credentials are set; with none at all, start the sandbox
    /// on an ephemeral loopback port and point both clients at it.
    pub async fn connect(settings: &ApiSettings) -> Result<Backend, ApiError> {
        if settings.has_credentials() {
            let http = http_client(settings)?;
            let qcc = match &settings.qcc {
                Some(c) => Some(QccClient::new(http.clone(), &settings.qcc_base_url, c)?),
                None => None,
            };
            let juhe = match &settings.juhe_key {
                Some(k) => Some(JuheClient::new(http, &settings.juhe_base_url, k)?),
                None => None,
            };
            return Ok(Backend {
                mode: Mode::Live,
                qcc,
                juhe,
                _sandbox: None,
            });
        }
        let sandbox = Sandbox::start(0)
            .await
            .map_err(|e| ApiError::Io(format!("cannot start the sandbox: {e}")))?;
        let mut local = settings.clone();
        local.qcc_base_url = sandbox.qcc_base_url();
        local.juhe_base_url = sandbox.juhe_base_url();
        let mut backend = Self::for_sandbox_urls(&local)?;
        backend._sandbox = Some(sandbox);
        Ok(backend)
    }

    /// Clients with the sandbox credentials pointed at `settings`' base URLs (a sandbox
    /// started elsewhere, e.g. by a test).
    pub fn for_sandbox_urls(settings: &ApiSettings) -> Result<Backend, ApiError> {
        let mut settings = settings.clone();
        // The sandbox answers at once, except its deliberately slow company.
        settings.connect_timeout = settings.connect_timeout.min(Duration::from_secs(5));
        let http = http_client(&settings)?;
        let creds = QccCredentials {
            key: SANDBOX_QCC_KEY.to_string(),
            secret: Secret::new(SANDBOX_QCC_SECRET),
        };
        Ok(Backend {
            mode: Mode::Sandbox,
            qcc: Some(QccClient::new(
                http.clone(),
                &settings.qcc_base_url,
                &creds,
            )?),
            juhe: Some(JuheClient::new(
                http,
                &settings.juhe_base_url,
                SANDBOX_JUHE_KEY,
            )?),
            _sandbox: None,
        })
    }

    pub fn qcc(&self) -> Result<&QccClient, ApiError> {
        self.qcc.as_ref().ok_or_else(|| {
            ApiError::invalid("no QCC credentials: set CORPVET_QCC_KEY and CORPVET_QCC_SECRET")
        })
    }

    pub fn juhe(&self) -> Result<&JuheClient, ApiError> {
        self.juhe
            .as_ref()
            .ok_or_else(|| ApiError::invalid("no Juhe key: set CORPVET_JUHE_KEY"))
    }
}
