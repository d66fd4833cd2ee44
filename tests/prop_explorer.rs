//! Property test (issue 6): the explorer's `update` and renderer driven by random journeys:
//! keys (typing, Chinese paste, Enter, Esc, Tab, digits 1–4, n/p, o, y, q …), mouse
//! events, resizes from 1×1 to 300×100, ticks, and a scripted worker that answers some
//! jobs, fails some, holds some back for ever and delivers some after they were cancelled.
//!
//! After every step the frame is drawn at the current size (never panics) and invariants
//! are checked through the state's public fields:
//! - the selection of every lookup tab lies within the list it shows;
//! - at most one lookup in flight per (tab source, company), counted both in the state and
//!   in the jobs the update emitted and did not cancel; at most one detail fetch per
//!   certificate;
//! - nothing waits for an answer that already arrived: no `Loading` flight, pending id or
//!   loading detail for a job whose answer or error was delivered, and every `Loading`
//!   flight is backed by a pending id for the same page;
//! - every report order being placed or polled, and every download running, is a job the
//!   update emitted and that is still running.
//!
//! `q` and Ctrl-C set `quit`; the driver ignores it and goes on (the journey continues as
//! if the runtime had not stopped), which exercises every state after a quit request too.

mod app_support;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Duration;

use app_support::{
    cert_detail, certs, customs, quals, quota_error, LONG, NINGBO, NINGBO_CODE, SHENZHEN,
    SHENZHEN_CODE, ZHEJIANG, ZHEJIANG_CODE,
};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use corpvet::api::error::ErrorReport;
use corpvet::app::download::Download;
use corpvet::app::job::{ExportEvent, LookupEvent, ReportEvent, VetEvent, WatchEvent};
use corpvet::app::job::{Job, JobId, VetOutcome, WorkerEvent};
use corpvet::app::registry::{Lookup, Purpose};
use corpvet::app::report::Stage;
use corpvet::app::state::{Source, Tab};
use corpvet::app::{update, Effect, Event, State};
use corpvet::domain::page::Page;
use corpvet::domain::report::ReportState;
use corpvet::service::report::Order;
use corpvet::service::{Request, Response};
use corpvet::ui::render;

// ---------------------------------------------------------------------------------------
// The journey.

#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    /// Typed key by key.
    Type(String),
    Paste(String),
    Mouse(MouseEventKind, u16, u16),
    Resize(u16, u16),
    Tick,
    /// Answer one of the running jobs (chosen by the number, modulo).
    Answer(usize, Outcome),
    /// A job cancelled earlier answers anyway (it was already on its way).
    Late(usize),
}

#[derive(Debug, Clone, Copy)]
enum Outcome {
    /// A success; the number picks the size of the answer.
    Ok(u8),
    Fail,
    /// The worker never answers this job.
    Drop,
    /// A report poll or download that reports progress and goes on.
    Progress,
}

const NAMES: &[&str] = &[
    ZHEJIANG,
    SHENZHEN,
    NINGBO,
    LONG,
    "企查查科技有限公司",
    "慢速响应测试有限公司",
    ZHEJIANG_CODE,
    "91440300033424790X",
    "Tencent Holdings Ltd",
    "中",
    "",
];

