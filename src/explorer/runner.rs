//! The background worker the explorer talks to: one task receives [`Job`]s, each job runs in
//! a task of its own, registered by job id, and answers come back as [`WorkerEvent`]s.
//! Cancelling a job is aborting its task ([`live::LiveJobs`]); the update drops any answer
//! whose id it no longer awaits, so the UI never shows a stale one.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};

use crate::api::download::Progress;
use crate::api::error::ErrorReport;
use crate::domain::report::ReportFormat;

use crate::domain::certificate::Certificate;
use crate::domain::provider::ProviderChoice;
use crate::domain::qualification::Provider;
use crate::domain::verdict::{CertificateSet, Coverage, Outcome, SourceId, VetInput};

use crate::app::job::{ExportEvent, LookupEvent, ReportEvent, VetEvent, WatchEvent};
use crate::app::job::{Job, JobId, VetOutcome, WorkerEvent};
use crate::service::cache::FetchMode;
use crate::service::dossier;
use crate::service::files::write_atomically;
use crate::service::poll::{poll_report, PollPolicy};
use crate::service::request::Request;
use crate::service::services::Services;
use crate::service::vet;

mod live;
mod stops;
use live::LiveJobs;
use stops::Stops;

/// The stored (fresh) details of the certificates just listed that carry no status of
/// their own, so the list shows their statuses without a billed call. Sent after the
/// answer that lists them (the Overview takes them into its verdict then).
async fn send_stored_details(
    services: &Services,
    listed: &[crate::domain::certificate::Certificate],
    events: &UnboundedSender<WorkerEvent>,
) {
    let details: Vec<_> = vet::stored_details(services, listed)
        .await
        .into_iter()
        .map(|(id, (detail, fresh))| (id, detail, fresh))
        .collect();
    if !details.is_empty() {
        let _ = events.send(WorkerEvent::Lookup(LookupEvent::StoredDetails { details }));
    }
}

/// Download progress is sent at most this often (the last chunk always).
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Where the worker puts files and how it polls report orders.
#[derive(Debug, Clone, PartialEq)]
pub struct RunnerOptions {
    pub download_dir: PathBuf,
    pub poll: PollPolicy,
    /// The Overview's cap on certificate pages (`lookup.certificate_pages`).
    pub vet_max_pages: u32,
    /// Who is vetting (`[user] name`), named in a dossier.
    pub user: String,
}

/// The two ends the explorer holds. Dropping `jobs` stops the worker and cancels every
/// job still running.
#[derive(Debug)]
pub struct WorkerHandle {
    pub jobs: UnboundedSender<Job>,
    pub events: UnboundedReceiver<WorkerEvent>,
}

/// Start the worker on the current tokio runtime.
pub fn spawn(services: Arc<Services>, opts: RunnerOptions) -> WorkerHandle {
    let (jobs_tx, jobs_rx) = mpsc::unbounded_channel();
    let (events_tx, events_rx) = mpsc::unbounded_channel();
    let runner = Runner {
        services,
        opts: Arc::new(opts),
        events: events_tx,
        live: LiveJobs::default(),
        stops: Stops::default(),
    };
    tokio::spawn(runner.run(jobs_rx));
    WorkerHandle {
        jobs: jobs_tx,
        events: events_rx,
    }
}

struct Runner {
    services: Arc<Services>,
    opts: Arc<RunnerOptions>,
    events: UnboundedSender<WorkerEvent>,
    live: LiveJobs,
    stops: Stops,
}

impl Runner {
    async fn run(self, mut jobs: UnboundedReceiver<Job>) {
        while let Some(job) = jobs.recv().await {
            self.dispatch(job);
        }
        tracing::debug!("job channel closed; cancelling running jobs");
        self.live.abort_all();
    }

