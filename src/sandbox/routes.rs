//! The URL map and the per-request frame shared by every route: count the request, answer,
//! count the bill.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::counters;
use super::envelope::{Format, Qcc};
use super::params::Incoming;
use super::reply::Reply;
use super::state::AppState;
use super::{auth, juhe, qcc, report};

type Shared = Arc<AppState>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QccEndpoint {
    Building,
    CertSearch,
    CertDetail,
    Customs,
    CreateReport,
    ReportInfo,
}

impl QccEndpoint {
    fn counter(self) -> &'static str {
        match self {
            QccEndpoint::Building => counters::BUILDING,
            QccEndpoint::CertSearch => counters::CERT_SEARCH,
            QccEndpoint::CertDetail => counters::CERT_DETAIL,
            QccEndpoint::Customs => counters::CUSTOMS,
            QccEndpoint::CreateReport => counters::CREATE_REPORT,
            QccEndpoint::ReportInfo => counters::REPORT_INFO,
        }
    }

    fn path(self) -> String {
        format!("/api/yj/{}", self.counter())
    }

    fn is_report(self) -> bool {
        matches!(self, QccEndpoint::CreateReport | QccEndpoint::ReportInfo)
    }

    /// The documents: data calls are GET, report calls POST.
    fn method(self) -> Method {
        if self.is_report() {
            Method::POST
        } else {
            Method::GET
        }
    }

    /// Each document's envelope: paging only for certificate search and customs,
    /// `OrderNumber` everywhere but the report calls.
    fn shape(self, format: Format) -> Qcc {
        let controller = match self {
            QccEndpoint::Building => "BuildingQualificationCheck",
            QccEndpoint::CertSearch | QccEndpoint::CertDetail => "ECICertification",
            QccEndpoint::Customs => "OperationCheck",
            QccEndpoint::CreateReport | QccEndpoint::ReportInfo => "Report",
        };
        Qcc {
            controller,
            paged: matches!(self, QccEndpoint::CertSearch | QccEndpoint::Customs),
            order_number: !self.is_report(),
            format,
        }
    }
}

const QCC_ENDPOINTS: [QccEndpoint; 6] = [
    QccEndpoint::Building,
    QccEndpoint::CertSearch,
    QccEndpoint::CertDetail,
    QccEndpoint::Customs,
    QccEndpoint::CreateReport,
    QccEndpoint::ReportInfo,
];

pub fn router(state: Shared) -> Router {
    let mut router = Router::new();
    for endpoint in QCC_ENDPOINTS {
        router = router.route(&endpoint.path(), qcc_route(endpoint));
    }
    router
        .route("/opens/App/bqQualification/query", any(juhe_route))
        // The document's ReportUrl is `/api/rpt/retrieve`; its remark writes `/rpt/retrieve`.
        .route("/api/rpt/retrieve", any(retrieve_route))
        .route("/rpt/retrieve", any(retrieve_route))
        .route("/__sandbox/counters", get(counters_route))
        .with_state(state)
}

fn qcc_route(endpoint: QccEndpoint) -> MethodRouter<Shared> {
    any(
        move |State(state): State<Shared>, incoming: Incoming| async move {
            state.counters.record_request(endpoint.counter());
            let reply = qcc_answer(endpoint, &state, &incoming).await;
            billed(&state, endpoint.counter(), reply)
        },
    )
}

async fn qcc_answer(endpoint: QccEndpoint, state: &AppState, incoming: &Incoming) -> Reply {
    let params = &incoming.params;
    // The report calls answer in XML when asked to, errors included.
    let (format, bad_dtype) = match params.text("dtype") {
        Some(d) if endpoint.is_report() && d.eq_ignore_ascii_case("xml") => (Format::Xml, false),
        Some(d) if endpoint.is_report() && !d.eq_ignore_ascii_case("json") => (Format::Json, true),
        _ => (Format::Json, false),
    };
    let shape = endpoint.shape(format);
    if incoming.method != endpoint.method() {
        return shape.status("118");
    }
    if let Err(code) = auth::qcc(params, &incoming.headers, state.options.max_clock_skew_secs) {
        return shape.status(code);
    }
    if bad_dtype {
        return shape.status("202");
    }
    match endpoint {
        QccEndpoint::Building => qcc::building(state, params, shape).await,
        QccEndpoint::CertSearch => qcc::certificate_search(state, params, shape).await,
        QccEndpoint::CertDetail => qcc::certificate_detail(state, params, shape).await,
        QccEndpoint::Customs => qcc::customs(state, params, shape).await,
        QccEndpoint::CreateReport => report::create(state, params, shape).await,
        QccEndpoint::ReportInfo => report::info(state, params, shape).await,
    }
}

async fn juhe_route(State(state): State<Shared>, incoming: Incoming) -> Response {
    state.counters.record_request(counters::JUHE);
    let reply = if incoming.method == Method::GET || incoming.method == Method::POST {
        juhe::query(&state, &incoming.params).await
    } else {
        Reply::plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
    };
    billed(&state, counters::JUHE, reply)
}

async fn retrieve_route(State(state): State<Shared>, incoming: Incoming) -> Response {
    state.counters.record_request(counters::DOWNLOAD);
    let reply = if incoming.method == Method::GET || incoming.method == Method::HEAD {
        report::retrieve(&state, &incoming.params).await
    } else {
        Reply::plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
    };
    billed(&state, counters::DOWNLOAD, reply)
}

fn billed(state: &AppState, endpoint: &str, reply: Reply) -> Response {
    if reply.billed {
        state.counters.record_billed(endpoint);
    }
    reply.into_response()
}

/// `{"endpoint": {"requests": n, "billed": n}, ...}` for tests driving the real binary.
async fn counters_route(State(state): State<Shared>) -> Json<Value> {
    let map: Map<String, Value> = state
        .counters
        .snapshot()
        .into_iter()
        .map(|(name, (requests, billed))| (name, json!({"requests": requests, "billed": billed})))
        .collect();
    Json(Value::Object(map))
}