fn key_event() -> impl Strategy<Value = KeyEvent> {
    let plain = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(1),
        KeyCode::Char('1'),
        KeyCode::Char('2'),
        KeyCode::Char('3'),
        KeyCode::Char('4'),
        KeyCode::Char('5'),
        KeyCode::Char('D'),
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Char('g'),
        KeyCode::Char('G'),
        KeyCode::Char('J'),
        KeyCode::Char('K'),
        KeyCode::Char('h'),
        KeyCode::Char('l'),
        KeyCode::Char('n'),
        KeyCode::Char('p'),
        KeyCode::Char('['),
        KeyCode::Char(']'),
        KeyCode::Char('P'),
        KeyCode::Char('o'),
        KeyCode::Char('y'),
        KeyCode::Char('Y'),
        KeyCode::Char('w'),
        KeyCode::Char('q'),
        KeyCode::Char('R'),
        KeyCode::Char('r'),
        KeyCode::Char('d'),
        KeyCode::Char('x'),
        KeyCode::Char('e'),
        KeyCode::Char('E'),
        KeyCode::Char('m'),
        KeyCode::Char('?'),
        KeyCode::Char('/'),
        KeyCode::Char(' '),
    ])
    .prop_map(|code| {
        let mods = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        KeyEvent::new(code, mods)
    });
    let ctrl = prop::sample::select(vec!['c', 'd', 'u', 'a', 'e', 'w'])
        .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    let alt = prop::sample::select(vec!['j', 'b', 'f', '1'])
        .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT));
    let any_char = any::<char>().prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    prop_oneof![12 => plain, 1 => ctrl, 1 => alt, 1 => any_char]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(NAMES).prop_map(str::to_string),
        1 => "\\PC{0,30}",
        1 => Just("  深圳市鹏科智联\n电子股份有限公司\t".to_string()),
        1 => Just("９１３３０２０６７９２１２６４６０Ｘ".to_string()),
        1 => Just("\u{1b}[31m\u{7}\r\n".to_string()),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (1u16..=300, 1u16..=100),
        2 => (1u16..=12, 1u16..=6),
        1 => prop::sample::select(vec![(1u16, 1u16), (300, 100), (80, 24), (120, 40), (200, 60), (2, 1), (1, 100), (300, 1)]),
    ]
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        6 => any::<u8>().prop_map(Outcome::Ok),
        3 => Just(Outcome::Fail),
        1 => Just(Outcome::Drop),
        1 => Just(Outcome::Progress),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        30 => key_event().prop_map(Step::Key),
        3 => text().prop_map(Step::Type),
        4 => text().prop_map(Step::Paste),
        2 => (
            prop::sample::select(vec![
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::ScrollDown,
                MouseEventKind::ScrollUp,
                MouseEventKind::Moved,
            ]),
            0u16..310,
            0u16..110,
        )
            .prop_map(|(k, x, y)| Step::Mouse(k, x, y)),
        3 => size().prop_map(|(w, h)| Step::Resize(w, h)),
        2 => Just(Step::Tick),
        16 => (any::<usize>(), outcome()).prop_map(|(i, o)| Step::Answer(i, o)),
        2 => any::<usize>().prop_map(Step::Late),
    ]
}

/// Journeys start with a search typed or pasted, so most of them reach the lists.
fn journey() -> impl Strategy<Value = (bool, Vec<Step>)> {
    (any::<bool>(), prop::collection::vec(step(), 1..70))
}

// ---------------------------------------------------------------------------------------
// The scripted worker.

/// What the driver knows about the jobs the update emitted.
#[derive(Default)]
struct Worker {
    /// Emitted, not cancelled, not finished (answered, failed or finally reported).
    running: Vec<(JobId, Job)>,
    /// Never to be answered (still running as far as the state can tell).
    held: Vec<(JobId, Job)>,
    /// Cancelled by the update; may still answer late.
    cancelled: Vec<(JobId, Job)>,
    /// Ids whose final answer was delivered.
    finished: HashSet<JobId>,
}

fn job_id(job: &Job) -> Option<JobId> {
    match job {
        Job::Fetch { id, .. }
        | Job::Cancel { id }
        | Job::OrderReport { id, .. }
        | Job::PollReport { id, .. }
        | Job::Download { id, .. }
        | Job::Vet { id, .. }
        | Job::CountDetails { id, .. }
        | Job::FetchDetails { id, .. }
        | Job::Watch { id, .. }
        | Job::FindOrder { id, .. } => Some(*id),
        Job::Export { .. }
        | Job::Dossier { .. }
        | Job::NoteRefused { .. }
        | Job::TmuxBuffer { .. }
        | Job::StopDetails { .. } => None,
    }
}

impl Worker {
    fn take(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let Effect::Worker(job) = effect else {
                continue;
            };
            match job {
                Job::Cancel { id } => {
                    let mut moved = Vec::new();
                    self.running.retain(|(i, j)| {
                        if *i == id {
                            moved.push((*i, j.clone()));
                        }
                        *i != id
                    });
                    self.held.retain(|(i, j)| {
                        if *i == id {
                            moved.push((*i, j.clone()));
                        }
                        *i != id
                    });
                    self.cancelled.extend(moved);
                }
                // This driver has no ledger: the read is held, never answered.
                Job::FindOrder { id, .. } => self.held.push((id, job)),
                // The run goes on and answers as it would; the update decides what counts.
                Job::StopDetails { .. } | Job::NoteRefused { .. } => {}
                Job::Export { .. } | Job::Dossier { .. } | Job::TmuxBuffer { .. } => {
                    // Exports and tmux copies have no id: answered at once below by the
                    // driver.
                    self.running.push((0, job));
                }
                other => {
                    let id = job_id(&other).unwrap();
                    assert!(
                        !self.finished.contains(&id)
                            && !self.running.iter().any(|(i, _)| *i == id)
                            && !self.held.iter().any(|(i, _)| *i == id),
                        "job id {id} reused: {other:?}"
                    );
                    self.running.push((id, other));
                }
            }
        }
    }

    /// Every job the state may still be waiting for.
    fn alive(&self) -> impl Iterator<Item = &(JobId, Job)> {
        self.running.iter().chain(self.held.iter())
    }
}

