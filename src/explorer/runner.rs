//! The background worker the explorer talks to: one task receives [`Job`]s, each job runs in
//! a task of its own under a cancellation token kept by job id, and answers come back as
//! [`WorkerEvent`]s. A cancelled job sends nothing, so the UI never sees a stale answer.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio_util::sync::CancellationToken;

use crate::api::download::Progress;
use crate::api::error::ErrorReport;
use crate::domain::report::ReportFormat;

use crate::domain::certificate::Certificate;
use crate::domain::qualification::Provider;
use crate::domain::verdict::{CertificateSet, Coverage, Outcome, SourceId, VetInput};

use crate::app::job::{Job, JobId, VetOutcome, WorkerEvent};
use crate::service::cache::FetchMode;
use crate::service::poll::{poll_report, PollPolicy};
use crate::service::request::Request;
use crate::service::services::Services;
use crate::service::vet;

/// Download progress is sent at most this often (the last chunk always).
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Where the worker puts files and how it polls report orders.
#[derive(Debug, Clone, PartialEq)]
pub struct RunnerOptions {
    pub download_dir: PathBuf,
    pub poll: PollPolicy,
    /// The Overview's cap on certificate pages (`lookup.certificate_pages`).
    pub vet_max_pages: u32,
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
        tokens: Tokens::default(),
        root: CancellationToken::new(),
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
    tokens: Tokens,
    /// Parent of every job's token: cancelled when the explorer hangs up.
    root: CancellationToken,
}

impl Runner {
    async fn run(self, mut jobs: UnboundedReceiver<Job>) {
        while let Some(job) = jobs.recv().await {
            self.dispatch(job);
        }
        tracing::debug!("job channel closed; cancelling running jobs");
        self.root.cancel();
    }

