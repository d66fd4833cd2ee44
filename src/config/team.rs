//! The team's shared store and who the user is (issue 13): `[store]` and `[user]`.

use serde::{Deserialize, Serialize};

use super::Credential;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoreSection {
    /// `postgres://user:password@host:port/db`: the team database. Empty: the two SQLite
    /// files of this user. A secret (it holds the password): never shown whole.
    pub url: Credential,
    /// What lookups do when the team database cannot be reached.
    pub on_unavailable: OnUnavailable,
    /// Seconds a question is held for the one caller asking it, the others waiting for its
    /// answer; a caller that crashed holds it no longer than this.
    pub lease_secs: u32,
}

impl Default for StoreSection {
    fn default() -> Self {
        StoreSection {
            url: Credential::default(),
            on_unavailable: OnUnavailable::default(),
            lease_secs: 60,
        }
    }
}

/// Without the team database nothing stops a colleague's answer being paid for again, or a
/// report being ordered twice: by default nothing is sent (`refuse`). `proceed` looks up
/// uncached; report orders are refused either way (no ledger, no order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnUnavailable {
    #[default]
    Refuse,
    Proceed,
}

impl OnUnavailable {
    pub fn parse(v: &str) -> Result<OnUnavailable, String> {
        match v.trim().to_ascii_lowercase().as_str() {
            "refuse" => Ok(OnUnavailable::Refuse),
            "proceed" => Ok(OnUnavailable::Proceed),
            _ => Err(format!("{v:?} is not refuse or proceed")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OnUnavailable::Refuse => "refuse",
            OnUnavailable::Proceed => "proceed",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserSection {
    /// Who is recorded on searches, orders and stored answers; empty: the OS user name.
    pub name: String,
}

impl UserSection {
    /// The name recorded for this user's calls.
    pub fn who(&self) -> String {
        let name = self.name.trim();
        if !name.is_empty() {
            return crate::domain::text::one_line(name);
        }
        std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .ok()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "unknown".to_string())
    }
}
