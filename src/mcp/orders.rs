//! The report tools and the ledgers: `order_report` in two steps (what would be ordered
//! and a one-time token, then the order itself, once), `report_status`, `reports` (the
//! order ledger) and `spend` (the spend ledger). Orders go through the same
//! [`Services::order_report`](crate::service::Services::order_report) as the CLI and the
//! explorer: the ledger row before the call, one call, never retried.

use std::time::Instant;

use serde_json::{json, Value};

use crate::api::qcc::endpoint;
use crate::api::{ApiError, StatusClass};
use crate::config::money::yuan;
use crate::service::clock::china_today;
use crate::service::envelope::{local_doc, Envelope, Source};
use crate::service::report::{
    ordered_ago, standing_note, uncertain_error, unknown_order_note, Order, ReportOut,
};
use crate::service::spend::period::{Period, SpendReport};
use crate::service::spend::summary::GroupBy;
use crate::store::OrderRecord;

use super::inputs::{OrderReportArgs, ReportStatusArgs, ReportsArgs, SpendArgs};
use super::lookups::{checked, within};
use super::reply::{encode, Failure};
use super::server::Corpvet;
use super::token::Intent;

/// How an agent orders anew, in the service's messages.
const AGAIN: &str = "call order_report with new: true";

/// An order in the ledger as an agent reads it.
fn order_json(record: &OrderRecord, order_no: &str) -> Value {
    json!({
        "order_no": order_no,
        "company": record.company,
        "format": record.format,
        "state": record.state.as_str(),
        "ordered": ordered_ago(record),
        "ordered_at": record.created_at,
        "by": record.by,
        "download_url": record.report_url,
        "file": record.file,
    })
}

impl Corpvet {
    pub(super) async fn order_report(&self, a: OrderReportArgs) -> Result<Value, Failure> {
        let mode = self.services.mode();
        let source = || Source::qcc(mode, endpoint::CREATE_REPORT);
        let mut warnings = self.warnings.clone();
        let company = checked(
            self,
            (&a.company, a.force),
            endpoint::CREATE_REPORT,
            source,
            &mut warnings,
        )
        .await?;
        let intent = Intent {
            company: company.clone(),
            format: a.format,
            again: a.new,
        };
        let Some(token) = a.confirm_token else {
            return self.preview(intent, warnings).await;
        };
        let redeemed = self.tokens().redeem(&token, &intent, Instant::now());
        redeemed.map_err(|r| Failure::Api(ApiError::invalid(r.message()), source()))?;
        let order = self
            .services
            .order_report(&company, a.format, a.new)
            .await
            .map_err(|e| Failure::Api(e, source()))?;
        let placed = matches!(order, Order::Placed { .. });
        let out = match &order {
            Order::Placed { order_no } => ReportOut::new(order_no, order.known_state(), None),
            // Ordered by a colleague (or another session) since the token was issued.
            Order::Standing { record, order_no } => {
                warnings.push(standing_note(record, order_no, AGAIN));
                let file = record.file.clone().map(Into::into);
                ReportOut::new(order_no, order.known_state(), file)
            }
            Order::Uncertain(record) => {
                return Err(Failure::Api(uncertain_error(record, AGAIN), source()))
            }
        };
        let next = "poll report_status with this order_no about every 10 seconds (a poll \
                    that answers is billed) until its state is ready; it then gives \
                    download_url";
        let data = json!({"placed": placed, "order": out, "next": next});
        order_doc(source(), data, warnings)
    }

