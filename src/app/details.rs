//! `D` on the Overview: fetch the status of every unchecked certificate (one billed call
//! each unless stored). Asks first with the billed count, shows progress n/N and the bill
//! as answers arrive, judges the verdict again with each, and Esc stops it: no call is sent
//! after Esc (answers to calls already sent still arrive and count).

use crate::api::error::ErrorReport;
use crate::app::job::{Job, JobId};
use crate::domain::certificate::CertificateDetail;
use crate::service::cache::Freshness;
use crate::service::{Request, Response};

use super::effect::Effect;
use super::registry::{Answer, Lookup, Purpose};
use super::state::{Level, Overlay, State};

/// How far a `D` run has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsRun {
    pub id: JobId,
    /// Details asked for.
    pub total: usize,
    /// Answered so far (fetched or failed).
    pub done: usize,
    /// Answers that came from the vendor (each billed).
    pub billed: usize,
    pub failed: usize,
    /// Esc was pressed: nothing more is sent; the answers in flight still arrive.
    pub stopping: bool,
}

impl DetailsRun {
    /// "certificate details 12/47 · 10 billed · Esc stops".
    pub fn progress(&self) -> String {
        let failed = match self.failed {
            0 => String::new(),
            n => format!(" · {n} failed"),
        };
        let tail = if self.stopping {
            "stopping: nothing more is sent"
        } else {
            "Esc stops"
        };
        format!(
            "certificate details {}/{} · {} billed{failed} · {tail}",
            self.done, self.total, self.billed
        )
    }
}

/// D: ask the worker how many of the unchecked details would be billed, then confirm.
pub fn ask(state: &mut State) -> Vec<Effect> {
    let id = state.next_job_id();
    let Some(vet) = state.vet.as_mut() else {
        state.say(Level::Info, "search a company on the Overview first");
        return Vec::new();
    };
    let certificates = vet.unchecked();
    if let Some(run) = &vet.details {
        let progress = run.progress();
        state.say(Level::Info, progress);
        return Vec::new();
    }
    if certificates.is_empty() {
        state.say(Level::Info, "no unchecked certificates: nothing to fetch");
        return Vec::new();
    }
    let mut effects: Vec<Effect> = state
        .registry
        .ids(|p| *p == Purpose::CountDetails)
        .into_iter()
        .map(|old| {
            state.registry.finish(old);
            Effect::Worker(Job::Cancel { id: old })
        })
        .collect();
    state.registry.start(id, Purpose::CountDetails);
    effects.push(Effect::Worker(Job::CountDetails { id, certificates }));
    effects
}

/// The count came back: open the confirm.
pub fn counted(state: &mut State, id: JobId, count: usize, billable: usize) {
    if state.registry.jobs.get(&id) != Some(&Purpose::CountDetails) {
        return;
    }
    state.registry.finish(id);
    let Some(vet) = state.vet.as_ref() else {
        return;
    };
    let company = vet.company.clone();
    if count == 0 {
        state.say(Level::Info, "no unchecked certificates: nothing to fetch");
        return;
    }
    state.overlay = Some(Overlay::ConfirmDetails {
        company,
        count,
        billable,
    });
}

/// `y` in the details confirm: fetch them.
pub fn confirm(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::ConfirmDetails { .. }) = state.overlay.take() else {
        return Vec::new();
    };
    let id = state.next_job_id();
    let Some(vet) = state.vet.as_mut() else {
        return Vec::new();
    };
    let certificates = vet.unchecked();
    if certificates.is_empty() {
        return Vec::new();
    }
    let run = DetailsRun {
        id,
        total: certificates.len(),
        done: 0,
        billed: 0,
        failed: 0,
        stopping: false,
    };
    let progress = run.progress();
    vet.details = Some(run);
    state.registry.start(id, Purpose::FetchDetails);
    state.say(Level::Info, progress);
    vec![Effect::Worker(Job::FetchDetails { id, certificates })]
}

/// Esc while details are fetched: send nothing more. Nothing under way: empty.
pub fn stop(state: &mut State) -> Vec<Effect> {
    let Some(run) = state.vet.as_mut().and_then(|v| v.details.as_mut()) else {
        return Vec::new();
    };
    if run.stopping {
        return Vec::new();
    }
    run.stopping = true;
    let (id, progress) = (run.id, run.progress());
    state.say(Level::Warn, progress);
    vec![Effect::Worker(Job::StopDetails { id })]
}

/// One detail answered: it counts in the verdict at once (revoked → red), and the
/// Certificates tab's drill-down shows it without another call.
pub fn fetched(
    state: &mut State,
    id: JobId,
    cert: String,
    result: Result<(CertificateDetail, bool), ErrorReport>,
) {
    if state.registry.jobs.get(&id) != Some(&Purpose::FetchDetails) {
        return;
    }
    let Some(vet) = state.vet.as_mut() else {
        return;
    };
    let Some(run) = vet.details.as_mut().filter(|r| r.id == id) else {
        return;
    };
    run.done += 1;
    let detail = match result {
        Ok((detail, billed)) => {
            run.billed += usize::from(billed);
            Some(detail)
        }
        Err(_) => {
            run.failed += 1;
            None
        }
    };
    let progress = run.progress();
    if let Some(detail) = detail {
        hold(state, cert, detail, None);
    }
    state.say(Level::Info, progress);
}

/// A certificate's detail arrived (fetched by `D`, or read from the store): the verdict
/// counts it when the Overview lists the certificate, and the drill-down shows it without
/// another call unless it holds one of its own (loaded or loading; a failed one is
/// replaced).
pub fn hold(
    state: &mut State,
    id: String,
    detail: CertificateDetail,
    freshness: Option<Freshness>,
) {
    let today = state.today;
    if let Some(vet) = state.vet.as_mut() {
        let listed = vet
            .input
            .certificates
            .found()
            .is_some_and(|set| set.items.iter().any(|c| c.id == id));
        if listed && !vet.input.details.contains_key(&id) {
            vet.input.details.insert(id.clone(), detail.clone());
            vet.judge(today);
        }
    }
    let key = Request::CertificateDetail { id };
    if matches!(
        state.registry.lookups.get(&key),
        None | Some(Lookup::Failed { .. })
    ) {
        let answer = Answer {
            response: Response::CertificateDetail(detail),
            freshness,
        };
        state.registry.lookups.insert(key, Lookup::Ready(answer));
    }
}

/// The run ended (all answered, or stopped and the answers in flight arrived).
pub fn done(state: &mut State, id: JobId) {
    if state.registry.jobs.get(&id) != Some(&Purpose::FetchDetails) {
        return;
    }
    state.registry.finish(id);
    let Some(vet) = state.vet.as_mut() else {
        return;
    };
    let Some(run) = vet.details.take_if(|r| r.id == id) else {
        return;
    };
    let fetched = run.done - run.failed;
    let mut text = format!(
        "{fetched} of {} certificate details fetched, {} billed",
        run.total, run.billed
    );
    if run.failed > 0 {
        text.push_str(&format!(", {} failed", run.failed));
    }
    if run.stopping && run.done < run.total {
        text.push_str(&format!(
            "; stopped: {} not asked (D asks for them)",
            run.total - run.done
        ));
    } else if run.failed > 0 {
        text.push_str(" (D tries them again)");
    }
    let level = if run.failed > 0 || run.stopping {
        Level::Warn
    } else {
        Level::Info
    };
    state.say(level, text);
}
