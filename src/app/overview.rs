//! The Overview tab: one search fans out to every source as separate jobs, each answer fills
//! its section and the verdict is worked out again (pure: [`crate::domain::verdict::vet`]).
//! A slow or failed source holds back nothing. From a flag, Enter jumps to its record; `D`
//! fetches the unchecked certificates' details after a confirm that says what it costs; `w`
//! toggles the company on the watchlist (through the worker: the store is I/O).

use crate::app::job::{Job, JobId, VetEvent, VetOutcome, WatchEvent};
use crate::domain::qualification::Provider;
use crate::domain::verdict::{self, Coverage, Evidence, Outcome, SourceId, Verdict, VetInput};
use crate::service::{Request, Response};

use super::effect::Effect;
use super::lookups::{self, PAGE_SIZE};
use super::registry::{Answer, Lookup, Purpose, Registry};
use super::state::{Level, Source, State, Tab, View};

/// One company's vet in the explorer.
#[derive(Debug, Clone, PartialEq)]
pub struct VetSession {
    pub company: String,
    pub input: VetInput,
    /// Worked out again after each answer.
    pub verdict: Verdict,
    /// The `D` run under way, if any.
    pub details: Option<super::details::DetailsRun>,
}

/// What a section shows for a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceStatus {
    Loading,
    Found(usize),
    /// Found, but the page cap stopped short of the vendor's total.
    Listed {
        listed: usize,
        total: u64,
    },
    NotFound,
    /// The whole report (code, vendor message, gloss, advice), as the tabs show it.
    Failed(Box<crate::api::error::ErrorReport>),
}

impl VetSession {
    fn new(company: &str, today: chrono::NaiveDate) -> VetSession {
        let input = VetInput::new(company);
        VetSession {
            company: company.to_string(),
            verdict: verdict::vet(&input, today),
            input,
            details: None,
        }
    }

    /// The sources this vet asks, in display order, with what each shows now (`registry`
    /// says which are still answering).
    pub fn statuses(&self, registry: &Registry) -> Vec<(SourceId, SourceStatus)> {
        let loading = |s: SourceId| registry.running(&Purpose::Vet(s));
        let mut out = Vec::new();
        for source in SourceId::ALL {
            let status = if loading(source) {
                Some(SourceStatus::Loading)
            } else {
                match source {
                    SourceId::QualificationsQcc => of(&self.input.qualifications_qcc, Vec::len),
                    SourceId::QualificationsJuhe => of(&self.input.qualifications_juhe, Vec::len),
                    SourceId::Certificates => of(&self.input.certificates, |c| c.items.len()),
                    SourceId::Customs => of(&self.input.customs, Vec::len),
                }
            };
            let status = match (status, self.vendor_total(source)) {
                (Some(SourceStatus::Found(listed)), Some(total)) if total > listed as u64 => {
                    Some(SourceStatus::Listed { listed, total })
                }
                (status, _) => status,
            };
            if let Some(status) = status {
                out.push((source, status));
            }
        }
        out
    }

    /// The vendor's total for a paged source, when the vet knows it.
    fn vendor_total(&self, source: SourceId) -> Option<u64> {
        match source {
            SourceId::Certificates => self.input.certificates.found().map(|set| set.total),
            _ => self.input.coverage.get(&source).map(|c| c.total),
        }
    }

    /// Work the verdict out again from the records held, on `today`.
    pub fn judge(&mut self, today: chrono::NaiveDate) {
        self.verdict = verdict::vet(&self.input, today);
    }

    /// Certificates listed whose detail (status) has not been fetched.
    pub fn unchecked(&self) -> Vec<crate::domain::certificate::Certificate> {
        crate::service::vet::details_to_fetch(&self.input)
    }
}

fn of<T>(o: &Outcome<T>, count: impl Fn(&T) -> usize) -> Option<SourceStatus> {
    match o {
        Outcome::Found(t) => Some(SourceStatus::Found(count(t))),
        Outcome::NotFound => Some(SourceStatus::NotFound),
        Outcome::Failed(e) => Some(SourceStatus::Failed(Box::new(e.clone()))),
        Outcome::NotAsked => None,
    }
}

fn qualification_source(provider: Provider) -> SourceId {
    match provider {
        Provider::Qcc => SourceId::QualificationsQcc,
        Provider::Juhe => SourceId::QualificationsJuhe,
    }
}

