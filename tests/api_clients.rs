//! Every client call over loopback against the in-process sandbox, through `QccClient` and
//! `JuheClient` built with the sandbox credentials: data, paging, the report lifecycle in
//! both answer forms with the download, signing, each failure mode's typed error, local
//! refusal (no request at all) and billing (exactly one billed answer per successful call).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use corpvet::api::download::{download, Progress, IDLE};
use corpvet::api::juhe::JuheClient;
use corpvet::api::qcc::{endpoint, CertQuery, DataType, QccClient, ReportFormat};
use corpvet::api::settings::{http_client, ApiSettings, QccCredentials, Secret};
use corpvet::api::wire::juhe::JuheResult;
use corpvet::api::wire::qcc::{CertificationDetail, ReportInfo};
use corpvet::api::{ApiError, Reply, StatusClass, TransportKind};
use corpvet::sandbox::{
    Sandbox, SandboxOptions, SANDBOX_JUHE_KEY, SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET,
};

const JUHE_COUNTER: &str = "bqQualification/query";

const QCC_TECH: &str = "企查查科技有限公司";
const QCC_TECH_CODE: &str = "91320594088140947F";
const HENAN: &str = "河南省建筑设计研究院有限公司";
const HENAN_JUHE_ID: &str = "5d43a8f092aec74cbf04a163";
/// 47 certificates.
const MANY_CERTS: &str = "深圳市鹏科智联电子股份有限公司";
/// Customs: 失信企业 with two penalties.
const PENALISED: &str = "宁波甬舟泽汇进出口有限公司";
/// Customs: two registrations.
const TWO_CUSTOMS: &str = "厦门嘉禾海联国际物流有限公司";
/// Its credit report fails (`ReportStatus` F).
const REPORT_FAILS: &str = "哈尔滨北疆冰雪文化传播有限公司";
const LONG_NAME: &str =
    "上海临港滨海智造产业园开发建设有限公司第三项目管理部（上海市浦东新区临港新片区）";

const SLOW: &str = "慢速响应测试有限公司";
const GATEWAY: &str = "网关故障测试有限公司";
const CORRUPT: &str = "数据损坏测试有限公司";
const QUOTA: &str = "额度耗尽测试有限公司";
const THROTTLED: &str = "流量限制测试有限公司";

/// The slow company answers after this; the timeout tests wait far less.
const SLOW_DELAY: Duration = Duration::from_millis(1500);
const SHORT_TIMEOUT: Duration = Duration::from_millis(250);

async fn sandbox() -> Sandbox {
    sandbox_with(SLOW_DELAY).await
}

async fn sandbox_with(slow_delay: Duration) -> Sandbox {
    Sandbox::start_with(
        0,
        SandboxOptions {
            slow_delay,
            ..SandboxOptions::default()
        },
    )
    .await
    .expect("sandbox starts")
}

fn http(timeout: Duration) -> reqwest::Client {
    let settings = ApiSettings {
        connect_timeout: Duration::from_secs(2),
        total_timeout: timeout,
        ..ApiSettings::default()
    };
    http_client(&settings).unwrap()
}

fn qcc_with(sb: &Sandbox, key: &str, secret: &str, timeout: Duration) -> QccClient {
    let creds = QccCredentials {
        key: key.to_string(),
        secret: Secret::new(secret),
    };
    QccClient::new(http(timeout), &sb.qcc_base_url(), &creds).unwrap()
}

fn qcc(sb: &Sandbox) -> QccClient {
    qcc_with(
        sb,
        SANDBOX_QCC_KEY,
        SANDBOX_QCC_SECRET,
        Duration::from_secs(10),
    )
}

fn juhe_with(sb: &Sandbox, key: &str, timeout: Duration) -> JuheClient {
    JuheClient::new(http(timeout), &sb.juhe_base_url(), key).unwrap()
}

fn juhe(sb: &Sandbox) -> JuheClient {
    juhe_with(sb, SANDBOX_JUHE_KEY, Duration::from_secs(10))
}

/// Run `call` and check it cost exactly `billed` on `counter` and nothing anywhere else.
async fn billed<T>(
    sb: &Sandbox,
    counter: &str,
    billed: u64,
    call: impl std::future::Future<Output = T>,
) -> T {
    let before = sb.counters().snapshot();
    let out = call.await;
    let after = sb.counters().snapshot();
    for (name, (_, b)) in &after {
        let was = before.get(name).map_or(0, |c| c.1);
        let want = if name == counter { billed } else { 0 };
        assert_eq!(b - was, want, "billed calls of {name}");
    }
    out
}

/// A successful call: billed exactly once on its endpoint.
async fn once<T>(
    sb: &Sandbox,
    counter: &str,
    call: impl std::future::Future<Output = Result<Reply<T>, ApiError>>,
) -> Reply<T> {
    billed(sb, counter, 1, call)
        .await
        .unwrap_or_else(|e| panic!("{counter}: {e:?}"))
}

fn cert_query(name: &str) -> CertQuery {
    CertQuery::new(name)
}

// ---------------------------------------------------------------------------------------
// Data calls.

