//! Raw-HTTP conformance tests of the sandbox against the vendor documents: no corpvet client,
//! just reqwest over loopback, so the wire format itself is what is checked.

use std::time::{Duration, Instant};

use corpvet::api::sign;
use corpvet::sandbox::{
    Sandbox, SandboxOptions, SANDBOX_JUHE_KEY, SANDBOX_QCC_KEY, SANDBOX_QCC_SECRET,
};
use reqwest::{Client, RequestBuilder, Response};
use serde_json::Value;

const BUILDING: &str = "BuildingQualificationCheck/GetList";
const CERT_SEARCH: &str = "ECICertification/SearchCertification";
const CERT_DETAIL: &str = "ECICertification/GetCertificationDetailById";
const CUSTOMS: &str = "OperationCheck/GetList";
const CREATE: &str = "Report/CreateReport";
const INFO: &str = "Report/GetReportInfo";
const JUHE_PATH: &str = "/opens/App/bqQualification/query";

const QCC_DOC: &str = "企查查科技有限公司";
const QCC_DOC_CERT: &str = "145695151793ad28f7ffd5d8a24cd6191";
const MANY_CERTS: &str = "深圳市鹏科智联电子股份有限公司";
const BUILDER: &str = "浙江华屹建设集团有限公司";
const BUILDER_REG_NO: &str = "330783204551142";
const HENAN: &str = "河南省建筑设计研究院有限公司";
const PENALISED: &str = "宁波甬舟泽汇进出口有限公司";
const CONGLOMERATE: &str = "中国华夏建设工程集团有限公司";
const OVER_LIMIT: &str = "寰宇基建控股集团有限公司";
const SLOW_DELAY: Duration = Duration::from_millis(300);

struct Env {
    sandbox: Sandbox,
    http: Client,
}

async fn env() -> Env {
    env_with(SandboxOptions {
        slow_delay: SLOW_DELAY,
        ..SandboxOptions::default()
    })
    .await
}

async fn env_with(options: SandboxOptions) -> Env {
    let sandbox = Sandbox::start_with(0, options)
        .await
        .expect("sandbox starts");
    Env {
        sandbox,
        http: Client::new(),
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn sign_with(req: RequestBuilder, key: &str, timespan: i64, secret: &str) -> RequestBuilder {
    req.query(&[("key", key)])
        .header("Timespan", timespan.to_string())
        .header("Token", sign::token(key, timespan, secret))
}

impl Env {
    fn qcc_url(&self, path: &str) -> String {
        format!("{}/{path}", self.sandbox.qcc_base_url())
    }

    /// A correctly signed GET.
    async fn get(&self, path: &str, params: &[(&str, &str)]) -> Response {
        let req = self.http.get(self.qcc_url(path)).query(params);
        sign_with(req, SANDBOX_QCC_KEY, now(), SANDBOX_QCC_SECRET)
            .send()
            .await
            .expect("request sent")
    }

    async fn get_json(&self, path: &str, params: &[(&str, &str)]) -> Value {
        self.get(path, params)
            .await
            .json()
            .await
            .expect("json body")
    }

    /// A correctly signed POST with the parameters as a form body.
    async fn post_form(&self, path: &str, params: &[(&str, &str)]) -> Response {
        let req = self.http.post(self.qcc_url(path)).form(params);
        sign_with(req, SANDBOX_QCC_KEY, now(), SANDBOX_QCC_SECRET)
            .send()
            .await
            .expect("request sent")
    }

    /// One page of a certificate search: `searchKey`, `pageIndex`, `pageSize` as sent.
    async fn cert_page(&self, key: &str, index: &str, size: &str) -> Value {
        self.get_json(
            CERT_SEARCH,
            &[("searchKey", key), ("pageIndex", index), ("pageSize", size)],
        )
        .await
    }

    async fn juhe(&self, params: &[(&str, &str)]) -> Value {
        self.juhe_raw(params).await.json().await.expect("json body")
    }

    /// A Juhe query as it came back (status, headers, body unread).
    async fn juhe_raw(&self, params: &[(&str, &str)]) -> Response {
        let url = format!("{}{JUHE_PATH}", self.sandbox.juhe_base_url());
        self.http.get(url).query(params).send().await.unwrap()
    }

    async fn juhe_keyword(&self, keyword: &str) -> Value {
        self.juhe_keyword_with(keyword, &[]).await
    }

    /// A Juhe query for `keyword` with more parameters (paging).
    async fn juhe_keyword_with(&self, keyword: &str, more: &[(&str, &str)]) -> Value {
        let mut params = vec![("key", SANDBOX_JUHE_KEY), ("keyword", keyword)];
        params.extend_from_slice(more);
        self.juhe(&params).await
    }
}

/// The strings of a JSON array.
fn texts(v: &Value) -> Vec<&str> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|t| t.as_str().expect("text"))
        .collect()
}

