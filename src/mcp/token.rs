//! The one-time confirmation tokens of `order_report`: the first call names what would be
//! ordered and hands out a token; only a second call that brings it back places the order.
//! A token is bound to one company and one format, expires in minutes, and is spent by
//! its first use, whatever that use comes to: an agent that changes its mind starts over.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::domain::report::ReportFormat;

/// How long a token lives unless `CORPVET_MCP_CONFIRM_SECS` says otherwise.
pub const DEFAULT_TTL: Duration = Duration::from_secs(300);

/// What a token allows: one order of `format` for `company` (the keyword as checked), new
/// even when one stands (`again`) or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intent {
    pub company: String,
    pub format: ReportFormat,
    pub again: bool,
}

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Never issued, or already used.
    Unknown,
    Expired,
    /// Issued for another company, format or intent.
    Mismatch {
        issued_for: Intent,
    },
}

impl Refused {
    /// The refusal in plain words, with what to do.
    pub fn message(&self) -> String {
        let again = "call order_report without confirm_token for a new one, check what it \
                     says, then call again with it";
        match self {
            Refused::Unknown => format!(
                "this confirmation token is not one this server issued, or it was already \
                 used; nothing was ordered: {again}"
            ),
            Refused::Expired => {
                format!("this confirmation token has expired; nothing was ordered: {again}")
            }
            Refused::Mismatch { issued_for } => format!(
                "this confirmation token was issued for a {} report{} for {}, not for this \
                 request; nothing was ordered, and the token is spent: {again}",
                issued_for.format.extension(),
                if issued_for.again {
                    " ordered anew"
                } else {
                    ""
                },
                issued_for.company
            ),
        }
    }
}

struct Issued {
    intent: Intent,
    expires: Instant,
}

/// The tokens this server has issued and not yet seen used.
pub struct Tokens {
    ttl: Duration,
    issued: HashMap<String, Issued>,
}

impl Tokens {
    pub fn new(ttl: Duration) -> Tokens {
        Tokens {
            ttl,
            issued: HashMap::new(),
        }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A new token for `intent`, valid from `now` for the lifetime.
    pub fn issue(&mut self, intent: Intent, now: Instant) -> String {
        self.issued.retain(|_, t| t.expires > now);
        let token = format!("cv-{}", uuid::Uuid::new_v4().simple());
        self.issued.insert(
            token.clone(),
            Issued {
                intent,
                expires: now + self.ttl,
            },
        );
        token
    }

    /// Spend `token` on `intent` at `now`: allowed only when it was issued for exactly
    /// that and has not expired. Any use spends it.
    pub fn redeem(&mut self, token: &str, intent: &Intent, now: Instant) -> Result<(), Refused> {
        let issued = self.issued.remove(token.trim()).ok_or(Refused::Unknown)?;
        if now >= issued.expires {
            return Err(Refused::Expired);
        }
        if &issued.intent != intent {
            return Err(Refused::Mismatch {
                issued_for: issued.intent,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
