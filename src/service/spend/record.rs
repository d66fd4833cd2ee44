//! Writing each question to the spend ledger: sent (with its status, `OrderNumber` and
//! price) or saved (and why).

use crate::api::juhe::QUALIFICATION_PATH;
use crate::api::{ApiError, Reply, TransportKind, Vendor};
use crate::domain::keyword::{parse_keyword, Keyword};
use crate::service::backend::Mode;
use crate::service::cache::CacheKey;
use crate::service::services::Services;
use crate::store::{CallRecord, Outcome};

use super::billable;

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

    /// Write what one attempt of `asked` came to. A local refusal (the client refused the
    /// input before sending) is written as saved.
    pub(crate) async fn note_call<T>(&self, asked: &Asked, result: &Result<Reply<T>, ApiError>) {
        if let Err(ApiError::InvalidInput { .. }) = result {
            return self.note_saved(asked, Outcome::Refused).await;
        }
        let Some((status, order_number, billed)) = sent_as(asked.vendor, result) else {
            return;
        };
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
        self.write(CallRecord {
            outcome: Outcome::Sent,
            status: Some(status),
            order_number,
            billable: billed,
            price_fen,
            ..self.blank(asked)
        })
        .await;
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
            let vendor = if endpoint == QUALIFICATION_PATH {
                Vendor::Juhe
            } else {
                Vendor::Qcc
            };
            let asked = Asked::new(vendor, endpoint, raw, &[("searchKey", raw.trim().into())]);
            self.note_saved(&asked, Outcome::Refused).await;
        }
        checked
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
