//! Every JSON and XML example in the five vendor documents (`tests/fixtures/docs/`, see its
//! README) parses through the right envelope parser into the right wire type with the
//! documented values; and every fixture, damaged the ways real servers damage answers, never
//! panics and yields either `Ok` or a typed `ApiError` of the expected kind.

use std::panic::{catch_unwind, AssertUnwindSafe};

mod doc_fixtures;

use corpvet::api::wire::envelope::{parse_juhe, parse_qcc, parse_qcc_xml};
use corpvet::api::wire::juhe::JuheResult;
use corpvet::api::wire::qcc::{
    BuildingResult, Certification, CertificationDetail, CertificationList, CustomsResult,
    ReportInfo, ReportOrder,
};
use corpvet::api::wire::WireResult;
use corpvet::api::{ApiError, Paging, Reply, StatusClass, TransportKind};
use doc_fixtures::{fixture, vendor_docs_dir, Doc, Form, FIXTURES};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------------------
// Fixtures and a uniform way to parse them.

const JSON_FIXTURES: &[(&str, Doc, Form)] = &[
    ("qcc_building_getlist.json", Doc::Building, Form::QccJson),
    ("qcc_certs_search.json", Doc::CertSearch, Form::QccJson),
    ("qcc_certs_detail.json", Doc::CertDetail, Form::QccJson),
    ("qcc_customs_getlist.json", Doc::Customs, Form::QccJson),
    ("qcc_report_create.json", Doc::ReportCreate, Form::QccJson),
    ("qcc_report_info.json", Doc::ReportInfo, Form::QccJson),
    ("juhe_building_query.json", Doc::Juhe, Form::JuheJson),
];

/// A reply with its typed data serialized back to JSON (the wire types serialize under the
/// documents' field names, so `data` mirrors the envelope's `Result`).
#[derive(Debug, Clone, PartialEq)]
struct Parsed {
    code: String,
    class: StatusClass,
    message: String,
    order_number: Option<String>,
    paging: Option<Paging>,
    data: Option<Value>,
}

fn summarize<T: Serialize>(r: Reply<T>) -> Parsed {
    Parsed {
        code: r.status.code.to_string(),
        class: r.status.class,
        message: r.message,
        order_number: r.order_number,
        paging: r.paging,
        data: r
            .data
            .map(|d| serde_json::to_value(d).expect("wire types serialize")),
    }
}

fn qcc<T: WireResult + Serialize>(form: Form, http: u16, body: &[u8]) -> Result<Parsed, ApiError> {
    match form {
        Form::QccXml => parse_qcc_xml::<T>(http, body).map(summarize),
        _ => parse_qcc::<T>(http, body).map(summarize),
    }
}

fn parse_raw(doc: Doc, form: Form, http: u16, body: &[u8]) -> Result<Parsed, ApiError> {
    if form == Form::JuheJson {
        assert_eq!(doc, Doc::Juhe);
        return parse_juhe::<JuheResult>(http, body).map(summarize);
    }
    match doc {
        Doc::Building => qcc::<BuildingResult>(form, http, body),
        Doc::CertSearch => qcc::<CertificationList>(form, http, body),
        Doc::CertDetail => qcc::<CertificationDetail>(form, http, body),
        Doc::Customs => qcc::<CustomsResult>(form, http, body),
        Doc::ReportCreate => qcc::<ReportOrder>(form, http, body),
        Doc::ReportInfo => qcc::<ReportInfo>(form, http, body),
        Doc::Juhe => panic!("a Juhe answer goes through parse_juhe"),
    }
}

/// Parse, turning a panic into a test failure that names the case.
fn parse(what: &str, doc: Doc, form: Form, http: u16, body: &[u8]) -> Result<Parsed, ApiError> {
    match catch_unwind(AssertUnwindSafe(|| parse_raw(doc, form, http, body))) {
        Ok(r) => r,
        Err(_) => panic!("PANIC while parsing {what}"),
    }
}

fn transport_kind(e: &ApiError) -> Option<TransportKind> {
    match e {
        ApiError::Transport { kind, .. } => Some(*kind),
        _ => None,
    }
}

#[track_caller]
fn assert_kind(what: &str, r: &Result<Parsed, ApiError>, kind: TransportKind) {
    match r {
        Err(e) if transport_kind(e) == Some(kind) => {}
        other => panic!("{what}: expected a {kind:?} transport error, got {other:?}"),
    }
}

fn ok(what: &str, doc: Doc, form: Form, body: &[u8]) -> Parsed {
    parse(what, doc, form, 200, body).unwrap_or_else(|e| panic!("{what}: {e:?}"))
}

fn load(name: &str) -> Parsed {
    let (_, doc, form) = FIXTURES
        .iter()
        .find(|f| f.0 == name)
        .expect("known fixture");
    ok(name, *doc, *form, &fixture(name))
}

fn json_of(name: &str) -> Value {
    serde_json::from_slice(&fixture(name)).expect("fixture is JSON")
}

fn data(p: &Parsed) -> &Value {
    p.data.as_ref().expect("a 200 answer carries data")
}

fn typed<T: DeserializeOwned>(p: &Parsed) -> T {
    serde_json::from_value(data(p).clone()).expect("round trip")
}

// ---------------------------------------------------------------------------------------
// The documented values.

#[test]
fn building_qualification_example() {
    let p = load("qcc_building_getlist.json");
    assert_eq!((p.code.as_str(), p.class), ("200", StatusClass::Ok));
    assert_eq!(p.message, "【有效请求】查询成功");
    assert_eq!(
        p.order_number.as_deref(),
        Some("BUILDINGQUALIFICATIONCHECK2021060117543926403772")
    );
    assert_eq!(p.paging, None, "this endpoint does not page");

    let r: BuildingResult = typed(&p);
    assert_eq!(r.verify_result, 1);
    assert_eq!(r.data.len(), 3);
    let first = &r.data[0];
    assert_eq!(first.cert_no, "D111020307");
    assert_eq!(first.category, "施工资质");
    assert_eq!(first.cert_name_list.len(), 7);
    assert_eq!(first.cert_name_list[0], "市政公用工程施工总承包特级");
    assert_eq!(first.cert_name_list[6], "公路路基工程专业承包一级");
    assert_eq!(first.sign_date, "2017-12-01");
    assert_eq!(first.valid_period, "2021-12-31");
    assert_eq!(first.sign_dept, "住房和城乡建设部");
    assert_eq!(
        r.data
            .iter()
            .map(|q| q.cert_no.as_str())
            .collect::<Vec<_>>(),
        ["D111020307", "D211065596", "A111004559"]
    );
    assert_eq!(r.data[1].cert_name_list.len(), 5);
    assert_eq!(r.data[1].sign_dept, "北京市住房和城乡建设委员会");
    assert_eq!(r.data[2].category, "设计资质");
    assert_eq!(
        r.data[2].cert_name_list,
        ["工程设计建筑行业（建筑工程）甲级", "工程设计市政行业甲级"]
    );
    assert!(r.data.iter().all(|q| q.valid_period == "2021-12-31"));
    // The repaired CertScope strings (cut across lines in the PDF) name exactly the
    // qualifications of their CertNameList, in another order.
    for q in &r.data {
        let mut scope: Vec<&str> = q.cert_scope.split(',').collect();
        let mut names: Vec<&str> = q.cert_name_list.iter().map(String::as_str).collect();
        scope.sort_unstable();
        names.sort_unstable();
        assert_eq!(scope, names, "{}", q.cert_no);
    }
}

