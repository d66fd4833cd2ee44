//! Writing each question to the spend ledger: sent (with its status, `OrderNumber` and
//! price) or saved (and why).

use crate::api::juhe::QUALIFICATION_PATH;
use crate::api::{ApiError, Reply, TransportKind, Vendor};
use crate::domain::keyword::{parse_keyword, Keyword};
use crate::service::backend::Mode;
use crate::service::cache::CacheKey;
use crate::service::services::Services;
use crate::store::{CallRecord, Outcome, Reserved, Settled};

use super::billable;
use super::budget::refusal;

/// One question, as the ledger names it: never a key, a secret or a signature.
#[derive(Debug, Clone)]
pub struct Asked {
    pub vendor: Vendor,
    pub endpoint: &'static str,
    /// The company, in the keyword's one spelling (empty: none).
    pub company: String,
    /// The parameters as a JSON object.
    pub params: String,
}

impl Asked {
    pub fn new(
        vendor: Vendor,
        endpoint: &'static str,
        company: &str,
        params: &[(&str, String)],
    ) -> Asked {
        let params: serde_json::Map<String, serde_json::Value> = params
            .iter()
            .map(|(k, v)| ((*k).to_string(), serde_json::Value::String(v.clone())))
            .collect();
        Asked {
            vendor,
            endpoint,
            company: crate::domain::keyword::normalise(company),
            params: serde_json::Value::Object(params).to_string(),
        }
    }
}

impl From<&CacheKey> for Asked {
    fn from(key: &CacheKey) -> Asked {
        Asked::new(key.vendor, key.endpoint, key.company(), &key.params)
    }
}

/// The vendor serving `endpoint`.
fn vendor_of(endpoint: &str) -> Vendor {
    if endpoint == QUALIFICATION_PATH {
        Vendor::Juhe
    } else {
        Vendor::Qcc
    }
}

/// A call's reserved row in the ledger (none: no store to write it in).
#[derive(Debug)]
pub struct Ticket {
    id: Option<i64>,
}

/// What a call's result says for the ledger: `None` when nothing reached the vendor (no
/// connection, a stop), else the status, `OrderNumber` and whether it is billed.
fn sent_as<T>(
    vendor: Vendor,
    result: &Result<Reply<T>, ApiError>,
) -> Option<(String, Option<String>, bool)> {
    match result {
        Ok(reply) => Some((
            reply.status.code.to_string(),
            reply.order_number.clone(),
            billable(vendor, reply.status.code),
        )),
        Err(ApiError::Status { info, .. }) => {
            Some((info.code.to_string(), None, billable(vendor, info.code)))
        }
        Err(ApiError::UnknownStatus { code, .. }) => Some((code.clone(), None, false)),
        Err(ApiError::Transport {
            kind: TransportKind::Connect,
            ..
        }) => None,
        Err(ApiError::Transport {
            kind: TransportKind::Decode,
            ..
        }) => Some(("bad_answer".into(), None, false)),
        Err(ApiError::Transport { .. }) => Some(("transport".into(), None, false)),
        Err(_) => None,
    }
}

