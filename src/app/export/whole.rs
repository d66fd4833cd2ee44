//! `e` / `E` on a lookup tab export the whole list held, every page of it: the pages not
//! fetched yet are offered first (each a call, billed unless stored), fetched one after
//! another, and the file is written once all are in (or with what is held, if the user
//! says so or a page fails).

use crate::service::{Request, Response};

use super::super::lookups::request_for;
use super::super::records::List;
use super::super::registry::Lookup;
use super::super::state::{Source, State, Tab};

/// An export waiting for pages being fetched: the list it was confirmed for (a provider
/// switched meanwhile does not change it) and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingExport {
    pub tab: Tab,
    pub source: Source,
    pub company: String,
    pub pages: u32,
    pub csv: bool,
}

/// The list `tab` shows now: its source and how many pages it has.
pub fn list_of(state: &State, tab: Tab) -> Option<(Source, u32)> {
    let source = state.source(tab)?;
    let shown = &state.registry.answer(&state.key_of(tab)?)?.response;
    let pages = u32::try_from(List::from_response(shown)?.page_count()).unwrap_or(u32::MAX);
    Some((source, pages))
}

/// [`gathered`] for the list `tab` shows now.
pub fn gathered_shown(state: &State, tab: Tab) -> Option<(Response, Vec<Missing<'_>>)> {
    let (source, pages) = list_of(state, tab)?;
    gathered(state, source, pages)
}

/// A page not held, with how it stands: `None` not asked, `Some(lookup)` loading or failed.
pub type Missing<'a> = (u32, Option<&'a Lookup>);

/// Every page of `tab`'s list held for the company, as one answer, and the pages not held.
pub fn gathered(state: &State, source: Source, pages: u32) -> Option<(Response, Vec<Missing<'_>>)> {
    let company = state.company.as_deref()?;
    let mut all: Option<Response> = None;
    let mut missing = Vec::new();
    for p in 1..=pages {
        let key = request_for(source, company, p);
        match state.registry.answer(&key) {
            Some(answer) => match all.as_mut() {
                Some(all) => append(all, &answer.response),
                None => {
                    let mut first = empty_like(&answer.response)?;
                    append(&mut first, &answer.response);
                    all = Some(first);
                }
            },
            None => missing.push((p, state.registry.lookups.get(&key))),
        }
    }
    Some((all?, missing))
}

/// The request for page `page` of the pending export's list.
pub fn page_request(state: &State, pending: &PendingExport, page: u32) -> Request {
    let company = state.company.as_deref().unwrap_or(&pending.company);
    request_for(pending.source, company, page)
}

/// Forget the failures of `source`'s pages, so `y` asks for them again.
pub fn forget_failures(state: &mut State, source: Source, pages: u32) {
    let Some(company) = state.company.clone() else {
        return;
    };
    for p in 1..=pages {
        let key = request_for(source, &company, p);
        if matches!(
            state.registry.lookups.get(&key),
            Some(Lookup::Failed { .. })
        ) {
            state.registry.lookups.remove(&key);
        }
    }
}

/// The same kind of list with no rows, paging of the whole list (page 1 of 1).
fn empty_like(r: &Response) -> Option<Response> {
    macro_rules! empty {
        ($variant:ident, $p:expr) => {
            Response::$variant(crate::domain::page::Page {
                items: Vec::new(),
                page: 1,
                page_size: $p.total.max(1),
                total: $p.total,
            })
        };
    }
    Some(match r {
        Response::Qualifications(p) => empty!(Qualifications, p),
        Response::Certificates(p) => empty!(Certificates, p),
        Response::Customs(p) => empty!(Customs, p),
        Response::CertificateDetail(_) => return None,
    })
}

fn append(all: &mut Response, page: &Response) {
    match (all, page) {
        (Response::Qualifications(a), Response::Qualifications(p)) => {
            a.items.extend(p.items.iter().cloned())
        }
        (Response::Certificates(a), Response::Certificates(p)) => {
            a.items.extend(p.items.iter().cloned())
        }
        (Response::Customs(a), Response::Customs(p)) => a.items.extend(p.items.iter().cloned()),
        _ => {}
    }
}
