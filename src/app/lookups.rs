//! Running lookups and taking their answers. Every answer is billed, so answers are kept per
//! (source, company, page) for the whole session and a lookup already answered or in flight
//! is never sent again (paging back to a page already fetched makes no call); an answer whose
//! job id is no longer awaited is dropped. Only `r` asks for a new call on purpose.

use crate::api::error::ErrorReport;
use crate::app::job::{Job, JobId};
use crate::service::cache::{FetchMode, Freshness};
use crate::service::{Request, Response};

use super::effect::Effect;
use super::state::{DetailFetch, ErrorBox, Flight, Focus, Level, LookupKey, Source, State, Tab};

/// Rows per upstream page (the vendors' maximum: fewer billed calls).
pub const PAGE_SIZE: u32 = 20;

/// Show `tab`'s answer for the searched company, fetching it if it is neither kept nor in
/// flight. A request in flight for another page of the same list is replaced. A failure
/// stays on screen until the user retries (r): coming back to a tab never re-sends by itself.
pub fn run(state: &mut State, tab: Tab) -> Vec<Effect> {
    send(state, tab, FetchMode::Normal)
}

fn send(state: &mut State, tab: Tab, mode: FetchMode) -> Vec<Effect> {
    let Some(source) = state.source(tab) else {
        return Vec::new();
    };
    let Some(company) = state.company.clone() else {
        return Vec::new();
    };
    let page = state.view(tab).page;
    let key = LookupKey {
        source,
        company: company.clone(),
        page,
    };
    if mode == FetchMode::Normal && state.answers.contains_key(&key) {
        return Vec::new();
    }
    let slot = (source, company.clone());
    let mut effects = Vec::new();
    match state.flights.get(&slot) {
        Some(Flight::Loading { page: p, .. } | Flight::Failed { page: p, .. }) if *p == page => {
            return effects
        }
        Some(Flight::Loading { id, .. }) => {
            let id = *id;
            state.pending.remove(&id);
            effects.push(Effect::Worker(Job::Cancel { id }));
        }
        _ => {}
    }
    let id = state.next_job_id();
    let request = request_for(source, &company, page);
    state.flights.insert(slot, Flight::Loading { id, page });
    state.pending.insert(id, key);
    effects.push(Effect::Worker(Job::Fetch { id, request, mode }));
    effects
}

fn request_for(source: Source, company: &str, page: u32) -> Request {
    let keyword = company.to_string();
    match source {
        Source::Qualifications(provider) => Request::Qualifications {
            keyword,
            provider,
            page,
        },
        Source::Certificates => Request::Certificates {
            keyword,
            category: None,
            page,
            page_size: PAGE_SIZE,
            exact: true,
        },
        Source::Customs => Request::Customs { keyword, page },
    }
}

/// A `Fetched` event: a lookup's answer, a certificate detail, or a stale id (dropped).
pub fn fetched(
    state: &mut State,
    id: JobId,
    result: Result<Response, ErrorReport>,
    freshness: Option<Freshness>,
) {
    if let Some(key) = state.pending.remove(&id) {
        lookup_answered(state, id, key, result, freshness);
    } else if let Some(cert_id) = state.detail_pending.remove(&id) {
        match freshness {
            Some(f) if result.is_ok() => state.detail_freshness.insert(cert_id.clone(), f),
            _ => state.detail_freshness.remove(&cert_id),
        };
        detail_answered(state, cert_id, result);
    }
}

