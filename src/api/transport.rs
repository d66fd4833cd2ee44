//! Sending one request and reading its whole body, with every transport failure typed.
//! Error texts are built without the URL, so no query parameter ever reaches a message.

use super::error::{ApiError, TransportKind};

/// Answers larger than this are not a vendor envelope; refuse them rather than fill memory.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// Send `request` and read the body. Returns the HTTP status and the bytes.
pub async fn fetch(request: reqwest::RequestBuilder) -> Result<(u16, Vec<u8>), ApiError> {
    let mut response = request.send().await.map_err(from_reqwest)?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(from_reqwest)? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ApiError::transport(
                TransportKind::Decode,
                format!(
                    "the answer is larger than {} MB",
                    MAX_BODY_BYTES / 1024 / 1024
                ),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((status, body))
}

/// Map a reqwest error to our kinds, dropping the URL (it carries the key).
///
/// `Connect` means the request certainly never reached the vendor (refused, DNS, TLS
/// handshake, or a request that could not even be built), so the retry layer may send it
/// again without risk of paying twice. Anything else that fails after the request may have
/// been written (a connection closed before the answer was complete, hyper's
/// `IncompleteMessage`, a reset mid-answer) is `Body`: the vendor may have answered and
/// billed, so it is not retried.
pub fn from_reqwest(e: reqwest::Error) -> ApiError {
    let kind = if e.is_timeout() {
        TransportKind::Timeout
    } else if e.is_connect() || e.is_builder() {
        TransportKind::Connect
    } else if e.is_status() || e.is_redirect() {
        TransportKind::Http
    } else {
        TransportKind::Body
    };
    // reqwest's top-level text is terse ("error sending request"); add the root cause.
    let root = root_cause(&e);
    let mut text = e.without_url().to_string();
    if let Some(root) = root {
        if !text.contains(&root) {
            text = format!("{text}: {root}");
        }
    }
    ApiError::transport(kind, text)
}

/// The innermost cause's text (never reqwest's own, which names the URL).
fn root_cause(e: &reqwest::Error) -> Option<String> {
    let mut cur: &dyn std::error::Error = std::error::Error::source(e)?;
    while let Some(next) = cur.source() {
        cur = next;
    }
    let s = cur.to_string();
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests;
