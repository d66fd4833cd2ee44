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
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn signed(key: &str, timespan: i64, secret: &str) -> (Params, HeaderMap) {
        let params = Params::parse(Some(&format!("key={key}")), &HeaderMap::new(), b"");
        let mut headers = HeaderMap::new();
        let token = sign::token(key, timespan, secret).to_lowercase();
        headers.insert(
            "Timespan",
            HeaderValue::from_str(&timespan.to_string()).unwrap(),
        );
        headers.insert("Token", HeaderValue::from_str(&token).unwrap());
        (params, headers)
    }

    #[test]
    fn checks_key_then_time_then_signature() {
        let now = chrono::Utc::now().timestamp();
        let (p, h) = signed(SANDBOX_QCC_KEY, now, SANDBOX_QCC_SECRET);
        assert_eq!(qcc(&p, &h, 300), Ok(()), "lower-case token accepted");
        let (p, h) = signed("other", now, SANDBOX_QCC_SECRET);
        assert_eq!(qcc(&p, &h, 300), Err("101"));
        let (p, h) = signed(SANDBOX_QCC_KEY, now, "wrong");
        assert_eq!(qcc(&p, &h, 300), Err("107"));
        let (p, h) = signed(SANDBOX_QCC_KEY, now - 301, SANDBOX_QCC_SECRET);
        assert_eq!(qcc(&p, &h, 300), Err("107"));
        let (p, mut h) = signed(SANDBOX_QCC_KEY, now, SANDBOX_QCC_SECRET);
        h.insert("Timespan", HeaderValue::from_static("soon"));
        assert_eq!(qcc(&p, &h, 300), Err("107"));
        let empty = Params::parse(None, &HeaderMap::new(), b"");
        assert_eq!(qcc(&empty, &HeaderMap::new(), 300), Err("101"));
    }
}