impl Services {
    pub(super) fn mode_name(&self) -> &'static str {
        match self.backend.mode {
            Mode::Sandbox => "sandbox",
            Mode::Live => "live",
        }
    }

    /// Before a call of `asked` is sent: hold it to the run's limits and the account's
    /// budgets, and reserve its row in the ledger (the store checks and writes in one step,
    /// so processes sharing the store cannot pass a budget together). A refusal is written
    /// as saved and nothing is sent.
    pub(crate) async fn open_call(&self, asked: &Asked) -> Result<Ticket, ApiError> {
        let price = self.spend.prices.fen(asked.endpoint);
        if let Some(e) = self.run_refusal(price) {
            return Err(self.refuse_over(asked, e).await);
        }
        let limits = self.limits();
        let row = CallRecord {
            billable: true,
            price_fen: price,
            ..self.blank(asked)
        };
        let reserved = self
            .state_call(move |s| s.reserve_call(&row, &limits))
            .await;
        match reserved {
            Some(Reserved::Row(id)) => Ok(Ticket { id: Some(id) }),
            Some(Reserved::Over { budget, calls, fen }) => {
                let e = refusal(&limits, budget, price, calls, fen);
                Err(self.refuse_over(asked, e).await)
            }
            None if limits.any() => {
                let e = ApiError::OverBudget {
                    detail: "a budget is set, but the spend ledger that holds it cannot be \
                             written: nothing is sent until it can"
                        .into(),
                };
                Err(self.refuse_over(asked, e).await)
            }
            None => Ok(Ticket { id: None }),
        }
    }

    /// After the call: what it came to, on its reserved row. A local refusal (the client
    /// refused the input before sending) is a call saved; a call that never reached the
    /// vendor (no connection, a stop) leaves no row.
    pub(crate) async fn close_call<T>(
        &self,
        ticket: Ticket,
        asked: &Asked,
        result: &Result<Reply<T>, ApiError>,
    ) {
        let settled = match result {
            Err(ApiError::InvalidInput { .. }) => {
                self.spend.add(|s| s.saved += 1);
                Some(Settled {
                    outcome: Outcome::Refused,
                    status: None,
                    order_number: None,
                    billable: false,
                    price_fen: 0,
                })
            }
            _ => sent_as(asked.vendor, result).map(|(status, order_number, billed)| {
                let price_fen = if billed {
                    self.spend.prices.fen(asked.endpoint)
                } else {
                    0
                };
                self.spend.add(|s| {
                    s.sent += 1;
                    if billed {
                        s.billable += 1;
                        s.fen += price_fen;
                    }
                });
                Settled {
                    outcome: Outcome::Sent,
                    status: Some(status),
                    order_number,
                    billable: billed,
                    price_fen,
                }
            }),
        };
        if let Some(id) = ticket.id {
            self.state_call(move |s| s.settle_call(id, settled.as_ref()))
                .await;
        }
    }

    /// The keyword checked locally (length, a credit code's check character) before any
    /// call of `endpoint`; a refusal is written to the ledger as saved.
    pub async fn check_keyword(
        &self,
        raw: &str,
        force: bool,
        endpoint: &'static str,
    ) -> Result<Keyword, ApiError> {
        let checked = parse_keyword(raw, force);
        if checked.is_err() {
            self.note_refused(raw, endpoint).await;
        }
        checked
    }

    /// A keyword a front end refused before asking `endpoint` (the explorer's search bar),
    /// written as a call saved.
    pub async fn note_refused(&self, raw: &str, endpoint: &'static str) {
        let asked = Asked::new(
            vendor_of(endpoint),
            endpoint,
            raw,
            &[("searchKey", raw.trim().into())],
        );
        self.note_saved(&asked, Outcome::Refused).await;
    }

    /// Write a question answered, or held back, without a call.
    pub(crate) async fn note_saved(&self, asked: &Asked, outcome: Outcome) {
        self.spend.add(|s| s.saved += 1);
        self.write(CallRecord {
            outcome,
            ..self.blank(asked)
        })
        .await;
    }

    fn blank(&self, asked: &Asked) -> CallRecord {
        CallRecord {
            at: crate::store::now(),
            by: None,
            mode: self.mode_name().into(),
            vendor: match asked.vendor {
                Vendor::Qcc => "qcc",
                Vendor::Juhe => "juhe",
            }
            .into(),
            endpoint: asked.endpoint.into(),
            company: asked.company.clone(),
            params: asked.params.clone(),
            outcome: Outcome::Sent,
            status: None,
            order_number: None,
            billable: false,
            price_fen: 0,
        }
    }

    async fn write(&self, record: CallRecord) {
        self.state_call(move |s| s.record_call(&record)).await;
    }
}