    /// The first step: what would be ordered, the order already standing (offered
    /// instead), and the token that lets a second call order it. Nothing is sent.
    async fn preview(&self, intent: Intent, warnings: Vec<String>) -> Result<Value, Failure> {
        let source = || Source::qcc(self.services.mode(), endpoint::CREATE_REPORT);
        let fen = self.services.spend().prices.fen(endpoint::CREATE_REPORT);
        let credit_code = self.services.identity_of(&intent.company).await;
        let standing = if intent.again {
            None
        } else {
            self.services
                .standing_order(&intent.company, intent.format)
                .await
        };
        let standing = match standing {
            Some(Order::Uncertain(record)) => {
                return Err(Failure::Api(uncertain_error(&record, AGAIN), source()))
            }
            Some(Order::Standing { record, order_no }) => Some(order_json(&record, &order_no)),
            _ => None,
        };
        let would_order = json!({
            "company": intent.company,
            "credit_code": credit_code,
            "format": intent.format,
            "new": intent.again,
            "billed": true,
            "price_fen": (fen > 0).then_some(fen),
            "price": (fen > 0).then(|| yuan(fen)),
        });
        let data = if let Some(order) = standing {
            let next = format!(
                "an order for this company and format already stands: follow it with \
                 report_status and its order_no instead of paying again; to order (and pay) \
                 anew, {AGAIN}"
            );
            json!({"placed": false, "would_order": would_order, "standing_order": order,
                   "confirm_token": null, "next": next})
        } else {
            let mut tokens = self.tokens();
            let ttl = tokens.ttl().as_secs();
            let token = tokens.issue(intent, Instant::now());
            let next = format!(
                "nothing was ordered. Tell the user what would be ordered and its price; only \
                 if they agree, call order_report again with the same company and format and \
                 confirm_token within {ttl} s: that call places ONE billed order"
            );
            json!({"placed": false, "would_order": would_order, "standing_order": null,
                   "confirm_token": token, "expires_in_secs": ttl, "next": next})
        };
        order_doc(source(), data, warnings)
    }

    pub(super) async fn report_status(&self, a: ReportStatusArgs) -> Result<Value, Failure> {
        let source = || Source::qcc(self.services.mode(), endpoint::REPORT_INFO);
        let order_no = a.order_no.trim();
        if order_no.is_empty() {
            let e =
                ApiError::invalid("an order number is needed: one from order_report or reports");
            return Err(Failure::Api(e, source()));
        }
        let mut warnings = self.warnings.clone();
        match self.services.report_status(order_no, false).await {
            Ok(state) => {
                let data = ReportOut::new(order_no, state, None);
                encode(Envelope::success(
                    "report_status",
                    source(),
                    None,
                    data,
                    warnings,
                ))
            }
            Err(e) => {
                if let ApiError::Status { info, .. } = &e {
                    if info.class == StatusClass::NoResult {
                        warnings.push(unknown_order_note(order_no, "the reports tool"));
                    }
                }
                Err(Failure::Api(e, source()).warned(warnings))
            }
        }
    }

    pub(super) async fn reports(&self, a: ReportsArgs) -> Result<Value, Failure> {
        let rows = self
            .services
            .orders(within("limit", a.limit, 1..=1000)?.unwrap_or(20))
            .await
            .map_err(|e| Failure::Api(e, Source::local(self.services.mode())))?;
        Ok(local_doc("reports", json!(rows)))
    }

    pub(super) async fn spend(&self, a: SpendArgs) -> Result<Value, Failure> {
        let local = || Source::local(self.services.mode());
        let period = Period::parse(a.since.as_deref(), a.until.as_deref(), china_today())
            .map_err(|e| Failure::Api(ApiError::invalid(e), local()))?;
        let records = self
            .services
            .calls(period.since, period.until)
            .await
            .map_err(|e| Failure::Api(e, local()))?;
        let configured = self.services.spend().prices.any();
        let by = a.by.unwrap_or(GroupBy::Endpoint);
        Ok(local_doc(
            "spend",
            json!(SpendReport::of(&records, period, by, configured)),
        ))
    }
}

/// An `order_report` answer, either step.
fn order_doc(source: Source, data: Value, warnings: Vec<String>) -> Result<Value, Failure> {
    encode(Envelope::success(
        "order_report",
        source,
        None,
        data,
        warnings,
    ))
}
