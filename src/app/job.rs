//! What the explorer asks the worker to do in the background, and what it hears back.
//! Every job carries an id so answers to requests the user has since replaced can be dropped.

use std::path::PathBuf;
use std::time::Duration;

use crate::api::error::ErrorReport;
use crate::domain::certificate::{Certificate, CertificateDetail};
use crate::domain::customs::CustomsRecord;
use crate::domain::qualification::Qualification;
use crate::domain::report::{ReportFormat, ReportState};
use crate::domain::verdict::{CertificateSet, Coverage, Outcome, SourceId};

use crate::service::cache::{FetchMode, Freshness};
use crate::service::report::Order;
use crate::service::request::{Request, Response};

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
    /// ORDER A PAID REPORT. Sent only after the user confirmed; never retried. Unless
    /// `again`, an order standing in the ledger is followed instead (the answer says so).
    OrderReport {
        id: JobId,
        keyword: String,
        format: ReportFormat,
        again: bool,
    },
    /// The order standing for a company in the ledger (placed by any process within the
    /// reuse window), if any. Reads the store; sends nothing.
    FindOrder { id: JobId, keyword: String },
    /// Poll an order with back-off until it is ready, failed, timed out or cancelled.
    PollReport { id: JobId, order_no: String },
    /// Download a ready report into the configured folder (the ledger notes the file).
    Download {
        id: JobId,
        order_no: String,
        report_url: String,
        file_name: String,
    },
    /// Write `contents` to `path` (an export of the current list).
    Export { path: PathBuf, contents: String },
    /// A search refused in the search bar (too short, a bad check character): the calls it
    /// would have made, written to the spend ledger as saved.
    NoteRefused {
        keyword: String,
        endpoints: Vec<&'static str>,
    },
    /// Write the vetting memo of `company` to `path`, from the stored answers (no call).
    Dossier {
        path: PathBuf,
        company: String,
        both_providers: bool,
    },
    /// Inside tmux: load copied text into tmux's paste buffer too (tmux's default drops the
    /// terminal's clipboard sequence).
    TmuxBuffer { text: String },
    /// One source of the Overview's fan-out (every page up to the cap).
    Vet {
        id: JobId,
        keyword: String,
        source: SourceId,
    },
    /// How many of these certificates' details would be billed (reads the store only).
    CountDetails {
        id: JobId,
        certificates: Vec<Certificate>,
    },
    /// Fetch these certificates' details (one billed call each unless stored), answering
    /// each as it arrives.
    FetchDetails {
        id: JobId,
        certificates: Vec<Certificate>,
    },
    /// Send no further call for [`Job::FetchDetails`] `id`; the answers in flight still
    /// arrive, then it ends.
    StopDetails { id: JobId },
    /// The watchlist: add (`Some(true)`), remove (`Some(false)`) or read (`None`).
    Watch {
        id: JobId,
        keyword: String,
        set: Option<bool>,
    },
}

/// One source's answer in a vet.
#[derive(Debug, Clone, PartialEq)]
pub enum VetOutcome {
    Qualifications(Outcome<Vec<Qualification>>),
    Certificates(Outcome<CertificateSet>),
    Customs(Outcome<Vec<CustomsRecord>>),
}

/// What the worker answers, grouped by the feature that asked: each app feature module
/// takes its own group (`on_worker`), so the update's router is one arm per feature.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    /// A lookup answered (a tab's page or a certificate's detail).
    Lookup(LookupEvent),
    /// The Overview's vet: a source answered, or the `D` count or fetch.
    Vet(VetEvent),
    /// A report order: placed or followed, found in the ledger, polled, downloaded.
    Report(ReportEvent),
    /// The watchlist answered.
    Watch(WatchEvent),
    /// An export was written (or not).
    Export(ExportEvent),
}

#[derive(Debug, Clone, PartialEq)]
pub enum LookupEvent {
    Fetched {
        id: JobId,
        result: Result<Response, ErrorReport>,
        /// Where the answer came from and how old it is (cached, stale). `None` for an
        /// error, or when the origin is unknown (a scripted answer in tests).
        freshness: Option<Freshness>,
    },
    /// Certificate details found in the store (fresh, no call made) for certificates just
    /// listed: their statuses show without a billed call.
    StoredDetails {
        /// By the certificate id asked for.
        details: Vec<(String, CertificateDetail, Freshness)>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum VetEvent {
    /// A [`Job::Vet`] answered.
    VetSource {
        id: JobId,
        source: SourceId,
        outcome: VetOutcome,
        /// How much of a paged list the answer is, when not all of it (boxed: rare, and
        /// it would double every event's size).
        coverage: Option<Box<Coverage>>,
    },
    /// A [`Job::CountDetails`] answered: details to fetch, and how many would be billed.
    DetailsCounted {
        id: JobId,
        count: usize,
        billable: usize,
    },
    /// One certificate of a [`Job::FetchDetails`] answered: its detail and whether the
    /// answer was billed (from the vendor, not the store), or why it failed.
    DetailFetched {
        id: JobId,
        cert: String,
        result: Result<(CertificateDetail, bool), ErrorReport>,
    },
    /// A [`Job::FetchDetails`] ended: every certificate answered, or it was stopped.
    DetailsDone { id: JobId },
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReportEvent {
    /// A [`Job::OrderReport`] answered: placed, or an order already standing followed.
    ReportOrdered {
        id: JobId,
        result: Result<Order, ErrorReport>,
    },
    /// A [`Job::FindOrder`] answered.
    OrderFound {
        id: JobId,
        keyword: String,
        found: Option<(ReportFormat, Order)>,
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
}

#[derive(Debug, Clone, PartialEq)]
pub enum WatchEvent {
    /// A [`Job::Watch`] answered: whether the company is watched now.
    Watched {
        id: JobId,
        keyword: String,
        result: Result<bool, String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExportEvent {
    Exported {
        path: PathBuf,
        result: Result<(), String>,
    },
    /// tmux took the copied text into its paste buffer; `Ok(true)` when it also passes it on
    /// to the outer terminal's clipboard (`set-clipboard on`).
    TmuxBuffer { result: Result<bool, String> },
}