    fn dispatch(&self, job: Job) {
        match job {
            Job::Cancel { id } => {
                let found = self.live.abort(id);
                self.stops.end(id);
                tracing::debug!(id, found, "cancel");
            }
            Job::Fetch { id, request, mode } => {
                tracing::info!(id, kind = request_kind(&request), ?mode, "fetch");
                let services = Arc::clone(&self.services);
                let events = self.events.clone();
                self.spawn_job(id, async move {
                    let (result, freshness) = match services.lookup(&request, mode).await {
                        Ok((response, fresh)) => (Ok(response), Some(fresh)),
                        Err(e) => (Err(logged(id, "fetch", e.report())), None),
                    };
                    let listed = match &result {
                        Ok(crate::service::Response::Certificates(page)) => page.items.clone(),
                        _ => Vec::new(),
                    };
                    let _ = events.send(WorkerEvent::Lookup(LookupEvent::Fetched {
                        id,
                        result,
                        freshness,
                    }));
                    send_stored_details(&services, &listed, &events).await;
                    None
                });
            }
            Job::OrderReport {
                id,
                keyword,
                format,
                again,
            } => self.order_report(id, keyword, format, again),
            Job::FindOrder { id, keyword } => {
                let services = Arc::clone(&self.services);
                self.spawn_job(id, async move {
                    let found = services.standing_order_any(&keyword).await;
                    Some(WorkerEvent::Report(ReportEvent::OrderFound {
                        id,
                        keyword,
                        found,
                    }))
                });
            }
            Job::PollReport { id, order_no } => {
                tracing::info!(id, order_no, "poll report");
                let services = Arc::clone(&self.services);
                let opts = Arc::clone(&self.opts);
                let events = self.events.clone();
                self.spawn_job(id, async move {
                    let result = poll_report(&services, &order_no, &opts.poll, |progress| {
                        // A failed check is polled through; the log has it.
                        if let Ok(state) = progress.state {
                            let _ = events.send(WorkerEvent::Report(ReportEvent::ReportProgress {
                                id,
                                state,
                                polls: progress.polls,
                                elapsed: progress.elapsed,
                            }));
                        }
                    })
                    .await
                    .map_err(|e| logged(id, "poll report", e.report()));
                    Some(WorkerEvent::Report(ReportEvent::ReportFinished {
                        id,
                        result,
                    }))
                });
            }
            Job::Download {
                id,
                order_no,
                report_url,
                file_name,
            } => {
                tracing::info!(id, file_name, "download report");
                let services = Arc::clone(&self.services);
                let opts = Arc::clone(&self.opts);
                let events = self.events.clone();
                self.spawn_job(id, async move {
                    let mut throttle = Throttle::new(PROGRESS_EVERY);
                    let on_progress = |p: Progress| {
                        let done = p.total.is_some_and(|t| p.received >= t);
                        if throttle.ready(done) {
                            let _ =
                                events.send(WorkerEvent::Report(ReportEvent::DownloadProgress {
                                    id,
                                    received: p.received,
                                    total: p.total,
                                }));
                        }
                    };
                    let result = services
                        .download_report(
                            &order_no,
                            &report_url,
                            &opts.download_dir,
                            &file_name,
                            on_progress,
                        )
                        .await
                        .map(|d| d.path)
                        .map_err(|e| logged(id, "download", e.report()));
                    Some(WorkerEvent::Report(ReportEvent::Downloaded { id, result }))
                });
            }
            Job::Vet {
                id,
                keyword,
                source,
            } => {
                tracing::info!(id, source = source.code(), "vet source");
                let services = Arc::clone(&self.services);
                let max_pages = self.opts.vet_max_pages;
                let events = self.events.clone();
                self.spawn_job(id, async move {
                    let (outcome, coverage) =
                        vet_source(&services, &keyword, source, max_pages).await;
                    let listed = match &outcome {
                        VetOutcome::Certificates(Outcome::Found(set)) => set.items.clone(),
                        _ => Vec::new(),
                    };
                    let _ = events.send(WorkerEvent::Vet(VetEvent::VetSource {
                        id,
                        source,
                        outcome,
                        coverage: coverage.map(Box::new),
                    }));
                    send_stored_details(&services, &listed, &events).await;
                    None
                });
            }
            Job::CountDetails { id, certificates } => {
                let services = Arc::clone(&self.services);
                self.spawn_job(id, async move {
                    let input = details_input(certificates);
                    let count = vet::details_to_fetch(&input).len();
                    let billable = vet::details_billable(&services, &input).await;
                    Some(WorkerEvent::Vet(VetEvent::DetailsCounted {
                        id,
                        count,
                        billable,
                    }))
                });
            }
            Job::FetchDetails { id, certificates } => {
                tracing::info!(id, n = certificates.len(), "fetch certificate details");
                let services = Arc::clone(&self.services);
                let events = self.events.clone();
                let stop = self.stops.start(id);
                let stops = self.stops.clone();
                self.spawn_job(id, async move {
                    let wanted = vet::details_to_fetch(&details_input(certificates));
                    let each = |cert, answer: Result<_, crate::api::ApiError>| {
                        let result = answer
                            .map(|(detail, fresh): (_, crate::service::cache::Freshness)| {
                                (detail, !fresh.cached)
                            })
                            .map_err(|e| logged(id, "certificate detail", e.report()));
                        let event = VetEvent::DetailFetched { id, cert, result };
                        let _ = events.send(WorkerEvent::Vet(event));
                    };
                    vet::fetch_details_each(&services, &wanted, FetchMode::Normal, &stop, each)
                        .await;
                    stops.end(id);
                    Some(WorkerEvent::Vet(VetEvent::DetailsDone { id }))
                });
            }
            Job::StopDetails { id } => {
                let found = self.stops.stop(id);
                tracing::info!(id, found, "stop certificate details");
            }
            Job::Watch { id, keyword, set } => {
                let services = Arc::clone(&self.services);
                self.spawn_job(id, async move {
                    let result = services.watch(&keyword, set).await;
                    Some(WorkerEvent::Watch(WatchEvent::Watched {
                        id,
                        keyword,
                        result,
                    }))
                });
            }
            Job::Export { path, contents } => {
                let events = self.events.clone();
                tokio::spawn(async move {
                    let target = path.clone();
                    let result = tokio::task::spawn_blocking(move || {
                        write_atomically(&target, contents.as_bytes())
                    })
                    .await
                    .unwrap_or_else(|e| Err(format!("the export task failed: {e}")));
                    match &result {
                        Ok(()) => tracing::info!(path = %path.display(), "exported"),
                        Err(e) => {
                            tracing::warn!(path = %path.display(), error = %e, "export failed")
                        }
                    }
                    let _ =
                        events.send(WorkerEvent::Export(ExportEvent::Exported { path, result }));
                });
            }
            Job::NoteRefused { keyword, endpoints } => {
                let services = Arc::clone(&self.services);
                tokio::spawn(async move {
                    for endpoint in endpoints {
                        services.note_refused(&keyword, endpoint).await;
                    }
                });
            }
            Job::Dossier {
                path,
                company,
                both_providers,
            } => {
                let services = Arc::clone(&self.services);
                let (max_pages, by) = (self.opts.vet_max_pages, self.opts.user.clone());
                let events = self.events.clone();
                tokio::spawn(async move {
                    let provider = if both_providers {
                        ProviderChoice::Both
                    } else {
                        ProviderChoice::Qcc
                    };
                    let result =
                        dossier::from_store(&services, &company, provider, max_pages, &by, &path)
                            .await
                            .map(drop);
                    if let Err(e) = &result {
                        tracing::warn!(path = %path.display(), error = %e, "dossier failed");
                    }
                    let _ =
                        events.send(WorkerEvent::Export(ExportEvent::Exported { path, result }));
                });
            }
            Job::TmuxBuffer { text } => {
                let events = self.events.clone();
                tokio::task::spawn_blocking(move || {
                    let result = super::clipboard::load_tmux_buffer(&text);
                    let _ = events.send(WorkerEvent::Export(ExportEvent::TmuxBuffer { result }));
                });
            }
        }
    }

