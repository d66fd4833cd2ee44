use super::*;

#[test]
fn truncation_keeps_utf8_and_breaks_json() {
    let body = r#"{"Message":"【有效请求】查询成功"}"#.to_string();
    let reply = Reply::vendor(JSON, body, true).truncated();
    let text = String::from_utf8(reply.body).expect("cut on a char boundary");
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
    assert!(!reply.billed);
}
