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
    assert!(!crate::service::retry::is_transient(&err), "{err}");
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
    assert!(crate::service::retry::is_transient(&err), "{err}");
}