    /// ORDERS A PAID REPORT: one call, never retried, and deliberately not cancellable. Once
    /// the request may have left, the order may be billed, and its number must reach the
    /// user (and the log) whatever they pressed meanwhile.
    fn order_report(&self, id: JobId, keyword: String, format: ReportFormat, again: bool) {
        tracing::info!(id, ?format, again, "ordering a paid report");
        let services = Arc::clone(&self.services);
        let events = self.events.clone();
        tokio::spawn(async move {
            let result = match services.order_report(&keyword, format, again).await {
                Ok(order) => {
                    tracing::info!(
                        id,
                        order_no = order.order_no(),
                        "report ordered or followed"
                    );
                    Ok(order)
                }
                Err(e) => Err(logged(id, "order report", e.report())),
            };
            let _ = events.send(WorkerEvent::Report(ReportEvent::ReportOrdered {
                id,
                result,
            }));
        });
    }

    /// Run `work` in its own task registered as `id` (a job still running under the same
    /// id is aborted: one id names one request). Its answer, if any, is sent when it ends.
    fn spawn_job<Fut>(&self, id: JobId, work: Fut)
    where
        Fut: std::future::Future<Output = Option<WorkerEvent>> + Send + 'static,
    {
        let events = self.events.clone();
        self.live.spawn(id, async move {
            if let Some(event) = work.await {
                let _ = events.send(event);
            }
        });
    }
}