fn error(code: &str) -> ErrorReport {
    let mut e = quota_error();
    if code != "116" {
        e.code = Some(code.to_string());
        e.class = "transport".into();
        e.message = "connection reset by peer".into();
        e.retryable = true;
    }
    e
}

/// `n` items cycled from `base`, on page `page`, with `extra` more records upstream.
fn grow<T: Clone>(base: Vec<T>, n: usize, page: u32, extra: u64) -> Page<T> {
    let items: Vec<T> = base.iter().cycle().take(n).cloned().collect();
    let per_page = 20u64.max(n as u64);
    let page = u64::from(page.max(1));
    Page {
        total: (page - 1) * per_page + n as u64 + extra,
        items,
        page,
        page_size: per_page,
    }
}

fn answer_fetch(request: &Request, size: u8) -> Response {
    let n = usize::from(size % 64);
    let extra = u64::from(size / 64) * 17;
    match request {
        Request::Qualifications { page, .. } => {
            Response::Qualifications(grow(quals(ZHEJIANG_CODE).items, n, *page, extra))
        }
        Request::Certificates { page, .. } => {
            let mut p = certs(SHENZHEN_CODE, u64::from((*page).clamp(1, 3)));
            if size.is_multiple_of(5) {
                p.items.clear();
            }
            p.page = u64::from((*page).max(1));
            p.total = p.total.max((p.page - 1) * 20 + p.items.len() as u64);
            Response::Certificates(p)
        }
        Request::Customs { page, .. } => {
            Response::Customs(grow(customs(NINGBO_CODE).items, n % 8, *page, extra))
        }
        Request::CertificateDetail { .. } => {
            Response::CertificateDetail(cert_detail(SHENZHEN_CODE, usize::from(size % 20)))
        }
    }
}

