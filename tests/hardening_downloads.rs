//! Report downloads against hostile servers of our own on loopback (issue 12, point 19):
//! a slow download is not cut off by the call timeout, a silent one is, a body that is not
//! the format asked for is refused, a partial file a killed run left is cleaned up, and the
//! same report downloaded again is reused.

mod hostile;

use std::path::Path;
use std::time::Duration;

use corpvet::api::download::{download, Downloaded};
use corpvet::api::settings::{http_client, ApiSettings};
use corpvet::api::{ApiError, TransportKind};
use hostile::{serve, Reply};
use url::Url;

/// A client whose call timeout is 2 s: a download must not share it.
fn http() -> reqwest::Client {
    http_client(&ApiSettings {
        connect_timeout: Duration::from_secs(1),
        total_timeout: Duration::from_secs(2),
        ..ApiSettings::default()
    })
    .unwrap()
}

fn pdf(len: usize) -> Vec<u8> {
    let mut body = b"%PDF-1.7\n".to_vec();
    body.resize(len, b'x');
    body
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// `name` from `base` into `dir`, giving up after `idle` seconds of silence.
async fn fetch(base: &str, dir: &Path, name: &str, idle: u64) -> Result<Downloaded, ApiError> {
    let url = Url::parse(&format!("{base}/rpt/1")).unwrap();
    download(&http(), url, dir, name, Duration::from_secs(idle), |_| {}).await
}

/// A 12 KB PDF sent 2 KB at a time, `every` apart, the rest withheld after `stop_after`.
async fn trickle(every: u64, stop_after: Option<usize>) -> hostile::Hostile {
    serve(Reply::Trickle {
        body: pdf(12 * 1024),
        chunk: 2048,
        every: Duration::from_millis(every),
        stop_after,
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_download_outlives_the_call_timeout_and_a_silent_one_does_not() {
    // 2 KB each 0.5 s: 3 s in all, over the 2 s call timeout.
    let slow = trickle(500, None).await;
    let dir = tempfile::tempdir().unwrap();
    let saved = fetch(&slow.base, dir.path(), "r.pdf", 2).await.unwrap();
    assert_eq!(std::fs::read(&saved.path).unwrap(), pdf(12 * 1024));

    // Two chunks, then nothing: given up after the idle time, nothing left behind.
    let silent = trickle(50, Some(2)).await;
    let dir = tempfile::tempdir().unwrap();
    let e = fetch(&silent.base, dir.path(), "r.pdf", 1)
        .await
        .unwrap_err();
    assert_eq!(e.transport_kind(), Some(TransportKind::Timeout), "{e:?}");
    assert!(files(dir.path()).is_empty(), "{:?}", files(dir.path()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_that_is_not_the_format_asked_for_is_refused() {
    let login = serve(Reply::Body(
        "text/html",
        b"<!DOCTYPE html><html><head><title>Login</title></head><body>sign in</body></html>"
            .to_vec(),
    ))
    .await;
    let dir = tempfile::tempdir().unwrap();
    for name in ["r.pdf", "r.docx"] {
        let url = Url::parse(&format!("{}/rpt/1", login.base)).unwrap();
        let e = download(
            &http(),
            url,
            dir.path(),
            name,
            Duration::from_secs(2),
            |_| {},
        )
        .await
        .unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("HTML page") && text.contains("nothing was saved"),
            "{text}"
        );
    }
    assert!(files(dir.path()).is_empty(), "{:?}", files(dir.path()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_runs_part_file_is_removed_and_a_second_download_reuses_the_first() {
    let body = pdf(4096);
    let vendor = serve(Reply::Body("application/pdf", body.clone())).await;
    let dir = tempfile::tempdir().unwrap();
    // What a run killed mid-download leaves: its partial file, its process gone.
    std::fs::write(dir.path().join(".r.pdf.999999999.part"), b"%PDF-half").unwrap();
    std::fs::write(dir.path().join("r.pdf.part"), b"%PDF-older").unwrap();
    let first = fetch(&vendor.base, dir.path(), "r.pdf", 2).await.unwrap();
    assert!(!first.reused);
    let again = fetch(&vendor.base, dir.path(), "r.pdf", 2).await.unwrap();
    assert!(again.reused);
    assert_eq!(again.path, first.path);
    assert_eq!(files(dir.path()), ["r.pdf"]);
}
