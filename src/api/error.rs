//! Every way a call can fail, typed, with the vendor's words and an English gloss.
//! Error texts never contain the secret: nothing here is ever given it.

use std::borrow::Cow;

use serde::Serialize;
use thiserror::Error;

use super::status::{StatusClass, StatusInfo, Vendor};

/// How the transport failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransportKind {
    /// Could not connect (refused, DNS, TLS).
    Connect,
    /// No complete answer within the time limit.
    Timeout,
    /// The HTTP status was not 2xx (a 502 page from a gateway, say).
    Http,
    /// The connection broke while reading the body.
    Body,
    /// The body was not the documented format (HTML, truncated JSON, bad XML).
    Decode,
}

#[derive(Debug, Clone, Error)]
pub enum ApiError {
    /// Refused before any call was made (and so not billed).
    #[error("input refused: {reason}")]
    InvalidInput { reason: String },

    /// The vendor answered with a status that is not a result.
    #[error("{} status {}: {} ({})", vendor_name(.info.vendor), .info.code, .message, .info.gloss)]
    Status {
        info: StatusInfo,
        /// The message as the vendor sent it.
        message: String,
    },

    /// The vendor answered with a code no document lists.
    #[error("{} status {code}: {message} (undocumented code)", vendor_name(*.vendor))]
    UnknownStatus {
        vendor: Vendor,
        code: String,
        message: String,
    },

    #[error("{}", transport_text(*.kind, .detail))]
    Transport { kind: TransportKind, detail: String },

    /// The team database is required (`store.on_unavailable = "refuse"`) and cannot be
    /// used: nothing is sent, since it is what stops a colleague's answer being paid again.
    #[error("{detail}")]
    StoreUnavailable { detail: String },

    /// The call would pass a budget (`[budget]`, `batch --max-calls`): nothing is sent.
    #[error("over budget: {detail}")]
    OverBudget { detail: String },

    /// A local file could not be written (report download).
    #[error("file error: {0}")]
    Io(String),

    #[error("cancelled")]
    Cancelled,

    /// A report order was polled until the time limit without becoming ready. The order
    /// stands (and is billed): it can be checked again later, never ordered again for this.
    #[error("{detail}")]
    NotReady { order_no: String, detail: String },
}

fn vendor_name(v: Vendor) -> &'static str {
    match v {
        Vendor::Qcc => "QCC",
        Vendor::Juhe => "Juhe",
    }
}

fn transport_text(kind: TransportKind, detail: &str) -> String {
    let what = match kind {
        TransportKind::Connect => "could not connect",
        TransportKind::Timeout => "timed out",
        TransportKind::Http => "HTTP error",
        TransportKind::Body => "connection broke while reading the answer",
        TransportKind::Decode => "the answer is not in the documented format",
    };
    format!("{what}: {detail}")
}

/// The JSON shape of an error in `--json` output and in caches.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorReport {
    pub code: Option<String>,
    pub class: String,
    pub message: String,
    pub gloss: Option<String>,
    pub advice: Option<String>,
    pub retryable: bool,
}

impl ApiError {
    pub fn invalid(reason: impl Into<String>) -> Self {
        ApiError::InvalidInput {
            reason: reason.into(),
        }
    }

    pub fn store_unavailable(detail: impl Into<String>) -> Self {
        ApiError::StoreUnavailable {
            detail: detail.into(),
        }
    }

    pub fn transport(kind: TransportKind, detail: impl Into<String>) -> Self {
        ApiError::Transport {
            kind,
            detail: detail.into(),
        }
    }

