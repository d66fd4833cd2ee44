//! "Can I sign with this company today?": a pure verdict over what each source answered.
//!
//! [`vet`] reads a [`VetInput`] (each source's outcome: found, not found, failed or not
//! asked) and returns a [`Verdict`]: an overall level and a list of flags, each with the
//! record behind it. Rules (issue 5, and the domain notes of `docs/PROTOCOL.md` for
//! certificate statuses):
//!
//! - red: customs level 失信企业 / 严重失信企业; a customs penalty of nature 走私; a required
//!   qualification expired — every qualification the company holds counts as required, since
//!   the registry cannot say which ones a given contract needs; a certificate whose detail
//!   status is 撤销 or 注销;
//! - warning: a qualification expiring within 90 days; a certificate expiring within 90 days
//!   or expired (by its detail's date when fetched, else the list's); a certificate status
//!   暂停 or undocumented, or an issuing body not 有效 (`docs/PROTOCOL.md`); customs 注销; a
//!   customs penalty that is not smuggling (smuggling is already red); annual report 未报送;
//!   certificates whose status was not checked (count); a source that could not be checked;
//! - good: 高级认证企业; all qualifications valid (none expired, every date known, and no
//!   qualification source failed).
//!
//! Level: every asked source failed → `Incomplete`; any red → `Red`; no source found any
//! record and none failed → `NothingFound` (never "clean"; with a failed source it is the
//! failure's warning, since the missing source may hold the records); any warning →
//! `Warning`; else `Clean`.

mod certs;
mod compare;
mod customs;
mod flag;
mod judged;
mod rules;
mod tally;
#[cfg(test)]
mod tests;
pub mod watch;

/// Certificate pages a vet reads by default (20 a page: 100 certificates).
pub const DEFAULT_MAX_PAGES: u32 = 5;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::api::error::ErrorReport;
use crate::domain::certificate::{Certificate, CertificateDetail};
use crate::domain::customs::CustomsRecord;
use crate::domain::qualification::Qualification;

pub use flag::{Evidence, Flag, FlagCode, FlagLevel};
pub use judged::JudgedInput;

/// What one source answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", content = "data", rename_all = "snake_case")]
pub enum Outcome<T> {
    /// Records (never an empty list: that is `NotFound`).
    Found(T),
    /// A valid, empty answer (QCC 201, Juhe 265004).
    NotFound,
    /// The source could not be checked.
    Failed(ErrorReport),
    /// Not part of this vet (e.g. Juhe when only QCC is configured).
    NotAsked,
}

impl<T> Outcome<T> {
    /// The same outcome with its records seen through `f` (an error is copied).
    pub fn map_found<'a, U>(&'a self, f: impl FnOnce(&'a T) -> U) -> Outcome<U> {
        match self {
            Outcome::Found(t) => Outcome::Found(f(t)),
            Outcome::NotFound => Outcome::NotFound,
            Outcome::Failed(e) => Outcome::Failed(e.clone()),
            Outcome::NotAsked => Outcome::NotAsked,
        }
    }

    pub fn found(&self) -> Option<&T> {
        match self {
            Outcome::Found(t) => Some(t),
            _ => None,
        }
    }

    pub fn error(&self) -> Option<&ErrorReport> {
        match self {
            Outcome::Failed(e) => Some(e),
            _ => None,
        }
    }

    pub fn is_asked(&self) -> bool {
        !matches!(self, Outcome::NotAsked)
    }
}

/// The sources a vet reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceId {
    QualificationsQcc,
    QualificationsJuhe,
    Certificates,
    Customs,
}

impl SourceId {
    pub const ALL: [SourceId; 4] = [
        SourceId::QualificationsQcc,
        SourceId::QualificationsJuhe,
        SourceId::Certificates,
        SourceId::Customs,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SourceId::QualificationsQcc => "qualifications_qcc",
            SourceId::QualificationsJuhe => "qualifications_juhe",
            SourceId::Certificates => "certificates",
            SourceId::Customs => "customs",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            SourceId::QualificationsQcc => "qualifications (QCC)",
            SourceId::QualificationsJuhe => "qualifications (Juhe)",
            SourceId::Certificates => "certificates",
            SourceId::Customs => "customs credit",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            SourceId::QualificationsQcc => "资质（企查查）",
            SourceId::QualificationsJuhe => "资质（聚合）",
            SourceId::Certificates => "企业证书",
            SourceId::Customs => "海关信用",
        }
    }
}

