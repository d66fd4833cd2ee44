//! The vendor documents' own examples (`tests/fixtures/docs/`), parsed by the real envelope
//! parsers and turned into the domain model through its public interface only: what a user
//! would see for each documented answer, and the JSON shape `--json` prints for it.

use std::path::Path;

use chrono::NaiveDate;
use corpvet::api::wire::envelope::{parse_juhe, parse_qcc, parse_qcc_xml};
use corpvet::api::wire::juhe::JuheResult;
use corpvet::api::wire::qcc::{
    BuildingResult, Certification, CertificationDetail, CustomsResult, ReportInfo,
};
use corpvet::api::wire::WireResult;
use corpvet::api::{Paging, Reply};
use corpvet::domain::certificate::{CertFamily, CertStatus, Certificate, CertificateDetail};
use corpvet::domain::credit_code::{self, CodeCheck};
use corpvet::domain::customs::{CreditLevel, CustomsRecord, PenaltyNature};
use corpvet::domain::dates::{Expires, Expiry, Judged};
use corpvet::domain::grade::Grade;
use corpvet::domain::keyword::{parse_keyword, KeywordKind};
use corpvet::domain::page::Page;
use corpvet::domain::qualification::{Provider, Qualification};
use corpvet::domain::report::ReportState;
use corpvet::domain::text;
use serde::Serialize;
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docs")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn qcc<T: WireResult>(name: &str) -> Reply<T> {
    parse_qcc(200, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The top-level keys of `value`'s JSON, in order.
fn keys(value: &impl Serialize) -> Vec<String> {
    match serde_json::to_value(value).unwrap() {
        Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn qcc_building_example() {
    let reply: Reply<BuildingResult> = qcc("qcc_building_getlist.json");
    let today = day(2021, 11, 1);
    let quals: Vec<Qualification> = reply
        .data
        .unwrap()
        .data
        .into_iter()
        .map(Qualification::from_qcc)
        .collect();
    assert_eq!(quals.len(), 3);

    let first = &quals[0];
    assert_eq!(first.provider, Provider::Qcc);
    assert_eq!(first.cert_no, "D111020307");
    assert_eq!(first.names.len(), 7);
    assert_eq!(first.grades.len(), 7);
    assert_eq!(first.best_grade(), Grade::Special);
    assert_eq!(
        first
            .grades
            .iter()
            .filter(|g| **g == Grade::Special)
            .count(),
        2
    );
    assert_eq!(first.expiry(today), Expiry::Expiring { days_left: 60 });

    assert_eq!(quals[1].best_grade(), Grade::First);
    assert!(quals[1].has_grade(Grade::Second));
    assert_eq!(quals[2].category, "设计资质");
    assert_eq!(quals[2].grades, [Grade::A, Grade::A]);

    // The joined scope names the same qualifications as the list.
    for w in &reply_data_again() {
        let mut scope = w.clone();
        scope.cert_name_list.clear();
        let from_scope = Qualification::from_qcc(scope);
        let from_list = Qualification::from_qcc(w.clone());
        let mut a = from_scope.names.clone();
        let mut b = from_list.names.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{}", w.cert_no);
    }

    assert_eq!(
        keys(&Judged::on(first, today)),
        [
            "provider",
            "cert_no",
            "category",
            "names",
            "grades",
            "issued",
            "expires",
            "issuer",
            "business_id",
            "expiry"
        ]
    );
}

fn reply_data_again() -> Vec<corpvet::api::wire::qcc::BuildingQualification> {
    qcc::<BuildingResult>("qcc_building_getlist.json")
        .data
        .unwrap()
        .data
}

#[test]
fn juhe_building_example() {
    let mut reply: Reply<JuheResult> =
        parse_juhe(200, &fixture("juhe_building_query.json")).unwrap_or_else(|e| panic!("{e}"));
    // The Juhe client fills paging from the request and `total`; do the same here.
    let total = reply.data.as_ref().map_or(0, |r| r.total);
    reply.paging = Some(Paging {
        page_size: 20,
        page_index: 1,
        total_records: total,
    });
    let today = day(2024, 5, 1);
    let items: Vec<Qualification> = reply
        .data
        .unwrap()
        .items
        .into_iter()
        .map(Qualification::from_juhe)
        .collect();
    let page = Page::from_paging(items, reply.paging, 1, 20);
    assert_eq!(page.label(), "page 1/1 · 5 total");
    assert!(!page.has_next());

    let q = &page.items[0];
    assert_eq!(q.provider, Provider::Juhe);
    assert_eq!(q.names.len(), 3);
    assert_eq!(q.grades, [Grade::A, Grade::A, Grade::A]);
    assert_eq!(
        q.business_id.as_deref(),
        Some("5d43a8f092aec74cbf04a163-A141002510")
    );
    assert_eq!(q.expiry(today), Expiry::Valid { days_left: 114 });
    // The name cut by a page break in the PDF was joined: six 乙级 names.
    assert_eq!(page.items[2].names.len(), 6);
    assert!(page.items[2].grades.iter().all(|g| *g == Grade::B));
    // 工程勘察工程钻探劳务 carries no grade; expired in 2020.
    let last = &page.items[4];
    assert_eq!(last.best_grade(), Grade::Unknown);
    assert!(last.expiry(today).is_expired());
}

#[test]
fn certificate_search_example() {
    let reply: Reply<Vec<Certification>> = qcc("qcc_certs_search.json");
    let today = day(2024, 5, 1);
    let items: Vec<Certificate> = reply
        .data
        .unwrap()
        .into_iter()
        .map(Certificate::from_wire)
        .collect();
    let page = Page::from_paging(items, reply.paging, 1, 2);
    assert_eq!(page.label(), "page 1/3 · 5 total");
    assert!(page.has_next() && !page.has_prev());
    assert_eq!(page.items[0].family, CertFamily::Quality);
    assert_eq!(
        page.items[0].expiry(today),
        Expiry::Expiring { days_left: 14 }
    );
    assert_eq!(page.items[1].family, CertFamily::IntellectualProperty);
    assert!(page.items[1].expiry(today).is_expired());
    assert_eq!(
        keys(&Judged::on(&page.items[0], today)),
        [
            "id",
            "number",
            "product_name",
            "type_code",
            "type_desc",
            "family",
            "starts",
            "ends",
            "status",
            "status_text",
            "institutions",
            "expiry"
        ]
    );
    // The document's rows carry no status: unchecked, not valid.
    assert_eq!(page.items[0].status, None);
    assert_eq!(keys(&page), ["items", "page", "page_size", "total"]);
}

#[test]
fn certificate_detail_example() {
    let reply: Reply<CertificationDetail> = qcc("qcc_certs_detail.json");
    let wire = reply.data.unwrap();
    let today = day(2024, 6, 1);
    let d = CertificateDetail::from_wire(&wire);
    let names: Vec<&str> = d.fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names.len(), 48);
    assert_eq!(
        names[..10],
        [
            "证书状态",
            "证书到期日期",
            "认证范围/认证覆盖的业务范围",
            "发证机构名称",
            "发证机构状态",
            "证书编号",
            "企业名称",
            "颁证日期",
            "初次获证日期",
            "认证依据"
        ]
    );
    let rest: Vec<&str> = wire
        .data
        .keys()
        .map(String::as_str)
        .filter(|k| !names[..10].contains(k))
        .collect();
    assert_eq!(names[10..], rest[..]);
    assert_eq!(d.status, CertStatus::Valid);
    assert_eq!(d.issuer_status, Some(CertStatus::Valid));
    // Still 有效 in the registry, but past its date by the chosen today.
    assert_eq!(d.flags(today), ["expired"]);
    assert!(d.non_empty_fields().count() < d.fields.len());
    assert_eq!(
        keys(&Judged::on(&d, today)),
        [
            "id",
            "fields",
            "status",
            "issuer_status",
            "expires",
            "expiry"
        ]
    );

    // The credit code inside the example passes both checks and is a usable keyword.
    let code = d
        .get("获证组织基本信息-统一社会信用代码/组织机构代码")
        .unwrap();
    assert_eq!(
        credit_code::check(code),
        CodeCheck::Valid { org_code_ok: true }
    );
    let kw = parse_keyword(code, false).unwrap();
    assert_eq!(kw.kind, KeywordKind::CreditCode);
}

#[test]
fn customs_example() {
    let reply: Reply<CustomsResult> = qcc("qcc_customs_getlist.json");
    let items: Vec<CustomsRecord> = reply
        .data
        .unwrap()
        .data
        .into_iter()
        .map(CustomsRecord::from_wire)
        .collect();
    let page = Page::from_paging(items, reply.paging, 1, 10);
    assert_eq!(page.label(), "page 1/1 · 1 total");
    let r = &page.items[0];
    assert_eq!(r.level, CreditLevel::General);
    assert_eq!(r.level.label_zh(), "常规企业");
    assert!(r.annual_report_missing && !r.cancelled && !r.aeo);
    assert_eq!(r.penalties[0].nature, PenaltyNature::Violation);
    assert_eq!(r.labelled_fields().len(), 16);
    assert_eq!(
        keys(r),
        [
            "id",
            "customs_office",
            "trade_type",
            "registered",
            "registered_text",
            "reg_no",
            "admin_area",
            "econo_area",
            "special_area",
            "cancel_flag",
            "cancelled",
            "annual_status",
            "annual_report_missing",
            "validity_date",
            "industry_type",
            "e_business_type",
            "identified",
            "identified_text",
            "level_text",
            "level",
            "identify_code",
            "aeo",
            "penalties"
        ]
    );
    assert_eq!(
        keys(&r.penalties[0]),
        [
            "no",
            "decision_no",
            "party",
            "date",
            "date_text",
            "nature",
            "nature_text"
        ]
    );
}

#[test]
fn report_examples_in_both_forms() {
    let url = "/api/rpt/retrieve?code=465b03exxx830191ec";
    let json: Reply<ReportInfo> = qcc("qcc_report_info.json");
    let xml: Reply<ReportInfo> =
        parse_qcc_xml(200, &fixture("qcc_report_info.xml")).unwrap_or_else(|e| panic!("{e}"));
    for reply in [json, xml] {
        let state = ReportState::from_reply(&reply);
        assert_eq!(
            state,
            ReportState::Ready {
                report_url: url.into()
            }
        );
        assert!(state.is_terminal());
    }
    let pending: Reply<ReportInfo> = parse_qcc(
        200,
        r#"{"Status":"205","Message":"【有效请求】等待处理中"}"#.as_bytes(),
    )
    .unwrap();
    assert_eq!(ReportState::from_reply(&pending), ReportState::Pending);
}

#[test]
fn a_table_row_of_the_example_fits_its_columns() {
    let reply: Reply<BuildingResult> = qcc("qcc_building_getlist.json");
    let today = day(2021, 11, 1);
    let q = Qualification::from_qcc(reply.data.unwrap().data.swap_remove(0));
    let row = [
        text::fit(&q.cert_no, 10),
        text::fit(&q.names.join("，"), 24),
        text::fit(q.best_grade().label_zh(), 4),
        text::fit(
            &format!("{} {}", q.expiry(today).marker(), q.expiry(today).label()),
            16,
        ),
    ];
    let widths: Vec<usize> = row.iter().map(|c| text::width(c)).collect();
    assert_eq!(widths, [10, 24, 4, 16]);
    for line in text::wrap(&q.names.join("，"), 20) {
        assert!(text::width(&line) <= 20);
    }
}