/// One text field of every record.
fn column<'a>(records: &'a [Value], field: &str) -> Vec<&'a str> {
    records
        .iter()
        .map(|r| r[field].as_str().expect("text"))
        .collect()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

// ------------------------------------------------------------------ signature and envelope

#[tokio::test]
async fn signature_key_and_clock_checks() {
    let e = env().await;
    let ok = e.get_json(BUILDING, &[("searchKey", BUILDER)]).await;
    assert_eq!(ok["Status"], "200");

    let url = e.qcc_url(BUILDING);
    let q = [("searchKey", BUILDER)];
    let send = |req: RequestBuilder| async move {
        let v: Value = req.send().await.unwrap().json().await.unwrap();
        (v["Status"].as_str().unwrap().to_string(), v)
    };
    let wrong_secret = sign_with(e.http.get(&url).query(&q), SANDBOX_QCC_KEY, now(), "nope");
    let (status, v) = send(wrong_secret).await;
    assert_eq!(status, "107");
    assert_eq!(v["Message"], "【无效请求】被禁止的 IP或者签名错误");
    assert!(v["Result"].is_null());

    let unknown_key = sign_with(
        e.http.get(&url).query(&q),
        "other",
        now(),
        SANDBOX_QCC_SECRET,
    );
    let (status, v) = send(unknown_key).await;
    assert_eq!(status, "101");
    assert_eq!(v["Message"], "【无效请求】当前的 KEY无效或者还未生效中");

    let no_key = e.http.get(&url).query(&q);
    assert_eq!(send(no_key).await.0, "101");

    let skewed = sign_with(
        e.http.get(&url).query(&q),
        SANDBOX_QCC_KEY,
        now() - 301,
        SANDBOX_QCC_SECRET,
    );
    assert_eq!(send(skewed).await.0, "107");

    let unsigned = e
        .http
        .get(&url)
        .query(&q)
        .query(&[("key", SANDBOX_QCC_KEY)]);
    assert_eq!(send(unsigned).await.0, "107");

    let ts = now();
    let lower = e
        .http
        .get(&url)
        .query(&q)
        .query(&[("key", SANDBOX_QCC_KEY)])
        .header("Timespan", ts.to_string())
        .header(
            "Token",
            sign::token(SANDBOX_QCC_KEY, ts, SANDBOX_QCC_SECRET).to_lowercase(),
        );
    assert_eq!(
        send(lower).await.0,
        "200",
        "token compared case-insensitively"
    );
}

#[tokio::test]
async fn clock_tolerance_is_an_option() {
    let e = env_with(SandboxOptions {
        max_clock_skew_secs: 5,
        ..SandboxOptions::default()
    })
    .await;
    let req = e
        .http
        .get(e.qcc_url(BUILDING))
        .query(&[("searchKey", BUILDER)]);
    let v: Value = sign_with(req, SANDBOX_QCC_KEY, now() + 60, SANDBOX_QCC_SECRET)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["Status"], "107");
}

#[tokio::test]
async fn building_answers_in_the_documented_shape_for_any_identifier() {
    let e = env().await;
    let resp = e.get(BUILDING, &[("searchKey", BUILDER)]).await;
    assert_eq!(resp.status(), 200);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(keys(&v), ["Status", "Message", "OrderNumber", "Result"]);
    assert_eq!(v["Message"], "【有效请求】查询成功");
    let order = v["OrderNumber"].as_str().unwrap();
    assert!(order.starts_with("BUILDINGQUALIFICATIONCHECK"), "{order}");
    assert_eq!(order.len(), "BUILDINGQUALIFICATIONCHECK".len() + 22);
    assert_eq!(v["Result"]["VerifyResult"], 1);
    let data = v["Result"]["Data"].as_array().unwrap();
    assert_eq!(data.len(), 4);
    assert_eq!(
        keys(&data[0]),
        [
            "CertNo",
            "Category",
            "CertNameList",
            "SignDate",
            "ValidPeriod",
            "SignDept",
            "CertScope"
        ]
    );
    let first = &data[0];
    assert_eq!(first["CertScope"], texts(&first["CertNameList"]).join(","));
    let periods = column(data, "ValidPeriod");
    assert!(periods.iter().any(|p| *p < "2026-11-24"), "an expired one");
    assert!(
        periods
            .iter()
            .any(|p| ("2026-11-24".."2027-02-22").contains(p)),
        "one expiring within 90 days"
    );

    // The same company by registration number and by credit code (any case).
    let by_reg_no = e.get_json(BUILDING, &[("searchKey", BUILDER_REG_NO)]).await;
    assert_eq!(by_reg_no["Result"]["Data"], v["Result"]["Data"]);
    let by_code = e
        .get_json(BUILDING, &[("searchKey", "91320594088140947f")])
        .await;
    assert_eq!(
        by_code["Status"], "201",
        "the doc company has no qualifications"
    );
    assert_eq!(by_code["Message"], "【有效请求】查询无结果");
    assert!(by_code["Result"].is_null());
    assert_eq!(
        e.get_json(CUSTOMS, &[("searchKey", "91320594088140947F")])
            .await["Status"],
        "200"
    );
}

