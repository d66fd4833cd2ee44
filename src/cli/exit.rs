//! Exit codes, one per kind of outcome, so scripts can branch without parsing text.

use crate::api::ApiError;

pub const RESULTS: u8 = 0;
pub const NO_RESULT: u8 = 1;
pub const REFUSED: u8 = 2;
pub const VENDOR_ERROR: u8 = 3;
pub const TRANSPORT: u8 = 4;

pub fn for_error(e: &ApiError) -> u8 {
    match e {
        // Refused here, nothing sent: bad input, the team database it must go through, a budget.
        ApiError::InvalidInput { .. }
        | ApiError::StoreUnavailable { .. }
        | ApiError::OverBudget { .. }
        | ApiError::Cancelled => REFUSED,
        ApiError::Status { .. } | ApiError::UnknownStatus { .. } => VENDOR_ERROR,
        ApiError::Transport { .. } | ApiError::Io(_) | ApiError::NotReady { .. } => TRANSPORT,
    }
}