#[test]
fn certificate_search_example() {
    let p = load("qcc_certs_search.json");
    assert_eq!((p.code.as_str(), p.class), ("200", StatusClass::Ok));
    assert_eq!(p.message, "查询成功");
    assert_eq!(p.order_number, None);
    let paging = p.paging.expect("the search pages");
    assert_eq!(
        (paging.page_size, paging.page_index, paging.total_records),
        (2, 1, 5)
    );
    assert_eq!(paging.page_count(), 3);
    assert!(paging.has_next());

    let list: Vec<Certification> = typed(&p);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, "145695151793ad28f7ffd5d8a24cd6191");
    assert_eq!(list[0].name, "");
    assert_eq!(list[0].kind, "cnca027");
    assert_eq!(list[0].start_date, "2021-04-12 00:00:00");
    assert_eq!(list[0].end_date, "2024-05-15 00:00:00");
    assert_eq!(list[0].no, "17418Q20358R1M");
    assert_eq!(list[0].type_desc, "质量管理体系认证（ISO9000）");
    assert_eq!(list[1].id, "295733c8d847882298539674ec7d74a71");
    assert_eq!(list[1].kind, "cnca058");
    assert_eq!(list[1].end_date, "2022-12-27 00:00:00");
    assert_eq!(list[1].type_desc, "企业知识产权管理体系认证");
}

#[test]
fn certificate_detail_example_keeps_the_documents_key_order() {
    let p = load("qcc_certs_detail.json");
    assert_eq!((p.code.as_str(), p.class), ("200", StatusClass::Ok));
    assert_eq!(p.message, "【有效请求】查询成功");
    assert_eq!(p.order_number, None, "OrderNumber: null");

    // Typed directly (not through a JSON round trip) so the map's own order is tested.
    let reply = parse_qcc::<CertificationDetail>(200, &fixture("qcc_certs_detail.json")).unwrap();
    let detail = reply.data.expect("data");
    assert_eq!(detail.id, "145695151793ad28f7ffd5d8a24cd6191");
    assert_eq!(detail.schema, Value::Null);
    assert_eq!(detail.data.len(), 48);
    let keys: Vec<&str> = detail.data.keys().map(String::as_str).collect();
    assert_eq!(
        keys[..5],
        [
            "产品名称及单元(主)",
            "发证机构批准号",
            "产品类别",
            "获证组织基本信息-企业名称",
            "认证委托人-组织地址",
        ]
    );
    assert_eq!(keys[47], "证书使用的认可标识");
    // The whole order, against the order the keys appear in the raw text.
    let raw = String::from_utf8(fixture("qcc_certs_detail.json")).unwrap();
    let mut positions: Vec<usize> = keys
        .iter()
        .map(|k| raw.find(&format!("\"{k}\":")).expect("key in text"))
        .collect();
    let sorted = {
        let mut s = positions.clone();
        s.sort_unstable();
        s
    };
    assert_eq!(positions, sorted, "the map is not in document order");
    positions.dedup();
    assert_eq!(positions.len(), 48);

    let d = &detail.data;
    assert_eq!(d["证书状态"], "有效");
    assert_eq!(d["证书到期日期"], "2024-05-15");
    assert_eq!(d["发证机构状态"], "有效");
    assert_eq!(d["证书编号"], "17418Q20358R1M");
    assert_eq!(
        d["获证组织基本信息-统一社会信用代码/组织机构代码"],
        "91320594088140947F"
    );
    assert_eq!(d["获证组织基本信息-本证书体系覆盖人数"], "275");
    assert_eq!(d["认证依据"], "GB/T19001-2016 / ISO9001:2015");
    assert_eq!(d["证书使用的认可标识"], "CNAS");
    assert_eq!(d["产品名称及单元(主)"], "");
    assert!(d["发证机构业务范围"].ends_with("国推认证-中国森林认证"));
}

#[test]
fn customs_credit_example() {
    let p = load("qcc_customs_getlist.json");
    assert_eq!((p.code.as_str(), p.class), ("200", StatusClass::Ok));
    assert_eq!(
        p.order_number.as_deref(),
        Some("OPERATIONCHECK2022060709324766684283")
    );
    let paging = p.paging.expect("paging");
    assert_eq!(
        (paging.page_size, paging.page_index, paging.total_records),
        (10, 1, 1)
    );
    assert!(!paging.has_next());

    let r: CustomsResult = typed(&p);
    assert_eq!(r.verify_result, 1);
    assert_eq!(r.data.len(), 1);
    let c = &r.data[0];
    assert_eq!(c.id, "xxxxxxxxxxxxx");
    assert_eq!(c.reg_gov, "营口海关");
    assert_eq!(c.trade_type, "进出口货物收发货人");
    assert_eq!(c.reg_date, "1997-10-28");
    assert_eq!(c.reg_no, "2108950466");
    assert_eq!(c.admin_area, "辽宁省营口市");
    assert_eq!(c.econo_area, "一般经济区域");
    assert_eq!(c.special_area, "非特殊区域");
    assert_eq!(c.cancel_flag, "正常");
    assert_eq!(c.annual_status, "未报送");
    assert_eq!(c.validity_date, "");
    assert_eq!(c.identify_date, "2022-04-12");
    assert_eq!(c.identify_level, "一般信用企业");
    assert_eq!(c.identify_code, "");
    assert_eq!(c.punish_list.len(), 1);
    let pen = &c.punish_list[0];
    assert_eq!(pen.no, "1");
    assert_eq!(pen.decision_no, "xxxxxxxxxxxxxxx号");
    assert_eq!(pen.party, "xxxxxxxxxxxx公司");
    assert_eq!(pen.punish_date, "2018-09-05");
    assert_eq!(pen.case_prop, "违规");
}

