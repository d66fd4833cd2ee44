//! A credit report, from order to file: find an order already standing (placed by any
//! process within the reuse window), or place one (ledger row first, one call, never
//! retried), poll it, download it. The CLI and the explorer both order through
//! [`Services::order_report`], so an order placed by one is followed, not repeated, by the
//! other.

use std::path::Path;

use crate::api::download::{download, report_file_name, Downloaded, Progress, IDLE};
use crate::api::qcc::{endpoint, DataType};
use crate::api::status::Vendor;
use crate::api::{ApiError, StatusClass};
use crate::domain::report::{ReportFormat, ReportState};
use crate::store::{Claim, OrderRecord, OrderState};

use super::services::Services;
use super::spend::Asked;

/// What asking for a report came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Order {
    /// Placed now (billed).
    Placed { order_no: String },
    /// An order for the same company and format stands within the reuse window: follow it
    /// (its number can be polled) instead of paying again.
    Standing {
        record: Box<OrderRecord>,
        order_no: String,
    },
    /// An order was sent within the window but its answer never arrived: it may have been
    /// placed and billed. Nothing is sent until the user orders again on purpose.
    Uncertain(Box<OrderRecord>),
}

impl Order {
    /// An order the ledger holds: standing when it has its number, uncertain when not.
    fn from_record(record: Box<OrderRecord>) -> Order {
        match record.order_no.clone() {
            Some(order_no) => Order::Standing { record, order_no },
            None => Order::Uncertain(record),
        }
    }

    /// What the ledger knows of the order's state: ready (with its address) or not yet.
    pub fn known_state(&self) -> ReportState {
        match self {
            Order::Standing { record, .. } => match (&record.report_url, record.state) {
                (Some(url), OrderState::Ready) => ReportState::Ready {
                    report_url: url.clone(),
                },
                _ => ReportState::Pending,
            },
            Order::Placed { .. } | Order::Uncertain(_) => ReportState::Pending,
        }
    }

    /// The order number to poll, when there is one.
    pub fn order_no(&self) -> Option<&str> {
        match self {
            Order::Placed { order_no } | Order::Standing { order_no, .. } => Some(order_no),
            Order::Uncertain(_) => None,
        }
    }
}

mod out;
pub use out::{ordered_ago, standing_note, uncertain_error, unknown_order_note, ReportOut};

impl Services {
    /// A report for `keyword` in `format`. Unless `again`, an order standing within the
    /// reuse window is offered instead of a new one (see [`Order`]); with `again` a new
    /// order is placed whatever stands (a second bill: the caller has asked the user).
    pub async fn order_report(
        &self,
        keyword: &str,
        format: ReportFormat,
        again: bool,
    ) -> Result<Order, ApiError> {
        // Refuse bad input before anything is read, recorded or sent.
        // One spelling of the company: the same company typed two ways shares its order.
        let company = crate::domain::keyword::normalise(&crate::api::qcc::keyword(keyword)?);
        self.circuit.check(Vendor::Qcc)?;
        let fmt = format_name(format);
        let now = crate::store::now();
        // The ledger row is written before the order is sent, or nothing is sent. Unless
        // `again`, the check for an order standing and the row are one step in the store,
        // so processes ordering at once share one order.
        self.ledger()?;
        // The rate limit's wait comes before the ledger row: an order given up (or a process
        // killed) while it waits leaves no row saying it may have been sent.
        self.throttle(Vendor::Qcc).await?;
        let since = now - i64::try_from(self.reuse_window.as_secs()).unwrap_or(3600);
        let started = tokio::time::Instant::now();
        loop {
            let name = company.clone();
            let claim = if again {
                self.ledger_call(move |s| s.begin_order(&name, fmt, now).map(Claim::New))
                    .await?
            } else {
                let at = crate::store::now();
                self.ledger_call(move |s| s.claim_order(&name, fmt, since, at))
                    .await?
            };
            let order = match claim {
                Claim::New(row) => {
                    let order_no = self.place(company, format, row).await?;
                    return Ok(Order::Placed { order_no });
                }
                Claim::Standing(record) => Order::from_record(record),
            };
            // Another process is sending this very order: wait for its answer and follow
            // it. A row still "sending" after the longest a call can take stays uncertain.
            match &order {
                Order::Uncertain(record)
                    if record.state == OrderState::Sending
                        && crate::store::now() - record.created_at < IN_FLIGHT.as_secs() as i64
                        && started.elapsed() < IN_FLIGHT =>
                {
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                }
                _ => return Ok(order),
            }
        }
    }

    /// The state store holding the order ledger, or why no order can be sent.
    fn ledger(&self) -> Result<std::sync::Arc<dyn crate::store::Store>, ApiError> {
        self.state.clone().ok_or_else(|| {
            no_ledger("the state store could not be opened (the warning at start says why)")
        })
    }

