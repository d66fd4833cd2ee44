//! The four QCC data endpoints: building qualifications, certificate search and detail,
//! customs credit. Each validates its parameters, resolves the company, passes the fault gate,
//! then answers from the dataset.

use serde::Serialize;
use serde_json::{json, Value};

use super::data::{Certificate, IdKind};
use super::envelope::{qcc_message, Paging, Qcc};
use super::params::{page, Params};
use super::reply::Reply;
use super::state::AppState;

/// Identifiers the building and customs documents accept as `searchKey`.
const COMPANY_IDS: &[IdKind] = &[IdKind::Name, IdKind::CreditCode, IdKind::RegNo];
/// The documents' default and maximum page sizes.
const DEFAULT_PAGE_SIZE: usize = 10;
const MAX_PAGE_SIZE: usize = 20;
/// Building qualifications come in one piece, up to this many rows; beyond, status 207.
const MAX_ROWS: usize = 5000;

/// A required keyword: absent or blank → 202, shorter than two characters → 213.
pub fn keyword<'a>(params: &'a Params, name: &str) -> Result<&'a str, &'static str> {
    let value = params.text(name).ok_or("202")?;
    if value.chars().count() < 2 {
        return Err("213");
    }
    Ok(value)
}

/// `(pageIndex, pageSize)`; anything non-numeric, below 1 or above 20 → 202.
fn paging(params: &Params) -> Result<(usize, usize), &'static str> {
    let size = params
        .positive("pageSize", DEFAULT_PAGE_SIZE)
        .map_err(|()| "202")?;
    if size > MAX_PAGE_SIZE {
        return Err("202");
    }
    let index = params.positive("pageIndex", 1).map_err(|()| "202")?;
    Ok((index, size))
}

/// Serialising the dataset's plain structs cannot fail; stay total anyway.
pub fn value<T: Serialize>(data: T) -> Value {
    serde_json::to_value(data).unwrap_or(Value::Null)
}

/// Answer a failed check's status code (202, 213 …) right away.
macro_rules! try_status {
    ($shape:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(code) => return $shape.status(code),
        }
    };
}

/// Apply the company's failure mode; if it replaces the answer, return that. Evaluates to
/// the [`Tail`](super::faults::Tail) that finishes the normal answer.
macro_rules! pass_gate {
    ($state:expr, $fault:expr, $speaker:expr) => {
        match $crate::sandbox::faults::gate($fault, $state.options.slow_delay, $speaker).await {
            Ok(tail) => tail,
            Err(reply) => return reply,
        }
    };
}
pub(crate) use {pass_gate, try_status};

pub async fn building(state: &AppState, params: &Params, shape: Qcc) -> Reply {
    let key = try_status!(shape, keyword(params, "searchKey"));
    let Some(company) = state.data.find(key, COMPANY_IDS) else {
        return shape.status("201");
    };
    let tail = pass_gate!(state, company.fault, &shape);
    let quals = state.data.qualifications(company);
    tail.finish(if quals.is_empty() {
        shape.status("201")
    } else if quals.len() > MAX_ROWS {
        shape.status("207")
    } else {
        let result = json!({"VerifyResult": 1, "Data": value(quals)});
        shape.ok(qcc_message("200"), result, None)
    })
}

pub async fn certificate_search(state: &AppState, params: &Params, shape: Qcc) -> Reply {
    let key = try_status!(shape, keyword(params, "searchKey"));
    let (index, size) = try_status!(shape, paging(params));
    let exact = match params.text("isExactlySame") {
        None => true,
        Some(v) if v.eq_ignore_ascii_case("true") => true,
        Some(v) if v.eq_ignore_ascii_case("false") => false,
        Some(_) => return shape.status("202"),
    };
    // The document's searchKey is the company name only; a fuzzy search prefers an exact
    // name, then the first company whose name contains the keyword.
    let found = state.data.find(key, &[IdKind::Name]);
    let found = if exact {
        found
    } else {
        found.or_else(|| state.data.find_name_containing(key))
    };
    let Some(company) = found else {
        return shape.status("201");
    };
    let tail = pass_gate!(state, company.fault, &shape);
    let types = params
        .text("certCategory")
        .map(|c| state.data.category_types(c));
    let certs: Vec<&Certificate> = state
        .data
        .certificates(company)
        .iter()
        .filter(|c| types.as_ref().is_none_or(|t| t.contains(&c.kind.as_str())))
        .collect();
    tail.finish(match page(&certs, index, size) {
        None => shape.status("201"),
        Some(rows) => {
            let paging = Paging {
                page_size: size,
                page_index: index,
                total_records: certs.len(),
            };
            shape.ok(qcc_message("200"), value(rows), Some(paging))
        }
    })
}

pub async fn certificate_detail(state: &AppState, params: &Params, shape: Qcc) -> Reply {
    let Some(id) = params.text("certId") else {
        return shape.status("202");
    };
    let Some((company, cert)) = state.data.certificate(id) else {
        return shape.status("201");
    };
    let tail = pass_gate!(state, company.fault, &shape);
    let result = json!({"Id": cert.id, "Data": cert.detail, "Schema": null});
    tail.finish(shape.ok(qcc_message("200"), result, None))
}

pub async fn customs(state: &AppState, params: &Params, shape: Qcc) -> Reply {
    let key = try_status!(shape, keyword(params, "searchKey"));
    let (index, size) = try_status!(shape, paging(params));
    let Some(company) = state.data.find(key, COMPANY_IDS) else {
        return shape.status("201");
    };
    let tail = pass_gate!(state, company.fault, &shape);
    let records = state.data.customs(company);
    tail.finish(match page(records, index, size) {
        None => shape.status("201"),
        Some(rows) => {
            let paging = Paging {
                page_size: size,
                page_index: index,
                total_records: records.len(),
            };
            let result = json!({"VerifyResult": 1, "Data": value(rows)});
            shape.ok(qcc_message("200"), result, Some(paging))
        }
    })
}
