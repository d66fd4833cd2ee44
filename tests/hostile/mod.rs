//! A hostile vendor for the tests: an HTTP server on loopback that answers every request
//! with what the test scripted (a redirect elsewhere, a body of its choosing) and keeps the
//! raw requests it received, so a test can say what reached it. Loopback only; each
//! connection is bounded in time, and the server stops when the test's runtime ends.
#![allow(dead_code)] // each test binary uses its own subset

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// How long one connection may take before the server drops it.
const PER_CONNECTION: Duration = Duration::from_secs(10);

/// What the server answers (the same to every request).
#[derive(Clone)]
pub enum Reply {
    /// `302 Found` to `location`.
    Redirect(String),
    /// `200 OK` with this body and content type.
    Body(&'static str, Vec<u8>),
    /// `200 OK` with this body (its length announced), sent `chunk` bytes at a time with
    /// `every` between them; `stop_after` chunks, then silence with the connection open.
    Trickle {
        body: Vec<u8>,
        chunk: usize,
        every: Duration,
        stop_after: Option<usize>,
    },
}

pub struct Hostile {
    pub base: String,
    /// Every request received, head and body as text.
    pub seen: Arc<Mutex<Vec<String>>>,
}

impl Hostile {
    pub fn requests(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

/// Start a server on 127.0.0.1 answering `reply`.
pub async fn serve(reply: Reply) -> Hostile {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let (log, reply) = (Arc::clone(&log), reply.clone());
            tokio::spawn(tokio::time::timeout(PER_CONNECTION, async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match sock.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                log.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&buf).into_owned());
                let head = match &reply {
                    Reply::Redirect(to) => format!(
                        "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    ),
                    Reply::Body(kind, body) => format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    ),
                    Reply::Trickle { body, .. } => format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    ),
                };
                let _ = sock.write_all(head.as_bytes()).await;
                match &reply {
                    Reply::Body(_, body) => {
                        let _ = sock.write_all(body).await;
                    }
                    Reply::Trickle {
                        body,
                        chunk,
                        every,
                        stop_after,
                    } => {
                        for (n, part) in body.chunks(*chunk).enumerate() {
                            if stop_after.is_some_and(|stop| n >= stop) {
                                // Silence until the connection's time is up.
                                std::future::pending::<()>().await;
                            }
                            if sock.write_all(part).await.is_err() {
                                return;
                            }
                            tokio::time::sleep(*every).await;
                        }
                    }
                    Reply::Redirect(_) => {}
                }
                let _ = sock.shutdown().await;
            }));
        }
    });
    Hostile { base, seen }
}
