//! The versioned document every front end gives for a use case: the CLI's `--json` and the
//! MCP server's structured tool results are this one envelope, so a script and an agent
//! read the same fields.

use serde::Serialize;
use serde_json::{json, Value};

use crate::api::error::ErrorReport;
use crate::api::juhe;
use crate::api::qcc::endpoint;
use crate::domain::page::Page;
use crate::domain::provider::ProviderChoice;
use crate::domain::verdict::VerdictLevel;
use crate::service::cache::Freshness;
use crate::service::vet::Vetted;
use crate::service::Mode;

/// Bumped when a field changes meaning or disappears; additions keep the version.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Source {
    /// `sandbox` or `live`.
    pub mode: Mode,
    /// `qcc` or `juhe`.
    pub provider: &'static str,
    /// The vendor endpoint that answered.
    pub endpoint: &'static str,
}

impl Source {
    /// One QCC endpoint.
    pub fn qcc(mode: Mode, endpoint: &'static str) -> Source {
        Source {
            mode,
            provider: "qcc",
            endpoint,
        }
    }

    /// No vendor: the answer is corpvet's own (the ledger, the spend report).
    pub fn local(mode: Mode) -> Source {
        Source {
            mode,
            provider: "local",
            endpoint: "",
        }
    }

    /// The building qualifications from the chosen provider(s).
    pub fn qualifications(mode: Mode, choice: ProviderChoice) -> Source {
        let (provider, endpoint) = match choice {
            ProviderChoice::Juhe => ("juhe", juhe::QUALIFICATION_PATH),
            ProviderChoice::Qcc => ("qcc", endpoint::BUILDING),
            ProviderChoice::Both => (
                "both",
                "BuildingQualificationCheck/GetList, opens/App/bqQualification/query",
            ),
        };
        Source {
            mode,
            provider,
            endpoint,
        }
    }

    /// Every source a vet asks.
    pub fn vet(mode: Mode, choice: ProviderChoice) -> Source {
        Source {
            mode,
            provider: match choice {
                ProviderChoice::Qcc => "qcc",
                ProviderChoice::Juhe | ProviderChoice::Both => "qcc, juhe",
            },
            endpoint: match choice {
                ProviderChoice::Qcc => "BuildingQualificationCheck/GetList, ECICertification/SearchCertification, OperationCheck/GetList",
                ProviderChoice::Juhe => "opens/App/bqQualification/query, ECICertification/SearchCertification, OperationCheck/GetList",
                ProviderChoice::Both => "BuildingQualificationCheck/GetList, opens/App/bqQualification/query, ECICertification/SearchCertification, OperationCheck/GetList",
            },
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PagingOut {
    pub page: u64,
    pub page_size: u64,
    pub total: u64,
    pub page_count: u64,
}

impl PagingOut {
    pub fn of<T>(page: &Page<T>) -> Self {
        PagingOut {
            page: page.page,
            page_size: page.page_size,
            total: page.total,
            page_count: page.page_count(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Envelope<T: Serialize> {
    pub schema_version: u32,
    pub command: &'static str,
    pub ok: bool,
    pub source: Source,
    pub paging: Option<PagingOut>,
    pub data: Option<T>,
    pub error: Option<ErrorReport>,
    pub warnings: Vec<String>,
}

impl<T: Serialize> Envelope<T> {
    /// The document of a command that succeeded.
    pub fn success(
        command: &'static str,
        source: Source,
        paging: Option<PagingOut>,
        data: T,
        warnings: Vec<String>,
    ) -> Self {
        Envelope {
            schema_version: SCHEMA_VERSION,
            command,
            ok: true,
            source,
            paging,
            data: Some(data),
            error: None,
            warnings,
        }
    }

    /// The document as JSON with `cached`, `fetched_at`, `stale` and `fetched_by` (who
    /// fetched a stored answer, or null) added when the answer's origin is known.
    pub fn with_freshness(&self, fresh: Option<&Freshness>) -> Result<Value, serde_json::Error> {
        let mut doc = serde_json::to_value(self)?;
        if let (Some(f), Some(map)) = (fresh, doc.as_object_mut()) {
            map.insert("cached".into(), json!(f.cached));
            map.insert(
                "fetched_at".into(),
                json!(f
                    .fetched_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            );
            map.insert("stale".into(), json!(f.stale));
            map.insert("fetched_by".into(), json!(f.fetched_by));
        }
        Ok(doc)
    }
}

impl<'a> Envelope<&'a Vetted> {
    /// A vet's document: not `ok` when no source could be read (the first failure is the
    /// error), else the verdict whatever its level.
    pub fn vet(
        mode: Mode,
        choice: ProviderChoice,
        vetted: &'a Vetted,
        warnings: Vec<String>,
    ) -> Self {
        let error = (vetted.verdict.level == VerdictLevel::Incomplete)
            .then(|| vetted.verdict.sources.iter().find_map(|s| s.error.clone()))
            .flatten();
        Envelope {
            ok: error.is_none(),
            error,
            ..Envelope::success("vet", Source::vet(mode, choice), None, vetted, warnings)
        }
    }
}

impl Envelope<()> {
    /// The document of a command that failed: no data, the error.
    pub fn failure(
        command: &'static str,
        source: Source,
        error: ErrorReport,
        warnings: Vec<String>,
    ) -> Self {
        Envelope {
            schema_version: SCHEMA_VERSION,
            command,
            ok: false,
            source,
            paging: None,
            data: None,
            error: Some(error),
            warnings,
        }
    }
}

/// The document of the local commands (config, cache, history, reports, spend): the data
/// corpvet holds itself, with no vendor source.
pub fn local_doc(command: &str, data: Value) -> Value {
    json!({
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "ok": true,
        "data": data,
    })
}