    /// The vendor's status class, if the vendor answered.
    /// The kind of a transport failure; `None` for any other error.
    pub fn transport_kind(&self) -> Option<TransportKind> {
        match self {
            ApiError::Transport { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    pub fn status_class(&self) -> Option<StatusClass> {
        match self {
            ApiError::Status { info, .. } => Some(info.class),
            ApiError::UnknownStatus { .. } => Some(StatusClass::Unknown),
            _ => None,
        }
    }

    /// The vendor's code, if the vendor answered.
    pub fn vendor_code(&self) -> Option<&str> {
        match self {
            ApiError::Status { info, .. } => Some(info.code),
            ApiError::UnknownStatus { code, .. } => Some(code),
            _ => None,
        }
    }

    /// Whether the same request may succeed later unchanged.
    pub fn retryable(&self) -> bool {
        match self {
            ApiError::Status { info, .. } => info.class.retryable(),
            ApiError::Transport { kind, .. } => !matches!(kind, TransportKind::Decode),
            ApiError::NotReady { .. } => true,
            _ => false,
        }
    }

    /// A stable machine name for the kind of failure.
    pub fn class_name(&self) -> String {
        match self {
            ApiError::InvalidInput { .. } => "invalid_input".into(),
            ApiError::Status { info, .. } => serde_json::to_value(info.class).map_or_else(
                |_| "unknown".into(),
                |v| v.as_str().unwrap_or("unknown").to_string(),
            ),
            ApiError::UnknownStatus { .. } => "unknown".into(),
            ApiError::Transport { kind, .. } => match kind {
                TransportKind::Decode => "bad_answer".into(),
                _ => "transport".into(),
            },
            ApiError::StoreUnavailable { .. } => "store_unavailable".into(),
            ApiError::OverBudget { .. } => "over_budget".into(),
            ApiError::Io(_) => "io".into(),
            ApiError::Cancelled => "cancelled".into(),
            ApiError::NotReady { .. } => "timeout".into(),
        }
    }

    /// What the user should do, in one sentence.
    pub fn advice(&self) -> Cow<'static, str> {
        let text = match self {
            ApiError::InvalidInput { .. } => "Correct the input; nothing was sent or billed.",
            // The one unsupported code with a way round: only the building endpoint answers
            // unpaged, and Juhe pages the same qualifications.
            ApiError::Status { info, .. } if info.vendor == Vendor::Qcc && info.code == "207" => {
                "QCC sends at most 5000 rows in one answer; for qualifications, ask Juhe, \
                 which pages them."
            }
            ApiError::Status { info, .. } => info.class.advice(),
            ApiError::UnknownStatus { .. } => StatusClass::Unknown.advice(),
            ApiError::Transport { kind, .. } => match kind {
                TransportKind::Connect => "Check the network connection and the base URL.",
                TransportKind::Timeout => "The vendor is slow: retry, or raise the timeout.",
                TransportKind::Http | TransportKind::Body => {
                    "A fault between here and the vendor: retry later."
                }
                TransportKind::Decode => {
                    "The vendor sent something unexpected: retry later; report it if it persists."
                }
            },
            ApiError::StoreUnavailable { .. } => {
                "Nothing was sent or billed. `corpvet store status` says what is wrong with the \
                 team database; set store.on_unavailable = \"proceed\" to look up uncached \
                 meanwhile."
            }
            ApiError::OverBudget { .. } => {
                "Nothing was sent or billed. `corpvet spend` shows what was spent; the message \
                 names the setting that raises the budget."
            }
            ApiError::Io(_) => "Check the download folder exists and is writable.",
            ApiError::Cancelled => "",
            ApiError::NotReady { order_no, .. } => {
                return Cow::Owned(format!(
                    "The order is placed: check it later with `corpvet report-status {order_no}` \
                     (or the explorer's Report tab) instead of ordering again."
                ))
            }
        };
        Cow::Borrowed(text)
    }

    /// What failed (the vendor's code and words with a gloss), then what to do: the line
    /// every front end says.
    pub fn with_advice(&self) -> String {
        match self.report().advice {
            Some(advice) => format!("{self}. {advice}"),
            None => self.to_string(),
        }
    }

    pub fn report(&self) -> ErrorReport {
        let (message, gloss) = match self {
            ApiError::Status { info, message } => (message.clone(), Some(info.gloss.to_string())),
            other => (other.to_string(), None),
        };
        let advice = self.advice();
        ErrorReport {
            code: self.vendor_code().map(str::to_string),
            class: self.class_name(),
            message,
            gloss,
            advice: (!advice.is_empty()).then(|| advice.into_owned()),
            retryable: self.retryable(),
        }
    }
}

#[cfg(test)]
mod tests;
