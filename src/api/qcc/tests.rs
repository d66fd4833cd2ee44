use super::*;

fn client(base: &str) -> QccClient {
    let creds = QccCredentials {
        key: "k".into(),
        secret: Secret::new("s"),
    };
    QccClient::new(reqwest::Client::new(), base, &creds).unwrap()
}

#[test]
fn download_url_is_the_base_origin_plus_report_url() {
    let c = client("https://pro.qcc.com/api/yj");
    assert_eq!(
        c.report_download_url("/api/rpt/retrieve?code=465b")
            .unwrap()
            .as_str(),
        "https://pro.qcc.com/api/rpt/retrieve?code=465b"
    );
    let c = client("http://127.0.0.1:8080/api/yj/");
    assert_eq!(
        c.report_download_url("/api/rpt/retrieve?code=x")
            .unwrap()
            .as_str(),
        "http://127.0.0.1:8080/api/rpt/retrieve?code=x"
    );
    // Another host is refused (issue 12): reports come only from the QCC host.
    let e = c
        .report_download_url("https://cdn.example/r.pdf")
        .unwrap_err();
    assert!(e.to_string().contains("https://cdn.example/r.pdf"), "{e}");
    assert!(c.report_download_url(" ").is_err());
}

#[test]
fn local_checks_refuse_before_sending() {
    assert!(keyword(" a ").is_err());
    assert_eq!(keyword(" 企查 ").unwrap(), "企查");
    assert!(page_size(21).is_err() && page_size(0).is_err() && page_size(20).is_ok());
    assert!(page_index(0).is_err());
    assert!(parse_base("ftp://x").is_err());
    assert_eq!(
        parse_base("http://h/api/yj")
            .unwrap()
            .join("A/B")
            .unwrap()
            .path(),
        "/api/yj/A/B"
    );
}
