//! Running lookups and taking their answers. Every answer is billed, so answers are kept per
//! lookup for the whole session (in the [`Registry`](super::registry::Registry)) and a lookup
//! already answered, in flight or failed is never sent again by itself (paging back to a
//! page already fetched makes no call); an answer whose job is no longer awaited is dropped.
//! Only `r` (or Enter in the search bar) asks for a new call on purpose.

use crate::api::error::ErrorReport;
use crate::app::job::{Job, JobId, LookupEvent};
use crate::domain::certificate::CertificateDetail;
use crate::service::cache::{FetchMode, Freshness};
use crate::service::{Request, Response};

use super::effect::Effect;
use super::registry::{Answer, DetailFetch, Lookup, Purpose};
use super::state::{ErrorBox, Focus, Level, Source, State, Tab};

/// Rows per upstream page (the vendors' maximum: fewer billed calls).
pub const PAGE_SIZE: u32 = 20;

/// Show `tab`'s answer for the searched company, fetching it if it is neither kept nor in
/// flight. A request in flight for another page of the same list is replaced. A failure
/// stays on screen until the user retries (r): coming back to a tab never re-sends by itself.
pub fn run(state: &mut State, tab: Tab) -> Vec<Effect> {
    send(state, tab, FetchMode::Normal)
}

fn send(state: &mut State, tab: Tab, mode: FetchMode) -> Vec<Effect> {
    let Some(key) = state.key_of(tab) else {
        return Vec::new();
    };
    match state.registry.lookups.get(&key) {
        Some(Lookup::Loading { .. } | Lookup::Failed { .. }) => return Vec::new(),
        Some(Lookup::Ready(_)) if mode == FetchMode::Normal => return Vec::new(),
        _ => {}
    }
    // One page of a list in flight at a time: another page's request is replaced, unless
    // an export is fetching the list's pages (cancelling one may lose a billed answer).
    let exporting = state.pending_export.is_some();
    let mut effects: Vec<Effect> = state
        .registry
        .ids(|p| matches!(p, Purpose::Lookup(k) if !exporting && k != &key && same_list(k, &key)))
        .into_iter()
        .map(|id| {
            state.registry.cancel_lookup(id);
            Effect::Worker(Job::Cancel { id })
        })
        .collect();
    let id = state.next_job_id();
    state.registry.send(id, key.clone());
    effects.push(Effect::Worker(Job::Fetch {
        id,
        request: key,
        mode,
    }));
    effects
}

/// Two pages of one list (same call and company).
fn same_list(a: &Request, b: &Request) -> bool {
    let list = |r: &Request| match r {
        Request::Qualifications {
            keyword, provider, ..
        } => Some((0, Some(*provider), keyword.clone())),
        Request::Certificates { keyword, .. } => Some((1, None, keyword.clone())),
        Request::Customs { keyword, .. } => Some((2, None, keyword.clone())),
        Request::CertificateDetail { .. } => None,
    };
    list(a).is_some() && list(a) == list(b)
}

