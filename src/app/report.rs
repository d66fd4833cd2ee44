//! Ordering a credit report: a billed call, so it is sent once per confirmation and never
//! repeated; then polling (not billed: it may be stopped and resumed) and the download.

use std::time::Duration;

use chrono::NaiveDateTime;

use crate::api::error::ErrorReport;
use crate::app::job::{Job, JobId, ReportEvent};
use crate::domain::report::{ReportFormat, ReportState};
use crate::service::report::Order;

use super::download::Download;
use super::effect::Effect;
use super::registry::Purpose;
use super::state::{ErrorBox, Level, Overlay, State, Tab};

mod standing;
pub use standing::{find_standing, parting_notes};
use standing::{follow, UNCERTAIN};

/// One order and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOrder {
    pub company: String,
    pub format: ReportFormat,
    /// When the user confirmed (from the tick clock).
    pub ordered_at: NaiveDateTime,
    pub stage: Stage,
    pub download: Option<Download>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// The order is being placed (cannot be taken back).
    Ordering { id: JobId },
    Polling {
        id: JobId,
        order_no: String,
        last: Option<ReportState>,
        polls: u32,
        elapsed: Duration,
    },
    Ready {
        order_no: String,
        url: String,
        finished_at: NaiveDateTime,
    },
    /// Polling stopped without a report: by the user, a timeout, an error, or the vendor's
    /// failure. `resumable` when polling again might still get it (never re-orders).
    Stopped {
        order_no: Option<String>,
        reason: String,
        error: Option<ErrorReport>,
        resumable: bool,
    },
}

impl ReportOrder {
    /// Ordering, polling or downloading.
    pub fn running(&self) -> bool {
        matches!(self.stage, Stage::Ordering { .. } | Stage::Polling { .. })
            || matches!(self.download, Some(Download::Running { .. }))
    }

    pub fn order_no(&self) -> Option<&str> {
        match &self.stage {
            Stage::Ordering { .. } => None,
            Stage::Polling { order_no, .. } | Stage::Ready { order_no, .. } => Some(order_no),
            Stage::Stopped { order_no, .. } => order_no.as_deref(),
        }
    }

    pub fn url(&self) -> Option<&str> {
        match &self.stage {
            Stage::Ready { url, .. } => Some(url),
            _ => None,
        }
    }
}

/// The report feature's answers (the download's included).
pub fn on_worker(state: &mut State, ev: ReportEvent) -> Vec<Effect> {
    match ev {
        ReportEvent::ReportOrdered { id, result } => return ordered(state, id, result),
        ReportEvent::OrderFound { id, keyword, found } => {
            return standing::found(state, id, keyword, found)
        }
        ReportEvent::ReportProgress {
            id,
            state: s,
            polls,
            elapsed,
        } => progress(state, id, s, polls, elapsed),
        ReportEvent::ReportFinished { id, result } => finished(state, id, result),
        ReportEvent::DownloadProgress {
            id,
            received,
            total,
        } => super::download::progress(state, id, received, total),
        ReportEvent::Downloaded { id, result } => super::download::finished(state, id, result),
    }
    Vec::new()
}

/// `o`: ask before ordering (billed).
pub fn ask(state: &mut State) -> Vec<Effect> {
    let Some(company) = state.company.clone() else {
        state.say(Level::Info, "search a company first: / then type its name");
        return Vec::new();
    };
    if let Some(order) = state.current_report() {
        if matches!(order.stage, Stage::Ordering { .. } | Stage::Polling { .. }) {
            let hint = match order.order_no() {
                Some(no) => format!(
                    "a report for {company} is already being prepared (order {no}): x stops \
                     polling it, then o orders a second one"
                ),
                None => format!("a report for {company} is being ordered"),
            };
            state.say(Level::Info, hint);
            return Vec::new();
        }
    }
    let previous = state
        .current_report()
        .map(|o| o.order_no().unwrap_or("no order number").to_string());
    state.overlay = Some(Overlay::ConfirmReport {
        company,
        format: ReportFormat::Pdf,
        previous,
    });
    Vec::new()
}