#[test]
fn report_order_example_in_json_and_xml() {
    let j = load("qcc_report_create.json");
    let x = load("qcc_report_create.xml");
    for p in [&j, &x] {
        assert_eq!((p.code.as_str(), p.class), ("200", StatusClass::Ok));
        assert_eq!(p.message, "报告下单成功");
        let order: ReportOrder = typed(p);
        assert_eq!(order.order_no, "96a229095b****c0aad6b8b1e");
    }
    assert_eq!(j, x, "both forms read alike");
}

#[test]
fn report_info_example_in_json_and_xml() {
    let j = load("qcc_report_info.json");
    let x = load("qcc_report_info.xml");
    for p in [&j, &x] {
        assert_eq!((p.code.as_str(), p.class), ("200", StatusClass::Ok));
        assert_eq!(p.message, "查询成功");
        let info: ReportInfo = typed(p);
        assert_eq!(info.report_status, "S");
        assert_eq!(info.report_url, "/api/rpt/retrieve?code=465b03exxx830191ec");
    }
    assert_eq!(j, x, "both forms read alike");
}

#[test]
fn juhe_example() {
    let p = load("juhe_building_query.json");
    assert_eq!((p.code.as_str(), p.class), ("0", StatusClass::Ok));
    assert_eq!(p.message, "success");
    let r: JuheResult = typed(&p);
    assert_eq!(r.total, 5);
    assert_eq!(r.items.len(), 5);
    let first = &r.items[0];
    assert_eq!(first.organ, "住房和城乡建设部");
    assert_eq!(first.effective_time, "2024-08-23");
    assert_eq!(first.business_id, "5d43a8f092aec74cbf04a163-A141002510");
    assert_eq!(first.issuing_certificate_time, "2019-08-23");
    assert_eq!(first.kind, "设计资质");
    assert_eq!(first.certificate_num, "A141002510");
    assert_eq!(first.qualification_name.split(',').count(), 3);
    // The name cut by a page break in the document, joined back.
    let third: Vec<&str> = r.items[2].qualification_name.split(',').collect();
    assert_eq!(third.len(), 6);
    assert_eq!(third[2], "工程设计商物粮行业冷冻冷藏工程专业乙级");
    let last = &r.items[4];
    assert_eq!(
        (last.kind.as_str(), last.effective_time.as_str()),
        ("勘察资质", "2020-08-26")
    );
    assert_eq!(
        r.items.iter().map(|i| i.kind.as_str()).collect::<Vec<_>>(),
        ["设计资质", "监理资质", "设计资质", "监理资质", "勘察资质"]
    );
}

/// The typed data mirrors the document's `Result` field for field: serialized back, it is
/// the fixture's `Result` (nothing lost, misnamed or invented), and each XML form reads
/// exactly like its JSON form.
#[test]
fn wire_types_mirror_the_documents_field_for_field() {
    for (name, doc, form) in JSON_FIXTURES {
        let p = ok(name, *doc, *form, &fixture(name));
        let envelope = json_of(name);
        let result = if *form == Form::JuheJson {
            &envelope["result"]
        } else {
            &envelope["Result"]
        };
        assert_eq!(data(&p), result, "{name}");
    }
    for (xml, json) in [
        ("qcc_report_create.xml", "qcc_report_create.json"),
        ("qcc_report_info.xml", "qcc_report_info.json"),
    ] {
        let x = load(xml);
        assert_eq!(data(&x), &json_of(json)["Result"], "{xml}");
    }
}

/// A fixture sent to the other vendor's parser is not that vendor's envelope.
#[test]
fn the_wrong_envelope_parser_refuses_with_decode() {
    let juhe = fixture("juhe_building_query.json");
    let r = parse("juhe via qcc", Doc::Building, Form::QccJson, 200, &juhe);
    assert_kind("juhe via qcc", &r, TransportKind::Decode);
    let qcc = fixture("qcc_building_getlist.json");
    let r = parse("qcc via juhe", Doc::Juhe, Form::JuheJson, 200, &qcc);
    assert_kind("qcc via juhe", &r, TransportKind::Decode);
    let r = parse(
        "json via xml",
        Doc::ReportInfo,
        Form::QccXml,
        200,
        &fixture("qcc_report_info.json"),
    );
    assert_kind("json via xml", &r, TransportKind::Decode);
    let r = parse(
        "xml via json",
        Doc::ReportInfo,
        Form::QccJson,
        200,
        &fixture("qcc_report_info.xml"),
    );
    assert_kind("xml via json", &r, TransportKind::Decode);
    // Building data read as a certificate list: Result is an object, not the list.
    let r = parse("shape", Doc::CertSearch, Form::QccJson, 200, &qcc);
    assert_kind("building read as cert search", &r, TransportKind::Decode);
}

/// Every string in a fixture occurs in its document once whitespace (which the PDF
/// conversion inserted and cut at will) and Markdown code fences are ignored: the fixtures
/// are the documents' own values. The documents are in the repository, so this always runs.
#[test]
fn fixture_strings_are_verbatim_from_the_documents() {
    let dir = vendor_docs_dir();
    let squash = |s: &str| -> String {
        s.replace("```", "")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let docs = [
        ("qcc_building", "qcc-building-qualification.txt"),
        ("qcc_certs", "qcc-certificates.txt"),
        ("qcc_customs", "qcc-customs-credit.txt"),
        ("qcc_report", "qcc-credit-report.txt"),
        ("juhe", "juhe-building-qualification.txt"),
    ];
    for (name, _, form) in FIXTURES {
        let (_, file) = docs.iter().find(|(p, _)| name.starts_with(p)).unwrap();
        let path = dir.join(file);
        let text = squash(
            &std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
        );
        let raw = String::from_utf8(fixture(name)).unwrap();
        let mut needles: Vec<String> = Vec::new();
        if *form == Form::QccXml {
            // Each element with its text, e.g. `<Status>200</Status>`.
            for line in raw.lines() {
                needles.push(line.to_string());
            }
        } else {
            fn walk(v: &Value, out: &mut Vec<String>) {
                match v {
                    Value::Object(m) => {
                        for (k, v) in m {
                            let rendered = match v {
                                Value::Object(_) | Value::Array(_) => String::new(),
                                scalar => scalar.to_string(),
                            };
                            out.push(format!("{}:{rendered}", Value::String(k.clone())));
                            walk(v, out);
                        }
                    }
                    Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
                    Value::String(_) => out.push(v.to_string()),
                    _ => {}
                }
            }
            walk(&json_of(name), &mut needles);
        }
        assert!(needles.len() > 3, "{name}");
        for needle in needles {
            assert!(
                text.contains(&squash(&needle)),
                "{name}: {needle} is not in {file}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Tolerance: what real servers send instead of the documented answer.

/// JSON pointers to every object member (`members`) and every array element (`elements`).
fn pointers(v: &Value, at: &str, members: &mut Vec<String>, elements: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                members.push(p.clone());
                pointers(child, &p, members, elements);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                elements.push(p.clone());
                pointers(child, &p, members, elements);
            }
        }
        _ => {}
    }
}

fn status_pointer(form: Form) -> &'static str {
    if form == Form::JuheJson {
        "/error_code"
    } else {
        "/Status"
    }
}

fn result_pointer(form: Form) -> &'static str {
    if form == Form::JuheJson {
        "/result"
    } else {
        "/Result"
    }
}

