use super::*;
use crate::api::wire::qcc::{BuildingResult, Certification, CertificationList, ReportInfo};

#[test]
fn ok_no_result_and_errors() {
    let r: Reply<BuildingResult> = parse_qcc(
        200,
        br#"{"Status":"200","Message":"ok","Result":{"VerifyResult":1,"Data":[{"CertNo":"X"}]}}"#,
    )
    .unwrap();
    assert_eq!(r.data.unwrap().data[0].cert_no, "X");
    let r: Reply<BuildingResult> =
        parse_qcc(200, br#"{"Status":"201","Message":"none","Result":null}"#).unwrap();
    assert!(r.data.is_none() && r.status.class == StatusClass::NoResult);
    let e =
        parse_qcc::<BuildingResult>(200, br#"{"Status":107,"Message":"bad sig","Result":null}"#)
            .unwrap_err();
    assert_eq!(e.status_class(), Some(StatusClass::Signature));
    let e = parse_qcc::<BuildingResult>(200, br#"{"Status":"777","Message":"??"}"#).unwrap_err();
    assert_eq!(e.vendor_code(), Some("777"));
}

#[test]
fn html_pages_and_truncated_bodies_are_typed_errors() {
    let page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let e = parse_qcc::<BuildingResult>(502, page).unwrap_err();
    assert!(matches!(
        e,
        ApiError::Transport {
            kind: TransportKind::Http,
            ..
        }
    ));
    assert!(e.to_string().contains("502 Bad Gateway"), "{e}");
    let e = parse_qcc::<BuildingResult>(200, br#"{"Status":"200","Result":{"Data":[{"Cert"#)
        .unwrap_err();
    assert!(matches!(
        e,
        ApiError::Transport {
            kind: TransportKind::Decode,
            ..
        }
    ));
    assert!(e.to_string().contains("truncated"));
    let e = parse_qcc::<BuildingResult>(200, b"").unwrap_err();
    assert!(matches!(
        e,
        ApiError::Transport {
            kind: TransportKind::Decode,
            ..
        }
    ));
    let e = parse_qcc::<BuildingResult>(200, b"[1,2]").unwrap_err();
    assert!(matches!(
        e,
        ApiError::Transport {
            kind: TransportKind::Decode,
            ..
        }
    ));
}

#[test]
fn a_json_error_envelope_on_http_500_is_still_read() {
    let e = parse_qcc::<ReportInfo>(
        500,
        r#"{"Status":"500","Message":"接口相关的逻辑错误"}"#.as_bytes(),
    )
    .unwrap_err();
    assert_eq!(e.vendor_code(), Some("500"));
}

#[test]
fn null_result_on_success_is_empty_and_paging_is_read() {
    let r: Reply<Vec<Certification>> = parse_qcc(
        200,
        br#"{"Status":"200","Paging":{"PageSize":"20","PageIndex":2,"TotalRecords":"47"},"Result":null}"#,
    )
    .unwrap();
    assert!(r.data.unwrap().is_empty());
    assert_eq!(r.paging.unwrap().total_records, 47);
}

#[test]
fn juhe_codes_as_numbers_or_strings() {
    let r: Reply<crate::api::wire::juhe::JuheResult> = parse_juhe(
        200,
        br#"{"error_code":"265004","reason":"none","result":null}"#,
    )
    .unwrap();
    assert!(r.data.is_none());
    let e = parse_juhe::<crate::api::wire::juhe::JuheResult>(
        200,
        br#"{"error_code":10001,"reason":"bad key"}"#,
    )
    .unwrap_err();
    assert_eq!(e.status_class(), Some(StatusClass::KeyOrAccount));
}

/// The one-pass reader types `Result` before it knows the status; an error answer whose
/// `Result` has another shape must still give the vendor's status, not a shape error.
#[test]
fn an_error_status_wins_over_a_result_of_another_shape() {
    for body in [
        &br#"{"Status":"201","Message":"none","Result":"no data"}"#[..],
        br#"{"Result":[1,2],"Status":"201","Message":"none"}"#,
        br#"{"Status":"201","Result":{"Data":{"not":"a list"}}}"#,
    ] {
        let r = parse_qcc::<BuildingResult>(200, body).unwrap();
        assert!(r.data.is_none() && r.status.class == StatusClass::NoResult);
    }
    let e = parse_qcc::<BuildingResult>(
        200,
        br#"{"Result":"quota","Status":"116","Message":"empty"}"#,
    )
    .unwrap_err();
    assert_eq!(e.vendor_code(), Some("116"));
    let e = parse_juhe::<crate::api::wire::juhe::JuheResult>(
        200,
        br#"{"error_code":10012,"reason":"limit","result":"x"}"#,
    )
    .unwrap_err();
    assert_eq!(e.vendor_code(), Some("10012"));
    // With a success status the same `Result` is a decode error naming the shape.
    let e =
        parse_qcc::<BuildingResult>(200, br#"{"Status":"200","Result":"no data"}"#).unwrap_err();
    assert!(e.to_string().contains("documented shape"), "{e}");
}

/// `Result` may come before or after the status; `null` reads as empty (real certificate
/// pages past the end send it).
#[test]
fn result_position_does_not_matter_and_null_is_empty() {
    let a: Reply<BuildingResult> = parse_qcc(
        200,
        br#"{"Result":{"Data":[{"CertNo":"X"}]},"Message":"ok","Status":"200"}"#,
    )
    .unwrap();
    assert_eq!(a.data.unwrap().data[0].cert_no, "X");
    let r = parse_qcc::<BuildingResult>(200, br#"{"Status":"200","Result":null}"#).unwrap();
    assert_eq!(r.data, Some(BuildingResult::default()));
}

/// Issue 12, point 20: a success without its `Result`, or with a `Result` of another shape
/// (an array where an object is documented, or the reverse), is a malformed answer, never
/// an empty one: a vetting tool must not turn a broken answer into a clean one.
#[test]
fn a_success_without_its_result_or_with_another_shape_is_malformed() {
    let malformed = |e: ApiError| {
        assert!(
            matches!(
                e,
                ApiError::Transport {
                    kind: TransportKind::Decode,
                    ..
                }
            ),
            "{e:?}"
        );
        e.to_string()
    };
    let e = parse_qcc::<BuildingResult>(200, br#"{"Status":"200","Message":"ok"}"#).unwrap_err();
    assert!(malformed(e).contains("no Result"));
    for body in [
        &br#"{"Status":"200","Result":[[{"CertNo":"X"}]]}"#[..],
        br#"{"Result":[],"Status":"200"}"#,
    ] {
        let e = parse_qcc::<BuildingResult>(200, body).unwrap_err();
        assert!(malformed(e).contains("documented shape"));
    }
    let e = parse_qcc::<CertificationList>(200, br#"{"Status":"200","Result":{"Id":"1"}}"#)
        .unwrap_err();
    malformed(e);
    let e =
        parse_juhe::<crate::api::wire::juhe::JuheResult>(200, br#"{"error_code":0,"reason":"ok"}"#)
            .unwrap_err();
    assert!(malformed(e).contains("no result"));
    let e = parse_juhe::<crate::api::wire::juhe::JuheResult>(
        200,
        br#"{"error_code":0,"result":[[1]]}"#,
    )
    .unwrap_err();
    malformed(e);
    // The XML form of GetReportInfo without its Result is malformed too.
    let e = parse_qcc_xml::<ReportInfo>(
        200,
        b"<YJServiceResult><Status>200</Status><Message>ok</Message></YJServiceResult>",
    )
    .unwrap_err();
    malformed(e);
}

/// A UTF-8 byte-order mark before the JSON (or the XML) is read past.
#[test]
fn a_byte_order_mark_before_the_answer_is_accepted() {
    let r: Reply<BuildingResult> = parse_qcc(
        200,
        "\u{feff}{\"Status\":\"200\",\"Result\":{\"VerifyResult\":1,\"Data\":[{\"CertNo\":\"X\"}]}}".as_bytes(),
    )
    .unwrap();
    assert_eq!(r.data.unwrap().data[0].cert_no, "X");
    let r = parse_juhe::<crate::api::wire::juhe::JuheResult>(
        200,
        "\u{feff}{\"error_code\":265004,\"reason\":\"none\"}".as_bytes(),
    )
    .unwrap();
    assert!(r.data.is_none());
    let r = parse_qcc_xml::<ReportInfo>(
        200,
        "\u{feff}<YJServiceResult><Status>200</Status><Result><ReportStatus>S</ReportStatus><ReportUrl>/x</ReportUrl></Result></YJServiceResult>".as_bytes(),
    )
    .unwrap();
    assert_eq!(r.data.unwrap().report_status, "S");
}