/// Every certificate page fetched, up to the cap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CertificateSet {
    /// All rows of the pages fetched, in order.
    pub items: Vec<Certificate>,
    /// The vendor's total across all pages (may exceed `items` past the cap).
    pub total: u64,
    /// Pages fetched.
    pub pages: u32,
    /// A later page failed: `items` holds the pages before it.
    pub partial: Option<ErrorReport>,
}

/// How much of a paged list (Juhe qualifications, customs) the vet read, when not all of
/// it: the page cap stopped it short of the vendor's total, or a later page failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Records read.
    pub listed: usize,
    /// The vendor's total.
    pub total: u64,
    /// The page that failed, when one did (the records before it still count).
    pub stopped: Option<ErrorReport>,
}

impl Coverage {
    /// What a vet read of a list whose vendor total is `total`: `None` when it is all of
    /// it and nothing failed.
    pub fn of(listed: usize, total: u64, stopped: Option<ErrorReport>) -> Option<Coverage> {
        (stopped.is_some() || (listed as u64) < total).then_some(Coverage {
            listed,
            total,
            stopped,
        })
    }

    /// Records beyond the pages read.
    pub fn unread(&self) -> u64 {
        self.total.saturating_sub(self.listed as u64)
    }
}

/// Everything a verdict is made from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VetInput {
    /// The company as searched.
    pub keyword: String,
    pub qualifications_qcc: Outcome<Vec<Qualification>>,
    pub qualifications_juhe: Outcome<Vec<Qualification>>,
    pub certificates: Outcome<CertificateSet>,
    /// Certificate details fetched so far, by certificate id (each one is billed).
    pub details: BTreeMap<String, CertificateDetail>,
    pub customs: Outcome<Vec<CustomsRecord>>,
    /// The paged lists read only in part (certificates carry theirs in [`CertificateSet`]).
    pub coverage: BTreeMap<SourceId, Coverage>,
}

impl VetInput {
    /// Nothing asked yet.
    pub fn new(keyword: &str) -> Self {
        VetInput {
            keyword: keyword.to_string(),
            qualifications_qcc: Outcome::NotAsked,
            qualifications_juhe: Outcome::NotAsked,
            certificates: Outcome::NotAsked,
            details: BTreeMap::new(),
            customs: Outcome::NotAsked,
            coverage: BTreeMap::new(),
        }
    }

    /// The qualifications of `source` (empty for the other sources).
    pub fn qualifications(&self, source: SourceId) -> Option<&Outcome<Vec<Qualification>>> {
        match source {
            SourceId::QualificationsQcc => Some(&self.qualifications_qcc),
            SourceId::QualificationsJuhe => Some(&self.qualifications_juhe),
            _ => None,
        }
    }

    /// Each source's state and record count.
    pub fn source_reports(&self) -> Vec<SourceReport> {
        let mut out = Vec::new();
        let mut push = |source, state, records, error: Option<&ErrorReport>| {
            out.push(SourceReport {
                source,
                state,
                records,
                error: error.cloned(),
            })
        };
        let stopped = |source| {
            self.coverage
                .get(&source)
                .and_then(|c: &Coverage| c.stopped.as_ref())
        };
        for source in [SourceId::QualificationsQcc, SourceId::QualificationsJuhe] {
            if let Some(o) = self.qualifications(source) {
                let n = o.found().map_or(0, Vec::len);
                match stopped(source) {
                    Some(e) if n > 0 => push(source, SourceState::Partial, n, Some(e)),
                    _ => push(source, SourceState::of(o), n, o.error()),
                }
            }
        }
        let c = &self.certificates;
        match c.found() {
            Some(set) if set.partial.is_some() => push(
                SourceId::Certificates,
                SourceState::Partial,
                set.items.len(),
                set.partial.as_ref(),
            ),
            found => push(
                SourceId::Certificates,
                SourceState::of(c),
                found.map_or(0, |s| s.items.len()),
                c.error(),
            ),
        }
        let k = &self.customs;
        let n = k.found().map_or(0, Vec::len);
        match stopped(SourceId::Customs) {
            Some(e) if n > 0 => push(SourceId::Customs, SourceState::Partial, n, Some(e)),
            _ => push(SourceId::Customs, SourceState::of(k), n, k.error()),
        }
        out.retain(|r| r.state != SourceState::NotAsked);
        out
    }
}

