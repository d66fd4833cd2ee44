//! Shared fixtures for the explorer's state-machine and render tests: real Chinese records
//! from the sandbox dataset turned into domain types, and helpers to drive `update`.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde_json::Value;

use corpvet::api::error::ErrorReport;
use corpvet::api::status::{lookup, Vendor};
use corpvet::api::wire::qcc::{
    BuildingQualification, Certification, CertificationDetail, CustomsRecord as WireCustoms,
};
use corpvet::api::ApiError;
use corpvet::app::job::{Job, JobId, WorkerEvent};
use corpvet::app::job::{LookupEvent, VetEvent, WatchEvent};
use corpvet::app::{update, Effect, Event, Init, State, Tab};
use corpvet::domain::certificate::{Certificate, CertificateDetail};
use corpvet::domain::customs::CustomsRecord;
use corpvet::domain::page::Page;
use corpvet::domain::qualification::{Provider, Qualification};
use corpvet::service::cache::{FetchMode, Freshness};
use corpvet::service::{Mode, Request, Response};

pub const ZHEJIANG: &str = "浙江华屹建设集团有限公司";
pub const ZHEJIANG_CODE: &str = "913307830859910682";
pub const SHENZHEN: &str = "深圳市鹏科智联电子股份有限公司";
pub const SHENZHEN_CODE: &str = "91440300033424790Y";
pub const NINGBO: &str = "宁波甬舟泽汇进出口有限公司";
pub const NINGBO_CODE: &str = "91330206792126460X";
pub const BEIJING_EMPTY: &str = "北京知行远咨询管理有限公司";
/// The brief's very long company name (data from the sandbox's long-named company).
pub const LONG: &str =
    "中国建筑第八工程局有限公司华东分公司第三项目管理部（上海市浦东新区临港片区）";
pub const LONG_CODE: &str = "913101153221040135";

const QUALS: &str = include_str!("../../assets/sandbox/qualifications.json");
const CERTS: &str = include_str!("../../assets/sandbox/certificates.json");
const CUSTOMS: &str = include_str!("../../assets/sandbox/customs.json");

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

pub fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 30, 0).unwrap()
}

pub fn init() -> Init {
    Init {
        mode: Mode::Sandbox,
        today: today(),
        now: now(),
        download_dir: PathBuf::from("/home/vetter/Downloads"),
        export_dir: PathBuf::from("/home/vetter/exports"),
        mouse: false,
        no_color: false,
        default_provider: Provider::Qcc,
        history: vec!["企查查科技有限公司".into(), SHENZHEN.into()],
        utc_offset: chrono::FixedOffset::east_opt(0).unwrap(),
        notice: None,
        palette: Default::default(),
        // Most journeys start from a lookup tab; the Overview has its own tests.
        start_tab: Tab::Qualifications,
        keys: Default::default(),
        vet_both_providers: false,
        report_price_fen: 0,
    }
}

pub fn state() -> State {
    State::new(init())
}

fn dataset(json: &str, code: &str) -> Vec<Value> {
    let all: Value = serde_json::from_str(json).unwrap();
    all.get(code)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

pub fn quals(code: &str) -> Page<Qualification> {
    let items: Vec<Qualification> = dataset(QUALS, code)
        .into_iter()
        .map(|v| {
            let w: BuildingQualification = serde_json::from_value(v).unwrap();
            Qualification::from_qcc(w)
        })
        .collect();
    let n = items.len() as u64;
    Page::from_paging(items, None, 1, n.max(1))
}

/// One page of 20 certificates, with the total across pages.
pub fn certs(code: &str, page: u64) -> Page<Certificate> {
    let all = dataset(CERTS, code);
    let total = all.len() as u64;
    let items: Vec<Certificate> = all
        .into_iter()
        .skip(((page - 1) * 20) as usize)
        .take(20)
        .map(|v| {
            let w: Certification = serde_json::from_value(v).unwrap();
            Certificate::from_wire(w)
        })
        .collect();
    Page::from_paging(
        items,
        Some(corpvet::api::Paging {
            page_size: 20,
            page_index: page,
            total_records: total,
        }),
        page,
        20,
    )
}

pub fn cert_detail(code: &str, index: usize) -> CertificateDetail {
    let v = dataset(CERTS, code).swap_remove(index);
    let wire: CertificationDetail = serde_json::from_value(serde_json::json!({
        "Id": v["Id"],
        "Data": v["Detail"],
    }))
    .unwrap();
    CertificateDetail::from_wire(&wire)
}

pub fn customs(code: &str) -> Page<CustomsRecord> {
    let items: Vec<CustomsRecord> = dataset(CUSTOMS, code)
        .into_iter()
        .map(|v| {
            let w: WireCustoms = serde_json::from_value(v).unwrap();
            CustomsRecord::from_wire(w)
        })
        .collect();
    let n = items.len() as u64;
    Page::from_paging(items, None, 1, 20.max(n))
}

pub fn empty_certs() -> Page<Certificate> {
    Page::from_paging(Vec::new(), None, 1, 20)
}

/// QCC 116 (quota used up): a realistic vendor refusal.
pub fn quota_error() -> ErrorReport {
    let info = lookup(Vendor::Qcc, "116").copied().unwrap();
    ApiError::Status {
        info,
        message: info.message.to_string(),
    }
    .report()
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Event {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), mods))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn release(c: char) -> Event {
    let mut k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    k.kind = KeyEventKind::Release;
    Event::Key(k)
}