/// What a nulled field reads as: each wire type's default of the same shape. The
/// certificate detail's free-form map has no fields of its own: its default is empty.
fn default_like(doc: Doc, pointer: &str, v: &Value) -> Value {
    match v {
        Value::String(_) => json!(""),
        Value::Number(_) => json!(0),
        Value::Bool(_) => json!(false),
        Value::Null => Value::Null,
        Value::Array(_) => json!([]),
        Value::Object(_) if doc == Doc::CertDetail && pointer == "/Data" => json!({}),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, child)| {
                    (
                        k.clone(),
                        default_like(doc, &format!("{pointer}/{k}"), child),
                    )
                })
                .collect::<Map<_, _>>(),
        ),
    }
}

fn to_bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(v).unwrap()
}

/// Every field (object member), one at a time, set to `null`: the answer still reads, and
/// the field reads as its type's default while everything else is unchanged. `Status`
/// itself is the exception: without it there is no answer, only a typed error.
#[test]
fn any_single_field_null_reads_as_its_default() {
    let mut cases = 0;
    for (name, doc, form) in JSON_FIXTURES {
        let original = json_of(name);
        let base = ok(name, *doc, *form, &fixture(name));
        let (mut members, mut elements) = (Vec::new(), Vec::new());
        pointers(&original, "", &mut members, &mut elements);
        for p in members {
            let mut v = original.clone();
            *v.pointer_mut(&p).unwrap() = Value::Null;
            let what = format!("{name} with {p} = null");
            let r = parse(&what, *doc, *form, 200, &to_bytes(&v));
            cases += 1;
            if p == status_pointer(*form) {
                // No status: a typed error, never success. (Which kind: see
                // `bug_null_status_is_a_decode_error`.)
                assert!(r.is_err(), "{what}: {r:?}");
                continue;
            }
            let got = r.unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let mut expected = base.clone();
            let old = original.pointer(&p).unwrap();
            if let Some(inner) = p.strip_prefix(result_pointer(*form)) {
                let data = expected.data.as_mut().unwrap();
                if inner.is_empty() {
                    *data = default_like(*doc, "", old);
                } else {
                    *data.pointer_mut(inner).unwrap() = default_like(*doc, inner, old);
                }
            } else {
                match p.as_str() {
                    "/Message" | "/reason" => expected.message.clear(),
                    "/OrderNumber" => expected.order_number = None,
                    "/Paging" => expected.paging = None,
                    "/Paging/PageSize" => expected.paging.as_mut().unwrap().page_size = 0,
                    "/Paging/PageIndex" => expected.paging.as_mut().unwrap().page_index = 0,
                    "/Paging/TotalRecords" => expected.paging.as_mut().unwrap().total_records = 0,
                    other => panic!("{what}: unexpected envelope member {other}"),
                }
            }
            assert_eq!(got, expected, "{what}");
        }
    }
    assert!(cases > 150, "only {cases} cases");
}

/// What an answer whose every scalar is `null` reads as: scalars at their defaults, lists
/// of records keep their (now empty) records, lists of names drop the nulls, and the
/// certificate detail's free-form map keeps its keys with empty values.
fn expected_all_null(doc: Doc, at: &str, orig: &Value) -> Value {
    match orig {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .filter(|i| i.is_object())
                .map(|i| expected_all_null(doc, at, i))
                .collect(),
        ),
        Value::Object(m) if doc == Doc::CertDetail && at == "/Data" => {
            Value::Object(m.keys().map(|k| (k.clone(), json!(""))).collect())
        }
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, c)| (k.clone(), expected_all_null(doc, &format!("{at}/{k}"), c)))
                .collect(),
        ),
        scalar => default_like(doc, at, scalar),
    }
}

fn null_scalars(v: &mut Value, keep: &str, at: &str) {
    match v {
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                let p = format!("{at}/{k}");
                if p != keep {
                    null_scalars(child, keep, &p);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| null_scalars(i, keep, at)),
        scalar => *scalar = Value::Null,
    }
}

/// Every field null at once.
#[test]
fn every_field_null_at_once() {
    for (name, doc, form) in JSON_FIXTURES {
        // Every scalar null but the status: success with every field at its default.
        let mut v = json_of(name);
        null_scalars(&mut v, status_pointer(*form), "");
        let what = format!("{name} with every field null but the status");
        let got = parse(&what, *doc, *form, 200, &to_bytes(&v))
            .unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(got.class, StatusClass::Ok, "{what}");
        assert_eq!(got.message, "", "{what}");
        assert_eq!(got.order_number, None, "{what}");
        if let Some(p) = got.paging {
            assert_eq!((p.page_size, p.page_index, p.total_records), (0, 0, 0));
        }
        let result = &json_of(name)[&result_pointer(*form)[1..]];
        let expected = expected_all_null(*doc, "", result);
        assert_eq!(got.data.as_ref(), Some(&expected), "{what}");

        // The status null too: a typed error, never success.
        let mut v = json_of(name);
        null_scalars(&mut v, "", "");
        let what = format!("{name} with every field null");
        let r = parse(&what, *doc, *form, 200, &to_bytes(&v));
        assert!(
            matches!(
                r,
                Err(ApiError::Transport {
                    kind: TransportKind::Decode,
                    ..
                }) | Err(ApiError::UnknownStatus { .. })
            ),
            "{what}: {r:?}"
        );
    }
}

