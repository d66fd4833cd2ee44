//! Where requests may go (issue 12, points 1 and 2): a vendor that redirects elsewhere never
//! gets corpvet to repeat a signed call there, and report files come only from the QCC
//! host. Against hostile servers of our own on loopback.

mod hostile;

use std::time::Duration;

use corpvet::api::juhe::JuheClient;
use corpvet::api::qcc::QccClient;
use corpvet::api::settings::{http_client, ApiSettings, QccCredentials, Secret};
use corpvet::api::{ApiError, TransportKind};
use hostile::{serve, Hostile, Reply};

const KEY: &str = "QCCKEY1234567890";
const SECRET: &str = "QCCSECRET0987654321";
const JUHE_KEY: &str = "JUHEKEYabcdef123456";

fn http() -> reqwest::Client {
    http_client(&ApiSettings {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(5),
        ..ApiSettings::default()
    })
    .unwrap()
}

fn qcc(base: &str) -> QccClient {
    let creds = QccCredentials {
        key: KEY.into(),
        secret: Secret::new(SECRET),
    };
    QccClient::new(http(), &format!("{base}/api/yj"), &creds).unwrap()
}

/// A vendor that redirects every call to `path` on another server (another port), and that
/// other server.
async fn redirecting(path: &str) -> (Hostile, Hostile) {
    let elsewhere = serve(Reply::Body("application/json", b"{}".to_vec())).await;
    let vendor = serve(Reply::Redirect(format!("{}{path}", elsewhere.base))).await;
    (vendor, elsewhere)
}

/// A transport error that says where the redirect pointed, and no secret; nothing reached
/// the other server.
fn assert_refused_redirect(e: &ApiError, elsewhere: &Hostile) {
    assert!(
        elsewhere.requests().is_empty(),
        "{:?}",
        elsewhere.requests()
    );
    let elsewhere = elsewhere.base.as_str();
    assert!(
        matches!(e, ApiError::Transport { .. }),
        "a transport error: {e:?}"
    );
    let text = e.to_string();
    let host = elsewhere.trim_start_matches("http://");
    assert!(text.contains(host), "says where it pointed: {text}");
    for secret in [KEY, SECRET, JUHE_KEY] {
        assert!(!text.contains(secret), "a secret in the error: {text}");
    }
}

#[tokio::test]
async fn a_qcc_call_redirected_to_another_host_is_not_repeated_there() {
    let (vendor, elsewhere) = redirecting("/steal?x=1").await;
    let e = qcc(&vendor.base)
        .building_qualifications("浙江华屹建设集团有限公司")
        .await
        .unwrap_err();
    assert_refused_redirect(&e, &elsewhere);
    let sent = vendor.requests();
    assert_eq!(sent.len(), 1);
    assert!(
        !sent[0].to_ascii_lowercase().contains("referer"),
        "{}",
        sent[0]
    );
}

#[tokio::test]
async fn a_juhe_call_redirected_to_another_port_keeps_its_key_home() {
    let (vendor, elsewhere) = redirecting("/steal").await;
    let juhe = JuheClient::new(http(), &vendor.base, JUHE_KEY).unwrap();
    let e = juhe
        .building_qualifications("浙江华屹建设集团有限公司", 1, 20)
        .await
        .unwrap_err();
    assert_refused_redirect(&e, &elsewhere);
}

#[tokio::test]
async fn report_files_come_only_from_the_qcc_host() {
    let elsewhere = serve(Reply::Body(
        "application/pdf",
        b"%PDF-1.4 not ours".to_vec(),
    ))
    .await;
    let vendor = serve(Reply::Redirect(format!("{}/file.pdf", elsewhere.base))).await;
    let client = qcc(&vendor.base);
    let other_host = elsewhere.base.trim_start_matches("http://");
    // An absolute address elsewhere, and a scheme-relative one, are refused with the URL.
    for url in [
        format!("{}/rpt/retrieve?code=1", elsewhere.base),
        format!("//{other_host}/rpt/retrieve?code=1"),
    ] {
        let e = client.report_download_url(&url).unwrap_err();
        assert!(e.to_string().contains(other_host), "{e}");
    }
    // The QCC host itself, absolute or relative, is fine.
    let own = client
        .report_download_url(&format!("{}/rpt/retrieve?code=1", vendor.base))
        .unwrap();
    assert_eq!(
        own,
        client.report_download_url("/rpt/retrieve?code=1").unwrap()
    );
    // A redirect from the download address to another host is refused, and nothing is saved.
    let dir = tempfile::tempdir().unwrap();
    let e = corpvet::api::download::download(
        client.http(),
        own,
        dir.path(),
        "r.pdf",
        corpvet::api::download::IDLE,
        |_| {},
    )
    .await
    .unwrap_err();
    assert_eq!(e.transport_kind(), Some(TransportKind::Http), "{e:?}");
    assert!(e.to_string().contains(other_host), "{e}");
    assert!(elsewhere.requests().is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