/// Arriving at the Overview: vet the searched company unless it has been vetted. A vet with
/// a failed source is shown as it is (coming back to a tab never sends anything again);
/// Enter in the search bar or `r` asks again ([`run`]).
pub fn show(state: &mut State) -> Vec<Effect> {
    match (&state.vet, &state.company) {
        (Some(vet), Some(company)) if vet.company == *company => Vec::new(),
        _ => run(state),
    }
}

/// Vet the searched company: every source at once, each its own job. A vet of the same
/// company that is running or answered in full is kept; one with a failed source (or for
/// another company) is started again.
pub fn run(state: &mut State) -> Vec<Effect> {
    let Some(company) = state.company.clone() else {
        return Vec::new();
    };
    if let Some(vet) = &state.vet {
        let failed = vet
            .statuses(&state.registry)
            .iter()
            .any(|(_, s)| matches!(s, SourceStatus::Failed(_)));
        if vet.company == company && !failed {
            return Vec::new();
        }
    }
    // Asked again on purpose: the tabs' failures from the last vet are forgotten with it.
    forget_failed_pages(state, &company);
    let mut effects = cancel(state);
    let mut session = VetSession::new(&company, state.today);
    // Details already opened in the Certificates tab count (they were paid for).
    for (key, lookup) in &state.registry.lookups {
        if let (
            Request::CertificateDetail { id },
            Lookup::Ready(Answer {
                response: Response::CertificateDetail(detail),
                ..
            }),
        ) = (key, lookup)
        {
            session.input.details.insert(id.clone(), detail.clone());
        }
    }
    let qualifications = if state.vet_both_providers {
        vec![SourceId::QualificationsQcc, SourceId::QualificationsJuhe]
    } else {
        vec![qualification_source(state.provider)]
    };
    for source in qualifications
        .into_iter()
        .chain([SourceId::Certificates, SourceId::Customs])
    {
        let id = state.next_job_id();
        state.registry.start(id, Purpose::Vet(source));
        effects.push(Effect::Worker(Job::Vet {
            id,
            keyword: company.clone(),
            source,
        }));
    }
    state.vet = Some(session);
    if let Some(v) = state.view_mut(Tab::Overview) {
        *v = View::default();
    }
    // Whether it is on the watchlist already (★), asked once per company vetted.
    if !state.registry.running(&Purpose::Watch(company.clone())) {
        effects.extend(check_watch(state));
    }
    effects
}

/// Stop every job of the current vet.
fn cancel(state: &mut State) -> Vec<Effect> {
    if state.vet.take().is_none() {
        return Vec::new();
    }
    state
        .registry
        .ids(|p| {
            matches!(
                p,
                Purpose::Vet(_) | Purpose::CountDetails | Purpose::FetchDetails
            )
        })
        .into_iter()
        .map(|id| {
            state.registry.finish(id);
            Effect::Worker(Job::Cancel { id })
        })
        .collect()
}

/// Esc on the Overview: stop the sources still answering; each reads as failed (cancelled)
/// until Enter asks again. Nothing to stop: empty.
pub fn cancel_sources(state: &mut State) -> Vec<Effect> {
    let today = state.today;
    let sources = state.registry.ids(|p| matches!(p, Purpose::Vet(_)));
    let Some(vet) = state.vet.as_mut() else {
        return Vec::new();
    };
    if sources.is_empty() {
        return Vec::new();
    }
    let cancelled = crate::api::error::ErrorReport {
        code: None,
        class: "cancelled".into(),
        message: "cancelled (Enter in the search bar asks again)".into(),
        gloss: None,
        advice: None,
        retryable: true,
    };
    let mut effects = Vec::new();
    for id in sources {
        let Some(Purpose::Vet(source)) = state.registry.finish(id) else {
            continue;
        };
        effects.push(Effect::Worker(Job::Cancel { id }));
        let input = &mut vet.input;
        let failed = cancelled.clone();
        match source {
            SourceId::QualificationsQcc => input.qualifications_qcc = Outcome::Failed(failed),
            SourceId::QualificationsJuhe => input.qualifications_juhe = Outcome::Failed(failed),
            SourceId::Certificates => input.certificates = Outcome::Failed(failed),
            SourceId::Customs => input.customs = Outcome::Failed(failed),
        }
    }
    vet.judge(today);
    let flags = vet.verdict.flags.len();
    if let Some(v) = state.view_mut(Tab::Overview) {
        v.selected = v.selected.min(flags.saturating_sub(1));
    }
    state.say(
        Level::Info,
        "vet stopped; Enter in the search bar asks again",
    );
    effects
}