    /// Run `f` on the ledger off the async threads. Unlike the history's writes, a ledger
    /// that fails is an error: no order is sent without its row.
    async fn ledger_call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn crate::store::Store) -> Result<R, crate::store::StoreError> + Send + 'static,
    ) -> Result<R, ApiError> {
        self.on_state(f, no_ledger).await
    }

    /// Run `f` on the state store off the async threads; `fail` says what a failure means.
    async fn on_state<R: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn crate::store::Store) -> Result<R, crate::store::StoreError> + Send + 'static,
        fail: fn(&str) -> ApiError,
    ) -> Result<R, ApiError> {
        let store = self.state.clone().ok_or_else(|| {
            fail("the state store could not be opened (the warning at start says why)")
        })?;
        match tokio::task::spawn_blocking(move || f(&*store)).await {
            Ok(Ok(r)) => Ok(r),
            Ok(Err(e)) => Err(fail(&e.to_string())),
            Err(e) => Err(fail(&e.to_string())),
        }
    }

    /// The orders placed, newest first: the ledger as `corpvet reports` lists it.
    pub async fn orders(&self, limit: usize) -> Result<Vec<OrderRecord>, ApiError> {
        self.on_state(move |s| s.orders(limit), unreadable).await
    }

    /// The spend ledger's rows in `[since, until)` (Unix seconds): what `corpvet spend`
    /// sums.
    pub async fn calls(
        &self,
        since: i64,
        until: i64,
    ) -> Result<Vec<crate::store::CallRecord>, ApiError> {
        self.on_state(move |s| s.calls(since, until), unreadable)
            .await
    }

    /// The newest order for `keyword` in either format that stands within the reuse
    /// window, if any (reads the ledger; sends nothing).
    pub async fn standing_order_any(&self, keyword: &str) -> Option<(ReportFormat, Order)> {
        let pdf = self.standing_order(keyword, ReportFormat::Pdf).await;
        let word = self.standing_order(keyword, ReportFormat::Word).await;
        let created = |o: &Option<Order>| match o {
            Some(Order::Standing { record, .. } | Order::Uncertain(record)) => record.created_at,
            _ => i64::MIN,
        };
        if created(&word) > created(&pdf) {
            word.map(|o| (ReportFormat::Word, o))
        } else {
            pdf.map(|o| (ReportFormat::Pdf, o))
        }
    }

    /// The order for `keyword` in `format` that stands within the reuse window, if any
    /// (reads the ledger; sends nothing).
    pub async fn standing_order(&self, keyword: &str, format: ReportFormat) -> Option<Order> {
        let record = self.recent_order(keyword, format).await?;
        Some(Order::from_record(Box::new(record)))
    }

    /// ORDERS A PAID REPORT, once, as ledger row `row` (written down before this call, so
    /// a lost answer still leaves a trace): one call, never retried. The order number.
    async fn place(
        &self,
        company: String,
        format: ReportFormat,
        row: i64,
    ) -> Result<String, ApiError> {
        let qcc = self.backend.qcc()?;
        let asked = Asked::new(
            Vendor::Qcc,
            endpoint::CREATE_REPORT,
            &company,
            &[
                ("searchKey", company.clone()),
                ("format", format_name(format).into()),
            ],
        );
        // A budget refusal ends the claimed row as failed: nothing was sent.
        let reply = match self.open_call(&asked).await {
            Ok(ticket) => {
                let reply = qcc.create_report(&company, format).await;
                self.close_call(ticket, &asked, &reply).await;
                reply
            }
            Err(e) => Err(e),
        };
        let result = match reply {
            Ok(reply) => match reply
                .data
                .map(|o| o.order_no)
                .filter(|o| !o.trim().is_empty())
            {
                Some(order) => Ok(order),
                None => Err(ApiError::Status {
                    info: reply.status,
                    message: reply.message,
                }),
            },
            Err(e) => Err(e),
        };
        self.circuit.note(Vendor::Qcc, &result);
        {
            let id = row;
            let now = crate::store::now();
            match &result {
                Ok(order) => {
                    let order = order.clone();
                    self.state_call(move |s| s.order_placed(id, &order, now))
                        .await;
                }
                Err(e) => {
                    // The vendor said no: nothing was placed. Anything else: it may have been.
                    let state = match e {
                        ApiError::Status { .. }
                        | ApiError::UnknownStatus { .. }
                        | ApiError::InvalidInput { .. }
                        | ApiError::OverBudget { .. } => OrderState::Failed,
                        _ => OrderState::Unknown,
                    };
                    let note = e.to_string();
                    self.state_call(move |s| s.order_failed(id, state, &note, now))
                        .await;
                }
            }
        }
        result
    }

    /// An order for `keyword` in `format` placed within the reuse window that may still
    /// stand (ordered, ready, or its answer lost): offer it instead of ordering again.
    pub async fn recent_order(&self, keyword: &str, format: ReportFormat) -> Option<OrderRecord> {
        let company = crate::domain::keyword::normalise(keyword.trim());
        let window = i64::try_from(self.reuse_window.as_secs()).unwrap_or(3600);
        let since = crate::store::now() - window;
        let fmt = format_name(format);
        self.state_call(move |s| s.recent_order(&company, fmt, since))
            .await
            .flatten()
    }

    /// The newest report order for `company` (any format) in the ledger, if any.
    pub async fn latest_order(&self, company: &str) -> Option<OrderRecord> {
        let company = crate::domain::keyword::normalise(company);
        let orders = self.state_call(|s| s.orders(500)).await?;
        orders.into_iter().find(|o| o.company == company)
    }

    /// Note where the report of `order_no` was saved.
    async fn record_report_file(&self, order_no: &str, file: &Path) {
        let (order, file) = (order_no.to_string(), file.display().to_string());
        let now = crate::store::now();
        self.state_call(move |s| s.order_file(&order, &file, now))
            .await;
    }

    /// One poll of an order's state. A ready report's address is made absolute (the QCC
    /// host + `ReportUrl`), so what the user sees and copies is a working URL.
    pub async fn report_status(&self, order_no: &str, xml: bool) -> Result<ReportState, ApiError> {
        let dtype = if xml { DataType::Xml } else { DataType::Json };
        let qcc = self.backend.qcc()?;
        self.circuit.check(Vendor::Qcc)?;
        let asked = Asked::new(
            Vendor::Qcc,
            endpoint::REPORT_INFO,
            "",
            &[("orderNo", order_no.trim().to_string())],
        );
        self.throttle(Vendor::Qcc).await?;
        let ticket = self.open_call(&asked).await?;
        let reply = qcc.report_info(order_no, dtype).await;
        self.close_call(ticket, &asked, &reply).await;
        self.circuit.note(Vendor::Qcc, &reply);
        let reply = reply?;
        // 201: QCC knows no such order. Not "pending": polling it would wait for nothing.
        if reply.status.class == StatusClass::NoResult {
            return Err(ApiError::Status {
                info: reply.status,
                message: reply.message,
            });
        }
        let state = match ReportState::from_reply(&reply) {
            ReportState::Ready { report_url } => ReportState::Ready {
                report_url: qcc.report_download_url(&report_url)?.to_string(),
            },
            other => other,
        };
        if self.state.is_some() {
            let (kept, url, note) = match &state {
                ReportState::Ready { report_url } => {
                    (OrderState::Ready, Some(report_url.clone()), None)
                }
                ReportState::Failed(s) => (
                    OrderState::Failed,
                    None,
                    Some(format!("report failed ({s})")),
                ),
                _ => (OrderState::Ordered, None, None),
            };
            let order = order_no.trim().to_string();
            let now = crate::store::now();
            self.state_call(move |s| {
                s.order_progress(&order, kept, url.as_deref(), note.as_deref(), now)
            })
            .await;
        }
        Ok(state)
    }

    /// Stream a ready report into `dir`, named after the company and the order.
    /// The ledger then notes where the report of `order_no` was saved.
    pub async fn download_report(
        &self,
        order_no: &str,
        report_url: &str,
        dir: &Path,
        file_name: &str,
        on_progress: impl FnMut(Progress),
    ) -> Result<Downloaded, ApiError> {
        let qcc = self.backend.qcc()?;
        let url = qcc.report_download_url(report_url)?;
        let saved = download(qcc.http(), url, dir, file_name, IDLE, on_progress).await?;
        self.record_report_file(order_no, &saved.path).await;
        Ok(saved)
    }

    /// The file name a report for `company` gets.
    pub fn report_file_name(company: &str, order_no: &str, format: ReportFormat) -> String {
        report_file_name(company, order_no, format.extension())
    }
}

/// How long an order another process is sending may take to answer (longer than any call's
/// timeout): meanwhile a process asking for the same report waits to follow it.
const IN_FLIGHT: std::time::Duration = std::time::Duration::from_secs(30);

/// Why no report is ordered: the order must be written down first.
fn unreadable(why: &str) -> ApiError {
    ApiError::Io(format!(
        "the state store (the ledgers) cannot be read: {why}"
    ))
}

fn no_ledger(why: &str) -> ApiError {
    ApiError::invalid(format!(
        "no report is ordered without its row in the order ledger, and it cannot be written: \
         {why}. Nothing was sent. `corpvet cache repair` checks the state store and rebuilds \
         it if it is damaged (keeping the ledger when it still reads), then order again"
    ))
}

/// `pdf` or `word`, as orders are recorded.
fn format_name(format: ReportFormat) -> &'static str {
    match format {
        ReportFormat::Pdf => "pdf",
        ReportFormat::Word => "word",
    }
}
