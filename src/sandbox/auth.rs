//! Credentials: QCC's key + `Timespan` + `Token` signature, Juhe's bare key.

use axum::http::HeaderMap;

use super::params::Params;
use super::{SANDBOX_JUHE_KEY, SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET};
use crate::api::sign;

/// QCC's checks, in the vendor's order: the key (101), then the time stamp and the signature
/// (both 107). `Err` holds the status code to answer.
pub fn qcc(params: &Params, headers: &HeaderMap, max_skew_secs: i64) -> Result<(), &'static str> {
    let key = params.text("key").ok_or("101")?;
    if key != SANDBOX_QCC_KEY {
        return Err("101");
    }
    let timespan = header(headers, "Timespan")
        .and_then(|t| t.parse::<i64>().ok())
        .ok_or("107")?;
    let now = chrono::Utc::now().timestamp();
    if now.abs_diff(timespan) > max_skew_secs.max(0).unsigned_abs() {
        return Err("107");
    }
    let token = header(headers, "Token").ok_or("107")?;
    if !token.eq_ignore_ascii_case(&sign::token(key, timespan, SANDBOX_QCC_SECRET)) {
        return Err("107");
    }
    Ok(())
}

/// Juhe has no signature: the key is the whole credential.
pub fn juhe(params: &Params) -> bool {
    params.text("key") == Some(SANDBOX_JUHE_KEY)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests;