/// The event answering `job` with `outcome`, and whether it is the job's last.
fn reply(job: &Job, outcome: Outcome) -> Option<(WorkerEvent, bool)> {
    Some(match (job, outcome) {
        (_, Outcome::Drop) => return None,
        (Job::Fetch { id, request, .. }, Outcome::Ok(_) | Outcome::Progress) => (
            WorkerEvent::Lookup(LookupEvent::Fetched {
                id: *id,
                result: Ok(answer_fetch(
                    request,
                    match outcome {
                        Outcome::Ok(n) => n,
                        _ => 20,
                    },
                )),
                freshness: None,
            }),
            true,
        ),
        (Job::Fetch { id, .. }, Outcome::Fail) => (
            WorkerEvent::Lookup(LookupEvent::Fetched {
                id: *id,
                result: Err(error(if id.is_multiple_of(2) { "116" } else { "502" })),
                freshness: None,
            }),
            true,
        ),
        (Job::OrderReport { id, .. }, Outcome::Ok(_) | Outcome::Progress) => (
            WorkerEvent::Report(ReportEvent::ReportOrdered {
                id: *id,
                result: Ok(Order::Placed {
                    order_no: format!("RPT{id}"),
                }),
            }),
            true,
        ),
        (Job::OrderReport { id, .. }, Outcome::Fail) => (
            WorkerEvent::Report(ReportEvent::ReportOrdered {
                id: *id,
                result: Err(error("116")),
            }),
            true,
        ),
        (Job::PollReport { id, .. }, Outcome::Progress) => (
            WorkerEvent::Report(ReportEvent::ReportProgress {
                id: *id,
                state: ReportState::InProgress("P".into()),
                polls: 3,
                elapsed: Duration::from_secs(9),
            }),
            false,
        ),
        (Job::PollReport { id, .. }, Outcome::Ok(n)) => (
            WorkerEvent::Report(ReportEvent::ReportFinished {
                id: *id,
                result: Ok(if n.is_multiple_of(4) {
                    ReportState::Failed("F".into())
                } else {
                    ReportState::Ready {
                        report_url: format!("/api/rpt/retrieve?code={id}"),
                    }
                }),
            }),
            true,
        ),
        (Job::PollReport { id, .. }, Outcome::Fail) => (
            WorkerEvent::Report(ReportEvent::ReportFinished {
                id: *id,
                result: Err(error("502")),
            }),
            true,
        ),
        (Job::Download { id, .. }, Outcome::Progress) => (
            WorkerEvent::Report(ReportEvent::DownloadProgress {
                id: *id,
                received: 4096,
                total: if id.is_multiple_of(2) {
                    Some(1 << 20)
                } else {
                    None
                },
            }),
            false,
        ),
        (Job::Download { id, file_name, .. }, Outcome::Ok(_)) => (
            WorkerEvent::Report(ReportEvent::Downloaded {
                id: *id,
                result: Ok(PathBuf::from("/home/vetter/Downloads").join(file_name)),
            }),
            true,
        ),
        (Job::Download { id, .. }, Outcome::Fail) => (
            WorkerEvent::Report(ReportEvent::Downloaded {
                id: *id,
                result: Err(error("502")),
            }),
            true,
        ),
        (Job::Export { path, .. } | Job::Dossier { path, .. }, o) => (
            WorkerEvent::Export(ExportEvent::Exported {
                path: path.clone(),
                result: if matches!(o, Outcome::Fail) {
                    Err("permission denied".into())
                } else {
                    Ok(())
                },
            }),
            true,
        ),
        (Job::TmuxBuffer { .. }, o) => (
            WorkerEvent::Export(ExportEvent::TmuxBuffer {
                result: if matches!(o, Outcome::Fail) {
                    Err("no server running".into())
                } else {
                    Ok(false)
                },
            }),
            true,
        ),
        (Job::Vet { id, source, .. }, o) => {
            use corpvet::domain::verdict::{CertificateSet, Outcome as V, SourceId};
            let fail = matches!(o, Outcome::Fail);
            let n = match o {
                Outcome::Ok(n) => n,
                _ => 1,
            };
            let outcome = match source {
                SourceId::Certificates => VetOutcome::Certificates(if fail {
                    V::Failed(error("502"))
                } else if n % 3 == 0 {
                    V::NotFound
                } else {
                    let p = certs(SHENZHEN_CODE, 1);
                    V::Found(CertificateSet {
                        total: p.total,
                        items: p.items,
                        pages: 1,
                        partial: None,
                    })
                }),
                SourceId::Customs => VetOutcome::Customs(if fail {
                    V::Failed(error("502"))
                } else if n % 3 == 0 {
                    V::NotFound
                } else {
                    V::Found(customs(NINGBO_CODE).items)
                }),
                _ => VetOutcome::Qualifications(if fail {
                    V::Failed(error("116"))
                } else if n % 3 == 0 {
                    V::NotFound
                } else {
                    V::Found(quals(ZHEJIANG_CODE).items)
                }),
            };
            // Some lists come cut short by the page cap, or with a later page failed.
            let coverage = match (source, n % 4) {
                (SourceId::Certificates, _) => None,
                (_, 1) => corpvet::domain::verdict::Coverage::of(1, 5001, None),
                (_, 2) => corpvet::domain::verdict::Coverage::of(1, 40, Some(error("500"))),
                _ => None,
            };
            (
                WorkerEvent::Vet(VetEvent::VetSource {
                    id: *id,
                    source: *source,
                    outcome,
                    coverage: coverage.map(Box::new),
                }),
                true,
            )
        }
        (Job::CountDetails { id, certificates }, o) => (
            WorkerEvent::Vet(VetEvent::DetailsCounted {
                id: *id,
                count: if matches!(o, Outcome::Fail) {
                    0
                } else {
                    certificates.len()
                },
                billable: certificates.len() / 2,
            }),
            true,
        ),
        (Job::FetchDetails { id, certificates }, Outcome::Progress) => (
            WorkerEvent::Vet(VetEvent::DetailFetched {
                id: *id,
                cert: certificates
                    .first()
                    .map(|c| c.id.clone())
                    .unwrap_or_default(),
                result: Ok((cert_detail(SHENZHEN_CODE, 0), true)),
            }),
            false,
        ),
        (Job::FetchDetails { id, .. }, _) => {
            (WorkerEvent::Vet(VetEvent::DetailsDone { id: *id }), true)
        }
        (Job::Watch { id, keyword, set }, o) => (
            WorkerEvent::Watch(WatchEvent::Watched {
                id: *id,
                keyword: keyword.clone(),
                result: if matches!(o, Outcome::Fail) {
                    Err("database is locked".into())
                } else {
                    Ok(set.unwrap_or(false))
                },
            }),
            true,
        ),
        (
            Job::Cancel { .. }
            | Job::FindOrder { .. }
            | Job::StopDetails { .. }
            | Job::NoteRefused { .. },
            _,
        ) => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Invariants.

/// The slot a lookup request occupies: one in flight at most per (source, company).
fn slot(request: &Request) -> Option<(Source, String)> {
    match request {
        Request::Qualifications {
            keyword, provider, ..
        } => Some((Source::Qualifications(*provider), keyword.clone())),
        Request::Certificates { keyword, .. } => Some((Source::Certificates, keyword.clone())),
        Request::Customs { keyword, .. } => Some((Source::Customs, keyword.clone())),
        Request::CertificateDetail { .. } => None,
    }
}

/// Lists answered (details not counted).
fn answers(state: &State) -> usize {
    state
        .registry
        .lookups
        .iter()
        .filter(|(k, l)| {
            !matches!(k, Request::CertificateDetail { .. }) && matches!(l, Lookup::Ready(_))
        })
        .count()
}

fn check(state: &State, worker: &Worker) -> Result<(), TestCaseError> {
    // The selection of every lookup tab lies within the list it shows.
    if let Some(company) = &state.company {
        for tab in [Tab::Qualifications, Tab::Certificates, Tab::Customs] {
            let view = state.view(tab);
            let key = state.key_of(tab).unwrap();
            prop_assert!(slot(&key).is_some_and(|(_, c)| c == *company));
            if let Some(answer) = state.registry.answer(&key) {
                let len = match &answer.response {
                    Response::Qualifications(p) => p.items.len(),
                    Response::Certificates(p) => p.items.len(),
                    Response::Customs(p) => p.items.len(),
                    Response::CertificateDetail(_) => {
                        return Err(TestCaseError::fail("a detail kept as a list answer"))
                    }
                };
                prop_assert!(
                    view.selected < len.max(1),
                    "{tab:?}: selection {} outside a list of {len}",
                    view.selected
                );
            }
        }
    }

    // At most one lookup in flight per (source, company), as the worker sees it.
    let mut per_slot: HashMap<(Source, String), Vec<JobId>> = HashMap::new();
    let mut per_cert: HashMap<String, Vec<JobId>> = HashMap::new();
    for (id, job) in worker.alive() {
        if let Job::Fetch { request, .. } = job {
            match (slot(request), request) {
                (Some(s), _) => per_slot.entry(s).or_default().push(*id),
                (None, Request::CertificateDetail { id: cert }) => {
                    per_cert.entry(cert.clone()).or_default().push(*id)
                }
                _ => {}
            }
        }
    }
    for (s, ids) in &per_slot {
        prop_assert!(
            ids.len() <= 1,
            "{s:?}: {} lookups in flight {ids:?}",
            ids.len()
        );
    }
    for (c, ids) in &per_cert {
        prop_assert!(ids.len() <= 1, "certificate {c}: detail fetched {ids:?}");
    }

    // Nothing waits for an answer that arrived, or for a job that is not running.
    let alive: HashSet<JobId> = worker.alive().map(|(id, _)| *id).collect();
    for (id, purpose) in &state.registry.jobs {
        prop_assert!(
            !worker.finished.contains(id),
            "job {id} ({purpose:?}) was answered"
        );
        prop_assert!(
            alive.contains(id),
            "job {id} ({purpose:?}) is no running job"
        );
        // A lookup awaited is marked loading as that job, and the other way round.
        if let Purpose::Lookup(key) = purpose {
            prop_assert!(
                matches!(state.registry.lookups.get(key), Some(Lookup::Loading { id: i, .. }) if i == id),
                "job {id} for {key:?} without its Loading lookup: {:?}",
                state.registry.lookups.get(key)
            );
        }
    }
    for (key, lookup) in &state.registry.lookups {
        if let Lookup::Loading { id, .. } = lookup {
            prop_assert_eq!(
                state.registry.jobs.get(id),
                Some(&Purpose::Lookup(key.clone())),
                "{:?} loading as job {}",
                key,
                id
            );
        }
    }

    // The Overview's selection is inside its flags.
    if let Some(vet) = &state.vet {
        let flags = vet.verdict.flags.len();
        prop_assert!(state.view(Tab::Overview).selected < flags.max(1));
    }

    // Report orders placed or polled, and downloads running, are running jobs; one order
    // per company.
    let mut companies = HashSet::new();
    for order in &state.reports {
        prop_assert!(
            companies.insert(order.company.clone()),
            "two orders for {}",
            order.company
        );
        if let Stage::Ordering { id } | Stage::Polling { id, .. } = &order.stage {
            prop_assert!(alive.contains(id), "{:?} is no running job", order.stage);
        }
        if let Some(Download::Running { id, .. }) = &order.download {
            prop_assert!(alive.contains(id), "download {id} is no running job");
        }
    }
    // …and every running report job is awaited by some order (none left orphaned).
    for (id, job) in worker.alive() {
        let awaited = match job {
            Job::OrderReport { .. } | Job::PollReport { .. } => state.reports.iter().any(
                |r| matches!(&r.stage, Stage::Ordering { id: i } | Stage::Polling { id: i, .. } if i == id),
            ),
            Job::Download { .. } => state.reports.iter().any(
                |r| matches!(&r.download, Some(Download::Running { id: i, .. }) if i == id),
            ),
            _ => true,
        };
        prop_assert!(
            awaited,
            "job {id} still running, awaited by nobody: {job:?}"
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The driver.

/// `cases` journeys from a fixed seed, so CI is deterministic; `PROPTEST_CASES` and
/// `PROPTEST_RNG_SEED` explore further by hand (e.g. 5000 cases from another seed).
fn config(cases: u32) -> ProptestConfig {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    ProptestConfig {
        cases: env("PROPTEST_CASES").map_or(cases, |n| n as u32),
        rng_seed: RngSeed::Fixed(env("PROPTEST_RNG_SEED").unwrap_or(0x6_2026_1124)),
        max_shrink_iters: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &State) {
    terminal
        .draw(|f| render(f, state))
        .expect("drawing on a test backend");
}

fn run(paste_first: bool, steps: Vec<Step>) -> Result<(State, Worker), TestCaseError> {
    let mut state = app_support::state();
    let mut worker = Worker::default();
    let (mut w, mut h) = (80u16, 24u16);
    update(
        &mut state,
        Event::Resize {
            width: w,
            height: h,
        },
    );
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();

    // A search to start from: most journeys then reach the lists.
    let opening = if paste_first {
        vec![Event::Paste(SHENZHEN.into())]
    } else {
        ZHEJIANG
            .chars()
            .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
            .collect()
    };
    for ev in opening {
        let effects = update(&mut state, ev);
        worker.take(effects);
    }
    let effects = update(
        &mut state,
        Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    worker.take(effects);
    check(&state, &worker)?;

    for step in steps {
        let events: Vec<Event> = match step {
            Step::Key(k) => vec![Event::Key(k)],
            Step::Type(t) => t
                .chars()
                .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
                .collect(),
            Step::Paste(t) => vec![Event::Paste(t)],
            Step::Mouse(kind, column, row) => vec![Event::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })],
            Step::Resize(nw, nh) => {
                (w, h) = (nw, nh);
                terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                vec![Event::Resize {
                    width: w,
                    height: h,
                }]
            }
            Step::Tick => {
                let now = state.now + chrono::Duration::milliseconds(250);
                vec![Event::Tick {
                    now,
                    today: now.date(),
                }]
            }
            Step::Answer(at, outcome) => {
                if worker.running.is_empty() {
                    Vec::new()
                } else {
                    let i = at % worker.running.len();
                    let (id, job) = worker.running[i].clone();
                    match reply(&job, outcome) {
                        None => {
                            worker.running.remove(i);
                            if !matches!(
                                job,
                                Job::Export { .. } | Job::Dossier { .. } | Job::TmuxBuffer { .. }
                            ) {
                                worker.held.push((id, job));
                            }
                            Vec::new()
                        }
                        Some((ev, last)) => {
                            if last {
                                worker.running.remove(i);
                                worker.finished.insert(id);
                            }
                            vec![Event::Worker(ev)]
                        }
                    }
                }
            }
            Step::Late(at) => {
                if worker.cancelled.is_empty() {
                    Vec::new()
                } else {
                    let (id, job) = worker.cancelled.remove(at % worker.cancelled.len());
                    let answers_before = answers(&state);
                    let ev = reply(&job, Outcome::Ok(id as u8)).map(|(ev, _)| ev);
                    if let Some(ev) = ev {
                        let effects = update(&mut state, Event::Worker(ev));
                        prop_assert!(
                            effects.is_empty(),
                            "a cancelled job's late answer caused {effects:?}"
                        );
                        if matches!(job, Job::Fetch { .. }) {
                            prop_assert_eq!(
                                answers(&state),
                                answers_before,
                                "a cancelled lookup's late answer was kept"
                            );
                        }
                    }
                    worker.finished.insert(id);
                    Vec::new()
                }
            }
        };
        for ev in events {
            let effects = update(&mut state, ev);
            worker.take(effects);
            check(&state, &worker)?;
        }
        // Quit is ignored: the journey goes on.
        state.quit = false;
        draw(&mut terminal, &state);
    }
    // Finally, every size class once more with whatever state the journey reached.
    for (w, h) in [(1, 1), (300, 100), (20, 5)] {
        update(
            &mut state,
            Event::Resize {
                width: w,
                height: h,
            },
        );
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        draw(&mut t, &state);
    }
    Ok((state, worker))
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn random_journeys_keep_the_invariants((paste_first, steps) in journey()) {
        run(paste_first, steps)?;
    }
}

/// A fixed journey through every tab with answers, errors and cancels: the invariants are
/// not vacuous (lists fill, flights come and go, an order is placed and polled).
#[test]
fn scripted_journey_reaches_every_state() {
    let k = |c: char| Step::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let code = |c: KeyCode| Step::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let first = || 0usize;
    let steps = vec![
        Step::Answer(first(), Outcome::Ok(30)),
        k('G'),
        k('3'),
        Step::Answer(first(), Outcome::Ok(1)),
        code(KeyCode::Enter),
        Step::Answer(first(), Outcome::Ok(3)),
        code(KeyCode::Esc),
        k('n'),
        code(KeyCode::Esc),
        k('4'),
        Step::Answer(first(), Outcome::Fail),
        code(KeyCode::Esc),
        k('R'),
        Step::Answer(first(), Outcome::Ok(7)),
        k('o'),
        // Enter never confirms a billed order; y does.
        code(KeyCode::Enter),
        k('y'),
        Step::Answer(first(), Outcome::Ok(0)),
        Step::Answer(first(), Outcome::Progress),
        Step::Answer(first(), Outcome::Ok(1)),
        k('d'),
        Step::Answer(first(), Outcome::Progress),
        Step::Resize(1, 1),
        Step::Resize(300, 100),
        Step::Late(first()),
    ];
    let (state, worker) = run(false, steps).unwrap();
    // Qualifications, certificates page 1 and 2 (n), customs after its retry.
    assert!(answers(&state) >= 3, "{:?}", state.registry.lookups.keys());
    assert!(state.registry.lookups.iter().any(|(k, l)| matches!(
        (k, l),
        (Request::CertificateDetail { .. }, Lookup::Ready(_))
    )));
    let order = state.current_report().expect("an order was placed");
    assert!(
        matches!(order.stage, Stage::Ready { .. }),
        "{:?}",
        order.stage
    );
    assert!(matches!(order.download, Some(Download::Running { .. })));
    assert!(worker.finished.len() >= 6, "{:?}", worker.finished);
}

/// Ordering again while the last report downloads: the download still running must be
/// either awaited or cancelled, never left orphaned.
#[test]
fn ordering_again_during_a_download_leaves_no_orphan() {
    let k = |c: char| Step::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let steps = vec![
        Step::Answer(0, Outcome::Ok(3)),
        k('5'),
        k('o'),
        Step::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        Step::Answer(0, Outcome::Ok(0)),
        Step::Answer(0, Outcome::Ok(1)),
        k('d'),
        k('o'),
        Step::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    ];
    run(false, steps).unwrap();
}