fn lookup_answered(
    state: &mut State,
    id: JobId,
    key: LookupKey,
    result: Result<Response, ErrorReport>,
    freshness: Option<Freshness>,
) {
    let slot = (key.source, key.company.clone());
    if matches!(state.flights.get(&slot), Some(Flight::Loading { id: i, .. }) if *i == id) {
        state.flights.remove(&slot);
    }
    let visible = state.current_key().as_ref() == Some(&key);
    match result {
        Ok(response) => {
            match freshness {
                Some(f) => {
                    if visible && f.stale {
                        let why = f.note.clone().unwrap_or_else(|| "the call failed".into());
                        state.say(Level::Warn, format!("showing a STALE answer: {why}"));
                    }
                    state.freshness.insert(key.clone(), f);
                }
                None => {
                    state.freshness.remove(&key);
                }
            }
            // Every tab showing this list keeps its selection inside it, on screen or not
            // (a refresh may answer while another tab is up).
            let showing: Vec<Tab> = Tab::ALL
                .into_iter()
                .filter(|&tab| state.key_of(tab).as_ref() == Some(&key))
                .collect();
            state.answers.insert(key, response);
            for tab in showing {
                clamp_selection(state, tab);
            }
        }
        Err(error) => {
            // A failed refresh keeps the answer already shown.
            let kept = state.answers.contains_key(&key);
            if visible {
                state.error = Some(ErrorBox {
                    title: format!("{} lookup failed", state.tab.noun()),
                    report: error.clone(),
                });
                let text = if kept {
                    format!(
                        "refresh failed, the earlier answer stays: {}",
                        error.message
                    )
                } else {
                    format!("lookup failed: {}", error.message)
                };
                state.say(Level::Error, text);
            }
            if kept {
                return;
            }
            state.flights.insert(
                slot,
                Flight::Failed {
                    page: key.page,
                    error,
                },
            );
        }
    }
}

fn detail_answered(state: &mut State, cert_id: String, result: Result<Response, ErrorReport>) {
    let visible = state.drill.as_deref() == Some(cert_id.as_str());
    let entry = match result {
        Ok(Response::CertificateDetail(detail)) => DetailFetch::Ready(detail),
        Ok(_) => DetailFetch::Failed(ErrorReport {
            code: None,
            class: "bad_answer".into(),
            message: "the worker answered a detail request with another kind of answer".into(),
            gloss: None,
            advice: None,
            retryable: true,
        }),
        Err(error) => {
            if visible {
                state.error = Some(ErrorBox {
                    title: "certificate detail failed".into(),
                    report: error.clone(),
                });
            }
            DetailFetch::Failed(error)
        }
    };
    state.details.insert(cert_id, entry);
}

/// Switch tab: show (or fetch) its answer for the searched company.
pub fn switch_tab(state: &mut State, tab: Tab) -> Vec<Effect> {
    if tab != Tab::Certificates {
        state.drill = None;
    }
    state.tab = tab;
    state.error = None;
    if state.focus == Focus::Detail && matches!(tab, Tab::Report | Tab::Overview) {
        state.focus = Focus::List;
    }
    if tab == Tab::Overview {
        return super::overview::run(state);
    }
    let effects = run(state, tab);
    // A flag's row may be past the end of the list this tab already holds (the two answers
    // were fetched at different times).
    clamp_selection(state, tab);
    effects
}

/// Qualifications from the other provider (kept apart: both answers stay).
pub fn toggle_provider(state: &mut State) -> Vec<Effect> {
    use crate::domain::qualification::Provider;
    state.provider = match state.provider {
        Provider::Qcc => Provider::Juhe,
        Provider::Juhe => Provider::Qcc,
    };
    if let Some(view) = state.view_mut(Tab::Qualifications) {
        *view = Default::default();
    }
    let label = state.provider.label();
    state.say(Level::Info, format!("qualifications from {label}"));
    if state.tab == Tab::Qualifications {
        state.error = None;
        run(state, Tab::Qualifications)
    } else {
        Vec::new()
    }
}

