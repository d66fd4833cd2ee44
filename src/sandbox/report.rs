//! The credit-report lifecycle: CreateReport places an order, GetReportInfo is polled until
//! the report is ready (205 → P … → S, or F), and `/api/rpt/retrieve?code=` serves the file.
//! Orders live in memory for the life of the sandbox.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use axum::http::{header, StatusCode};
use serde_json::json;

use super::data::{Company, IdKind, ReportOutcome};
use super::envelope::Qcc;
use super::faults::Download;
use super::ids;
use super::params::Params;
use super::qcc::{keyword, pass_gate, try_status};
use super::reply::Reply;
use super::state::AppState;

/// The document: "企业名称、社会统一信用代码、注册号、KeyNo".
const KEY_NO_IDS: &[IdKind] = &[
    IdKind::Name,
    IdKind::CreditCode,
    IdKind::RegNo,
    IdKind::KeyNo,
];

const PDF: &[u8] = include_bytes!("../../assets/sandbox/report.pdf");
const DOCX: &[u8] = include_bytes!("../../assets/sandbox/report.docx");

/// `reportFormat`: 1 = pdf (default), 2 = word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Word,
}

impl Format {
    fn file(self) -> (&'static [u8], &'static str, &'static str) {
        match self {
            Format::Pdf => (PDF, "application/pdf", "pdf"),
            Format::Word => (
                DOCX,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            ),
        }
    }
}

#[derive(Debug)]
struct Order {
    credit_code: String,
    format: Format,
    polls: u32,
    /// The download code revealed in `ReportUrl` once the report is ready.
    code: String,
}

/// Orders by `OrderNo` (lower-case hex).
#[derive(Debug, Default)]
pub struct Orders(Mutex<HashMap<String, Order>>);

impl Orders {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Order>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Where the order stands on a given poll.
enum Progress {
    Waiting,
    Processing,
    Done(ReportOutcome, String),
}

pub async fn create(state: &AppState, params: &Params, shape: Qcc) -> Reply {
    let key = try_status!(shape, keyword(params, "keyNo"));
    let format = match params.text("reportFormat") {
        None | Some("1") => Format::Pdf,
        Some("2") => Format::Word,
        Some(_) => return shape.status("202"),
    };
    let Some(company) = state.data.find(key, KEY_NO_IDS) else {
        return shape.status("201");
    };
    let tail = pass_gate!(state, company.fault, &shape);
    let order_no = ids::hex(32);
    let order = Order {
        credit_code: company.credit_code.clone(),
        format,
        polls: 0,
        code: ids::hex(18),
    };
    state.orders.lock().insert(order_no.clone(), order);
    tail.finish(shape.ok("报告下单成功", json!({ "OrderNo": order_no }), None))
}

pub async fn info(state: &AppState, params: &Params, shape: Qcc) -> Reply {
    let Some(order_no) = params.text("orderNo").map(str::to_ascii_lowercase) else {
        return shape.status("202");
    };
    let Some(company) = order_company(state, &order_no) else {
        return shape.status("201");
    };
    let tail = pass_gate!(state, company.fault, &shape);
    let progress = {
        let mut orders = state.orders.lock();
        let Some(order) = orders.get_mut(&order_no) else {
            return shape.status("201");
        };
        order.polls = order.polls.saturating_add(1);
        let not_ready = state.options.report_polls_before_ready;
        if order.polls > not_ready {
            Progress::Done(company.report, order.code.clone())
        } else if order.polls == 1 {
            Progress::Waiting
        } else {
            Progress::Processing
        }
    };
    tail.finish(match progress {
        Progress::Waiting => shape.status("205"),
        Progress::Processing => shape.ok("查询成功", report_result("P", ""), None),
        Progress::Done(ReportOutcome::F, _) => shape.ok("查询成功", report_result("F", ""), None),
        Progress::Done(ReportOutcome::S, code) => {
            let url = format!("/api/rpt/retrieve?code={code}");
            shape.ok("查询成功", report_result("S", &url), None)
        }
    })
}

fn report_result(status: &str, url: &str) -> serde_json::Value {
    json!({ "ReportStatus": status, "ReportUrl": url })
}

fn order_company<'a>(state: &'a AppState, order_no: &str) -> Option<&'a Company> {
    let code = state.orders.lock().get(order_no)?.credit_code.clone();
    state.data.by_credit_code(&code)
}

/// `GET /api/rpt/retrieve?code=`: the finished report file. No key: the address is the
/// credential, as in the document. Unknown codes and failed reports are 404.
pub async fn retrieve(state: &AppState, params: &Params) -> Reply {
    let not_found = || Reply::plain(StatusCode::NOT_FOUND, "report not found");
    let Some(code) = params.text("code").map(str::to_ascii_lowercase) else {
        return not_found();
    };
    let found = state
        .orders
        .lock()
        .values()
        .find(|o| o.code == code)
        .map(|o| (o.credit_code.clone(), o.format));
    let Some((credit_code, format)) = found else {
        return not_found();
    };
    let Some(company) = state.data.by_credit_code(&credit_code) else {
        return not_found();
    };
    if company.report == ReportOutcome::F {
        return not_found();
    }
    let tail = pass_gate!(state, company.fault, &Download);
    let (bytes, content_type, ext) = format.file();
    let filename = format!("{}企业信用报告.{ext}", company.name);
    let disposition = format!(
        "attachment; filename=\"{code}.{ext}\"; filename*=UTF-8''{}",
        percent_encode(&filename)
    );
    let reply = Reply {
        http: StatusCode::OK,
        content_type,
        body: bytes.to_vec(),
        billed: false,
        headers: vec![(header::CONTENT_DISPOSITION, disposition)],
    };
    tail.finish(reply)
}

/// RFC 5987 encoding for `filename*`: unreserved ASCII as is, every other byte as `%XX`.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