/// The vet's answers.
pub fn on_worker(state: &mut State, ev: VetEvent) -> Vec<Effect> {
    match ev {
        VetEvent::VetSource {
            id,
            source,
            outcome,
            coverage,
        } => answered(state, id, source, outcome, coverage),
        VetEvent::DetailsCounted {
            id,
            count,
            billable,
        } => super::details::counted(state, id, count, billable),
        VetEvent::DetailFetched { id, cert, result } => {
            super::details::fetched(state, id, cert, result)
        }
        VetEvent::DetailsDone { id } => super::details::done(state, id),
    }
    Vec::new()
}

/// The watchlist's answers.
pub fn on_watch(state: &mut State, ev: WatchEvent) -> Vec<Effect> {
    let WatchEvent::Watched {
        id,
        keyword,
        result,
    } = ev;
    watched(state, id, keyword, result);
    Vec::new()
}

/// A source answered: fill its section and work the verdict out again. An answer for a vet
/// no longer shown is dropped.
fn answered(
    state: &mut State,
    id: JobId,
    source: SourceId,
    outcome: VetOutcome,
    coverage: Option<Box<Coverage>>,
) {
    let today = state.today;
    if state.registry.jobs.get(&id) != Some(&Purpose::Vet(source)) {
        return;
    }
    state.registry.finish(id);
    let Some(vet) = state.vet.as_mut() else {
        return;
    };
    if let Some(error) = failure_of(&outcome) {
        let key = first_page(source, &vet.company);
        state
            .registry
            .lookups
            .entry(key)
            .or_insert(Lookup::Failed { error });
    }
    let Some(vet) = state.vet.as_mut() else {
        return;
    };
    let input = &mut vet.input;
    match (source, outcome) {
        (SourceId::QualificationsQcc, VetOutcome::Qualifications(o)) => {
            input.qualifications_qcc = o
        }
        (SourceId::QualificationsJuhe, VetOutcome::Qualifications(o)) => {
            input.qualifications_juhe = o
        }
        (SourceId::Certificates, VetOutcome::Certificates(o)) => input.certificates = o,
        (SourceId::Customs, VetOutcome::Customs(o)) => input.customs = o,
        _ => {}
    }
    match coverage {
        Some(coverage) => input.coverage.insert(source, *coverage),
        None => input.coverage.remove(&source),
    };
    vet.judge(today);
    let flags = vet.verdict.flags.len();
    if let Some(v) = state.view_mut(Tab::Overview) {
        v.selected = v.selected.min(flags.saturating_sub(1));
    }
}

/// The vendor's failure a source answered with, if it failed.
fn failure_of(outcome: &VetOutcome) -> Option<crate::api::error::ErrorReport> {
    match outcome {
        VetOutcome::Qualifications(o) => o.error(),
        VetOutcome::Certificates(o) => o.error(),
        VetOutcome::Customs(o) => o.error(),
    }
    .cloned()
}

/// The tab lookup a vet source answers the first page of: a source that failed in the vet
/// fails there too, so visiting the tab shows the failure instead of calling again.
fn first_page(source: SourceId, company: &str) -> Request {
    let tab_source = match source {
        SourceId::QualificationsQcc => Source::Qualifications(Provider::Qcc),
        SourceId::QualificationsJuhe => Source::Qualifications(Provider::Juhe),
        SourceId::Certificates => Source::Certificates,
        SourceId::Customs => Source::Customs,
    };
    lookups::request_for(tab_source, company, 1)
}

/// Forget the first pages a vet of `company` marked failed (asked again on purpose).
fn forget_failed_pages(state: &mut State, company: &str) {
    for source in SourceId::ALL {
        let key = first_page(source, company);
        if matches!(
            state.registry.lookups.get(&key),
            Some(Lookup::Failed { .. })
        ) {
            state.registry.lookups.remove(&key);
        }
    }
}