/// How a source fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceState {
    Found,
    NotFound,
    /// Some pages answered, a later one failed.
    Partial,
    Failed,
    NotAsked,
}

impl SourceState {
    fn of<T>(o: &Outcome<T>) -> SourceState {
        match o {
            Outcome::Found(_) => SourceState::Found,
            Outcome::NotFound => SourceState::NotFound,
            Outcome::Failed(_) => SourceState::Failed,
            Outcome::NotAsked => SourceState::NotAsked,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            SourceState::Found => "found",
            SourceState::NotFound => "not_found",
            SourceState::Partial => "partial",
            SourceState::Failed => "failed",
            SourceState::NotAsked => "not_asked",
        }
    }
}

/// One asked source in a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceReport {
    pub source: SourceId,
    pub state: SourceState,
    /// Records received.
    pub records: usize,
    pub error: Option<ErrorReport>,
}

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictLevel {
    Red,
    Warning,
    Clean,
    /// No source had any record: not the same as clean.
    NothingFound,
    /// Every asked source failed.
    Incomplete,
}

impl VerdictLevel {
    pub fn code(self) -> &'static str {
        match self {
            VerdictLevel::Red => "red",
            VerdictLevel::Warning => "warning",
            VerdictLevel::Clean => "clean",
            VerdictLevel::NothingFound => "nothing_found",
            VerdictLevel::Incomplete => "incomplete",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            VerdictLevel::Red => "RED FLAGS",
            VerdictLevel::Warning => "WARNINGS",
            VerdictLevel::Clean => "CLEAN",
            VerdictLevel::NothingFound => "NOTHING FOUND",
            VerdictLevel::Incomplete => "COULD NOT VET",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            VerdictLevel::Red => "存在重大风险",
            VerdictLevel::Warning => "需要注意",
            VerdictLevel::Clean => "未发现问题",
            VerdictLevel::NothingFound => "未查到任何记录",
            VerdictLevel::Incomplete => "无法核查",
        }
    }
}

/// Tallies for a summary line or a batch row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub qualifications: usize,
    /// Certificates listed (pages fetched).
    pub certificates: usize,
    /// The vendor's certificate total.
    pub certificates_total: u64,
    /// Certificates whose detail (status) was fetched.
    pub certificates_checked: usize,
    pub customs_records: usize,
    pub penalties: usize,
    pub red: usize,
    pub warning: usize,
    pub good: usize,
}

/// The verdict of one vet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub level: VerdictLevel,
    /// One line: the level and what stands behind it.
    pub headline_en: String,
    pub headline_zh: String,
    /// Red first, then warnings, then good signs; within a level in source order.
    pub flags: Vec<Flag>,
    /// Every asked source, with its state.
    pub sources: Vec<SourceReport>,
    /// The sources that could not be checked (failed or partial).
    pub unchecked: Vec<SourceId>,
    pub counts: Counts,
}

impl Verdict {
    pub fn has_red(&self) -> bool {
        self.counts.red > 0
    }
}

/// The verdict over `input`, expiry dates read against `today`.
pub fn vet(input: &VetInput, today: NaiveDate) -> Verdict {
    let mut flags = rules::all_flags(input, today);
    // Stable: keeps source order within a level.
    flags.sort_by_key(|f| f.level);
    let sources = input.source_reports();
    let unchecked: Vec<SourceId> = sources
        .iter()
        .filter(|s| matches!(s.state, SourceState::Failed | SourceState::Partial))
        .map(|s| s.source)
        .collect();
    let counts = tally::counts(input, &flags);
    let all_failed = !sources.is_empty() && sources.iter().all(|s| s.state == SourceState::Failed);
    let found_any = sources.iter().any(|s| s.records > 0);
    let level = if sources.is_empty() || all_failed {
        VerdictLevel::Incomplete
    } else if counts.red > 0 {
        VerdictLevel::Red
    } else if !found_any && unchecked.is_empty() {
        VerdictLevel::NothingFound
    } else if counts.warning > 0 {
        VerdictLevel::Warning
    } else {
        VerdictLevel::Clean
    };
    let (headline_en, headline_zh) = tally::headline(level, &counts, &unchecked);
    Verdict {
        level,
        headline_en,
        headline_zh,
        flags,
        sources,
        unchecked,
        counts,
    }
}
