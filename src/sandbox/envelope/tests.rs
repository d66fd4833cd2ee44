use super::*;
use serde_json::json;

const REPORT_XML: Qcc = Qcc {
    controller: "Report",
    paged: false,
    order_number: false,
    format: Format::Xml,
};

#[test]
fn xml_matches_the_document_and_escapes() {
    let reply = REPORT_XML.ok(
        "查询成功",
        json!({"ReportStatus": "S", "ReportUrl": "/api/rpt/retrieve?code=1&x=<2>"}),
        None,
    );
    let text = String::from_utf8(reply.body).unwrap();
    assert_eq!(
        text,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<YJServiceResult \
         xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n<Status>200</Status>\n\
         <Message>查询成功</Message>\n<Result>\n<ReportStatus>S</ReportStatus>\n\
         <ReportUrl>/api/rpt/retrieve?code=1&amp;x=&lt;2&gt;</ReportUrl>\n</Result>\n\
         </YJServiceResult>\n"
    );
    assert!(reply.billed);
}

#[test]
fn json_envelope_order_and_nulls() {
    let shape = Qcc {
        controller: "OperationCheck",
        paged: true,
        order_number: true,
        format: Format::Json,
    };
    let reply = shape.status("201");
    let v: Value = serde_json::from_slice(&reply.body).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["Status", "Message", "OrderNumber", "Paging", "Result"]
    );
    assert_eq!(v["Message"], "【有效请求】查询无结果");
    assert!(v["Paging"].is_null() && v["Result"].is_null());
    assert!(reply.billed);
    assert!(!shape.status("107").billed);
}

#[test]
fn juhe_reasons_come_from_the_table() {
    let v: Value = serde_json::from_slice(&juhe(10001, Value::Null).body).unwrap();
    assert_eq!(
        v,
        json!({"reason": "错误的请求KEY", "result": null, "error_code": 10001})
    );
    assert!(juhe(265004, Value::Null).billed);
    assert!(!juhe(10012, Value::Null).billed);
}