/// Enter in the dialog: place the order, once.
pub fn confirm(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::ConfirmReport {
        company,
        format,
        previous,
    }) = state.overlay.take()
    else {
        return Vec::new();
    };
    // The dialog said an order stands and that this one bills again.
    let again = previous.is_some();
    let id = state.next_job_id();
    let order = ReportOrder {
        company: company.clone(),
        format,
        ordered_at: state.now,
        stage: Stage::Ordering { id },
        download: None,
    };
    // The order this one replaces may still poll or download: cancel those jobs, or the
    // worker goes on for an order nobody tracks.
    let replaced: Vec<JobId> = state
        .reports
        .iter()
        .filter(|r| r.company == company)
        .flat_map(replaced_jobs)
        .collect();
    let mut effects: Vec<Effect> = replaced
        .into_iter()
        .map(|id| {
            state.registry.finish(id);
            Effect::Worker(Job::Cancel { id })
        })
        .collect();
    state.reports.retain(|r| r.company != company);
    state.reports.push(order);
    state.registry.start(id, Purpose::Report(company.clone()));
    state.tab = Tab::Report;
    state.drill = None;
    state.say(
        Level::Info,
        format!("ordering a {} report for {company}…", format.extension()),
    );
    effects.push(Effect::Worker(Job::OrderReport {
        id,
        keyword: company,
        format,
        again,
    }));
    effects
}

/// The jobs still running for an order that is being replaced: its poll and its download.
fn replaced_jobs(order: &ReportOrder) -> Vec<JobId> {
    let poll = match &order.stage {
        Stage::Polling { id, .. } => Some(*id),
        _ => None,
    };
    let download = match &order.download {
        Some(Download::Running { id, .. }) => Some(*id),
        _ => None,
    };
    poll.into_iter().chain(download).collect()
}

pub fn set_format(state: &mut State, choose: Option<ReportFormat>) {
    if let Some(Overlay::ConfirmReport { format, .. }) = &mut state.overlay {
        *format = choose.unwrap_or(match format {
            ReportFormat::Pdf => ReportFormat::Word,
            ReportFormat::Word => ReportFormat::Pdf,
        });
    }
}

fn find(state: &mut State, pred: impl Fn(&ReportOrder) -> bool) -> Option<usize> {
    state.reports.iter().position(pred)
}

fn stopped(order_no: Option<String>, error: ErrorReport) -> Stage {
    Stage::Stopped {
        order_no: order_no.clone(),
        reason: error.message.clone(),
        resumable: order_no.is_some(),
        error: Some(error),
    }
}

/// The order was placed, an order already standing was followed, or it was refused: poll
/// it, or say why not.
fn ordered(state: &mut State, id: JobId, result: Result<Order, ErrorReport>) -> Vec<Effect> {
    // Unregistered first: whatever else happens, this job no longer runs.
    state.registry.finish(id);
    let Some(i) = find(state, |r| r.stage == Stage::Ordering { id }) else {
        return Vec::new();
    };
    match result {
        Ok(order) => {
            let company = state.reports.get(i).map(|r| r.company.clone());
            let text = match &order {
                Order::Placed { order_no } => {
                    format!("report ordered: order {order_no}; waiting for it")
                }
                Order::Standing { order_no, .. } => format!(
                    "an order for {} already stands (order {order_no}): following it, nothing \
                     new was ordered",
                    company.unwrap_or_default()
                ),
                Order::Uncertain(_) => UNCERTAIN.to_string(),
            };
            state.say(Level::Info, text);
            follow(state, i, &order)
        }
        Err(error) => {
            state.error = Some(ErrorBox {
                title: "report order failed".into(),
                report: error.clone(),
            });
            state.say(
                Level::Error,
                format!("report order failed: {}", error.message),
            );
            if let Some(r) = state.reports.get_mut(i) {
                r.stage = Stage::Stopped {
                    order_no: None,
                    reason: error.message.clone(),
                    error: Some(error),
                    resumable: false,
                };
            }
            Vec::new()
        }
    }
}