#[tokio::test]
async fn building_qualifications() {
    let sb = sandbox().await;
    let c = qcc(&sb);
    let r = once(&sb, endpoint::BUILDING, c.building_qualifications(HENAN)).await;
    assert_eq!((r.status.code, r.status.class), ("200", StatusClass::Ok));
    assert!(r
        .order_number
        .as_deref()
        .is_some_and(|o| o.starts_with("BUILDINGQUALIFICATIONCHECK")));
    assert_eq!(r.paging, None);
    let data = r.data.unwrap();
    assert_eq!(data.verify_result, 1);
    let nos: Vec<&str> = data.data.iter().map(|q| q.cert_no.as_str()).collect();
    assert_eq!(
        nos,
        [
            "A141002510",
            "E141002510",
            "A241002517",
            "E241002517",
            "B241002517"
        ]
    );
    let first = &data.data[0];
    assert_eq!(first.cert_name_list.len(), 3);
    assert_eq!(first.valid_period, "2024-08-23");
    assert_eq!(first.sign_dept, "住房和城乡建设部");

    // The same company by credit code; a keyword with spaces around it is trimmed.
    let by_code = once(
        &sb,
        endpoint::BUILDING,
        c.building_qualifications(" 91410100281008278A "),
    )
    .await;
    assert_eq!(by_code.data.unwrap().data, data.data);

    // The long name, written with half-width parentheses.
    let half = LONG_NAME.replace('（', "(").replace('）', ")");
    let r = once(&sb, endpoint::BUILDING, c.building_qualifications(&half)).await;
    assert_eq!(r.data.unwrap().data.len(), 1);

    // No such company: 201, an empty answer, not an error (and billed, like upstream).
    let r = once(
        &sb,
        endpoint::BUILDING,
        c.building_qualifications("不存在的测试公司甲"),
    )
    .await;
    assert_eq!(
        (r.status.code, r.status.class),
        ("201", StatusClass::NoResult)
    );
    assert!(r.data.is_none());
    // A company with no qualifications is 201 too.
    let r = once(&sb, endpoint::BUILDING, c.building_qualifications(QCC_TECH)).await;
    assert_eq!(r.status.class, StatusClass::NoResult);
}

#[tokio::test]
async fn certificate_search_with_every_parameter() {
    let sb = sandbox().await;
    let c = qcc(&sb);
    let counter = endpoint::CERT_SEARCH;

    // Three pages of 20 over 47 certificates; page 3 has the last 7.
    let mut ids = Vec::new();
    for (page, len) in [(1u32, 20usize), (2, 20), (3, 7)] {
        let q = CertQuery {
            page_index: page,
            ..cert_query(MANY_CERTS)
        };
        let r = once(&sb, counter, c.search_certifications(&q)).await;
        let paging = r.paging.expect("paging");
        assert_eq!(
            (paging.page_size, paging.page_index, paging.total_records),
            (20, u64::from(page), 47)
        );
        assert_eq!(paging.page_count(), 3);
        assert_eq!(paging.has_next(), page < 3);
        let list = r.data.unwrap();
        assert_eq!(list.len(), len, "page {page}");
        ids.extend(list.into_iter().map(|c| c.id));
    }
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), 47, "pages overlap");

    // Past the last page: no result.
    let q = CertQuery {
        page_index: 4,
        ..cert_query(MANY_CERTS)
    };
    let r = once(&sb, counter, c.search_certifications(&q)).await;
    assert_eq!(r.status.class, StatusClass::NoResult);

    // A page size of 5, page 2.
    let q = CertQuery {
        page_size: 5,
        page_index: 2,
        ..cert_query(MANY_CERTS)
    };
    let r = once(&sb, counter, c.search_certifications(&q)).await;
    assert_eq!(r.data.as_ref().unwrap().len(), 5);
    assert_eq!(r.data.unwrap()[0].id, ids[5]);
    assert_eq!(r.paging.unwrap().page_size, 5);

    // certCategory: a family (C_7 = CCC, cnca001) and a single type.
    let q = CertQuery {
        category: Some("C_7".into()),
        ..cert_query(MANY_CERTS)
    };
    let r = once(&sb, counter, c.search_certifications(&q)).await;
    assert_eq!(r.paging.unwrap().total_records, 23);
    let list = r.data.unwrap();
    assert_eq!(list.len(), 20);
    assert!(list.iter().all(|c| c.kind == "cnca001"));
    let q = CertQuery {
        category: Some("cnca027".into()),
        ..cert_query(MANY_CERTS)
    };
    let r = once(&sb, counter, c.search_certifications(&q)).await;
    let list = r.data.unwrap();
    assert_eq!(list.len(), 3);
    assert!(list
        .iter()
        .all(|c| c.type_desc == "质量管理体系认证（ISO9000）"));
    // A blank category is no category.
    let q = CertQuery {
        category: Some("  ".into()),
        ..cert_query(MANY_CERTS)
    };
    let r = once(&sb, counter, c.search_certifications(&q)).await;
    assert_eq!(r.paging.unwrap().total_records, 47);

    // isExactlySame: part of the name finds nothing exactly, the company fuzzily.
    let partial = "鹏科智联";
    let r = once(&sb, counter, c.search_certifications(&cert_query(partial))).await;
    assert_eq!(r.status.class, StatusClass::NoResult);
    let q = CertQuery {
        exact: false,
        ..cert_query(partial)
    };
    let r = once(&sb, counter, c.search_certifications(&q)).await;
    assert_eq!(r.paging.unwrap().total_records, 47);

    // The document's example company: its first certificate is the document's.
    let r = once(&sb, counter, c.search_certifications(&cert_query(QCC_TECH))).await;
    let first = &r.data.unwrap()[0];
    assert_eq!(first.id, "145695151793ad28f7ffd5d8a24cd6191");
    assert_eq!(first.no, "17418Q20358R1M");
    assert_eq!(first.start_date, "2021-04-12 00:00:00");
}

