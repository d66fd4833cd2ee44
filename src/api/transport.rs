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
    } else if e.is_status() {
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
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;
    use tokio::net::TcpListener;

    fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(5))
            .build()
            .unwrap()
    }

    fn kind(e: &ApiError) -> TransportKind {
        match e {
            ApiError::Transport { kind, .. } => *kind,
            other => panic!("not a transport error: {other:?}"),
        }
    }

    /// The server reads the whole request, then hangs up without answering: the request was
    /// sent (and may have been billed), so it must not look like a connect failure.
    #[tokio::test]
    async fn a_connection_closed_after_the_request_was_sent_is_not_connect() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut seen = Vec::new();
            let mut buf = [0u8; 1024];
            while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = socket.read(&mut buf).await.unwrap();
                if n == 0 {
                    break;
                }
                seen.extend_from_slice(&buf[..n]);
            }
            drop(socket);
            seen
        });
        let err = fetch(client().get(format!("http://{addr}/api?key=SECRETKEY")))
            .await
            .unwrap_err();
        let request = server.await.unwrap();
        assert!(request.starts_with(b"GET /api"), "the request arrived");
        assert_eq!(kind(&err), TransportKind::Body, "{err}");
        assert!(!crate::worker::retry::is_transient(&err), "{err}");
        assert!(!err.to_string().contains("SECRETKEY"), "{err}");
    }

    /// Nothing listens: the request never left, so it is a connect failure (safe to retry).
    #[tokio::test]
    async fn a_refused_connection_is_connect() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let err = fetch(client().get(format!("http://{addr}/api")))
            .await
            .unwrap_err();
        assert_eq!(kind(&err), TransportKind::Connect, "{err}");
        assert!(crate::worker::retry::is_transient(&err), "{err}");
    }
}
