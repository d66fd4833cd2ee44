//! The one registry of the explorer's requests: every job in flight with what it is for,
//! and every lookup by its identity (the service's [`Request`]) with where it stands. Every
//! question "is this pending? did it fail? may it be sent again?" is asked here, and an
//! answer whose job is not registered is dropped.

use std::collections::HashMap;

use crate::api::error::ErrorReport;
use crate::app::job::JobId;
use crate::domain::certificate::CertificateDetail;
use crate::domain::verdict::SourceId;
use crate::service::cache::Freshness;
use crate::service::{Request, Response};

/// What a job in flight is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// A lookup (a tab's page, or a certificate's detail).
    Lookup(Request),
    /// One source of the Overview's vet.
    Vet(SourceId),
    /// The count behind the `D` confirm.
    CountDetails,
    /// The details fetched after `D` was confirmed.
    FetchDetails,
    /// The watchlist, for this company.
    Watch(String),
    /// Ordering, polling or downloading this company's report.
    Report(String),
    /// Reading the ledger for an order standing for this company.
    FindOrder(String),
}

/// An answer kept for the session, and where it came from (a cached or stale one shows its
/// age; `None` when the origin is unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub response: Response,
    pub freshness: Option<Freshness>,
}

/// Where one lookup stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// Sent as job `id`; a refresh keeps the answer it replaces on screen meanwhile.
    Loading {
        id: JobId,
        previous: Option<Box<Answer>>,
    },
    Ready(Answer),
    /// Stays failed, shown with its error, until the user asks again.
    Failed {
        error: ErrorReport,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registry {
    pub jobs: HashMap<JobId, Purpose>,
    pub lookups: HashMap<Request, Lookup>,
}

impl Registry {
    /// Any job in flight (drives the spinner). A ledger read is local and answers at once:
    /// it spins nothing.
    pub fn busy(&self) -> bool {
        self.jobs
            .values()
            .any(|p| !matches!(p, Purpose::FindOrder(_)))
    }

    /// Register job `id`.
    pub fn start(&mut self, id: JobId, purpose: Purpose) {
        self.jobs.insert(id, purpose);
    }

    /// Job `id` answered or was cancelled: what it was for, if it was awaited.
    pub fn finish(&mut self, id: JobId) -> Option<Purpose> {
        self.jobs.remove(&id)
    }

    /// Whether a job for `purpose` is in flight.
    pub fn running(&self, purpose: &Purpose) -> bool {
        self.jobs.values().any(|p| p == purpose)
    }

    /// The jobs in flight whose purpose matches.
    pub fn ids(&self, matches: impl Fn(&Purpose) -> bool) -> Vec<JobId> {
        let mut ids: Vec<JobId> = self
            .jobs
            .iter()
            .filter(|(_, p)| matches(p))
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        ids
    }

    /// The answer kept for `key`, also while a refresh of it runs.
    pub fn answer(&self, key: &Request) -> Option<&Answer> {
        match self.lookups.get(key)? {
            Lookup::Ready(a) => Some(a),
            Lookup::Loading { previous, .. } => previous.as_deref(),
            Lookup::Failed { .. } => None,
        }
    }

    /// Send `key` as job `id`: registered, and marked loading (keeping an answer it replaces).
    pub fn send(&mut self, id: JobId, key: Request) {
        let previous = match self.lookups.remove(&key) {
            Some(Lookup::Ready(a)) => Some(Box::new(a)),
            Some(Lookup::Loading { previous, .. }) => previous,
            _ => None,
        };
        self.lookups
            .insert(key.clone(), Lookup::Loading { id, previous });
        self.start(id, Purpose::Lookup(key));
    }

    /// Stop the lookup in flight as job `id`: back to the answer it was replacing, or to
    /// nothing (so it may be asked again).
    pub fn cancel_lookup(&mut self, id: JobId) {
        let Some(Purpose::Lookup(key)) = self.finish(id) else {
            return;
        };
        if let Some(Lookup::Loading { id: i, previous }) = self.lookups.remove(&key) {
            if i != id {
                self.lookups
                    .insert(key, Lookup::Loading { id: i, previous });
            } else if let Some(a) = previous {
                self.lookups.insert(key, Lookup::Ready(*a));
            }
        }
    }
}

/// A certificate's detail as the screens show it (a view of its [`Lookup`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DetailFetch<'a> {
    Loading,
    Ready(&'a CertificateDetail),
    Failed(&'a ErrorReport),
}

impl Registry {
    /// Where the detail of certificate `id` stands, if it was asked.
    pub fn detail(&self, id: &str) -> Option<DetailFetch<'_>> {
        let key = Request::CertificateDetail { id: id.to_string() };
        Some(match self.lookups.get(&key)? {
            Lookup::Failed { error } => DetailFetch::Failed(error),
            Lookup::Loading { previous: None, .. } => DetailFetch::Loading,
            Lookup::Loading {
                previous: Some(a), ..
            } => ready(a).unwrap_or(DetailFetch::Loading),
            Lookup::Ready(a) => ready(a)?,
        })
    }
}

fn ready(a: &Answer) -> Option<DetailFetch<'_>> {
    match &a.response {
        Response::CertificateDetail(d) => Some(DetailFetch::Ready(d)),
        _ => None,
    }
}
