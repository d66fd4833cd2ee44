//! Orders that stand in the ledger: found when a company is searched (placed by the CLI,
//! another explorer, or this one before a restart), shown and followed; and what is said
//! about them on the way out.

use std::time::Duration;

use chrono::NaiveDateTime;

use crate::app::job::{Job, JobId};
use crate::domain::report::{ReportFormat, ReportState};
use crate::service::report::Order;

use super::super::download::Download;
use super::super::effect::Effect;
use super::super::registry::Purpose;
use super::super::state::{Level, State};
use super::{ReportOrder, Stage};

/// An order whose answer never arrived: nothing is sent until the user orders again.
pub(super) const UNCERTAIN: &str =
    "an order was sent earlier but its answer never arrived, so it may have \
                         been placed and billed: check the QCC console (corpvet reports lists \
                         what corpvet knows); o then y orders again";

/// Show order `i` as the ledger or the vendor has it: ready, polled, or stopped.
pub(super) fn follow(state: &mut State, i: usize, order: &Order) -> Vec<Effect> {
    let poll = state.next_job_id();
    let finished_at = state.now;
    let (stage, effects) = match (order.order_no(), order.known_state()) {
        (Some(order_no), ReportState::Ready { report_url }) => (
            Stage::Ready {
                order_no: order_no.to_string(),
                url: report_url,
                finished_at,
            },
            Vec::new(),
        ),
        (Some(order_no), _) => (
            Stage::Polling {
                id: poll,
                order_no: order_no.to_string(),
                last: None,
                polls: 0,
                elapsed: Duration::ZERO,
            },
            vec![Effect::Worker(Job::PollReport {
                id: poll,
                order_no: order_no.to_string(),
            })],
        ),
        (None, _) => (
            Stage::Stopped {
                order_no: None,
                reason: UNCERTAIN.into(),
                error: None,
                resumable: false,
            },
            Vec::new(),
        ),
    };
    if let (Some(r), false) = (state.reports.get(i), effects.is_empty()) {
        state
            .registry
            .start(poll, Purpose::Report(r.company.clone()));
    }
    if let Some(r) = state.reports.get_mut(i) {
        r.stage = stage;
        if let Order::Standing { record, .. } = order {
            r.download = record.file.clone().map(|f| Download::Done(f.into()));
        }
    }
    effects
}

/// A company was searched: read the ledger for an order standing for it (placed by the CLI,
/// another explorer, or this one before a restart). Sends nothing to the vendor.
pub fn find_standing(state: &mut State, company: &str) -> Vec<Effect> {
    if state.reports.iter().any(|r| r.company == company) {
        return Vec::new();
    }
    if state
        .registry
        .running(&Purpose::FindOrder(company.to_string()))
    {
        return Vec::new();
    }
    let id = state.next_job_id();
    state
        .registry
        .start(id, Purpose::FindOrder(company.to_string()));
    vec![Effect::Worker(Job::FindOrder {
        id,
        keyword: company.to_string(),
    })]
}

/// The ledger answered [`find_standing`]: show the order on the Report tab and pick it up
/// (poll it unless it is ready). Nothing standing, or an order already shown: no change.
pub(super) fn found(
    state: &mut State,
    id: JobId,
    keyword: String,
    found: Option<(ReportFormat, Order)>,
) -> Vec<Effect> {
    if state.registry.finish(id).is_none() {
        return Vec::new();
    }
    let Some((format, order)) = found else {
        return Vec::new();
    };
    if state.reports.iter().any(|r| r.company == keyword) {
        return Vec::new();
    }
    let ordered_at = match &order {
        Order::Standing { record, .. } | Order::Uncertain(record) => {
            local_time(state, record.created_at)
        }
        Order::Placed { .. } => state.now,
    };
    state.reports.push(ReportOrder {
        company: keyword.clone(),
        format,
        ordered_at,
        stage: Stage::Ordering { id: 0 },
        download: None,
    });
    let i = state.reports.len() - 1;
    if state.company.as_deref() == Some(keyword.as_str()) {
        let text = match order.order_no() {
            Some(no) => {
                format!("a report order for {keyword} stands (order {no}): see the Report tab")
            }
            None => UNCERTAIN.to_string(),
        };
        state.say(Level::Info, text);
    }
    follow(state, i, &order)
}

/// Unix seconds as the explorer's local clock reads them.
fn local_time(state: &State, secs: i64) -> NaiveDateTime {
    let offset = chrono::TimeDelta::seconds(i64::from(state.utc_offset.local_minus_utc()));
    chrono::DateTime::from_timestamp(secs, 0).map_or(state.now, |t| t.naive_utc() + offset)
}

/// What to tell the user on the way out: orders still being placed or polled stand.
pub fn parting_notes(state: &State) -> Vec<String> {
    state
        .reports
        .iter()
        .filter(|r| matches!(r.stage, Stage::Ordering { .. } | Stage::Polling { .. }))
        .map(|r| match r.order_no() {
            Some(no) => format!(
                "the {} report order {no} for {} stands: `corpvet reports` lists it, `corpvet \
                 report-status {no}` checks it, and the Report tab picks it up next time",
                r.format.extension(),
                r.company
            ),
            None => format!(
                "a {} report order for {} was being placed: `corpvet reports` says whether it \
                 went through, and the Report tab picks it up next time",
                r.format.extension(),
                r.company
            ),
        })
        .collect()
}