/// The lookup a tab makes for `company`'s page `page`: its one identity, shared with the
/// service (and so with its cache).
pub fn request_for(source: Source, company: &str, page: u32) -> Request {
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

/// The lookup feature's answers.
pub fn on_worker(state: &mut State, ev: LookupEvent) -> Vec<Effect> {
    match ev {
        LookupEvent::Fetched {
            id,
            result,
            freshness,
        } => {
            fetched(state, id, result, freshness);
            return super::export::continue_export(state);
        }
        LookupEvent::StoredDetails { details } => stored_details(state, details),
    }
    Vec::new()
}

/// Details the store already holds, by the certificate id they were asked for.
fn stored_details(state: &mut State, details: Vec<(String, CertificateDetail, Freshness)>) {
    for (id, detail, freshness) in details {
        super::details::hold(state, id, detail, Some(freshness));
    }
}

/// A `Fetched` event: a lookup's answer, or a stale id (dropped).
fn fetched(
    state: &mut State,
    id: JobId,
    result: Result<Response, ErrorReport>,
    freshness: Option<Freshness>,
) {
    let Some(Purpose::Lookup(key)) = state.registry.jobs.get(&id).cloned() else {
        return;
    };
    state.registry.finish(id);
    let previous = match state.registry.lookups.remove(&key) {
        Some(Lookup::Loading { previous, .. }) => previous,
        _ => None,
    };
    let detail = matches!(key, Request::CertificateDetail { .. });
    let visible = if detail {
        matches!(&key, Request::CertificateDetail { id } if state.drill.as_deref() == Some(id))
    } else {
        state.current_key().as_ref() == Some(&key)
    };
    match result {
        Ok(response) if detail == matches!(response, Response::CertificateDetail(_)) => {
            if let Some(f) = freshness.as_ref().filter(|f| visible && f.stale) {
                let why = f.note.clone().unwrap_or_else(|| "the call failed".into());
                state.say(Level::Warn, format!("showing a STALE answer: {why}"));
            }
            state.registry.lookups.insert(
                key.clone(),
                Lookup::Ready(Answer {
                    response,
                    freshness,
                }),
            );
            // Every tab showing this list keeps its selection inside it, on screen or not
            // (a refresh may answer while another tab is up).
            for tab in Tab::ALL {
                if state.key_of(tab).as_ref() == Some(&key) {
                    clamp_selection(state, tab);
                }
            }
        }
        Ok(_) => {
            let error = ErrorReport {
                code: None,
                class: "bad_answer".into(),
                message: "the worker answered a request with another kind of answer".into(),
                gloss: None,
                advice: None,
                retryable: true,
            };
            state.registry.lookups.insert(key, Lookup::Failed { error });
        }
        Err(error) => {
            if visible {
                let title = if detail {
                    "certificate detail failed".to_string()
                } else {
                    format!("{} lookup failed", state.tab.noun())
                };
                state.error = Some(ErrorBox {
                    title,
                    report: error.clone(),
                });
            }
            // A failed refresh keeps the answer already shown.
            if let Some(kept) = previous {
                if visible && !detail {
                    state.say(
                        Level::Error,
                        format!(
                            "refresh failed, the earlier answer stays: {}",
                            error.message
                        ),
                    );
                }
                state.registry.lookups.insert(key, Lookup::Ready(*kept));
                return;
            }
            if visible && !detail {
                state.say(Level::Error, format!("lookup failed: {}", error.message));
            }
            state.registry.lookups.insert(key, Lookup::Failed { error });
        }
    }
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
        return super::overview::show(state);
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
    let Some(Lookup::Loading { id, .. }) = state.registry.lookups.get(&key) else {
        return Vec::new();
    };
    let id = *id;
    state.registry.cancel_lookup(id);
    state.say(Level::Info, "request cancelled; r runs it again");
    vec![Effect::Worker(Job::Cancel { id })]
}

/// Drop the active tab's failed lookup, so the next `run` sends it again.
pub fn forget_failure(state: &mut State) {
    if let Some(key) = state.current_key() {
        if matches!(
            state.registry.lookups.get(&key),
            Some(Lookup::Failed { .. })
        ) {
            state.registry.lookups.remove(&key);
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
            if matches!(state.detail(&cert_id), Some(DetailFetch::Loading)) {
                return Vec::new();
            }
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
    if state.detail(cert_id).is_some() {
        return Vec::new();
    }
    detail_job(state, cert_id, FetchMode::Normal)
}

fn detail_job(state: &mut State, cert_id: &str, mode: FetchMode) -> Vec<Effect> {
    let id = state.next_job_id();
    let request = Request::CertificateDetail {
        id: cert_id.to_string(),
    };
    // A refresh of a detail shows "fetching" again rather than the old one.
    state.registry.lookups.remove(&request);
    state.registry.send(id, request.clone());
    vec![Effect::Worker(Job::Fetch { id, request, mode })]
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