    fn dispatch(&self, job: Job) {
        match job {
            Job::Cancel { id } => {
                let found = self.tokens.cancel(id);
                tracing::debug!(id, found, "cancel");
            }
            Job::Fetch { id, request, mode } => {
                tracing::info!(id, kind = request_kind(&request), ?mode, "fetch");
                let services = Arc::clone(&self.services);
                self.spawn_cancellable(id, move |_| async move {
                    let today = chrono::Local::now().date_naive();
                    let (result, freshness) = match services.lookup(&request, today, mode).await {
                        Ok((response, fresh)) => (Ok(response), Some(fresh)),
                        Err(e) => (Err(logged(id, "fetch", e.report())), None),
                    };
                    Some(WorkerEvent::Fetched {
                        id,
                        result,
                        freshness,
                    })
                });
            }
            Job::OrderReport {
                id,
                keyword,
                format,
            } => self.order_report(id, keyword, format),
            Job::PollReport { id, order_no } => {
                tracing::info!(id, order_no, "poll report");
                let services = Arc::clone(&self.services);
                let opts = Arc::clone(&self.opts);
                let events = self.events.clone();
                self.spawn_cancellable(id, move |token| async move {
                    let result =
                        poll_report(&services, &order_no, &opts.poll, &token, |progress| {
                            let _ = events.send(WorkerEvent::ReportProgress {
                                id,
                                state: progress.state,
                                polls: progress.polls,
                                elapsed: progress.elapsed,
                            });
                        })
                        .await?;
                    Some(WorkerEvent::ReportFinished { id, result })
                });
            }
            Job::Download {
                id,
                report_url,
                file_name,
            } => {
                tracing::info!(id, file_name, "download report");
                let services = Arc::clone(&self.services);
                let opts = Arc::clone(&self.opts);
                let events = self.events.clone();
                self.spawn_cancellable(id, move |_| async move {
                    let mut throttle = Throttle::new(PROGRESS_EVERY);
                    let on_progress = |p: Progress| {
                        let done = p.total.is_some_and(|t| p.received >= t);
                        if throttle.ready(done) {
                            let _ = events.send(WorkerEvent::DownloadProgress {
                                id,
                                received: p.received,
                                total: p.total,
                            });
                        }
                    };
                    let result = services
                        .download_report(&report_url, &opts.download_dir, &file_name, on_progress)
                        .await
                        .map(|d| d.path)
                        .map_err(|e| logged(id, "download", e.report()));
                    Some(WorkerEvent::Downloaded { id, result })
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
                self.spawn_cancellable(id, move |_| async move {
                    let today = chrono::Local::now().date_naive();
                    let (outcome, coverage) =
                        vet_source(&services, &keyword, source, today, max_pages).await;
                    Some(WorkerEvent::VetSource {
                        id,
                        source,
                        outcome,
                        coverage: coverage.map(Box::new),
                    })
                });
            }
            Job::CountDetails { id, certificates } => {
                let services = Arc::clone(&self.services);
                self.spawn_cancellable(id, move |_| async move {
                    let today = chrono::Local::now().date_naive();
                    let input = details_input(certificates);
                    let count = vet::details_to_fetch(&input).len();
                    let billable = vet::details_billable(&services, &input, today).await;
                    Some(WorkerEvent::DetailsCounted {
                        id,
                        count,
                        billable,
                    })
                });
            }
            Job::FetchDetails { id, certificates } => {
                tracing::info!(id, n = certificates.len(), "fetch certificate details");
                let services = Arc::clone(&self.services);
                self.spawn_cancellable(id, move |_| async move {
                    let today = chrono::Local::now().date_naive();
                    let mut input = details_input(certificates);
                    let done =
                        vet::fetch_details(&services, &mut input, today, FetchMode::Normal).await;
                    Some(WorkerEvent::DetailsFetched {
                        id,
                        details: input.details,
                        failed: done.failed.len(),
                    })
                });
            }
            Job::Watch { id, keyword, set } => {
                let services = Arc::clone(&self.services);
                self.spawn_cancellable(id, move |_| async move {
                    let result = services.watch(&keyword, set).await;
                    Some(WorkerEvent::Watched {
                        id,
                        keyword,
                        result,
                    })
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
                    let _ = events.send(WorkerEvent::Exported { path, result });
                });
            }
        }
    }

    /// ORDERS A PAID REPORT: one call, never retried, and deliberately not cancellable. Once
    /// the request may have left, the order may be billed, and its number must reach the
    /// user (and the log) whatever they pressed meanwhile.
    fn order_report(&self, id: JobId, keyword: String, format: ReportFormat) {
        tracing::info!(id, ?format, "ordering a paid report");
        let services = Arc::clone(&self.services);
        let events = self.events.clone();
        tokio::spawn(async move {
            let result = match services.create_report(&keyword, format).await {
                Ok(order_no) => {
                    tracing::info!(id, order_no, "report ordered");
                    Ok(order_no)
                }
                Err(e) => Err(logged(id, "order report", e.report())),
            };
            let _ = events.send(WorkerEvent::ReportOrdered { id, result });
        });
    }

    /// Run `work` in its own task under a token registered as `id`. The task's answer is
    /// sent only if the token was not cancelled first; the token is removed when it ends.
    fn spawn_cancellable<F, Fut>(&self, id: JobId, work: F)
    where
        F: FnOnce(CancellationToken) -> Fut,
        Fut: std::future::Future<Output = Option<WorkerEvent>> + Send + 'static,
    {
        let token = self.root.child_token();
        let registration = self.tokens.insert(id, token.clone());
        let events = self.events.clone();
        let work = work(token.clone());
        tokio::spawn(async move {
            let _registration = registration;
            let answer = tokio::select! {
                biased;
                () = token.cancelled() => None,
                answer = work => answer,
            };
            if token.is_cancelled() {
                tracing::debug!(id, "job cancelled; its answer is dropped");
                return;
            }
            if let Some(event) = answer {
                let _ = events.send(event);
            }
        });
    }
}

/// The live jobs' tokens by id. A generation number tells a finished job's entry from a
/// newer job that reused the id.
#[derive(Clone, Default)]
struct Tokens {
    inner: Arc<Mutex<TokenMap>>,
}

#[derive(Default)]
struct TokenMap {
    next_generation: u64,
    live: HashMap<JobId, (u64, CancellationToken)>,
}

impl Tokens {
    /// Register `token` as job `id`. A job still running under the same id is cancelled:
    /// one id names one request.
    fn insert(&self, id: JobId, token: CancellationToken) -> Registration {
        let mut map = self.lock();
        map.next_generation += 1;
        let generation = map.next_generation;
        if let Some((_, old)) = map.live.insert(id, (generation, token)) {
            old.cancel();
        }
        Registration {
            tokens: self.clone(),
            id,
            generation,
        }
    }

    /// Cancel job `id`; false when no such job runs (finished, stale or unknown id).
    fn cancel(&self, id: JobId) -> bool {
        match self.lock().live.remove(&id) {
            Some((_, token)) => {
                token.cancel();
                true
            }
            None => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TokenMap> {
        // A panic while holding this lock cannot leave the map half-updated; carry on.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    #[cfg(test)]
    fn live_count(&self) -> usize {
        self.lock().live.len()
    }
}

/// Removes its job's token when the job's task ends, however it ends.
struct Registration {
    tokens: Tokens,
    id: JobId,
    generation: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut map = self.tokens.lock();
        if map
            .live
            .get(&self.id)
            .is_some_and(|(g, _)| *g == self.generation)
        {
            map.live.remove(&self.id);
        }
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

/// Write `bytes` to `path` so the file is either the old one or the whole new one: a
/// temporary file beside it, flushed to disk, then renamed over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    Ok(())
}

/// One source of a vet, as its own job.
async fn vet_source(
    services: &Services,
    keyword: &str,
    source: SourceId,
    today: chrono::NaiveDate,
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
                vet::qualifications(services, keyword, provider, today, &opts).await;
            (VetOutcome::Qualifications(outcome), coverage)
        }
        SourceId::Certificates => (
            VetOutcome::Certificates(vet::certificates(services, keyword, today, &opts).await.0),
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
mod tests {
    use super::*;

    #[test]
    fn throttle_lets_the_first_and_forced_events_through() {
        let mut t = Throttle::new(Duration::from_secs(3600));
        assert!(t.ready(false));
        assert!(!t.ready(false));
        assert!(t.ready(true));
        let mut every = Throttle::new(Duration::ZERO);
        assert!(every.ready(false) && every.ready(false));
    }

    #[test]
    fn a_finished_job_removes_only_its_own_token() {
        let tokens = Tokens::default();
        let first = tokens.insert(7, CancellationToken::new());
        let newer_token = CancellationToken::new();
        let newer = tokens.insert(7, newer_token.clone());
        drop(first);
        assert_eq!(tokens.live_count(), 1, "the newer job keeps its entry");
        assert!(!newer_token.is_cancelled());
        drop(newer);
        assert_eq!(tokens.live_count(), 0);
        assert!(!tokens.cancel(7), "a stale id cancels nothing");
    }

    #[test]
    fn reusing_an_id_cancels_the_older_job() {
        let tokens = Tokens::default();
        let old = CancellationToken::new();
        let _a = tokens.insert(1, old.clone());
        let _b = tokens.insert(1, CancellationToken::new());
        assert!(old.is_cancelled());
    }

    #[test]
    fn atomic_write_replaces_the_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("out.json");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.json"]);
        let err = write_atomically(dir.path(), b"x").unwrap_err();
        assert!(err.contains("cannot write"), "{err}");
    }
}