/// Send events, collecting every effect.
pub fn send(state: &mut State, events: impl IntoIterator<Item = Event>) -> Vec<Effect> {
    events.into_iter().flat_map(|e| update(state, e)).collect()
}

/// Type text key by key (as a user would, or an input method committing characters).
pub fn type_text(state: &mut State, text: &str) -> Vec<Effect> {
    send(
        state,
        text.chars()
            .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
    )
}

/// Type a company and press Enter.
pub fn search(state: &mut State, text: &str) -> Vec<Effect> {
    let mut out = type_text(state, text);
    out.extend(update(state, key(KeyCode::Enter)));
    out
}

/// The Fetch jobs among the effects.
pub fn fetches(effects: &[Effect]) -> Vec<(JobId, Request)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Worker(Job::Fetch { id, request, .. }) => Some((*id, request.clone())),
            _ => None,
        })
        .collect()
}

/// The single Fetch among the effects.
pub fn one_fetch(effects: &[Effect]) -> (JobId, Request) {
    let f = fetches(effects);
    assert_eq!(f.len(), 1, "expected exactly one fetch, got {effects:?}");
    f.into_iter().next().unwrap()
}

pub fn answer(state: &mut State, id: JobId, response: Response) -> Vec<Effect> {
    update(
        state,
        Event::Worker(WorkerEvent::Lookup(LookupEvent::Fetched {
            id,
            result: Ok(response),
            freshness: None,
        })),
    )
}

/// Answer with where the answer came from (cached, stale).
pub fn answer_with(
    state: &mut State,
    id: JobId,
    response: Response,
    freshness: Freshness,
) -> Vec<Effect> {
    update(
        state,
        Event::Worker(WorkerEvent::Lookup(LookupEvent::Fetched {
            id,
            result: Ok(response),
            freshness: Some(freshness),
        })),
    )
}

/// An answer from the cache, fetched `secs` before [`now`] (UTC, as the tests' clock).
pub fn cached(secs: i64, stale: bool) -> Freshness {
    let at = now().and_utc() - chrono::Duration::seconds(secs);
    Freshness {
        cached: true,
        fetched_at: at,
        stale,
        note: stale.then(|| "could not connect: refused".to_string()),
        fetched_by: None,
        order_number: None,
    }
}

/// The fetch modes of the Fetch jobs among the effects.
pub fn fetch_modes(effects: &[Effect]) -> Vec<FetchMode> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Worker(Job::Fetch { mode, .. }) => Some(*mode),
            _ => None,
        })
        .collect()
}

pub fn fail(state: &mut State, id: JobId, error: ErrorReport) -> Vec<Effect> {
    update(
        state,
        Event::Worker(WorkerEvent::Lookup(LookupEvent::Fetched {
            id,
            result: Err(error),
            freshness: None,
        })),
    )
}

/// Search `company` on the Qualifications tab and answer with `page`.
pub fn with_quals(state: &mut State, company: &str, page: Page<Qualification>) {
    let (id, _) = one_fetch(&search(state, company));
    answer(state, id, Response::Qualifications(page));
}

/// [`with_quals`] with the answer's origin and age; the lookup's job id.
pub fn with_quals_from(
    state: &mut State,
    company: &str,
    page: Page<Qualification>,
    freshness: Freshness,
) -> JobId {
    let (id, _) = one_fetch(&search(state, company));
    answer_with(state, id, Response::Qualifications(page), freshness);
    id
}

/// The Certificates tab with `company`'s first certificate opened, its detail answered
/// from the cache five days old.
pub fn drilled_into_cached_detail(company: &str, code: &str) -> State {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, company));
    answer(&mut s, id, Response::Certificates(certs(code, 1)));
    let (did, _) = one_fetch(&send(&mut s, [key(KeyCode::Enter)]));
    answer_with(
        &mut s,
        did,
        Response::CertificateDetail(cert_detail(code, 0)),
        cached(5 * 86_400, false),
    );
    s
}

/// `D` on the Overview, and the worker's count answered: `count` details to fetch,
/// `billable` of them billed. Returns how many certificates the count job carried.
pub fn d_counted(state: &mut State, count: usize, billable: usize) -> usize {
    let effects = send(state, [ch('D')]);
    let [Effect::Worker(Job::CountDetails { id, certificates })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let asked = certificates.len();
    update(
        state,
        Event::Worker(WorkerEvent::Vet(VetEvent::DetailsCounted {
            id: *id,
            count,
            billable,
        })),
    );
    asked
}

/// A fresh explorer on the tab with this digit, back in the search bar.
pub fn on_tab(digit: char) -> State {
    let mut s = state();
    let effects = send(&mut s, [key(KeyCode::Esc), ch(digit), ch('/')]);
    assert!(effects.is_empty(), "no company yet: {effects:?}");
    assert!(s.insert_mode());
    s
}

/// The vet jobs among the effects: (id, source).
pub fn vet_jobs(effects: &[Effect]) -> Vec<(JobId, corpvet::domain::verdict::SourceId)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Worker(Job::Vet { id, source, .. }) => Some((*id, *source)),
            _ => None,
        })
        .collect()
}

