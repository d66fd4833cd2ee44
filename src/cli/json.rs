//! The `--json` document: one stable, versioned envelope per command.

use serde::Serialize;

use crate::api::error::ErrorReport;
use crate::domain::page::Page;
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
    pub fn print(&self) {
        super::print::json(self);
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
