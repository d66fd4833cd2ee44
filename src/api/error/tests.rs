use super::*;
use crate::api::status::lookup;

/// QCC's status `code` as an error, carrying the document's message.
fn qcc_status(code: &str) -> ApiError {
    let info = *lookup(Vendor::Qcc, code).unwrap();
    ApiError::Status {
        info,
        message: info.message.to_string(),
    }
}

#[test]
fn status_error_reads_with_code_message_and_gloss() {
    let e = qcc_status("116");
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
    assert!(qcc_status("120").retryable());
    assert!(ApiError::transport(TransportKind::Timeout, "x").retryable());
    assert!(!ApiError::transport(TransportKind::Decode, "x").retryable());
    assert!(!ApiError::invalid("x").retryable());
}

#[test]
fn more_than_5000_rows_points_to_juhe() {
    let e = qcc_status("207");
    assert!(e.advice().contains("Juhe"), "{}", e.advice());
    // The rest of the class keeps the class's advice.
    assert_eq!(
        qcc_status("208").advice(),
        StatusClass::Unsupported.advice()
    );
}