#[tokio::test]
async fn certificate_detail_keeps_the_order_it_arrived_in() {
    let sb = sandbox().await;
    let c = qcc(&sb);
    let r = once(
        &sb,
        endpoint::CERT_DETAIL,
        c.certification_detail(" 145695151793ad28f7ffd5d8a24cd6191 "),
    )
    .await;
    assert!(r
        .order_number
        .as_deref()
        .is_some_and(|o| o.starts_with("ECICERTIFICATION")));
    let detail = r.data.unwrap();
    assert_eq!(detail.id, "145695151793ad28f7ffd5d8a24cd6191");
    // The sandbox serves the document's example map: same pairs, same order.
    let doc: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs/qcc_certs_detail.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let want: Vec<(String, String)> = doc["Result"]["Data"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    let got: Vec<(String, String)> = detail
        .data
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    assert_eq!(got.len(), 48);
    assert_eq!(got, want);
    assert_eq!(detail.data["证书状态"], "有效");

    // Every certificate of a company has a detail with a status and an expiry date.
    let r = once(
        &sb,
        endpoint::CERT_SEARCH,
        c.search_certifications(&cert_query(MANY_CERTS)),
    )
    .await;
    let id = r.data.unwrap()[7].id.clone();
    let d: CertificationDetail = once(&sb, endpoint::CERT_DETAIL, c.certification_detail(&id))
        .await
        .data
        .unwrap();
    assert!(d.data.contains_key("证书状态") && d.data.contains_key("证书到期日期"));
    assert_eq!(d.id.to_lowercase(), id.to_lowercase());

    // An unknown id: no result.
    let r = once(
        &sb,
        endpoint::CERT_DETAIL,
        c.certification_detail("00000000000000000000000000000000"),
    )
    .await;
    assert_eq!((r.status.class, r.data), (StatusClass::NoResult, None));
}

#[tokio::test]
async fn customs_with_paging_and_penalties() {
    let sb = sandbox().await;
    let c = qcc(&sb);
    let counter = endpoint::CUSTOMS;
    let r = once(&sb, counter, c.customs_credit(PENALISED, 1, 20)).await;
    assert!(r
        .order_number
        .as_deref()
        .is_some_and(|o| o.starts_with("OPERATIONCHECK")));
    let paging = r.paging.unwrap();
    assert_eq!(
        (paging.page_size, paging.page_index, paging.total_records),
        (20, 1, 1)
    );
    let data = r.data.unwrap();
    assert_eq!(data.verify_result, 1);
    let rec = &data.data[0];
    assert_eq!(rec.identify_level, "失信企业");
    assert_eq!(rec.punish_list.len(), 2);
    assert_eq!(
        rec.punish_list
            .iter()
            .map(|p| p.case_prop.as_str())
            .collect::<Vec<_>>(),
        ["违规", "走私"]
    );
    assert!(rec.punish_list.iter().all(|p| p.party == PENALISED));
    assert_eq!(rec.punish_list[1].decision_no, "甬关缉私字〔2025〕0902号");

    // Two registrations, one per page.
    let p1 = once(&sb, counter, c.customs_credit(TWO_CUSTOMS, 1, 1)).await;
    let p2 = once(&sb, counter, c.customs_credit(TWO_CUSTOMS, 2, 1)).await;
    for (p, index) in [(&p1, 1), (&p2, 2)] {
        let paging = p.paging.unwrap();
        assert_eq!(
            (paging.page_size, paging.page_index, paging.total_records),
            (1, index, 2)
        );
        assert_eq!(p.data.as_ref().unwrap().data.len(), 1);
    }
    assert!(p1.paging.unwrap().has_next() && !p2.paging.unwrap().has_next());
    assert_ne!(
        p1.data.unwrap().data[0].id,
        p2.data.unwrap().data[0].id,
        "page 2 repeats page 1"
    );
    let p3 = once(&sb, counter, c.customs_credit(TWO_CUSTOMS, 3, 1)).await;
    assert_eq!(p3.status.class, StatusClass::NoResult);

    // A company with no customs record.
    let r = once(&sb, counter, c.customs_credit(HENAN, 1, 10)).await;
    assert_eq!(r.status.class, StatusClass::NoResult);
}

#[tokio::test]
async fn juhe_building_qualifications_with_paging() {
    let sb = sandbox().await;
    let j = juhe(&sb);
    let r = once(&sb, JUHE_COUNTER, j.building_qualifications(HENAN, 1, 20)).await;
    assert_eq!((r.status.code, r.status.class), ("0", StatusClass::Ok));
    let paging = r.paging.unwrap();
    assert_eq!(
        (paging.page_size, paging.page_index, paging.total_records),
        (20, 1, 5)
    );
    // The sandbox serves the document's example for this company, item for item.
    let doc: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/docs/juhe_building_query.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let want: JuheResult = serde_json::from_value(doc["result"].clone()).unwrap();
    let all = r.data.unwrap();
    assert_eq!(all, want);

    // Pages of 2: 2, 2, 1, then nothing.
    let mut seen = Vec::new();
    for (page, len) in [(1u32, 2usize), (2, 2), (3, 1)] {
        let r = once(&sb, JUHE_COUNTER, j.building_qualifications(HENAN, page, 2)).await;
        let paging = r.paging.unwrap();
        assert_eq!(
            (paging.page_size, paging.page_index, paging.total_records),
            (2, u64::from(page), 5)
        );
        assert_eq!(paging.has_next(), page < 3);
        let data = r.data.unwrap();
        assert_eq!(data.total, 5);
        assert_eq!(data.items.len(), len);
        seen.extend(data.items);
    }
    assert_eq!(seen, all.items, "the pages, in order, are the whole list");
    let r = once(&sb, JUHE_COUNTER, j.building_qualifications(HENAN, 4, 2)).await;
    assert_eq!(
        (r.status.code, r.status.class),
        ("265004", StatusClass::NoResult)
    );
    assert!(r.data.is_none());

    // Juhe's company id is a keyword too; QCC and Juhe agree on the certificates.
    let r = once(
        &sb,
        JUHE_COUNTER,
        j.building_qualifications(HENAN_JUHE_ID, 1, 20),
    )
    .await;
    assert_eq!(r.data.unwrap().total, 5);
    let q = once(
        &sb,
        endpoint::BUILDING,
        qcc(&sb).building_qualifications(HENAN),
    )
    .await;
    let qcc_nos: Vec<String> = q
        .data
        .unwrap()
        .data
        .into_iter()
        .map(|q| q.cert_no)
        .collect();
    let juhe_nos: Vec<String> = all.items.into_iter().map(|i| i.certificate_num).collect();
    assert_eq!(qcc_nos, juhe_nos);

    // A wrong key: 10001, not billed.
    let bad = juhe_with(&sb, "not-a-key", Duration::from_secs(5));
    let e = billed(
        &sb,
        JUHE_COUNTER,
        0,
        bad.building_qualifications(HENAN, 1, 20),
    )
    .await
    .unwrap_err();
    assert_eq!(e.vendor_code(), Some("10001"));
    assert_eq!(e.status_class(), Some(StatusClass::KeyOrAccount));
}

// ---------------------------------------------------------------------------------------
// The credit report: order, poll, download.

async fn poll_until_done(
    sb: &Sandbox,
    c: &QccClient,
    order_no: &str,
    dtype: DataType,
) -> (Vec<String>, ReportInfo) {
    let mut seen = Vec::new();
    for _ in 0..10 {
        let before = sb.counters().billed(endpoint::REPORT_INFO);
        let r = c
            .report_info(order_no, dtype)
            .await
            .unwrap_or_else(|e| panic!("poll {dtype:?}: {e:?}"));
        let after = sb.counters().billed(endpoint::REPORT_INFO);
        match r.status.class {
            StatusClass::Pending => {
                assert_eq!(r.status.code, "205");
                assert!(r.data.is_none());
                assert_eq!(after, before, "a 205 is not billed");
                seen.push("205".to_string());
            }
            StatusClass::Ok => {
                assert_eq!(after, before + 1, "a 200 poll is billed once");
                let info = r.data.unwrap();
                seen.push(info.report_status.clone());
                if matches!(info.report_status.as_str(), "S" | "F" | "E") {
                    return (seen, info);
                }
            }
            other => panic!("poll answered {other:?}"),
        }
    }
    panic!("the report never finished: {seen:?}");
}

async fn lifecycle(format: ReportFormat, dtype: DataType, magic: &[u8]) {
    let sb = sandbox().await;
    let c = qcc(&sb);
    let created = once(
        &sb,
        endpoint::CREATE_REPORT,
        c.create_report(QCC_TECH, format),
    )
    .await;
    assert_eq!(created.message, "报告下单成功");
    let order_no = created.data.unwrap().order_no;
    assert!(
        order_no.len() >= 16 && order_no.chars().all(|ch| ch.is_ascii_hexdigit()),
        "{order_no}"
    );
    assert_eq!(sb.counters().billed(endpoint::CREATE_REPORT), 1);

    let (seen, info) = poll_until_done(&sb, &c, &order_no, dtype).await;
    assert_eq!(seen.first().map(String::as_str), Some("205"), "{seen:?}");
    assert!(seen.len() >= 2, "{seen:?}");
    assert!(seen[1..seen.len() - 1].iter().all(|s| s != "S"), "{seen:?}");
    assert_eq!(info.report_status, "S");
    assert!(
        info.report_url.starts_with("/api/rpt/retrieve?code="),
        "{}",
        info.report_url
    );

    // Polling a finished order answers the same again.
    let again = c.report_info(&order_no, dtype).await.unwrap().data.unwrap();
    assert_eq!(again, info);

    let url = c.report_download_url(&info.report_url).unwrap();
    assert_eq!(url.host_str(), Some("127.0.0.1"));
    assert_eq!(url.port(), Some(sb.addr().port()));
    assert_eq!(url.path(), "/api/rpt/retrieve");

    let dir = tempfile::tempdir().unwrap();
    let name = format!("report.{}", format.extension());
    let mut events: Vec<Progress> = Vec::new();
    let got = billed(
        &sb,
        "rpt/retrieve",
        0,
        download(c.http(), url.clone(), dir.path(), &name, IDLE, |p| {
            events.push(p)
        }),
    )
    .await
    .unwrap();
    let bytes = std::fs::read(&got.path).unwrap();
    assert_eq!(got.path, dir.path().join(&name));
    assert!(
        bytes.starts_with(magic),
        "{:?}",
        &bytes[..8.min(bytes.len())]
    );
    assert!(bytes.len() > 100);
    assert_eq!(got.bytes, bytes.len() as u64);
    let last = events.last().expect("progress events");
    assert_eq!(last.received, bytes.len() as u64);
    assert_eq!(last.total, Some(bytes.len() as u64));
    assert_eq!(events[0].received, 0);
    assert!(events.windows(2).all(|w| w[0].received <= w[1].received));
    // Nothing but the file in the folder (no `.part` left behind).
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, std::slice::from_ref(&name));

    // A second download of the same report reuses the first (issue 12, point 19), with no
    // second copy beside it.
    let second = download(c.http(), url, dir.path(), &name, IDLE, |_| {})
        .await
        .unwrap();
    assert!(second.reused);
    assert_eq!(second.path, got.path);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // One order for the whole lifecycle.
    assert_eq!(sb.counters().billed(endpoint::CREATE_REPORT), 1);
    assert_eq!(sb.counters().requests(endpoint::CREATE_REPORT), 1);
}

