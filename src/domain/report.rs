//! The state of a credit-report order. Only `S` (success) is documented; anything else is
//! read as still in progress unless it is clearly a failure, so polling never stops early
//! on an unfamiliar status.

use serde::{Serialize, Serializer};

use crate::api::status::StatusClass;
use crate::api::wire::qcc::ReportInfo;
use crate::api::Reply;

/// Re-exported so the app layer names the format through the domain.
pub use crate::api::qcc::ReportFormat;

/// Where a report order stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportState {
    /// The vendor is still working on it (205) or sent nothing to read.
    Pending,
    /// A status that is neither success nor failure, as sent (may be empty).
    InProgress(String),
    /// Ready to download: `report_url` is a path on the QCC host.
    Ready { report_url: String },
    /// The vendor gave up; the status as sent.
    Failed(String),
}

impl ReportState {
    /// Reads a `GetReportInfo` reply: pending (205) or no data → [`ReportState::Pending`];
    /// `S` (or `SUCCESS`) with a URL → ready; `S` without one → in progress; `F`, `E`, `FAIL`,
    /// `FAILED`, `ERROR` (any case) → failed; anything else → in progress.
    pub fn from_reply(reply: &Reply<ReportInfo>) -> ReportState {
        let info = match &reply.data {
            Some(info) if reply.status.class != StatusClass::Pending => info,
            _ => return ReportState::Pending,
        };
        let status = info.report_status.trim();
        let url = info.report_url.trim();
        let upper = status.to_ascii_uppercase();
        match upper.as_str() {
            "S" | "SUCCESS" if !url.is_empty() => ReportState::Ready {
                report_url: url.to_string(),
            },
            "F" | "E" | "FAIL" | "FAILED" | "FAILURE" | "ERROR" => {
                ReportState::Failed(status.to_string())
            }
            _ => ReportState::InProgress(status.to_string()),
        }
    }

    /// Ready or failed: polling stops.
    pub fn is_terminal(&self) -> bool {
        matches!(self, ReportState::Ready { .. } | ReportState::Failed(_))
    }

    /// The stable machine name.
    pub fn code(&self) -> &'static str {
        match self {
            ReportState::Pending => "pending",
            ReportState::InProgress(_) => "in_progress",
            ReportState::Ready { .. } => "ready",
            ReportState::Failed(_) => "failed",
        }
    }

    /// Short English: "pending", "in progress (P)", "ready", "failed (F)".
    pub fn label(&self) -> String {
        match self {
            ReportState::Pending => "pending".to_string(),
            ReportState::InProgress(s) if s.is_empty() => "in progress".to_string(),
            ReportState::InProgress(s) => format!("in progress ({s})"),
            ReportState::Ready { .. } => "ready".to_string(),
            ReportState::Failed(s) => format!("failed ({s})"),
        }
    }
}

/// `{"state": "ready", "report_url": "…"}`, `{"state": "failed", "status": "F"}`,
/// `{"state": "pending"}`: one flat shape for every variant.
impl Serialize for ReportState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Flat<'a> {
            state: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            status: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            report_url: Option<&'a str>,
        }
        let (status, report_url) = match self {
            ReportState::Pending => (None, None),
            ReportState::InProgress(st) | ReportState::Failed(st) => (Some(st.as_str()), None),
            ReportState::Ready { report_url } => (None, Some(report_url.as_str())),
        };
        Flat {
            state: self.code(),
            status,
            report_url,
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests;