fn progress(state: &mut State, id: JobId, report: ReportState, n: u32, took: Duration) {
    for r in &mut state.reports {
        if let Stage::Polling {
            id: pid,
            last,
            polls,
            elapsed,
            ..
        } = &mut r.stage
        {
            if *pid == id {
                *last = Some(report.clone());
                *polls = n;
                *elapsed = took;
            }
        }
    }
}

fn finished(state: &mut State, id: JobId, result: Result<ReportState, ErrorReport>) {
    let now = state.now;
    state.registry.finish(id);
    let Some(i) = find(
        state,
        |r| matches!(r.stage, Stage::Polling { id: p, .. } if p == id),
    ) else {
        return;
    };
    let Some(order) = state.reports.get_mut(i) else {
        return;
    };
    let order_no = order.order_no().map(str::to_string).unwrap_or_default();
    let company = order.company.clone();
    let (stage, message) = match result {
        Ok(ReportState::Ready { report_url }) => (
            Stage::Ready {
                order_no,
                url: report_url,
                finished_at: now,
            },
            (
                Level::Info,
                format!("report for {company} is ready: d downloads, y copies the URL"),
            ),
        ),
        Ok(ReportState::Failed(status)) => (
            Stage::Stopped {
                order_no: Some(order_no),
                reason: format!("QCC says the report could not be made (status {status})"),
                error: None,
                resumable: false,
            },
            (
                Level::Error,
                format!("report for {company} failed (status {status})"),
            ),
        ),
        Ok(other) => (
            Stage::Stopped {
                order_no: Some(order_no),
                reason: format!("polling ended while the order was {}", other.label()),
                error: None,
                resumable: true,
            },
            (
                Level::Warn,
                "report polling ended early; r polls again".to_string(),
            ),
        ),
        Err(error) => {
            let text = format!("report polling failed: {}; r polls again", error.message);
            state.error = Some(ErrorBox {
                title: "report status failed".into(),
                report: error.clone(),
            });
            (stopped(Some(order_no), error), (Level::Error, text))
        }
    };
    if let Some(order) = state.reports.get_mut(i) {
        order.stage = stage;
    }
    state.say(message.0, message.1);
}

/// x / Esc on the Report tab: stop the download or the polling (never the order itself).
pub fn cancel(state: &mut State) -> Vec<Effect> {
    let Some(company) = state.company.clone() else {
        return Vec::new();
    };
    let Some(order) = state.reports.iter_mut().find(|r| r.company == company) else {
        return Vec::new();
    };
    if let Some(Download::Running { id, .. }) = order.download {
        order.download = None;
        state.registry.finish(id);
        state.say(Level::Info, "download stopped");
        return vec![Effect::Worker(Job::Cancel { id })];
    }
    match order.stage.clone() {
        Stage::Polling { id, order_no, .. } => {
            order.stage = Stage::Stopped {
                order_no: Some(order_no),
                reason: "you stopped polling; the order stands".into(),
                error: None,
                resumable: true,
            };
            state.registry.finish(id);
            state.say(Level::Info, "polling stopped; r resumes (not billed)");
            vec![Effect::Worker(Job::Cancel { id })]
        }
        Stage::Ordering { .. } => {
            state.say(
                Level::Warn,
                "the order is being placed and cannot be taken back",
            );
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// r: poll a stopped order again (a status check, not a new order).
pub fn resume(state: &mut State) -> Vec<Effect> {
    let id = state.next_job_id();
    let Some(company) = state.company.clone() else {
        return Vec::new();
    };
    let Some(order) = state.reports.iter_mut().find(|r| r.company == company) else {
        state.say(Level::Info, "no report order to resume");
        return Vec::new();
    };
    match order.stage.clone() {
        Stage::Stopped {
            order_no: Some(order_no),
            resumable: true,
            ..
        } => {
            order.stage = Stage::Polling {
                id,
                order_no: order_no.clone(),
                last: None,
                polls: 0,
                elapsed: Duration::ZERO,
            };
            state.registry.start(id, Purpose::Report(company));
            state.say(Level::Info, format!("polling order {order_no} again"));
            vec![Effect::Worker(Job::PollReport { id, order_no })]
        }
        _ => {
            state.say(Level::Info, "nothing to resume");
            Vec::new()
        }
    }
}
