//! The account circuit: a refusal about the account, not the company (a bad key or
//! signature, a banned IP, a spent quota) stops every further call to that vendor at once,
//! locally and unbilled. Hammering a vendor that says "signature wrong / IP banned" risks a
//! ban, and every company of a batch would get the same answer. It closes again when the
//! user asks again on purpose (`r`, `--refresh`) or starts anew with another configuration.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::api::status::Vendor;
use crate::api::{ApiError, StatusClass};

#[derive(Debug, Default)]
pub struct Circuit {
    open: Mutex<HashMap<Vendor, ApiError>>,
}

/// Whether `e` is about the account rather than the company asked for.
pub fn is_account_level(e: &ApiError) -> bool {
    matches!(
        e.status_class(),
        Some(StatusClass::KeyOrAccount | StatusClass::Signature | StatusClass::Quota)
    )
}

impl Circuit {
    /// Refuse locally when `vendor` refused the account earlier: the same refusal again
    /// (its code, the vendor's words, the advice), without sending anything.
    pub fn check(&self, vendor: Vendor) -> Result<(), ApiError> {
        match self.lock().get(&vendor) {
            None => Ok(()),
            Some(e) => {
                tracing::info!(error = %e, "not sent: the vendor refused the account earlier");
                Err(e.clone())
            }
        }
    }

    /// Open the circuit for `vendor` when `result` is an account-level refusal.
    pub fn note<T>(&self, vendor: Vendor, result: &Result<T, ApiError>) {
        if let Err(e) = result {
            if is_account_level(e) {
                tracing::warn!(error = %e, "account-level refusal: no further calls to this vendor");
                self.lock().insert(vendor, e.clone());
            }
        }
    }

    /// The user asks again on purpose.
    pub fn reset(&self) {
        self.lock().clear();
    }

    /// The refusal that opened the circuit, if one did.
    pub fn tripped(&self) -> Option<ApiError> {
        self.lock().values().next().cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Vendor, ApiError>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }
}
