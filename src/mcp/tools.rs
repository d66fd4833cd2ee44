//! The tools an agent sees: each one's name, what it costs and when to use it, the schema
//! of its arguments (made from the struct they are read into) and of its result (the
//! versioned envelope of `corpvet --json`).

use std::sync::Arc;

use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde_json::{json, Value};

use super::inputs::{
    CertificateDetailArgs, CertificatesArgs, CustomsArgs, OrderReportArgs, QualificationsArgs,
    ReportStatusArgs, ReportsArgs, SpendArgs, VetArgs,
};
use crate::service::envelope::SCHEMA_VERSION;

/// The cost rules every lookup shares, said once in each description that bills.
const BILLING: &str = "Every answer the vendor gives is billed to the user's account; an \
    answer stored and still fresh is reused at no cost (the result says `cached`, \
    `fetched_at`, `stale`). Bad input (a keyword too short, a credit code with a wrong check \
    character), a budget reached or a vendor cooldown is refused locally as a tool error \
    that costs nothing.";

fn describe(what: &str) -> String {
    format!("{what} {BILLING}")
}

/// Every tool, in the order an agent would usually reach for them.
pub fn all() -> Vec<Tool> {
    vec![
        tool::<VetArgs>(
            "vet",
            "Vet a company",
            describe(
                "Vet a Chinese company: its construction qualifications, certificates and \
                 customs credit and penalties, read together and judged (red, warning, clean, \
                 nothing found or incomplete) with the evidence for every flag. Start here \
                 for \"can we sign with this contractor?\". About 3 to 7 billed calls the \
                 first time (more with many certificates or provider both), none when \
                 stored; `details: true` adds one billed call per certificate without a \
                 stored status.",
            ),
            false,
        ),
        tool::<QualificationsArgs>(
            "qualifications",
            "Construction qualifications",
            describe(
                "The company's construction qualifications (资质): category, grade, issuer, \
                 validity, each judged expired or not today. One billed call a page (two \
                 with provider both).",
            ),
            false,
        ),
        tool::<CertificatesArgs>(
            "certificates",
            "Certificates, one page",
            describe(
                "One page of the company's certificates (ISO systems, products, CCC …) with \
                 paging info (`paging.total`, `paging.page_count`); ask the next page only if \
                 needed. A row's status comes from a stored detail when there is one \
                 (`status_from`). One billed call a page.",
            ),
            false,
        ),
        tool::<CertificateDetailArgs>(
            "certificate_detail",
            "One certificate's detail",
            describe(
                "The full detail of one certificate (its status: valid, suspended, revoked, \
                 expired; scope; holder). BILLED PER CERTIFICATE unless stored: fetch only \
                 the ones that matter, and prefer vet with details when you need them all.",
            ),
            false,
        ),
        tool::<CustomsArgs>(
            "customs",
            "Customs credit and penalties",
            describe(
                "The company's customs registration, credit rating (进出口信用) and \
                 administrative penalties. One billed call a page.",
            ),
            false,
        ),
        tool::<OrderReportArgs>(
            "order_report",
            "Order a credit report (two steps)",
            "Order a credit report (BILLED, and the most expensive call). Never orders on \
             the first call: without confirm_token it returns what would be ordered (the \
             company, format, price when configured), any order already standing in the \
             reuse window (use it with report_status instead of paying again), and a \
             one-time confirm_token that expires in minutes, bound to this company and \
             format. Show the user what would be ordered; only after they agree, call again \
             with the same company and format and that token: exactly one order is placed, \
             never retried. A refused or expired token orders nothing."
                .to_string(),
            true,
        ),
        tool::<ReportStatusArgs>(
            "report_status",
            "A report order's state",
            "Whether an ordered credit report is ready, and its download address when it \
             is. Each call is one status poll to the vendor: billed (the report_info price) \
             when QCC answers with the report's state, not while it says pending; poll \
             every 10 seconds or so, not faster. An order number \
             QCC does not know comes back as a tool error."
                .to_string(),
            false,
        ),
        tool::<ReportsArgs>(
            "reports",
            "Report orders placed",
            "The credit report orders corpvet placed (the order ledger: company, format, \
             order number, state, who, when), newest first. Local, free: no vendor call. \
             Check here before ordering."
                .to_string(),
            false,
        ),
        tool::<SpendArgs>(
            "spend",
            "Calls and money spent",
            "What the account spent in a period, from the spend ledger: calls, billable \
             calls, yuan (when prices are configured), and the questions answered without a \
             call (stored answers, local refusals, cooldowns, budgets), grouped by day, \
             user, endpoint or company. Local, free: no vendor call."
                .to_string(),
            false,
        ),
    ]
}

/// One tool: its argument schema from `A`, every result the envelope.
fn tool<A: JsonSchema>(name: &'static str, title: &str, description: String, orders: bool) -> Tool {
    let local = matches!(name, "reports" | "spend");
    let annotations = ToolAnnotations::with_title(title)
        .read_only(!orders)
        .destructive(false)
        .idempotent(!orders)
        .open_world(!local);
    Tool::new(name, description, input_schema::<A>())
        .with_raw_output_schema(Arc::new(output_schema()))
        .with_annotations(annotations)
}

/// The JSON Schema of `A`'s arguments, as an object schema.
pub fn input_schema<A: JsonSchema>() -> Arc<JsonObject> {
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<A>();
    let mut schema = serde_json::to_value(schema).unwrap_or(Value::Null);
    unwrap_descriptions(&mut schema);
    match schema {
        Value::Object(map) => Arc::new(map),
        _ => Arc::new(JsonObject::new()),
    }
}

/// Descriptions come from doc comments, wrapped at 92 columns: one line each for an agent.
fn unwrap_descriptions(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::String(s) if key == "description" => *s = s.replace('\n', " "),
                    other => unwrap_descriptions(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// What every tool returns: the `--json` envelope, versioned. `data` is the tool's own
/// (described in the README); an agent should check `schema_version` and `ok`.
pub fn output_schema() -> JsonObject {
    let schema = json!({
        "type": "object",
        "properties": {
            "schema_version": {"type": "integer", "const": SCHEMA_VERSION},
            "command": {"type": "string"},
            "ok": {"type": "boolean"},
            "source": {"type": ["object", "null"]},
            "paging": {"type": ["object", "null"]},
            "data": {},
            "error": {"type": ["object", "null"]},
            "warnings": {"type": "array", "items": {"type": "string"}},
            "cached": {"type": "boolean"},
            "fetched_at": {"type": "string"},
            "stale": {"type": "boolean"},
            "fetched_by": {"type": ["string", "null"]}
        },
        "required": ["schema_version", "command", "ok", "data"]
    });
    match schema {
        Value::Object(map) => map,
        _ => JsonObject::new(),
    }
}

#[cfg(test)]
mod tests;
