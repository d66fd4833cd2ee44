//! What the front ends say of an order: the order as a document, how old its ledger row
//! is, why a standing order is followed, why an uncertain one is refused, and an order
//! number QCC does not know. One wording for the CLI, the explorer and the MCP tools; each
//! passes its own way of saying "order again".

use std::path::PathBuf;

use serde::Serialize;

use crate::api::ApiError;
use crate::domain::report::ReportState;
use crate::store::OrderRecord;

/// A report order as every front end gives it: its number, its state and, once ready,
/// where to download it.
#[derive(Debug, Serialize)]
pub struct ReportOut {
    pub order_no: String,
    pub state: ReportState,
    /// Absolute address of the ready report.
    pub download_url: Option<String>,
    /// Where the report was saved, when it was.
    pub file: Option<PathBuf>,
}

impl ReportOut {
    pub fn new(order_no: &str, state: ReportState, file: Option<PathBuf>) -> ReportOut {
        let download_url = match &state {
            ReportState::Ready { report_url } => Some(report_url.clone()),
            _ => None,
        };
        ReportOut {
            order_no: order_no.to_string(),
            state,
            download_url,
            file,
        }
    }
}

/// "12 min ago", from the ledger row.
pub fn ordered_ago(record: &OrderRecord) -> String {
    crate::config::ttl::age_label(std::time::Duration::from_secs(
        u64::try_from(crate::store::now() - record.created_at).unwrap_or(0),
    ))
}

/// Why the order standing in the reuse window is followed instead of a new one; `again`
/// says how this front end orders anyway ("pass --new").
pub fn standing_note(record: &OrderRecord, order_no: &str, again: &str) -> String {
    format!(
        "a {} report for {} was already ordered {} (order {order_no}, {}); using it instead \
         of ordering again: {again} to order (and pay) again",
        record.format,
        record.company,
        ordered_ago(record),
        record.state.as_str()
    )
}

/// The refusal when an order was sent within the window but its answer never arrived: it
/// may have been placed and billed, so nothing is sent until the user orders on purpose.
pub fn uncertain_error(record: &OrderRecord, again: &str) -> ApiError {
    ApiError::invalid(format!(
        "a {} report for {} was ordered {} but its answer never arrived, so it may have been \
         placed and billed; check the orders in the QCC console (`corpvet reports` lists what \
         corpvet knows), or {again} to order again",
        record.format,
        record.company,
        ordered_ago(record)
    ))
}

/// An order number QCC answered "no result" for; `lister` names what lists the orders
/// corpvet placed (`corpvet reports`, the reports tool).
pub fn unknown_order_note(order_no: &str, lister: &str) -> String {
    format!(
        "order {order_no} is unknown to QCC: check the order number; {lister} lists the \
         orders corpvet placed"
    )
}