/// Lets an event through at most once per `every`, and always when `force` is set.
struct Throttle {
    every: Duration,
    last: Option<Instant>,
}

impl Throttle {
    fn new(every: Duration) -> Self {
        Throttle { every, last: None }
    }

    fn ready(&mut self, force: bool) -> bool {
        let now = Instant::now();
        let due = self
            .last
            .is_none_or(|t| now.duration_since(t) >= self.every);
        if due || force {
            self.last = Some(now);
        }
        due || force
    }
}

/// One source of a vet, as its own job.
async fn vet_source(
    services: &Services,
    keyword: &str,
    source: SourceId,
    max_pages: u32,
) -> (VetOutcome, Option<Coverage>) {
    let opts = vet::VetOptions {
        max_pages: max_pages.max(1),
        ..vet::VetOptions::default()
    };
    match source {
        SourceId::QualificationsQcc | SourceId::QualificationsJuhe => {
            let provider = if source == SourceId::QualificationsJuhe {
                Provider::Juhe
            } else {
                Provider::Qcc
            };
            let (outcome, _, coverage) =
                vet::qualifications(services, keyword, provider, &opts).await;
            (VetOutcome::Qualifications(outcome), coverage)
        }
        SourceId::Certificates => (
            VetOutcome::Certificates(vet::certificates(services, keyword, &opts).await.0),
            None,
        ),
        SourceId::Customs => {
            let (outcome, _, coverage) = vet::customs(services, keyword, &opts).await;
            (VetOutcome::Customs(outcome), coverage)
        }
    }
}

/// A vet input holding only these certificates, for the detail helpers.
fn details_input(certificates: Vec<Certificate>) -> VetInput {
    let mut input = VetInput::new("");
    let total = certificates.len() as u64;
    input.certificates = Outcome::Found(CertificateSet {
        items: certificates,
        total,
        pages: 1,
        partial: None,
    });
    input
}

/// Log a job's failure (the report text never holds a secret or a URL) and hand it on.
fn logged(id: JobId, what: &str, report: ErrorReport) -> ErrorReport {
    tracing::warn!(id, what, class = %report.class, code = ?report.code, message = %report.message, "job failed");
    report
}

/// A short name for a lookup, for the log (the keyword stays out of it).
fn request_kind(request: &Request) -> &'static str {
    match request {
        Request::Qualifications { .. } => "qualifications",
        Request::Certificates { .. } => "certificates",
        Request::CertificateDetail { .. } => "certificate_detail",
        Request::Customs { .. } => "customs",
    }
}

#[cfg(test)]
mod tests;