/// n / p: another upstream page, only when the answer says it exists.
pub fn turn_page(state: &mut State, forward: bool) -> Vec<Effect> {
    let tab = state.tab;
    let view = state.view(tab);
    let pages = super::records::current_page(state).map(|p| (p.page(), p.page_count()));
    let target = if forward {
        match pages {
            Some((page, count)) if page < count => page.saturating_add(1),
            Some(_) => {
                state.say(Level::Info, "already on the last page");
                return Vec::new();
            }
            None => {
                state.say(Level::Info, "no answer to page through yet");
                return Vec::new();
            }
        }
    } else if view.page > 1 {
        u64::from(view.page) - 1
    } else {
        state.say(Level::Info, "already on the first page");
        return Vec::new();
    };
    let page = u32::try_from(target).unwrap_or(u32::MAX);
    if let Some(v) = state.view_mut(tab) {
        *v = super::state::View {
            page,
            selected: 0,
            scroll: 0,
        };
    }
    state.error = None;
    run(state, tab)
}

/// Esc with nothing else to close: cancel the active tab's request in flight.
pub fn cancel_current(state: &mut State) -> Vec<Effect> {
    let Some(key) = state.current_key() else {
        return Vec::new();
    };
    let slot = (key.source, key.company);
    match state.flights.get(&slot) {
        Some(Flight::Loading { id, .. }) => {
            let id = *id;
            state.flights.remove(&slot);
            state.pending.remove(&id);
            state.say(Level::Info, "request cancelled; r runs it again");
            vec![Effect::Worker(Job::Cancel { id })]
        }
        _ => Vec::new(),
    }
}

/// Drop the active tab's failed lookup, so the next `run` sends it again.
pub fn forget_failure(state: &mut State) {
    if let Some(key) = state.current_key() {
        let slot = (key.source, key.company);
        if matches!(state.flights.get(&slot), Some(Flight::Failed { .. })) {
            state.flights.remove(&slot);
        }
    }
}

/// r / R: the active tab's lookup (or the open certificate's detail) with a new call that
/// bypasses the cache: after an error, or to replace an answer the user thinks is old. The
/// answer on screen stays until the new one arrives (a failed refresh keeps it). A lookup
/// already in flight for this page is not sent twice.
pub fn refresh(state: &mut State) -> Vec<Effect> {
    state.error = None;
    if let Some(cert_id) = state.drill.clone() {
        if state.tab == Tab::Certificates {
            if matches!(state.details.get(&cert_id), Some(DetailFetch::Loading(_))) {
                return Vec::new();
            }
            state.details.remove(&cert_id);
            state.say(
                Level::Info,
                "fetching the certificate detail again (billed)",
            );
            return detail_job(state, &cert_id, FetchMode::Refresh);
        }
    }
    forget_failure(state);
    if state.company.is_none() {
        state.say(Level::Info, "search a company first: / then type");
        return Vec::new();
    }
    let effects = send(state, state.tab, FetchMode::Refresh);
    if !effects.is_empty() {
        state.say(
            Level::Info,
            "looking it up again, not from the cache (billed)",
        );
    }
    effects
}

/// A certificate's detail, fetched once for the session.
pub fn fetch_detail(state: &mut State, cert_id: &str) -> Vec<Effect> {
    if state.details.contains_key(cert_id) {
        return Vec::new();
    }
    detail_job(state, cert_id, FetchMode::Normal)
}

fn detail_job(state: &mut State, cert_id: &str, mode: FetchMode) -> Vec<Effect> {
    let id = state.next_job_id();
    state
        .details
        .insert(cert_id.to_string(), DetailFetch::Loading(id));
    state.detail_pending.insert(id, cert_id.to_string());
    vec![Effect::Worker(Job::Fetch {
        id,
        request: Request::CertificateDetail {
            id: cert_id.to_string(),
        },
        mode,
    })]
}

/// Keep `tab`'s selection inside the list it shows (after an answer arrives, or on
/// arriving at a tab whose answer is there). With no list yet the selection waits for it.
pub fn clamp_selection(state: &mut State, tab: Tab) {
    let Some(len) = super::records::page_of(state, tab).map(|p| p.len()) else {
        return;
    };
    if let Some(v) = state.view_mut(tab) {
        v.selected = v.selected.min(len.saturating_sub(1));
    }
}
