//! Juhe's `opens/App/bqQualification/query`: the same qualifications as QCC's building
//! endpoint, in Juhe's item shape, paged by `pageNum`/`pageSize`.

use serde::Serialize;
use serde_json::{json, Value};

use super::auth;
use super::data::{Company, IdKind, Qualification};
use super::envelope::juhe;
use super::faults::Juhe;
use super::params::{page, Params};
use super::qcc::{pass_gate, value};
use super::reply::Reply;
use super::state::AppState;

/// The document: "公司名称、公司id、注册号或社会统一信用代码".
const KEYWORD_IDS: &[IdKind] = &[
    IdKind::Name,
    IdKind::JuheId,
    IdKind::RegNo,
    IdKind::CreditCode,
];
/// Default and maximum `pageSize` (the document says 20 for both).
const MAX_PAGE_SIZE: usize = 20;

/// One item in the document's field order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    organ: &'a str,
    effective_time: &'a str,
    business_id: String,
    issuing_certificate_time: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    certificate_num: &'a str,
    qualification_name: &'a str,
}

impl<'a> Item<'a> {
    fn new(company: &Company, q: &'a Qualification) -> Item<'a> {
        Item {
            organ: &q.sign_dept,
            effective_time: &q.valid_period,
            business_id: format!("{}-{}", company.juhe_id, q.cert_no),
            issuing_certificate_time: &q.sign_date,
            kind: &q.category,
            certificate_num: &q.cert_no,
            qualification_name: &q.cert_scope,
        }
    }
}

pub async fn query(state: &AppState, params: &Params) -> Reply {
    if !auth::juhe(params) {
        return juhe(10001, Value::Null);
    }
    let Some(keyword) = params.text("keyword") else {
        return juhe(265001, Value::Null);
    };
    // Above the maximum is clamped (the document states a maximum, not an error).
    let Ok(size) = params.positive("pageSize", MAX_PAGE_SIZE) else {
        return juhe(265002, Value::Null);
    };
    let size = size.min(MAX_PAGE_SIZE);
    let Ok(number) = params.positive("pageNum", 1) else {
        return juhe(265002, Value::Null);
    };
    let Some(company) = state.data.find(keyword, KEYWORD_IDS) else {
        return juhe(265004, Value::Null);
    };
    let tail = pass_gate!(state, company.fault, &Juhe);
    let mut quals = state.data.qualifications(company).into_owned();
    if company.juhe_drift {
        drift(&mut quals);
    }
    let items: Vec<Item> = quals.iter().map(|q| Item::new(company, q)).collect();
    tail.finish(match page(&items, number, size) {
        None => juhe(265004, Value::Null),
        Some(rows) => juhe(0, json!({"total": items.len(), "items": value(rows)})),
    })
}

/// What a second registry copy gets wrong, for the provider comparison: the last
/// qualification missing, the first one's expiry a year earlier, and the second one's
/// grade one step up (乙级 → 甲级).
fn drift(quals: &mut Vec<Qualification>) {
    quals.pop();
    if let Some(first) = quals.first_mut() {
        if let Some(year) = first
            .valid_period
            .get(..4)
            .and_then(|y| y.parse::<i32>().ok())
        {
            first.valid_period = format!("{}{}", year - 1, &first.valid_period[4..]);
        }
    }
    if let Some(second) = quals.get_mut(1) {
        second.cert_scope = second.cert_scope.replace("乙级", "甲级");
    }
}