/// BUG (src/api/wire/envelope.rs, `qcc_envelope` / `parse_juhe`): a `Status` (or
/// `error_code`) that is present but `null` or empty becomes `UnknownStatus { code: "" }`
/// ("QCC status : (undocumented code)", exit 3 "the vendor answered with an error status")
/// while a missing one is a Decode error ("the answer has no Status field", exit 4). A null
/// status is not an answer from the vendor: it should be the same Decode error.
#[test]
fn bug_null_status_is_a_decode_error() {
    for (name, doc, form) in JSON_FIXTURES {
        for blank in [Value::Null, json!(""), json!("  ")] {
            let mut v = json_of(name);
            *v.pointer_mut(status_pointer(*form)).unwrap() = blank.clone();
            let what = format!("{name} with status {blank}");
            let r = parse(&what, *doc, *form, 200, &to_bytes(&v));
            assert_kind(&what, &r, TransportKind::Decode);
        }
    }
    let r = parse(
        "xml <Status/>",
        Doc::ReportInfo,
        Form::QccXml,
        200,
        b"<YJServiceResult><Status/><Message>x</Message><Result/></YJServiceResult>",
    );
    assert_kind("xml <Status/>", &r, TransportKind::Decode);
}

/// A missing status is a Decode error today (the behaviour the null case should share).
#[test]
fn missing_status_is_a_decode_error() {
    for (name, doc, form) in JSON_FIXTURES {
        let mut v = json_of(name);
        v.as_object_mut()
            .unwrap()
            .remove(&status_pointer(*form)[1..]);
        let what = format!("{name} without a status");
        let r = parse(&what, *doc, *form, 200, &to_bytes(&v));
        assert_kind(&what, &r, TransportKind::Decode);
    }
}

/// Array elements set to null, one at a time: lists of records or of names skip the null
/// element and keep the others.
#[test]
fn a_null_list_element_is_skipped() {
    for (name, doc, form) in JSON_FIXTURES {
        let original = json_of(name);
        let base = ok(name, *doc, *form, &fixture(name));
        let (mut members, mut elements) = (Vec::new(), Vec::new());
        pointers(&original, "", &mut members, &mut elements);
        for p in elements {
            if *doc == Doc::CertSearch && p.starts_with("/Result/") {
                continue; // see bug_null_element_of_certificate_list
            }
            let mut v = original.clone();
            *v.pointer_mut(&p).unwrap() = Value::Null;
            let what = format!("{name} with {p} = null");
            let got = parse(&what, *doc, *form, 200, &to_bytes(&v))
                .unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let inner = p
                .strip_prefix(result_pointer(*form))
                .expect("lists are in Result");
            let (list, index) = inner.rsplit_once('/').unwrap();
            let mut expected = base.data.clone().unwrap();
            expected
                .pointer_mut(list)
                .unwrap()
                .as_array_mut()
                .unwrap()
                .remove(index.parse().unwrap());
            assert_eq!(got.data.as_ref(), Some(&expected), "{what}");
        }
    }
}

/// BUG (src/api/wire/envelope.rs `finish` with `T = Vec<Certification>`, used by
/// `QccClient::search_certifications`): the certificate search's top-level `Result` array is
/// read with serde's strict `Vec`, so ONE null or non-object element makes the whole page a
/// Decode error, while every nested list (`Data`, `PunishList`, `items`) goes through
/// `lenient::vec` and skips it. Suggested fix: read the top-level list leniently too (e.g. a
/// `#[serde(transparent)]` newtype over `Vec<Certification>` with
/// `deserialize_with = "lenient::vec"`, or special-case arrays in `finish`).
#[test]
fn bug_null_element_of_certificate_list() {
    let mut v = json_of("qcc_certs_search.json");
    v["Result"][0] = Value::Null;
    let got = parse(
        "cert null",
        Doc::CertSearch,
        Form::QccJson,
        200,
        &to_bytes(&v),
    )
    .unwrap();
    let list: Vec<Certification> = typed(&got);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].no, "18119IP6448R0M");
}

fn numbers_to_strings(v: &mut Value) -> usize {
    match v {
        Value::Number(n) => {
            *v = Value::String(n.to_string());
            1
        }
        Value::Object(m) => m.values_mut().map(numbers_to_strings).sum(),
        Value::Array(a) => a.iter_mut().map(numbers_to_strings).sum(),
        _ => 0,
    }
}

/// Strings that are plain integers (`"200"`, `"275"`, `"2108950466"`) sent as numbers.
fn strings_to_numbers(v: &mut Value) -> usize {
    match v {
        Value::String(s) => match s.parse::<u64>() {
            Ok(n) if n.to_string() == *s => {
                *v = json!(n);
                1
            }
            _ => 0,
        },
        Value::Object(m) => m.values_mut().map(strings_to_numbers).sum(),
        Value::Array(a) => a.iter_mut().map(strings_to_numbers).sum(),
        _ => 0,
    }
}

#[test]
fn numbers_as_strings_and_strings_as_numbers_read_the_same() {
    for (name, doc, form) in JSON_FIXTURES {
        let base = ok(name, *doc, *form, &fixture(name));

        let mut v = json_of(name);
        let n = numbers_to_strings(&mut v);
        let what = format!("{name} with {n} numbers as strings");
        let got = parse(&what, *doc, *form, 200, &to_bytes(&v))
            .unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(got, base, "{what}");

        let mut v = json_of(name);
        let n = strings_to_numbers(&mut v);
        assert!(n >= 1 || *form == Form::JuheJson, "{name}: nothing numeric");
        let what = format!("{name} with {n} numeric strings as numbers");
        let got = parse(&what, *doc, *form, 200, &to_bytes(&v))
            .unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(got, base, "{what}");
    }
    // The documented numbers, as strings, are the documented values.
    let mut v = json_of("qcc_certs_search.json");
    numbers_to_strings(&mut v);
    assert_eq!(v["Paging"]["TotalRecords"], "5");
    let got = ok("paging", Doc::CertSearch, Form::QccJson, &to_bytes(&v));
    assert_eq!(got.paging.unwrap().total_records, 5);
    let mut v = json_of("juhe_building_query.json");
    numbers_to_strings(&mut v);
    assert_eq!(
        (&v["error_code"], &v["result"]["total"]),
        (&json!("0"), &json!("5"))
    );
    let got = ok("juhe", Doc::Juhe, Form::JuheJson, &to_bytes(&v));
    assert_eq!(typed::<JuheResult>(&got).total, 5);
}

