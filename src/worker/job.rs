//! What the explorer asks the worker to do in the background, and what it hears back.
//! Every job carries an id so answers to requests the user has since replaced can be dropped.

use std::path::PathBuf;
use std::time::Duration;

use crate::api::error::ErrorReport;
use crate::domain::report::{ReportFormat, ReportState};

use super::cache::{FetchMode, Freshness};
use super::request::{Request, Response};

pub type JobId = u64;

#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// Run a lookup. `mode` says whether a stored answer may be used (`Refresh` is `r` in
    /// the explorer: always call, billed).
    Fetch {
        id: JobId,
        request: Request,
        mode: FetchMode,
    },
    /// Stop the job (a lookup, a report poll or a download) with this id; its task ends
    /// without sending a result.
    Cancel { id: JobId },
    /// ORDER A PAID REPORT. Sent only after the user confirmed; never retried.
    OrderReport {
        id: JobId,
        keyword: String,
        format: ReportFormat,
    },
    /// Poll an order with back-off until it is ready, failed, timed out or cancelled.
    PollReport { id: JobId, order_no: String },
    /// Download a ready report into the configured folder.
    Download {
        id: JobId,
        report_url: String,
        file_name: String,
    },
    /// Write `contents` to `path` (an export of the current list).
    Export { path: PathBuf, contents: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    Fetched {
        id: JobId,
        result: Result<Response, ErrorReport>,
        /// Where the answer came from and how old it is (cached, stale). `None` for an
        /// error, or when the origin is unknown (a scripted answer in tests).
        freshness: Option<Freshness>,
    },
    ReportOrdered {
        id: JobId,
        result: Result<String, ErrorReport>,
    },
    /// A poll answered; the order is not finished yet.
    ReportProgress {
        id: JobId,
        state: ReportState,
        polls: u32,
        elapsed: Duration,
    },
    /// The poller stopped: ready, failed, or an error (including the overall timeout).
    ReportFinished {
        id: JobId,
        result: Result<ReportState, ErrorReport>,
    },
    DownloadProgress {
        id: JobId,
        received: u64,
        total: Option<u64>,
    },
    Downloaded {
        id: JobId,
        result: Result<PathBuf, ErrorReport>,
    },
    Exported {
        path: PathBuf,
        result: Result<(), String>,
    },
}
