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