/// Unknown members added to every object (fields a vendor added later) change nothing. In
/// the certificate detail's free-form map, an extra key is data: it is kept, last.
#[test]
fn unknown_extra_fields_are_ignored() {
    fn add_extras(v: &mut Value, at: &str, doc: Doc) -> usize {
        let mut n = 0;
        match v {
            Value::Object(m) => {
                for (k, c) in m.iter_mut() {
                    n += add_extras(c, &format!("{at}/{k}"), doc);
                }
                if !(doc == Doc::CertDetail && at == "/Result/Data") {
                    m.insert(
                        "UnknownExtra".into(),
                        json!({"nested": [1, "x", null], "n": 2}),
                    );
                    m.insert("新增字段".into(), json!("值"));
                    m.insert("AnotherList".into(), json!([{"a": 1}]));
                    n += 1;
                }
            }
            Value::Array(a) => n += a.iter_mut().map(|c| add_extras(c, at, doc)).sum::<usize>(),
            _ => {}
        }
        n
    }
    for (name, doc, form) in JSON_FIXTURES {
        let base = ok(name, *doc, *form, &fixture(name));
        let mut v = json_of(name);
        let n = add_extras(&mut v, "", *doc);
        let what = format!("{name} with extras in {n} objects");
        let got = parse(&what, *doc, *form, 200, &to_bytes(&v))
            .unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(got, base, "{what}");
    }

    let mut v = json_of("qcc_certs_detail.json");
    let map = v["Result"]["Data"].as_object_mut().unwrap();
    map.insert("新的字段".into(), json!("新值"));
    map.insert("数字字段".into(), json!(12));
    let reply = parse_qcc::<CertificationDetail>(200, &to_bytes(&v)).unwrap();
    let d = reply.data.unwrap().data;
    assert_eq!(d.len(), 50);
    assert_eq!(
        d.get_index(48).unwrap(),
        (&"新的字段".to_string(), &"新值".to_string())
    );
    assert_eq!(d.get_index(49).unwrap().1, "12");

    // XML: unknown elements, attributes, comments and CDATA.
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<YJServiceResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="2">
<!-- served by yj -->
<Status>200</Status>
<Message><![CDATA[查询成功]]></Message>
<Extra><A>1</A><B/></Extra>
<Result kind="report">
<ReportStatus>S</ReportStatus>
<Unknown>x</Unknown>
<ReportUrl>/api/rpt/retrieve?code=465b03exxx830191ec</ReportUrl>
</Result>
</YJServiceResult>"#;
    let got = ok("xml extras", Doc::ReportInfo, Form::QccXml, xml.as_bytes());
    let base = ok(
        "xml",
        Doc::ReportInfo,
        Form::QccXml,
        &fixture("qcc_report_info.xml"),
    );
    assert_eq!(got, base);
}

/// XML variants a server may send: a byte-order mark, no declaration, one line, entities,
/// empty elements.
#[test]
fn xml_variants_read_alike_or_fail_typed() {
    let base = ok(
        "xml",
        Doc::ReportInfo,
        Form::QccXml,
        &fixture("qcc_report_info.xml"),
    );
    let doc = String::from_utf8(fixture("qcc_report_info.xml")).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(doc.as_bytes());
    assert_eq!(ok("bom", Doc::ReportInfo, Form::QccXml, &bom), base);
    let no_decl: String = doc.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(
        ok(
            "no declaration",
            Doc::ReportInfo,
            Form::QccXml,
            no_decl.as_bytes()
        ),
        base
    );
    let one_line: String = doc.lines().collect();
    assert_eq!(
        ok(
            "one line",
            Doc::ReportInfo,
            Form::QccXml,
            one_line.as_bytes()
        ),
        base
    );

    let amp = doc.replace("code=465b03exxx830191ec", "code=a&amp;b=1&#38;c=&lt;2&gt;");
    let got = ok("entities", Doc::ReportInfo, Form::QccXml, amp.as_bytes());
    assert_eq!(
        typed::<ReportInfo>(&got).report_url,
        "/api/rpt/retrieve?code=a&b=1&c=<2>"
    );

    // Empty elements read as empty values.
    let empty = doc
        .replace("<ReportStatus>S</ReportStatus>", "<ReportStatus/>")
        .replace(
            "<ReportUrl>/api/rpt/retrieve?code=465b03exxx830191ec</ReportUrl>",
            "<ReportUrl></ReportUrl>",
        )
        .replace("<Message>查询成功</Message>", "<Message/>");
    let got = ok(
        "empty elements",
        Doc::ReportInfo,
        Form::QccXml,
        empty.as_bytes(),
    );
    assert_eq!(got.message, "");
    assert_eq!(typed::<ReportInfo>(&got), ReportInfo::default());

    // Status 205 with an empty Result: pending, no data.
    let pending =
        "<YJServiceResult><Status>205</Status><Message>【有效请求】等待处理中</Message><Result/></YJServiceResult>";
    let got = ok("pending", Doc::ReportInfo, Form::QccXml, pending.as_bytes());
    assert_eq!((got.class, got.data), (StatusClass::Pending, None));

    // Not the documented root, text in Result, garbage: Decode.
    for (what, body) in [
        ("other root", "<Answer><Status>200</Status></Answer>"),
        (
            "text result",
            "<YJServiceResult><Status>200</Status><Result>S</Result></YJServiceResult>",
        ),
        (
            "mismatched",
            "<YJServiceResult><Status>200</Result></YJServiceResult>",
        ),
        ("not xml", "Status=200"),
        ("empty", ""),
    ] {
        let r = parse(what, Doc::ReportInfo, Form::QccXml, 200, body.as_bytes());
        assert_kind(what, &r, TransportKind::Decode);
    }
}

/// BUG (src/api/wire/report_xml.rs, `to_json`): with `trim_text(true)` quick-xml trims the
/// text on each side of an entity reference separately, so `A &amp; B` reads as `A&B` and
/// `报告 &lt;甲&gt; 完成` as `报告<甲>完成`: spaces next to an entity are lost. Suggested fix:
/// do not trim per event; accumulate the raw text of an element and trim once at its end.
#[test]
fn bug_xml_text_keeps_spaces_around_entities() {
    let xml = "<YJServiceResult><Status>200</Status><Message>A &amp; B</Message>\
               <Result><ReportStatus>S</ReportStatus><ReportUrl>/r?a=1 &amp; b</ReportUrl></Result></YJServiceResult>";
    let got = ok(
        "entity spaces",
        Doc::ReportInfo,
        Form::QccXml,
        xml.as_bytes(),
    );
    assert_eq!(got.message, "A & B");
    assert_eq!(typed::<ReportInfo>(&got).report_url, "/r?a=1 & b");
}

