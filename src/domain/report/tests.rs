use super::*;
use crate::api::status::{lookup, Vendor};

fn reply(code: &str, data: Option<(&str, &str)>) -> Reply<ReportInfo> {
    Reply {
        status: *lookup(Vendor::Qcc, code).unwrap(),
        message: String::new(),
        order_number: None,
        paging: None,
        data: data.map(|(status, url)| ReportInfo {
            report_status: status.into(),
            report_url: url.into(),
        }),
    }
}

#[test]
fn pending_when_the_vendor_says_so_or_sends_nothing() {
    assert_eq!(
        ReportState::from_reply(&reply("205", None)),
        ReportState::Pending
    );
    assert_eq!(
        ReportState::from_reply(&reply("201", None)),
        ReportState::Pending
    );
    assert_eq!(
        ReportState::from_reply(&reply("200", None)),
        ReportState::Pending
    );
}

#[test]
fn success_needs_a_url() {
    let url = "/api/rpt/retrieve?code=465b03exxx830191ec";
    assert_eq!(
        ReportState::from_reply(&reply("200", Some(("S", url)))),
        ReportState::Ready {
            report_url: url.into()
        }
    );
    assert_eq!(
        ReportState::from_reply(&reply("200", Some((" s ", url)))),
        ReportState::Ready {
            report_url: url.into()
        }
    );
    assert_eq!(
        ReportState::from_reply(&reply("200", Some(("S", "  ")))),
        ReportState::InProgress("S".into())
    );
}

#[test]
fn failures_in_any_spelling() {
    for s in ["F", "e", "FAIL", "Failed", "error"] {
        assert_eq!(
            ReportState::from_reply(&reply("200", Some((s, "")))),
            ReportState::Failed(s.into()),
            "{s}"
        );
    }
}

#[test]
fn anything_else_is_still_in_progress() {
    for s in ["P", "W", "processing", ""] {
        let st = ReportState::from_reply(&reply("200", Some((s, ""))));
        assert_eq!(st, ReportState::InProgress(s.into()));
        assert!(!st.is_terminal());
    }
}

#[test]
fn terminal_labels_and_json() {
    let ready = ReportState::Ready {
        report_url: "/x".into(),
    };
    assert!(ready.is_terminal() && ReportState::Failed("F".into()).is_terminal());
    assert!(!ReportState::Pending.is_terminal());
    assert_eq!(ready.label(), "ready");
    assert_eq!(ReportState::Failed("F".into()).label(), "failed (F)");
    assert_eq!(
        ReportState::InProgress("P".into()).label(),
        "in progress (P)"
    );
    assert_eq!(
        ReportState::InProgress(String::new()).label(),
        "in progress"
    );
    assert_eq!(
        serde_json::to_value(&ready).unwrap(),
        serde_json::json!({"state": "ready", "report_url": "/x"})
    );
    assert_eq!(
        serde_json::to_value(ReportState::Failed("F".into())).unwrap(),
        serde_json::json!({"state": "failed", "status": "F"})
    );
    assert_eq!(
        serde_json::to_value(ReportState::Pending).unwrap(),
        serde_json::json!({"state": "pending"})
    );
    assert_eq!(ReportFormat::Word.extension(), "docx");
}