/// QCC answers building qualifications in one piece up to 5000 rows, 207 beyond; Juhe pages
/// the same records 20 at a time.
#[tokio::test]
async fn building_answers_5000_rows_in_one_piece_and_207_beyond() {
    let e = env().await;
    let v = e.get_json(BUILDING, &[("searchKey", CONGLOMERATE)]).await;
    assert_eq!(v["Status"], "200");
    assert!(v.get("Paging").is_none(), "no paging for building");
    let data = v["Result"]["Data"].as_array().unwrap();
    assert_eq!(data.len(), 5000);
    let numbers: std::collections::HashSet<&str> = column(data, "CertNo").into_iter().collect();
    assert_eq!(numbers.len(), 5000, "certificate numbers are unique");
    let categories: std::collections::HashSet<&str> =
        column(data, "Category").into_iter().collect();
    assert_eq!(categories.len(), 4);
    for d in data {
        let names = texts(&d["CertNameList"]);
        assert!(!names.is_empty());
        assert_eq!(d["CertScope"], names.join(","));
        assert!(d["SignDate"].as_str().unwrap() < d["ValidPeriod"].as_str().unwrap());
    }
    let periods = column(data, "ValidPeriod");
    assert!(periods.iter().any(|p| *p < "2026-11-24"), "some expired");
    assert!(periods
        .iter()
        .any(|p| ("2026-11-24".."2027-02-22").contains(p)));
    assert!(periods.iter().any(|p| *p > "2027-02-22"), "most valid");
    // Every call gives the same records.
    let again = e.get_json(BUILDING, &[("searchKey", CONGLOMERATE)]).await;
    assert_eq!(again["Result"], v["Result"]);

    let over = e.get_json(BUILDING, &[("searchKey", OVER_LIMIT)]).await;
    assert_eq!(over["Status"], "207");
    assert!(over["Result"].is_null());

    let first = e.juhe_keyword_with(OVER_LIMIT, &[("pageNum", "1")]).await;
    assert_eq!(first["error_code"], 0);
    assert_eq!(first["result"]["total"], 5001);
    assert_eq!(first["result"]["items"].as_array().unwrap().len(), 20);
    let last = e.juhe_keyword_with(OVER_LIMIT, &[("pageNum", "251")]).await;
    assert_eq!(last["result"]["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn keyword_rules() {
    let e = env().await;
    let one = e.get_json(BUILDING, &[("searchKey", " 企 ")]).await;
    assert_eq!(one["Status"], "213");
    assert_eq!(one["Message"], "【有效请求】参数长度不能小于 2");
    assert_eq!(e.get_json(BUILDING, &[]).await["Status"], "202");
    assert_eq!(
        e.get_json(BUILDING, &[("searchKey", "  ")]).await["Status"],
        "202"
    );
    let unknown = e
        .get_json(CUSTOMS, &[("searchKey", "不存在的公司有限公司")])
        .await;
    assert_eq!(unknown["Status"], "201");
    assert!(unknown["Paging"].is_null() && unknown["Result"].is_null());
    assert_eq!(
        keys(&unknown),
        ["Status", "Message", "OrderNumber", "Paging", "Result"]
    );
    // Half-width parentheses find the long full-width name.
    let long = "上海临港滨海智造产业园开发建设有限公司第三项目管理部(上海市浦东新区临港新片区)";
    assert_eq!(
        e.get_json(BUILDING, &[("searchKey", long)]).await["Status"],
        "200"
    );
    // Hostile input is answered, never a crash.
    let weird = e.cert_page(MANY_CERTS, "18446744073709551615", "20").await;
    assert_eq!(weird["Status"], "201");
    let huge = e
        .get_json(
            CERT_SEARCH,
            &[
                ("searchKey", MANY_CERTS),
                ("pageIndex", "99999999999999999999999"),
            ],
        )
        .await;
    assert_eq!(huge["Status"], "202");
    let raw = format!(
        "{}?key={SANDBOX_QCC_KEY}&searchKey=%FF%FE%00",
        e.qcc_url(BUILDING)
    );
    let ts = now();
    let resp = e
        .http
        .get(raw)
        .header("Timespan", ts.to_string())
        .header(
            "Token",
            sign::token(SANDBOX_QCC_KEY, ts, SANDBOX_QCC_SECRET),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

// ------------------------------------------------------------------ certificates

#[tokio::test]
async fn certificate_paging_over_47() {
    let e = env().await;
    let page3 = e.cert_page(MANY_CERTS, "3", "20").await;
    assert_eq!(page3["Status"], "200");
    assert_eq!(
        page3["Paging"],
        serde_json::json!({"PageSize": 20, "PageIndex": 3, "TotalRecords": 47})
    );
    let rows = page3["Result"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(
        keys(&rows[0]),
        [
            "Id",
            "Name",
            "Type",
            "StartDate",
            "EndDate",
            "No",
            "TypeDesc"
        ]
    );
    assert_eq!(rows[0]["StartDate"].as_str().unwrap().len(), 19);

    let default = e.get_json(CERT_SEARCH, &[("searchKey", MANY_CERTS)]).await;
    assert_eq!(default["Paging"]["PageSize"], 10);
    assert_eq!(default["Result"].as_array().unwrap().len(), 10);

    let beyond = e.cert_page(MANY_CERTS, "4", "20").await;
    assert_eq!(beyond["Status"], "201");
    for bad in [("pageSize", "21"), ("pageSize", "0"), ("pageIndex", "x")] {
        let v = e
            .get_json(CERT_SEARCH, &[("searchKey", MANY_CERTS), bad])
            .await;
        assert_eq!(v["Status"], "202", "{bad:?}");
        assert_eq!(v["Message"], "【有效请求】查询参数错误，请检查");
    }
}

#[tokio::test]
async fn certificate_filters_and_fuzzy_search() {
    let e = env().await;
    let ccc = e
        .get_json(
            CERT_SEARCH,
            &[
                ("searchKey", MANY_CERTS),
                ("certCategory", "C_7"),
                ("pageSize", "20"),
            ],
        )
        .await;
    assert_eq!(ccc["Paging"]["TotalRecords"], 23);
    assert!(ccc["Result"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["Type"] == "cnca001"));
    let iso9001 = e
        .get_json(
            CERT_SEARCH,
            &[("searchKey", MANY_CERTS), ("certCategory", "cnca027")],
        )
        .await;
    assert_eq!(iso9001["Paging"]["TotalRecords"], 3);
    let nothing = e
        .get_json(
            CERT_SEARCH,
            &[("searchKey", MANY_CERTS), ("certCategory", "C_404")],
        )
        .await;
    assert_eq!(nothing["Status"], "201");

    // The document's example: two per page of five.
    let doc = e
        .get_json(CERT_SEARCH, &[("searchKey", QCC_DOC), ("pageSize", "2")])
        .await;
    assert_eq!(
        doc["Paging"],
        serde_json::json!({"PageSize": 2, "PageIndex": 1, "TotalRecords": 5})
    );
    assert_eq!(doc["Result"][0]["Id"], QCC_DOC_CERT);
    assert_eq!(doc["Result"][1]["Id"], "295733c8d847882298539674ec7d74a71");
    assert_eq!(doc["Result"][0]["TypeDesc"], "质量管理体系认证（ISO9000）");

    let exact = e.get_json(CERT_SEARCH, &[("searchKey", "鹏科智联")]).await;
    assert_eq!(exact["Status"], "201", "exact match is the default");
    let fuzzy = e
        .get_json(
            CERT_SEARCH,
            &[("searchKey", "鹏科智联"), ("isExactlySame", "false")],
        )
        .await;
    assert_eq!(fuzzy["Paging"]["TotalRecords"], 47);
    let bad = e
        .get_json(
            CERT_SEARCH,
            &[("searchKey", MANY_CERTS), ("isExactlySame", "maybe")],
        )
        .await;
    assert_eq!(bad["Status"], "202");
}

#[tokio::test]
async fn certificate_detail_keeps_key_order() {
    let e = env().await;
    let resp = e.get(CERT_DETAIL, &[("certId", QCC_DOC_CERT)]).await;
    let text = resp.text().await.unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["Status"], "200");
    assert_eq!(keys(&v["Result"]), ["Id", "Data", "Schema"]);
    assert!(v["Result"]["Schema"].is_null());

    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/sandbox/certificates.json"
    ))
    .unwrap();
    let all: Value = serde_json::from_str(&file).unwrap();
    let expected = all["91320594088140947F"][0]["Detail"].clone();
    assert_eq!(keys(&v["Result"]["Data"]), keys(&expected));
    assert_eq!(v["Result"]["Data"], expected);
    let order = keys(&expected);
    assert_eq!(order[0], "产品名称及单元(主)");
    assert_eq!(order[1], "发证机构批准号");
    assert_eq!(*order.last().unwrap(), "证书使用的认可标识");
    // The raw text, not just the parsed map, carries the order.
    let a = text.find("\"发证机构批准号\"").unwrap();
    let b = text.find("\"产品类别\"").unwrap();
    assert!(a < b);

    let missing = e.get_json(CERT_DETAIL, &[("certId", "nope")]).await;
    assert_eq!(missing["Status"], "201");
    assert_eq!(e.get_json(CERT_DETAIL, &[]).await["Status"], "202");
}

// ------------------------------------------------------------------ customs

#[tokio::test]
async fn customs_penalties_levels_and_paging() {
    let e = env().await;
    let v = e.get_json(CUSTOMS, &[("searchKey", PENALISED)]).await;
    assert_eq!(v["Status"], "200");
    assert!(v["OrderNumber"]
        .as_str()
        .unwrap()
        .starts_with("OPERATIONCHECK"));
    assert_eq!(
        v["Paging"],
        serde_json::json!({"PageSize": 10, "PageIndex": 1, "TotalRecords": 1})
    );
    let record = &v["Result"]["Data"][0];
    assert_eq!(
        keys(record),
        [
            "Id",
            "RegGov",
            "TradeType",
            "RegDate",
            "RegNo",
            "AdminArea",
            "EconoArea",
            "SpecialArea",
            "CancelFlag",
            "AnnualStatus",
            "ValidityDate",
            "IndustryType",
            "EBusinessType",
            "IdentifyDate",
            "IdentifyLevel",
            "IdentifyCode",
            "PunishList"
        ]
    );
    assert!(keys(record)[..16].iter().all(|k| record[k].is_string()));
    assert_eq!(record["IdentifyLevel"], "失信企业");
    let props: Vec<&str> = record["PunishList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["CaseProp"].as_str().unwrap())
        .collect();
    assert_eq!(props, ["违规", "走私"]);
    assert_eq!(
        keys(&record["PunishList"][0]),
        ["No", "DecisionNo", "Party", "PunishDate", "CaseProp"]
    );

    let aeo = e.get_json(CUSTOMS, &[("searchKey", MANY_CERTS)]).await;
    assert_eq!(aeo["Result"]["Data"][0]["IdentifyLevel"], "高级认证企业");
    assert!(aeo["Result"]["Data"][0]["IdentifyCode"]
        .as_str()
        .unwrap()
        .starts_with("AEOCN"));

    let second = e
        .get_json(
            CUSTOMS,
            &[
                ("searchKey", "厦门嘉禾海联国际物流有限公司"),
                ("pageSize", "1"),
                ("pageIndex", "2"),
            ],
        )
        .await;
    assert_eq!(second["Paging"]["TotalRecords"], 2);
    assert_eq!(second["Result"]["Data"][0]["TradeType"], "报关企业");
    let none = e.get_json(CUSTOMS, &[("searchKey", HENAN)]).await;
    assert_eq!(none["Status"], "201", "qualifications only, no customs");
}

// ------------------------------------------------------------------ Juhe

#[tokio::test]
async fn juhe_protocol() {
    let e = env().await;
    let bad = e.juhe(&[("key", "wrong"), ("keyword", HENAN)]).await;
    assert_eq!(
        bad,
        serde_json::json!({"reason": "错误的请求KEY", "result": null, "error_code": 10001})
    );
    let missing = e.juhe(&[("key", SANDBOX_JUHE_KEY)]).await;
    assert_eq!(missing["error_code"], 265001);
    let none = e.juhe_keyword("不存在的公司有限公司").await;
    assert_eq!(none["error_code"], 265004);
    assert_eq!(none["reason"], "查询无结果");
    assert!(none["result"].is_null());

    let all = e.juhe_keyword(HENAN).await;
    assert_eq!(keys(&all), ["reason", "result", "error_code"]);
    assert_eq!(all["error_code"], 0);
    assert_eq!(all["reason"], "success");
    assert_eq!(all["result"]["total"], 5);
    let first = &all["result"]["items"][0];
    assert_eq!(
        keys(first),
        [
            "organ",
            "effectiveTime",
            "businessId",
            "issuingCertificateTime",
            "type",
            "certificateNum",
            "qualificationName"
        ]
    );
    assert_eq!(first["businessId"], "5d43a8f092aec74cbf04a163-A141002510");
    assert_eq!(
        first["qualificationName"],
        "工程设计建筑行业（建筑工程）甲级,工程设计市政行业给水工程专业甲级,工程设计市政行业道路工程专业甲级"
    );

    let page3 = e
        .juhe_keyword_with(HENAN, &[("pageSize", "2"), ("pageNum", "3")])
        .await;
    assert_eq!(page3["result"]["total"], 5);
    assert_eq!(page3["result"]["items"].as_array().unwrap().len(), 1);
    assert_eq!(page3["result"]["items"][0]["certificateNum"], "B241002517");
    let clamped = e.juhe_keyword_with(HENAN, &[("pageSize", "50")]).await;
    assert_eq!(clamped["error_code"], 0);
    let beyond = e.juhe_keyword_with(HENAN, &[("pageNum", "2")]).await;
    assert_eq!(beyond["error_code"], 265004);

    // POST with a form body, keyword = the Juhe company id.
    let url = format!("{}{JUHE_PATH}", e.sandbox.juhe_base_url());
    let posted: Value = e
        .http
        .post(url)
        .form(&[
            ("key", SANDBOX_JUHE_KEY),
            ("keyword", "5d43a8f092aec74cbf04a163"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(posted["result"]["total"], 5);
}

// ------------------------------------------------------------------ reports

#[tokio::test]
async fn report_lifecycle_json_pdf() {
    let e = env().await;
    let created: Value = e
        .post_form(CREATE, &[("keyNo", "91320594088140947F")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(keys(&created), ["Status", "Message", "Result"]);
    assert_eq!(created["Status"], "200");
    assert_eq!(created["Message"], "报告下单成功");
    let order_no = created["Result"]["OrderNo"].as_str().unwrap().to_string();
    assert_eq!(order_no.len(), 32);
    assert!(order_no.chars().all(|c| c.is_ascii_hexdigit()));

    let poll = || async {
        e.post_form(INFO, &[("orderNo", order_no.as_str())])
            .await
            .json::<Value>()
            .await
            .unwrap()
    };
    let first = poll().await;
    assert_eq!(first["Status"], "205");
    assert_eq!(first["Message"], "【有效请求】等待处理中");
    assert!(first["Result"].is_null());
    let second = poll().await;
    assert_eq!(second["Status"], "200");
    assert_eq!(second["Message"], "查询成功");
    assert_eq!(
        second["Result"],
        serde_json::json!({"ReportStatus": "P", "ReportUrl": ""})
    );
    let done = poll().await;
    assert_eq!(done["Result"]["ReportStatus"], "S");
    let url = done["Result"]["ReportUrl"].as_str().unwrap();
    assert!(url.starts_with("/api/rpt/retrieve?code="), "{url}");

    let resp = e
        .http
        .get(format!("http://{}{url}", e.sandbox.addr()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    let disposition = resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );
    assert!(disposition.contains(".pdf"));
    let length: usize = resp.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(bytes.len(), length);

    let missing = e
        .http
        .get(format!(
            "http://{}/api/rpt/retrieve?code=nope",
            e.sandbox.addr()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    let c = e.sandbox.counters();
    assert_eq!(c.billed(CREATE), 1);
    assert_eq!(c.requests(INFO), 3);
    assert_eq!(c.billed(INFO), 2, "205 is not billed");
    assert_eq!(c.requests("rpt/retrieve"), 2);
    assert_eq!(c.billed("rpt/retrieve"), 0);
}

#[tokio::test]
async fn report_lifecycle_xml_word() {
    let e = env_with(SandboxOptions {
        report_polls_before_ready: 1,
        ..SandboxOptions::default()
    })
    .await;
    // Parameters in the query string, as the document's examples show.
    let url = e.qcc_url(CREATE);
    let req =
        e.http
            .post(&url)
            .query(&[("keyNo", BUILDER), ("reportFormat", "2"), ("dtype", "xml")]);
    let resp = sign_with(req, SANDBOX_QCC_KEY, now(), SANDBOX_QCC_SECRET)
        .send()
        .await
        .unwrap();
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    let xml = resp.text().await.unwrap();
    let prefix = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<YJServiceResult \
                  xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" \
                  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n\
                  <Status>200</Status>\n<Message>报告下单成功</Message>\n<Result>\n<OrderNo>";
    assert!(xml.starts_with(prefix), "{xml}");
    let order_no = &xml[prefix.len()..prefix.len() + 32];
    assert!(xml.ends_with("</OrderNo>\n</Result>\n</YJServiceResult>\n"));

    let poll = || async {
        e.post_form(INFO, &[("orderNo", order_no), ("dtype", "xml")])
            .await
            .text()
            .await
            .unwrap()
    };
    let waiting = poll().await;
    assert!(waiting.contains("<Status>205</Status>"), "{waiting}");
    assert!(waiting.contains("<Message>【有效请求】等待处理中</Message>"));
    assert!(!waiting.contains("<Result>"));
    let done = poll().await;
    assert!(done.contains("<Status>200</Status>\n<Message>查询成功</Message>\n<Result>\n<ReportStatus>S</ReportStatus>\n<ReportUrl>/api/rpt/retrieve?code="), "{done}");
    let start = done.find("<ReportUrl>").unwrap() + "<ReportUrl>".len();
    let end = done.find("</ReportUrl>").unwrap();
    let report_url = &done[start..end];

    let resp = e
        .http
        .get(format!("http://{}{report_url}", e.sandbox.addr()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".docx"));
    let length = resp.content_length().unwrap() as usize;
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    assert_eq!(bytes.len(), length);
}

#[tokio::test]
async fn report_errors_and_failure() {
    let e = env_with(SandboxOptions {
        report_polls_before_ready: 0,
        ..SandboxOptions::default()
    })
    .await;
    let status = |v: Value| v["Status"].as_str().unwrap().to_string();
    let bad_format = e
        .post_form(CREATE, &[("keyNo", BUILDER), ("reportFormat", "3")])
        .await;
    assert_eq!(status(bad_format.json().await.unwrap()), "202");
    let unknown = e
        .post_form(CREATE, &[("keyNo", "不存在的公司有限公司")])
        .await;
    assert_eq!(status(unknown.json().await.unwrap()), "201");
    let missing = e.post_form(CREATE, &[]).await;
    assert_eq!(status(missing.json().await.unwrap()), "202");
    let unknown_order = e.post_form(INFO, &[("orderNo", "0123abcd")]).await;
    assert_eq!(status(unknown_order.json().await.unwrap()), "201");
    let get = e.get_json(CREATE, &[("keyNo", BUILDER)]).await;
    assert_eq!(get["Status"], "118", "CreateReport is POST only");
    let bad_dtype = e
        .post_form(INFO, &[("orderNo", "0123abcd"), ("dtype", "yaml")])
        .await;
    assert_eq!(status(bad_dtype.json().await.unwrap()), "202");

    // The designated company's report fails.
    let created: Value = e
        .post_form(CREATE, &[("keyNo", "哈尔滨北疆冰雪文化传播有限公司")])
        .await
        .json()
        .await
        .unwrap();
    let order_no = created["Result"]["OrderNo"].as_str().unwrap();
    let info: Value = e
        .post_form(INFO, &[("orderNo", order_no)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        info["Result"],
        serde_json::json!({"ReportStatus": "F", "ReportUrl": ""})
    );
    // The 201 for the unknown company and the order: 有效 answers are billed.
    assert_eq!(e.sandbox.counters().billed(CREATE), 2);
}

// ------------------------------------------------------------------ counters

#[tokio::test]
async fn counters_bill_answers_not_errors() {
    let e = env().await;
    e.get(BUILDING, &[("searchKey", BUILDER)]).await; // 200: billed
    e.get(BUILDING, &[("searchKey", QCC_DOC)]).await; // 201: billed
    e.get(BUILDING, &[("searchKey", "x")]).await; // 213: not billed
    let req = e
        .http
        .get(e.qcc_url(BUILDING))
        .query(&[("searchKey", BUILDER)]);
    sign_with(req, SANDBOX_QCC_KEY, now(), "wrong")
        .send()
        .await
        .unwrap(); // 107: not billed
    e.juhe_keyword(HENAN).await; // 0: billed
    e.juhe_keyword("不存在的公司有限公司").await; // 265004: billed
    e.juhe(&[("key", "wrong"), ("keyword", HENAN)]).await; // 10001: not billed

    let c = e.sandbox.counters();
    assert_eq!(c.requests(BUILDING), 4);
    assert_eq!(c.billed(BUILDING), 2);
    assert_eq!(c.requests("bqQualification/query"), 3);
    assert_eq!(c.billed("bqQualification/query"), 2);
    assert_eq!(c.billed_total(), 4);
    assert_eq!(c.snapshot()[BUILDING], (4, 2));

    let served: Value = e
        .http
        .get(format!("http://{}/__sandbox/counters", e.sandbox.addr()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        served[BUILDING],
        serde_json::json!({"requests": 4, "billed": 2})
    );
    assert_eq!(
        served[CERT_SEARCH],
        serde_json::json!({"requests": 0, "billed": 0})
    );
    assert_eq!(served.as_object().unwrap().len(), 8);
}

// ------------------------------------------------------------------ failure modes

#[tokio::test]
async fn slow_company_answers_after_the_delay() {
    let e = env().await;
    let started = Instant::now();
    let v = e
        .get_json(BUILDING, &[("searchKey", "慢速响应测试有限公司")])
        .await;
    assert!(started.elapsed() >= SLOW_DELAY);
    assert_eq!(v["Status"], "200");
    let started = Instant::now();
    let j = e.juhe_keyword("慢速响应测试有限公司").await;
    assert!(started.elapsed() >= SLOW_DELAY);
    assert_eq!(j["error_code"], 0);
    assert_eq!(e.sandbox.counters().billed(BUILDING), 1);
}

#[tokio::test]
async fn gateway_company_gets_nginx_502_everywhere() {
    let e = env().await;
    let name = "网关故障测试有限公司";
    for path in [BUILDING, CERT_SEARCH, CUSTOMS] {
        let resp = e.get(path, &[("searchKey", name)]).await;
        assert_eq!(resp.status(), 502, "{path}");
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let body = resp.text().await.unwrap();
        assert!(body.contains("<center><h1>502 Bad Gateway</h1></center>"));
        assert!(body.contains("nginx"));
    }
    let resp = e.post_form(CREATE, &[("keyNo", name)]).await;
    assert_eq!(resp.status(), 502);
    let resp = e
        .juhe_raw(&[("key", SANDBOX_JUHE_KEY), ("keyword", name)])
        .await;
    assert_eq!(resp.status(), 502);
    assert_eq!(e.sandbox.counters().billed_total(), 0);
    assert_eq!(e.sandbox.counters().requests(BUILDING), 1);
}

#[tokio::test]
async fn corrupt_company_gets_truncated_json() {
    let e = env().await;
    let name = "数据损坏测试有限公司";
    for path in [BUILDING, CERT_SEARCH, CUSTOMS] {
        let resp = e.get(path, &[("searchKey", name)]).await;
        assert_eq!(resp.status(), 200);
        let body = resp.text().await.unwrap();
        assert!(body.starts_with("{\"Status\":\"200\""), "{body}");
        assert!(
            serde_json::from_str::<Value>(&body).is_err(),
            "{path}: {body}"
        );
    }
    let body = e
        .juhe_raw(&[("key", SANDBOX_JUHE_KEY), ("keyword", name)])
        .await
        .text()
        .await
        .unwrap();
    assert!(serde_json::from_str::<Value>(&body).is_err());
    assert_eq!(e.sandbox.counters().billed_total(), 0);
}

#[tokio::test]
async fn quota_and_throttle_companies_get_vendor_codes() {
    let e = env().await;
    for (name, qcc, juhe) in [
        ("额度耗尽测试有限公司", "116", 10012),
        ("流量限制测试有限公司", "120", 10011),
    ] {
        for path in [BUILDING, CERT_SEARCH, CUSTOMS] {
            let v = e.get_json(path, &[("searchKey", name)]).await;
            assert_eq!(v["Status"], qcc, "{path}");
            assert!(v["Result"].is_null());
        }
        let report: Value = e
            .post_form(CREATE, &[("keyNo", name)])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(report["Status"], qcc);
        let j = e.juhe_keyword(name).await;
        assert_eq!(j["error_code"], juhe);
        assert!(j["result"].is_null());
    }
    let v = e
        .get_json(BUILDING, &[("searchKey", "额度耗尽测试有限公司")])
        .await;
    assert_eq!(v["Message"], "【无效请求】请求超过每日调用总量限制");
    assert_eq!(e.sandbox.counters().billed_total(), 0);
}

#[tokio::test]
async fn dropping_the_sandbox_stops_it() {
    let e = env().await;
    let addr = e.sandbox.addr();
    drop(e);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let http = Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let result = http
        .get(format!("http://{addr}/__sandbox/counters"))
        .send()
        .await;
    assert!(result.is_err(), "still answering after drop");
}