/// `xml` with the text of its first `<tag>` replaced.
fn set_element(xml: &str, tag: &str, text: &str) -> String {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open).expect("element") + open.len();
    let end = start + xml[start..].find(&close).expect("end tag");
    format!("{}{text}{}", &xml[..start], &xml[end..])
}

/// `Result: null` (or absent, or `<Result/>`) with an error status is that typed error,
/// whatever the endpoint; with 201 it is an empty answer, with 205 a pending one.
#[test]
fn null_result_with_an_error_status_is_the_typed_error() {
    let qcc_errors = [
        (
            "107",
            StatusClass::Signature,
            "【无效请求】被禁止的 IP或者签名错误",
        ),
        (
            "116",
            StatusClass::Quota,
            "【无效请求】请求超过每日调用总量限制",
        ),
        (
            "120",
            StatusClass::Throttled,
            "【无效请求】系统流量异常，请稍后再试",
        ),
        (
            "101",
            StatusClass::KeyOrAccount,
            "【无效请求】当前的 KEY无效或者还未生效中",
        ),
        (
            "202",
            StatusClass::BadInput,
            "【有效请求】查询参数错误，请检查",
        ),
        (
            "203",
            StatusClass::UpstreamFault,
            "【无效请求】系统查询有异常，请联系技术人员",
        ),
    ];
    for (name, doc, form) in FIXTURES {
        let errors: Vec<(&str, StatusClass, &str)> = if *form == Form::JuheJson {
            vec![
                ("10001", StatusClass::KeyOrAccount, "错误的请求KEY"),
                ("10012", StatusClass::Quota, "请求超过次数限制"),
                ("265003", StatusClass::UpstreamFault, "请求失败"),
            ]
        } else {
            qcc_errors.to_vec()
        };
        for (code, class, message) in errors {
            for keep_result in [false, true] {
                let body = match form {
                    Form::QccXml => {
                        let xml = String::from_utf8(fixture(name)).unwrap();
                        let xml = set_element(&xml, "Status", code);
                        let xml = set_element(&xml, "Message", message);
                        if keep_result {
                            xml.into_bytes()
                        } else {
                            let start = xml.find("<Result>").unwrap();
                            let end = xml.find("</Result>").unwrap() + "</Result>".len();
                            format!("{}<Result/>{}", &xml[..start], &xml[end..]).into_bytes()
                        }
                    }
                    _ => {
                        let mut v = json_of(name);
                        let (s, m, r) = if *form == Form::JuheJson {
                            ("error_code", "reason", "result")
                        } else {
                            ("Status", "Message", "Result")
                        };
                        v[s] = if *form == Form::JuheJson {
                            json!(code.parse::<u64>().unwrap())
                        } else {
                            json!(code)
                        };
                        v[m] = json!(message);
                        if !keep_result {
                            v[r] = Value::Null;
                        }
                        to_bytes(&v)
                    }
                };
                let what = format!("{name} with status {code} (Result kept: {keep_result})");
                match parse(&what, *doc, *form, 200, &body) {
                    Err(e @ ApiError::Status { .. }) => {
                        assert_eq!(e.status_class(), Some(class), "{what}");
                        assert_eq!(e.vendor_code(), Some(code), "{what}");
                        assert!(e.to_string().contains(message), "{what}: {e}");
                    }
                    other => panic!("{what}: expected a status error, got {other:?}"),
                }
            }
        }
        // No result and pending: answers without data.
        let (no_result, pending) = if *form == Form::JuheJson {
            ("265004", None)
        } else {
            ("201", Some("205"))
        };
        for (code, class) in [
            (Some(no_result), StatusClass::NoResult),
            (pending, StatusClass::Pending),
        ] {
            let Some(code) = code else { continue };
            let body = match form {
                Form::QccXml => format!(
                    "<YJServiceResult><Status>{code}</Status><Message>m</Message><Result/></YJServiceResult>"
                )
                .into_bytes(),
                Form::JuheJson => format!(r#"{{"error_code":{code},"reason":"查询无结果","result":null}}"#).into_bytes(),
                Form::QccJson => format!(r#"{{"Status":"{code}","Message":"m","Result":null}}"#).into_bytes(),
            };
            let what = format!("{name}: {code}");
            let got =
                parse(&what, *doc, *form, 200, &body).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            assert_eq!((got.class, got.data), (class, None), "{what}");
        }
    }
}

const HTML_502: &str = "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";
const HTML_200: &str = "<html><head><meta charset=\"utf-8\"><TITLE>系统维护中 - 企查查</TITLE></head><body><p>系统升级维护，请稍后访问<br></p></body></html>";

/// An HTML page instead of the envelope: with a 5xx status an HTTP error naming the status
/// and the page's title; with 200 a Decode error naming the title. Same for every parser.
#[test]
fn an_html_page_is_an_http_or_decode_error_with_its_title() {
    for (name, doc, form) in FIXTURES {
        for (http, page, kind, needles) in [
            (
                502,
                HTML_502,
                TransportKind::Http,
                vec!["502", "502 Bad Gateway"],
            ),
            (
                503,
                HTML_200,
                TransportKind::Http,
                vec!["503", "系统维护中 - 企查查"],
            ),
            (
                200,
                HTML_502,
                TransportKind::Decode,
                vec!["502 Bad Gateway"],
            ),
            (
                200,
                HTML_200,
                TransportKind::Decode,
                vec!["系统维护中 - 企查查"],
            ),
        ] {
            let what = format!("{name}: HTML page with HTTP {http}");
            let r = parse(&what, *doc, *form, http, page.as_bytes());
            assert_kind(&what, &r, kind);
            let text = r.unwrap_err().to_string();
            for n in needles {
                assert!(text.contains(n), "{what}: {text:?} lacks {n:?}");
            }
        }
        // An empty 502 and a plain-text 500.
        for (http, body) in [(502, ""), (500, "Internal Server Error")] {
            let what = format!("{name}: HTTP {http} {body:?}");
            let r = parse(&what, *doc, *form, http, body.as_bytes());
            assert_kind(&what, &r, TransportKind::Http);
            assert!(r.unwrap_err().to_string().contains(&http.to_string()));
        }
    }
    // A long page whose title lies beyond the first 4 KiB, or is cut there inside a
    // multi-byte character: still a plain HTTP error, no panic.
    for pad in [4090, 4093, 5000] {
        let page = format!(
            "<html><head>{}<title>网关错误页面</title></head></html>",
            " ".repeat(pad - 12)
        );
        let what = format!("title at byte {pad}");
        let r = parse(&what, Doc::Building, Form::QccJson, 502, page.as_bytes());
        assert_kind(&what, &r, TransportKind::Http);
        let r = parse(&what, Doc::Building, Form::QccJson, 200, page.as_bytes());
        assert_kind(&what, &r, TransportKind::Decode);
    }
    // A documented JSON error envelope on an HTTP error status is still the vendor's answer.
    let r = parse(
        "500 envelope",
        Doc::ReportInfo,
        Form::QccJson,
        500,
        "{\"Status\":\"500\",\"Message\":\"【无效请求】接口相关的逻辑错误\",\"Result\":null}"
            .as_bytes(),
    );
    assert_eq!(
        r.unwrap_err().status_class(),
        Some(StatusClass::UpstreamFault)
    );
}

/// BUG (src/api/wire/envelope.rs, `parse_qcc` → `qcc_envelope` and `parse_juhe`): a JSON
/// object that is not the envelope (no `Status` / `error_code`) on an HTTP error status,
/// e.g. an API gateway's `{"message":"Service Unavailable"}` with 503 or a rate limiter's
/// `{"error":"too many requests"}` with 429, is a Decode error ("the answer has no Status
/// field"; not retryable, "the vendor sent something unexpected") instead of an HTTP error
/// (retryable, "a fault between here and the vendor"), contrary to `json_object`'s own
/// rule: "an HTTP failure when the status was not 2xx and the body is no envelope". An HTML
/// or non-JSON body on the same status is correctly HTTP. Suggested fix: in `qcc_envelope` /
/// `parse_juhe`, when the status field is missing, return `bad_body(http_status, body, …)`
/// (pass the HTTP status down) instead of `decode(…)`.
#[test]
fn bug_non_envelope_json_on_an_http_error_is_an_http_error() {
    for (http, body) in [
        (503, r#"{"message":"Service Unavailable"}"#),
        (429, r#"{"error":"too many requests"}"#),
        (502, "{}"),
    ] {
        for (doc, form) in [(Doc::Building, Form::QccJson), (Doc::Juhe, Form::JuheJson)] {
            let what = format!("{form:?}: HTTP {http} {body}");
            let r = parse(&what, doc, form, http, body.as_bytes());
            assert_kind(&what, &r, TransportKind::Http);
            let e = r.unwrap_err();
            assert!(e.retryable(), "{what}");
            assert!(e.to_string().contains(&http.to_string()), "{what}: {e}");
        }
    }
    let what = "xml without Status on HTTP 503";
    let r = parse(
        what,
        Doc::ReportInfo,
        Form::QccXml,
        503,
        b"<YJServiceResult><Message>busy</Message></YJServiceResult>",
    );
    assert_kind(what, &r, TransportKind::Http);
}

/// `(body, is the full answer)`: everything up to `cut`, and whether only trailing
/// whitespace was cut.
fn cut(bytes: &[u8], at: usize) -> (&[u8], bool) {
    let prefix = &bytes[..at];
    let complete = bytes[at..].iter().all(u8::is_ascii_whitespace);
    (prefix, complete)
}

fn check_truncation(name: &str, doc: Doc, form: Form, bytes: &[u8], at: usize, base: &Parsed) {
    let (prefix, complete) = cut(bytes, at);
    let what = format!("{name} cut at byte {at} of {}", bytes.len());
    let r = parse(&what, doc, form, 200, prefix);
    if complete {
        assert_eq!(r.as_ref().ok(), Some(base), "{what}");
    } else {
        assert_kind(&what, &r, TransportKind::Decode);
    }
}

/// Truncated bodies (a connection cut mid-answer): Decode, at every byte offset of the
/// small report answers (both forms, including inside multi-byte characters), at a spread
/// of offsets of every other fixture; and HTTP when the status was an error.
#[test]
fn truncated_bodies_are_decode_errors() {
    for (name, doc, form) in FIXTURES {
        let bytes = fixture(name);
        let base = ok(name, *doc, *form, &bytes);
        let small = name.starts_with("qcc_report_");
        let offsets: Vec<usize> = if small {
            (0..=bytes.len()).collect()
        } else {
            let n = bytes.len();
            let mut o: Vec<usize> = (0..=16).map(|i| n * i / 16).collect();
            o.extend([1, 2, 3, n - 1, n - 2, n - 3]);
            // Inside a multi-byte character.
            o.extend(bytes.iter().position(|b| *b >= 0x80).map(|p| p + 1));
            o
        };
        let mut decoded = 0;
        for at in offsets {
            check_truncation(name, *doc, *form, &bytes, at, &base);
            decoded += 1;
        }
        assert!(decoded >= 20, "{name}");
        let what = format!("{name} cut in half with HTTP 502");
        let r = parse(&what, *doc, *form, 502, &bytes[..bytes.len() / 2]);
        assert_kind(&what, &r, TransportKind::Http);
    }
    // The messages say what happened.
    let bytes = fixture("qcc_customs_getlist.json");
    let e = parse(
        "half",
        Doc::Customs,
        Form::QccJson,
        200,
        &bytes[..bytes.len() / 2],
    )
    .unwrap_err();
    assert!(e.to_string().contains("truncated"), "{e}");
    let bytes = fixture("qcc_report_info.xml");
    let e = parse(
        "half xml",
        Doc::ReportInfo,
        Form::QccXml,
        200,
        &bytes[..bytes.len() / 2],
    )
    .unwrap_err();
    assert!(!e.to_string().is_empty());
}

/// JSON that is not an envelope object, and non-UTF-8 bytes.
#[test]
fn non_envelopes_are_decode_errors() {
    for (name, doc, form) in FIXTURES {
        for body in [
            &b"[1,2]"[..],
            b"\"200\"",
            b"null",
            b"200",
            b"{}",
            b"\xff\xfe\x00{",
            b"{\"Status\":\"200\"",
            b"\x00",
        ] {
            let what = format!("{name}: {:?}", String::from_utf8_lossy(body));
            let r = parse(&what, *doc, *form, 200, body);
            assert_kind(&what, &r, TransportKind::Decode);
        }
    }
}

/// A `Result` of the wrong shape on success is a Decode error naming the shape, never a
/// panic or a silently empty answer.
#[test]
fn a_result_of_the_wrong_shape_is_a_decode_error() {
    for (name, doc, form) in JSON_FIXTURES {
        for wrong in [json!("text"), json!(42), json!(true)] {
            let mut v = json_of(name);
            v[&result_pointer(*form)[1..]] = wrong.clone();
            let what = format!("{name} with Result {wrong}");
            let r = parse(&what, *doc, *form, 200, &to_bytes(&v));
            assert_kind(&what, &r, TransportKind::Decode);
        }
    }
}