/// The job of `source` among vet jobs.
pub fn vet_job(
    jobs: &[(JobId, corpvet::domain::verdict::SourceId)],
    source: corpvet::domain::verdict::SourceId,
) -> JobId {
    jobs.iter()
        .find(|(_, s)| *s == source)
        .map(|(id, _)| *id)
        .unwrap_or_else(|| panic!("no vet job for {source:?} in {jobs:?}"))
}

/// A source's answer to a vet job.
pub fn vet_answer(
    state: &mut State,
    id: JobId,
    source: corpvet::domain::verdict::SourceId,
    outcome: corpvet::app::job::VetOutcome,
) -> Vec<Effect> {
    vet_answer_read(state, id, source, outcome, None)
}

/// Ningbo's customs answer as if the page cap had stopped after its one record of 120.
pub fn ningbo_customs_cut_short(
    state: &mut State,
    jobs: &[(JobId, corpvet::domain::verdict::SourceId)],
) -> Vec<Effect> {
    use corpvet::domain::verdict::{Coverage, SourceId};
    vet_answer_read(
        state,
        vet_job(jobs, SourceId::Customs),
        SourceId::Customs,
        vet_customs(NINGBO_CODE),
        Coverage::of(1, 120, None),
    )
}

/// Answer the vet jobs of `sources` with the company's sandbox records (by credit code).
pub fn vet_answers(
    state: &mut State,
    jobs: &[(JobId, corpvet::domain::verdict::SourceId)],
    code: &str,
    sources: &[corpvet::domain::verdict::SourceId],
) {
    use corpvet::domain::verdict::SourceId;
    for &source in sources {
        let outcome = match source {
            SourceId::QualificationsQcc | SourceId::QualificationsJuhe => vet_quals(code),
            SourceId::Certificates => vet_certs(code),
            SourceId::Customs => vet_customs(code),
        };
        vet_answer(state, vet_job(jobs, source), source, outcome);
    }
}

/// [`vet_answer`] for a paged list read only in part.
pub fn vet_answer_read(
    state: &mut State,
    id: JobId,
    source: corpvet::domain::verdict::SourceId,
    outcome: corpvet::app::job::VetOutcome,
    coverage: Option<corpvet::domain::verdict::Coverage>,
) -> Vec<Effect> {
    update(
        state,
        Event::Worker(WorkerEvent::Vet(VetEvent::VetSource {
            id,
            source,
            outcome,
            coverage: coverage.map(Box::new),
        })),
    )
}

fn found_or_not<T>(items: Vec<T>) -> corpvet::domain::verdict::Outcome<Vec<T>> {
    if items.is_empty() {
        corpvet::domain::verdict::Outcome::NotFound
    } else {
        corpvet::domain::verdict::Outcome::Found(items)
    }
}

/// A company's qualifications, as the vet fan-out answers.
pub fn vet_quals(code: &str) -> corpvet::app::job::VetOutcome {
    corpvet::app::job::VetOutcome::Qualifications(found_or_not(quals(code).items))
}

/// Every certificate page of a company, as the vet fan-out answers.
pub fn vet_certs(code: &str) -> corpvet::app::job::VetOutcome {
    use corpvet::domain::verdict::{CertificateSet, Outcome};
    let first = certs(code, 1);
    let total = first.total;
    let mut items = Vec::new();
    let mut page = 1;
    while (items.len() as u64) < total {
        items.extend(certs(code, page).items);
        page += 1;
    }
    corpvet::app::job::VetOutcome::Certificates(if items.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Found(CertificateSet {
            items,
            total,
            pages: (page - 1) as u32,
            partial: None,
        })
    })
}

/// A company's customs records, as the vet fan-out answers.
pub fn vet_customs(code: &str) -> corpvet::app::job::VetOutcome {
    corpvet::app::job::VetOutcome::Customs(found_or_not(customs(code).items))
}

/// Search `company` (on the Overview), answer the watchlist check with "not watched", and
/// return the vet jobs.
pub fn vet_search(
    state: &mut State,
    company: &str,
) -> Vec<(JobId, corpvet::domain::verdict::SourceId)> {
    let effects = search(state, company);
    for e in &effects {
        if let Effect::Worker(Job::Watch {
            id,
            keyword,
            set: None,
        }) = e
        {
            update(
                state,
                Event::Worker(WorkerEvent::Watch(WatchEvent::Watched {
                    id: *id,
                    keyword: keyword.clone(),
                    result: Ok(false),
                })),
            );
        }
    }
    vet_jobs(&effects)
}