#[tokio::test]
async fn report_lifecycle_json_pdf() {
    lifecycle(ReportFormat::Pdf, DataType::Json, b"%PDF").await;
}

#[tokio::test]
async fn report_lifecycle_xml_pdf() {
    lifecycle(ReportFormat::Pdf, DataType::Xml, b"%PDF").await;
}

#[tokio::test]
async fn report_lifecycle_json_word() {
    lifecycle(ReportFormat::Word, DataType::Json, b"PK").await;
}

#[tokio::test]
async fn report_lifecycle_xml_word() {
    lifecycle(ReportFormat::Word, DataType::Xml, b"PK").await;
}

#[tokio::test]
async fn a_failed_report_reads_f_and_has_nothing_to_download() {
    let sb = sandbox().await;
    let c = qcc(&sb);
    for dtype in [DataType::Json, DataType::Xml] {
        let order = once(
            &sb,
            endpoint::CREATE_REPORT,
            c.create_report(REPORT_FAILS, ReportFormat::Pdf),
        )
        .await
        .data
        .unwrap()
        .order_no;
        let (_, info) = poll_until_done(&sb, &c, &order, dtype).await;
        assert_eq!(info.report_status, "F");
        assert_eq!(info.report_url, "");
        assert!(matches!(
            c.report_download_url(&info.report_url),
            Err(ApiError::InvalidInput { .. })
        ));
    }
    // An unknown order number: no result (201), in both forms.
    for dtype in [DataType::Json, DataType::Xml] {
        let r = c
            .report_info("0123456789abcdef0123456789abcdef", dtype)
            .await
            .unwrap();
        assert_eq!(
            (r.status.code, r.status.class),
            ("201", StatusClass::NoResult)
        );
    }
    // A download address that is not (or no longer) valid: an HTTP error, no file.
    let dir = tempfile::tempdir().unwrap();
    let url = c
        .report_download_url("/api/rpt/retrieve?code=nope")
        .unwrap();
    let e = download(c.http(), url, dir.path(), "x.pdf", IDLE, |_| {})
        .await
        .unwrap_err();
    assert_eq!(e.transport_kind(), Some(TransportKind::Http), "{e:?}");
    assert!(e.to_string().contains("404"), "{e}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

// ---------------------------------------------------------------------------------------
// Signing.

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn signing_skewed_clock_wrong_secret_and_unknown_key() {
    let sb = sandbox().await;
    // A clock an hour behind (and one ahead): 107, a signature error, not billed.
    for skew in [-3600i64, 3600] {
        let c = qcc(&sb).with_clock(Arc::new(move || now() + skew));
        let e = billed(&sb, endpoint::BUILDING, 0, c.building_qualifications(HENAN))
            .await
            .unwrap_err();
        assert_eq!(e.vendor_code(), Some("107"), "{e:?}");
        assert_eq!(e.status_class(), Some(StatusClass::Signature));
        let report = e.report();
        assert_eq!(
            (report.class.as_str(), report.retryable),
            ("signature", false)
        );
    }
    // A minute off is within the vendor's tolerance.
    let c = qcc(&sb).with_clock(Arc::new(|| now() - 60));
    once(&sb, endpoint::BUILDING, c.building_qualifications(HENAN)).await;

    // The wrong secret: 107.
    let c = qcc_with(
        &sb,
        SANDBOX_QCC_KEY,
        "not-the-secret",
        Duration::from_secs(5),
    );
    let e = billed(
        &sb,
        endpoint::CERT_SEARCH,
        0,
        c.search_certifications(&cert_query(QCC_TECH)),
    )
    .await
    .unwrap_err();
    assert_eq!(e.vendor_code(), Some("107"));
    assert_eq!(e.status_class(), Some(StatusClass::Signature));
    assert!(e.to_string().contains("签名错误"), "{e}");

    // An unknown key: 101.
    let c = qcc_with(
        &sb,
        "unknown-key",
        SANDBOX_QCC_SECRET,
        Duration::from_secs(5),
    );
    let e = billed(
        &sb,
        endpoint::CUSTOMS,
        0,
        c.customs_credit(PENALISED, 1, 10),
    )
    .await
    .unwrap_err();
    assert_eq!(e.vendor_code(), Some("101"));
    assert_eq!(e.status_class(), Some(StatusClass::KeyOrAccount));

    // The report calls are signed too, in both forms.
    let c = qcc_with(
        &sb,
        SANDBOX_QCC_KEY,
        "not-the-secret",
        Duration::from_secs(5),
    );
    let e = c
        .create_report(QCC_TECH, ReportFormat::Pdf)
        .await
        .unwrap_err();
    assert_eq!(e.vendor_code(), Some("107"));
    let e = c
        .report_info("0123456789abcdef0123456789abcdef", DataType::Xml)
        .await
        .unwrap_err();
    assert_eq!(e.vendor_code(), Some("107"));
    assert_eq!(
        sb.counters().billed_total(),
        1,
        "only the in-tolerance call"
    );
}

/// One clock reading per request, used for both `Timespan` and `Token` (a second reading
/// could straddle a second boundary and break the signature).
#[tokio::test]
async fn one_clock_reading_per_request() {
    let sb = sandbox().await;
    let reads = Arc::new(AtomicUsize::new(0));
    let counter = reads.clone();
    let c = qcc(&sb).with_clock(Arc::new(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        now()
    }));
    c.building_qualifications(HENAN).await.unwrap();
    assert_eq!(reads.load(Ordering::SeqCst), 1);
    c.search_certifications(&cert_query(QCC_TECH))
        .await
        .unwrap();
    c.report_info("0123456789abcdef0123456789abcdef", DataType::Xml)
        .await
        .unwrap();
    assert_eq!(reads.load(Ordering::SeqCst), 3);
    // A refused call reads no clock and sends nothing.
    assert!(c.building_qualifications("x").await.is_err());
    assert_eq!(reads.load(Ordering::SeqCst), 3);
}

// ---------------------------------------------------------------------------------------
// Failure modes.

#[derive(Debug, Clone, Copy)]
enum Call {
    Building,
    CertSearch,
    Customs,
    Juhe,
}

const CALLS: [Call; 4] = [Call::Building, Call::CertSearch, Call::Customs, Call::Juhe];

async fn call(sb: &Sandbox, what: Call, company: &str, timeout: Duration) -> Result<(), ApiError> {
    let c = qcc_with(sb, SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET, timeout);
    match what {
        Call::Building => c.building_qualifications(company).await.map(drop),
        Call::CertSearch => c
            .search_certifications(&cert_query(company))
            .await
            .map(drop),
        Call::Customs => c.customs_credit(company, 1, 20).await.map(drop),
        Call::Juhe => juhe_with(sb, SANDBOX_JUHE_KEY, timeout)
            .building_qualifications(company, 1, 20)
            .await
            .map(drop),
    }
}

fn kind(e: &ApiError) -> Option<TransportKind> {
    match e {
        ApiError::Transport { kind, .. } => Some(*kind),
        _ => None,
    }
}

#[tokio::test]
async fn the_slow_company_times_out_with_a_short_timeout() {
    let sb = sandbox().await;
    for what in CALLS {
        let start = Instant::now();
        let e = call(&sb, what, SLOW, SHORT_TIMEOUT).await.unwrap_err();
        let took = start.elapsed();
        assert_eq!(kind(&e), Some(TransportKind::Timeout), "{what:?}: {e:?}");
        assert!(e.retryable(), "{what:?}");
        assert!(took < SLOW_DELAY, "{what:?} waited {took:?}");
        assert_eq!(e.report().class, "transport");
        assert!(e.to_string().contains("timed out"), "{e}");
        assert!(
            !e.to_string().contains(SANDBOX_QCC_KEY),
            "the key leaked: {e}"
        );
        assert!(
            !e.to_string().contains(SANDBOX_JUHE_KEY),
            "the key leaked: {e}"
        );
    }
    assert_eq!(sb.counters().billed_total(), 0);
}

#[tokio::test]
async fn the_slow_company_answers_within_a_longer_timeout() {
    let delay = Duration::from_millis(300);
    let sb = sandbox_with(delay).await;
    let start = Instant::now();
    let r = once(
        &sb,
        endpoint::BUILDING,
        qcc(&sb).building_qualifications(SLOW),
    )
    .await;
    assert!(start.elapsed() >= delay);
    assert_eq!(r.data.unwrap().data.len(), 1);
}

#[tokio::test]
async fn each_failure_mode_company_gives_its_typed_error() {
    let sb = sandbox().await;
    let t = Duration::from_secs(5);
    for what in CALLS {
        // 502 with nginx's page: HTTP, naming the status and the page title.
        let e = call(&sb, what, GATEWAY, t).await.unwrap_err();
        assert_eq!(kind(&e), Some(TransportKind::Http), "{what:?}: {e:?}");
        let text = e.to_string();
        assert!(
            text.contains("502") && text.contains("502 Bad Gateway"),
            "{what:?}: {text}"
        );
        assert!(e.retryable());

        // Half a body: Decode.
        let e = call(&sb, what, CORRUPT, t).await.unwrap_err();
        assert_eq!(kind(&e), Some(TransportKind::Decode), "{what:?}: {e:?}");
        assert_eq!(e.report().class, "bad_answer");
        assert!(!e.retryable());

        // Quota spent: QCC 116, Juhe 10012.
        let e = call(&sb, what, QUOTA, t).await.unwrap_err();
        assert_eq!(
            e.status_class(),
            Some(StatusClass::Quota),
            "{what:?}: {e:?}"
        );
        let code = if matches!(what, Call::Juhe) {
            "10012"
        } else {
            "116"
        };
        assert_eq!(e.vendor_code(), Some(code));
        let r = e.report();
        assert_eq!((r.class.as_str(), r.retryable), ("quota", false));

        // Throttled: QCC 120, Juhe 10011.
        let e = call(&sb, what, THROTTLED, t).await.unwrap_err();
        assert_eq!(
            e.status_class(),
            Some(StatusClass::Throttled),
            "{what:?}: {e:?}"
        );
        let code = if matches!(what, Call::Juhe) {
            "10011"
        } else {
            "120"
        };
        assert_eq!(e.vendor_code(), Some(code));
        let r = e.report();
        assert_eq!((r.class.as_str(), r.retryable), ("throttled", true));
    }
    assert_eq!(sb.counters().billed_total(), 0, "no failure is billed");
    // The same companies' other endpoints fail alike: the certificate detail and reports.
    let c = qcc(&sb);
    let e = c.create_report(QUOTA, ReportFormat::Pdf).await.unwrap_err();
    assert_eq!(e.vendor_code(), Some("116"));
    let e = c
        .create_report(GATEWAY, ReportFormat::Pdf)
        .await
        .unwrap_err();
    assert_eq!(kind(&e), Some(TransportKind::Http));
    assert_eq!(sb.counters().billed(endpoint::CREATE_REPORT), 0);
}

/// Nothing listening (port 1 on loopback: privileged, and no test binds it): a Connect
/// error, retryable, whose text does not carry the key from the query string.
#[tokio::test]
async fn nothing_listening_is_a_connect_error() {
    let creds = QccCredentials {
        key: SANDBOX_QCC_KEY.into(),
        secret: Secret::new(SANDBOX_QCC_SECRET),
    };
    let c = QccClient::new(
        http(Duration::from_secs(2)),
        "http://127.0.0.1:1/api/yj",
        &creds,
    )
    .unwrap();
    let e = c.building_qualifications(HENAN).await.unwrap_err();
    assert_eq!(kind(&e), Some(TransportKind::Connect), "{e:?}");
    assert!(e.retryable());
    assert!(
        !e.to_string().contains(SANDBOX_QCC_KEY),
        "the key leaked: {e}"
    );
    let j = JuheClient::new(
        http(Duration::from_secs(2)),
        "http://127.0.0.1:1",
        SANDBOX_JUHE_KEY,
    )
    .unwrap();
    let e = j.building_qualifications(HENAN, 1, 20).await.unwrap_err();
    assert_eq!(kind(&e), Some(TransportKind::Connect), "{e:?}");
    assert!(
        !e.to_string().contains(SANDBOX_JUHE_KEY),
        "the key leaked: {e}"
    );
}

// ---------------------------------------------------------------------------------------
// Local refusal and billing.

#[tokio::test]
async fn local_refusal_makes_no_request() {
    let sb = sandbox().await;
    let c = qcc(&sb);
    let j = juhe(&sb);
    let before = sb.counters().snapshot();
    let refusals: Vec<(&str, Result<(), ApiError>)> = vec![
        (
            "1-char keyword",
            c.building_qualifications(" 企 ").await.map(drop),
        ),
        (
            "blank keyword",
            c.building_qualifications("   ").await.map(drop),
        ),
        (
            "page size 21",
            c.search_certifications(&CertQuery {
                page_size: 21,
                ..cert_query(MANY_CERTS)
            })
            .await
            .map(drop),
        ),
        (
            "page size 0",
            c.search_certifications(&CertQuery {
                page_size: 0,
                ..cert_query(MANY_CERTS)
            })
            .await
            .map(drop),
        ),
        (
            "page 0",
            c.search_certifications(&CertQuery {
                page_index: 0,
                ..cert_query(MANY_CERTS)
            })
            .await
            .map(drop),
        ),
        (
            "1-char certificate search",
            c.search_certifications(&cert_query("鹏")).await.map(drop),
        ),
        ("empty cert id", c.certification_detail(" ").await.map(drop)),
        (
            "customs 1 char",
            c.customs_credit("x", 1, 10).await.map(drop),
        ),
        (
            "customs page 0",
            c.customs_credit(PENALISED, 0, 10).await.map(drop),
        ),
        (
            "customs size 21",
            c.customs_credit(PENALISED, 1, 21).await.map(drop),
        ),
        (
            "report 1 char",
            c.create_report("a", ReportFormat::Pdf).await.map(drop),
        ),
        (
            "empty order",
            c.report_info("  ", DataType::Xml).await.map(drop),
        ),
        (
            "juhe 1 char",
            j.building_qualifications("企", 1, 20).await.map(drop),
        ),
        (
            "juhe page 0",
            j.building_qualifications(HENAN, 0, 20).await.map(drop),
        ),
        (
            "juhe size 21",
            j.building_qualifications(HENAN, 1, 21).await.map(drop),
        ),
        (
            "juhe size 0",
            j.building_qualifications(HENAN, 1, 0).await.map(drop),
        ),
    ];
    for (what, r) in refusals {
        match r {
            Err(e @ ApiError::InvalidInput { .. }) => {
                let report = e.report();
                assert_eq!(
                    (report.class.as_str(), report.code, report.retryable),
                    ("invalid_input", None, false),
                    "{what}"
                );
                assert!(!e.to_string().is_empty());
            }
            other => panic!("{what}: expected a local refusal, got {other:?}"),
        }
    }
    let after = sb.counters().snapshot();
    assert_eq!(after, before, "a refused call reached the sandbox");
    assert!(after.values().all(|(requests, _)| *requests == 0));

    // The limits themselves are allowed: 2 characters, page size 20 and 1.
    once(
        &sb,
        endpoint::CERT_SEARCH,
        c.search_certifications(&CertQuery {
            exact: false,
            ..cert_query("鹏科")
        }),
    )
    .await;
    once(
        &sb,
        endpoint::CERT_SEARCH,
        c.search_certifications(&CertQuery {
            page_size: 1,
            ..cert_query(MANY_CERTS)
        }),
    )
    .await;
}

/// Every successful call, of every endpoint, costs exactly one billed answer on its own
/// counter, and one request.
#[tokio::test]
async fn each_successful_call_is_billed_exactly_once() {
    let sb = sandbox().await;
    let c = qcc(&sb);
    let j = juhe(&sb);
    let requests = |name: &str| sb.counters().requests(name);

    let r0 = requests(endpoint::BUILDING);
    once(&sb, endpoint::BUILDING, c.building_qualifications(HENAN)).await;
    assert_eq!(requests(endpoint::BUILDING), r0 + 1);

    let r0 = requests(endpoint::CERT_SEARCH);
    let list = once(
        &sb,
        endpoint::CERT_SEARCH,
        c.search_certifications(&cert_query(QCC_TECH)),
    )
    .await
    .data
    .unwrap();
    assert_eq!(requests(endpoint::CERT_SEARCH), r0 + 1);

    let r0 = requests(endpoint::CERT_DETAIL);
    once(
        &sb,
        endpoint::CERT_DETAIL,
        c.certification_detail(&list[1].id),
    )
    .await;
    assert_eq!(requests(endpoint::CERT_DETAIL), r0 + 1);

    let r0 = requests(endpoint::CUSTOMS);
    once(
        &sb,
        endpoint::CUSTOMS,
        c.customs_credit(QCC_TECH_CODE, 1, 20),
    )
    .await;
    assert_eq!(requests(endpoint::CUSTOMS), r0 + 1);

    let r0 = requests(JUHE_COUNTER);
    once(&sb, JUHE_COUNTER, j.building_qualifications(HENAN, 1, 20)).await;
    assert_eq!(requests(JUHE_COUNTER), r0 + 1);

    let r0 = requests(endpoint::CREATE_REPORT);
    let order = once(
        &sb,
        endpoint::CREATE_REPORT,
        c.create_report(QCC_TECH_CODE, ReportFormat::Word),
    )
    .await
    .data
    .unwrap()
    .order_no;
    assert_eq!(requests(endpoint::CREATE_REPORT), r0 + 1);

    // The first poll is 205 (not billed), the next a billed 200.
    let r = billed(
        &sb,
        endpoint::REPORT_INFO,
        0,
        c.report_info(&order, DataType::Json),
    )
    .await
    .unwrap();
    assert_eq!(r.status.class, StatusClass::Pending);
    once(
        &sb,
        endpoint::REPORT_INFO,
        c.report_info(&order, DataType::Xml),
    )
    .await;

    let total = sb.counters().billed_total();
    assert_eq!(total, 7);
}
