use super::*;
use crate::api::status::lookup;

#[test]
fn status_error_reads_with_code_message_and_gloss() {
    let info = *lookup(Vendor::Qcc, "116").unwrap();
    let e = ApiError::Status {
        info,
        message: info.message.to_string(),
    };
    let text = e.to_string();
    assert!(text.contains("116") && text.contains("每日调用总量") && text.contains("quota"));
    let r = e.report();
    assert_eq!(
        (r.code.as_deref(), r.class.as_str(), r.retryable),
        (Some("116"), "quota", false)
    );
}

#[test]
fn throttling_and_transport_faults_are_retryable_but_bad_answers_are_not() {
    let info = *lookup(Vendor::Qcc, "120").unwrap();
    assert!(ApiError::Status {
        info,
        message: String::new()
    }
    .retryable());
    assert!(ApiError::transport(TransportKind::Timeout, "x").retryable());
    assert!(!ApiError::transport(TransportKind::Decode, "x").retryable());
    assert!(!ApiError::invalid("x").retryable());
}