/// j / k on the flags.
pub fn move_by(state: &mut State, delta: isize) {
    let n = state.vet.as_ref().map_or(0, |v| v.verdict.flags.len());
    if let Some(v) = state.view_mut(Tab::Overview) {
        v.selected = v
            .selected
            .saturating_add_signed(delta)
            .min(n.saturating_sub(1));
    }
}

/// g / G.
pub fn move_to(state: &mut State, end: bool) {
    move_by(state, if end { isize::MAX } else { isize::MIN });
}

/// The tab and upstream row that hold a flag's evidence.
pub fn target(evidence: &Evidence) -> (Tab, Option<Provider>, Option<usize>) {
    let tab = match evidence.source {
        SourceId::QualificationsQcc | SourceId::QualificationsJuhe => Tab::Qualifications,
        SourceId::Certificates => Tab::Certificates,
        SourceId::Customs => Tab::Customs,
    };
    let provider = match evidence.source {
        SourceId::QualificationsQcc => Some(Provider::Qcc),
        SourceId::QualificationsJuhe => Some(Provider::Juhe),
        _ => None,
    };
    (tab, provider, evidence.index)
}

/// Enter on a flag: switch to the tab of its record, on the record's page, with the record
/// selected (the tab's lookup runs as a tab switch does).
pub fn jump(state: &mut State) -> Vec<Effect> {
    let selected = state.view(Tab::Overview).selected;
    let Some(evidence) = state
        .vet
        .as_ref()
        .and_then(|v| v.verdict.flags.get(selected))
        .and_then(|f| f.evidence.first())
        .cloned()
    else {
        state.say(Level::Info, "this flag has no single record to show");
        return Vec::new();
    };
    let (tab, provider, index) = target(&evidence);
    if let Some(p) = provider {
        state.provider = p;
    }
    if let Some(i) = index {
        // QCC's qualifications come as one list; the other sources in pages of 20.
        let per = if evidence.source == SourceId::QualificationsQcc {
            usize::MAX
        } else {
            PAGE_SIZE as usize
        };
        let page = u32::try_from(i / per + 1).unwrap_or(u32::MAX);
        if let Some(v) = state.view_mut(tab) {
            *v = View {
                page,
                selected: i % per,
                scroll: 0,
            };
        }
        // The row is counted in the whole page: a filter would hide or move it.
        if let Some(f) = state.filters.get_mut(tab.index()) {
            f.clear();
        }
    }
    state.say(Level::Info, evidence.describe());
    lookups::switch_tab(state, tab)
}

/// The verdict again on [`State::today`] (the day changed under an open explorer).
pub fn rejudge(state: &mut State) {
    let today = state.today;
    if let Some(vet) = state.vet.as_mut() {
        vet.judge(today);
    }
}

/// w: add the searched company to the watchlist, or take it off.
pub fn toggle_watch(state: &mut State) -> Vec<Effect> {
    let Some(company) = state.company.clone() else {
        state.say(Level::Info, "search a company first, then w watches it");
        return Vec::new();
    };
    if state.registry.running(&Purpose::Watch(company.clone())) {
        return Vec::new();
    }
    let set = !state.watched.contains(&company);
    let id = state.next_job_id();
    state.registry.start(id, Purpose::Watch(company.clone()));
    vec![Effect::Worker(Job::Watch {
        id,
        keyword: company,
        set: Some(set),
    })]
}

/// Whether the searched company is watched: asked once per company searched.
pub fn check_watch(state: &mut State) -> Vec<Effect> {
    let Some(company) = state.company.clone() else {
        return Vec::new();
    };
    let id = state.next_job_id();
    state.registry.start(id, Purpose::Watch(company.clone()));
    vec![Effect::Worker(Job::Watch {
        id,
        keyword: company,
        set: None,
    })]
}

/// The watchlist answered.
fn watched(state: &mut State, id: JobId, keyword: String, result: Result<bool, String>) {
    if state.registry.finish(id).is_none() {
        return;
    }
    match result {
        Ok(on) => {
            let changed = if on {
                state.watched.insert(keyword.clone())
            } else {
                state.watched.remove(&keyword)
            };
            if changed {
                let text = if on {
                    format!("★ watching {keyword} (corpvet watch run reports changes)")
                } else {
                    format!("no longer watching {keyword}")
                };
                state.say(Level::Info, text);
            }
        }
        Err(e) => state.say(Level::Error, format!("watchlist: {e}")),
    }
}
