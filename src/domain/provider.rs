//! The vendors, as the user chooses among them: one [`Provider`] per record, and the
//! [`ProviderChoice`] of the config file and `--provider` (which may be both).

use serde::{Deserialize, Serialize};

use crate::api::status::Vendor;

/// Which vendor a record came from (shown so a user can weigh or re-check the source).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    Qcc,
    Juhe,
}

impl Provider {
    pub fn label(self) -> &'static str {
        match self {
            Provider::Qcc => "QCC",
            Provider::Juhe => "Juhe",
        }
    }
}

impl From<Vendor> for Provider {
    fn from(v: Vendor) -> Self {
        match v {
            Vendor::Qcc => Provider::Qcc,
            Vendor::Juhe => Provider::Juhe,
        }
    }
}

/// Which vendor answers qualification lookups by default.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Default,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ProviderChoice {
    #[default]
    Qcc,
    Juhe,
    /// Both vendors (two billed calls) where the front end supports it; the explorer starts
    /// on QCC.
    Both,
}

impl ProviderChoice {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "qcc" => Ok(ProviderChoice::Qcc),
            "juhe" => Ok(ProviderChoice::Juhe),
            "both" => Ok(ProviderChoice::Both),
            other => Err(format!(
                "{other:?} is not a provider: use qcc, juhe or both"
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ProviderChoice::Qcc => "qcc",
            ProviderChoice::Juhe => "juhe",
            ProviderChoice::Both => "both",
        }
    }

    /// The single provider a one-provider front end starts on.
    pub fn primary(self) -> Provider {
        match self {
            ProviderChoice::Juhe => Provider::Juhe,
            ProviderChoice::Qcc | ProviderChoice::Both => Provider::Qcc,
        }
    }
}
