//! Failure-mode companies: one per way a vendor call goes wrong in production, matched by
//! the company an endpoint resolves, so a client can rehearse each failure on every call.

use std::time::Duration;

use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

use super::envelope::{self, Qcc};
use super::reply::Reply;

/// How a failure-mode company's answers go wrong (`fault` in `companies.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Fault {
    /// The correct answer, after `SandboxOptions::slow_delay`.
    Slow,
    /// HTTP 502 with nginx's HTML page.
    Gateway,
    /// HTTP 200 with the correct body cut in half.
    Corrupt,
    /// Daily quota spent: QCC 116, Juhe 10012.
    Quota,
    /// Traffic shaping: QCC 120, Juhe 10011.
    Throttle,
}

/// The vendor-specific answers for faults that replace the answer outright.
pub trait Speaker {
    fn quota(&self) -> Reply;
    fn throttled(&self) -> Reply;
}

impl Speaker for Qcc {
    fn quota(&self) -> Reply {
        self.status("116")
    }
    fn throttled(&self) -> Reply {
        self.status("120")
    }
}

/// Juhe's system codes.
pub struct Juhe;

impl Speaker for Juhe {
    fn quota(&self) -> Reply {
        envelope::juhe(10012, Value::Null)
    }
    fn throttled(&self) -> Reply {
        envelope::juhe(10011, Value::Null)
    }
}

/// A file download has no vendor envelope: plain HTTP 429 as a CDN would send.
pub struct Download;

impl Speaker for Download {
    fn quota(&self) -> Reply {
        Reply::plain(StatusCode::TOO_MANY_REQUESTS, "quota exceeded")
    }
    fn throttled(&self) -> Reply {
        Reply::plain(StatusCode::TOO_MANY_REQUESTS, "too many requests")
    }
}

/// What is left to do to the normal answer once the gate let the request through.
#[must_use]
pub struct Tail(Option<Fault>);

impl Tail {
    pub fn finish(self, reply: Reply) -> Reply {
        match self.0 {
            Some(Fault::Corrupt) => reply.truncated(),
            _ => reply,
        }
    }
}

/// Apply `fault` before the answer is computed: replace it (gateway, quota, throttle), delay
/// it (slow), or let it through to be mangled by [`Tail::finish`] (corrupt). Call it after
/// the request was validated and its company resolved, before any side effect.
pub async fn gate(
    fault: Option<Fault>,
    delay: Duration,
    speaker: &impl Speaker,
) -> Result<Tail, Reply> {
    match fault {
        Some(Fault::Gateway) => Err(Reply::bad_gateway()),
        Some(Fault::Quota) => Err(speaker.quota()),
        Some(Fault::Throttle) => Err(speaker.throttled()),
        Some(Fault::Slow) => {
            tokio::time::sleep(delay).await;
            Ok(Tail(fault))
        }
        Some(Fault::Corrupt) | None => Ok(Tail(fault)),
    }
}
