//! Ordering a billed report: confirm first, order once, poll, cancel, resume, download.

mod app_support;

use std::path::PathBuf;
use std::time::Duration;

use app_support::*;
use crossterm::event::KeyCode;

use corpvet::app::download::Download;
use corpvet::app::job::ReportEvent;
use corpvet::app::job::{Job, JobId, WorkerEvent};
use corpvet::app::report::Stage;
use corpvet::app::state::{Overlay, Tab};
use corpvet::app::{update, Effect, Event, State};
use corpvet::domain::report::{ReportFormat, ReportState};
use corpvet::service::report::Order;
use corpvet::service::Services;

fn searched() -> State {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    s
}

fn orders(effects: &[Effect]) -> Vec<&Job> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Worker(j @ Job::OrderReport { .. }) => Some(j),
            _ => None,
        })
        .collect()
}

fn worker(s: &mut State, ev: WorkerEvent) -> Vec<Effect> {
    update(s, Event::Worker(ev))
}

/// Order (confirming Word) and return the order job id.
fn order_word(s: &mut State) -> JobId {
    let effects = send(s, [ch('o'), ch('w'), ch('y')]);
    match orders(&effects).as_slice() {
        [Job::OrderReport {
            id,
            keyword,
            format,
            again: false,
        }] => {
            assert_eq!(keyword, ZHEJIANG);
            assert_eq!(*format, ReportFormat::Word);
            *id
        }
        other => panic!("expected one order, got {other:?}"),
    }
}

/// The order `order` placed as RPT20261124001: the poll job that follows.
fn ordered(s: &mut State, order: JobId) -> JobId {
    poll_id(&worker(
        s,
        WorkerEvent::Report(ReportEvent::ReportOrdered {
            id: order,
            result: Ok(Order::Placed {
                order_no: "RPT20261124001".into(),
            }),
        }),
    ))
}

fn poll_id(effects: &[Effect]) -> JobId {
    match effects {
        [Effect::Worker(Job::PollReport { id, order_no })] => {
            assert_eq!(order_no, "RPT20261124001");
            *id
        }
        other => panic!("expected one poll, got {other:?}"),
    }
}

#[test]
fn o_asks_first_and_esc_orders_nothing() {
    let mut s = searched();
    assert!(send(&mut s, [ch('o')]).is_empty(), "the dialog comes first");
    assert!(matches!(
        &s.overlay,
        Some(Overlay::ConfirmReport { company, format: ReportFormat::Pdf, .. }) if company == ZHEJIANG
    ));
    // Keys in the dialog never leak to the panes.
    assert!(send(&mut s, [ch('q')]).is_empty());
    assert!(s.overlay.is_none(), "q cancels the dialog");
    assert!(!s.should_quit());
    assert!(orders(&send(&mut s, [ch('o'), key(KeyCode::Esc)])).is_empty());
    assert!(s.overlay.is_none());
    assert!(s.reports.is_empty());
}

#[test]
fn confirming_orders_exactly_once_then_polls_and_shows_progress() {
    let mut s = searched();
    let order = order_word(&mut s);
    assert_eq!(s.tab, Tab::Report);
    // A second Enter or o while ordering sends nothing.
    let again = send(&mut s, [key(KeyCode::Enter), ch('o'), key(KeyCode::Enter)]);
    assert!(orders(&again).is_empty(), "{again:?}");
    let poll = ordered(&mut s, order);
    worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::ReportProgress {
            id: poll,
            state: ReportState::InProgress("P".into()),
            polls: 3,
            elapsed: Duration::from_secs(7),
        }),
    );
    let r = s.current_report().unwrap();
    assert!(
        matches!(&r.stage, Stage::Polling { polls: 3, last: Some(ReportState::InProgress(p)), .. } if p == "P")
    );
    // The rest of the UI stays usable: switch tab, look around.
    assert!(orders(&send(&mut s, [ch('2'), ch('j'), ch('5')])).is_empty());
    assert!(s.busy());
}

#[test]
fn cancel_stops_polling_with_cancel_and_r_resumes_without_reordering() {
    let mut s = searched();
    let order = order_word(&mut s);
    let poll = ordered(&mut s, order);
    assert_eq!(
        send(&mut s, [key(KeyCode::Esc)]),
        vec![Effect::Worker(Job::Cancel { id: poll })]
    );
    assert!(matches!(
        s.current_report().unwrap().stage,
        Stage::Stopped {
            resumable: true,
            ..
        }
    ));
    assert!(!s.busy());
    // A late progress report for the cancelled poll changes nothing.
    worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::ReportFinished {
            id: poll,
            result: Ok(ReportState::Ready {
                report_url: "/late".into(),
            }),
        }),
    );
    assert!(s.current_report().unwrap().url().is_none());
    let resumed = poll_id(&send(&mut s, [ch('r')]));
    assert_ne!(resumed, poll);
    // x also stops it.
    assert_eq!(
        send(&mut s, [ch('x')]),
        vec![Effect::Worker(Job::Cancel { id: resumed })]
    );
}

#[test]
fn ready_shows_the_url_y_copies_it_and_d_downloads_with_progress() {
    let mut s = searched();
    let order = order_word(&mut s);
    let poll = ordered(&mut s, order);
    let url = "https://pro.qcc.com/report/download/RPT20261124001.docx";
    worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::ReportFinished {
            id: poll,
            result: Ok(ReportState::Ready {
                report_url: url.into(),
            }),
        }),
    );
    assert_eq!(s.current_report().unwrap().url(), Some(url));
    assert_eq!(send(&mut s, [ch('y')]), vec![Effect::Copy(url.into())]);
    let effects = send(&mut s, [ch('d')]);
    let [Effect::Worker(Job::Download {
        id,
        report_url,
        file_name,
        ..
    })] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(report_url, url);
    assert_eq!(
        file_name,
        &Services::report_file_name(ZHEJIANG, "RPT20261124001", ReportFormat::Word)
    );
    let id = *id;
    assert!(send(&mut s, [ch('d')]).is_empty(), "one download at a time");
    worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::DownloadProgress {
            id,
            received: 512,
            total: Some(2048),
        }),
    );
    assert!(matches!(
        s.current_report().unwrap().download,
        Some(Download::Running {
            received: 512,
            total: Some(2048),
            ..
        })
    ));
    let saved = PathBuf::from("/home/vetter/Downloads/report.docx");
    worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::Downloaded {
            id,
            result: Ok(saved.clone()),
        }),
    );
    assert_eq!(
        s.current_report().unwrap().download,
        Some(Download::Done(saved))
    );
    assert!(!s.busy());
}

#[test]
fn a_refused_order_says_why_and_is_not_retried() {
    let mut s = searched();
    let order = order_word(&mut s);
    let effects = worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::ReportOrdered {
            id: order,
            result: Err(quota_error()),
        }),
    );
    assert!(effects.is_empty(), "no automatic retry: {effects:?}");
    assert!(s.error.is_some());
    assert!(matches!(
        s.current_report().unwrap().stage,
        Stage::Stopped {
            resumable: false,
            ..
        }
    ));
    assert!(!s.busy());
}

#[test]
fn a_failed_report_and_a_poll_error_are_shown() {
    let mut s = searched();
    let order = order_word(&mut s);
    let poll = ordered(&mut s, order);
    worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::ReportFinished {
            id: poll,
            result: Ok(ReportState::Failed("F".into())),
        }),
    );
    match &s.current_report().unwrap().stage {
        Stage::Stopped {
            reason, resumable, ..
        } => {
            assert!(reason.contains("status F"), "{reason}");
            assert!(!resumable);
        }
        other => panic!("{other:?}"),
    }
}

/// Issue 11, point 11: Enter opens the dialog but never confirms it (search Enter, Enter,
/// Enter ordered a report); only y does.
#[test]
fn enter_on_the_report_tab_opens_the_dialog_and_only_y_confirms() {
    let mut s = searched();
    send(&mut s, [ch('5')]);
    assert!(send(&mut s, [key(KeyCode::Enter)]).is_empty());
    assert!(s.overlay.is_some());
    assert!(send(&mut s, [key(KeyCode::Enter), key(KeyCode::Enter)]).is_empty());
    assert!(
        s.overlay.is_some(),
        "Enter neither orders nor closes the dialog"
    );
    let effects = send(&mut s, [key(KeyCode::Right), ch('y')]);
    assert!(matches!(
        orders(&effects).as_slice(),
        [Job::OrderReport {
            format: ReportFormat::Word,
            ..
        }]
    ));
}

#[test]
fn without_a_company_there_is_nothing_to_order() {
    let mut s = state();
    send(&mut s, [key(KeyCode::Esc)]);
    assert!(send(&mut s, [ch('o')]).is_empty());
    assert!(s.overlay.is_none());
}

#[test]
fn ordering_again_while_the_last_report_downloads_cancels_the_download() {
    let mut s = searched();
    let order = order_word(&mut s);
    let poll = ordered(&mut s, order);
    worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::ReportFinished {
            id: poll,
            result: Ok(ReportState::Ready {
                report_url: "https://pro.qcc.com/report/download/RPT20261124001.docx".into(),
            }),
        }),
    );
    let effects = send(&mut s, [ch('d')]);
    let [Effect::Worker(Job::Download { id: download, .. })] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let download = *download;
    let effects = send(&mut s, [ch('o'), ch('w'), ch('y')]);
    let [Effect::Worker(Job::Cancel { id: cancelled }), Effect::Worker(Job::OrderReport { id: new, .. })] =
        effects.as_slice()
    else {
        panic!("expected the download cancelled, then one order: {effects:?}");
    };
    assert_eq!(*cancelled, download);
    let order = s.current_report().unwrap();
    assert_eq!(order.stage, Stage::Ordering { id: *new });
    assert_eq!(order.download, None, "the new order has no download yet");
    assert_eq!(s.reports.len(), 1, "one order per company");
}

/// A ledger row as another process (the CLI) left it: ordered 10 min ago, not ready yet.
fn standing(company: &str, state: corpvet::store::OrderState, url: Option<&str>) -> Order {
    Order::Standing {
        record: Box::new(corpvet::store::OrderRecord {
            id: 1,
            company: company.into(),
            format: "pdf".into(),
            order_no: Some("RPT20261124001".into()),
            state,
            created_at: now().and_utc().timestamp() - 600,
            updated_at: now().and_utc().timestamp() - 600,
            report_url: url.map(str::to_string),
            file: None,
            note: None,
            by: None,
        }),
        order_no: "RPT20261124001".into(),
    }
}

/// The ledger reads asked for among the effects: (job id, company).
fn ledger_reads(effects: &[Effect]) -> Vec<(JobId, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Worker(Job::FindOrder { id, keyword }) => Some((*id, keyword.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn an_order_placed_earlier_by_the_cli_is_shown_and_polled_not_ordered_again() {
    let mut s = state();
    let effects = search(&mut s, ZHEJIANG);
    let [(id, company)] = ledger_reads(&effects).try_into().unwrap();
    assert_eq!(
        company, ZHEJIANG,
        "the search reads the ledger for the company"
    );
    assert!(orders(&effects).is_empty());
    // The ledger has the CLI's order: the Report tab shows it and polls it (not billed).
    let effects = worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::OrderFound {
            id,
            keyword: ZHEJIANG.into(),
            found: Some((
                ReportFormat::Pdf,
                standing(ZHEJIANG, corpvet::store::OrderState::Ordered, None),
            )),
        }),
    );
    poll_id(&effects);
    assert!(orders(&effects).is_empty(), "nothing is ordered");
    assert_eq!(
        s.current_report().and_then(|r| r.order_no()),
        Some("RPT20261124001")
    );
    let screen = render_text(&mut s, Tab::Report);
    assert!(screen.contains("RPT20261124001"), "{screen}");
    // While it is being prepared, o orders nothing.
    assert!(send(&mut s, [ch('o')]).is_empty());
    assert!(s.overlay.is_none());
    // Ordering anew is its own action: the dialog names the order that stands, and only
    // its confirm sends an order, marked as meant to be a second one.
    send(&mut s, [ch('x')]);
    send(&mut s, [ch('o')]);
    assert!(matches!(
        &s.overlay,
        Some(Overlay::ConfirmReport { previous: Some(p), .. }) if p == "RPT20261124001"
    ));
    assert!(send(&mut s, [key(KeyCode::Esc)]).is_empty());
    send(&mut s, [ch('o')]);
    let effects = send(&mut s, [ch('y')]);
    assert!(matches!(
        orders(&effects).as_slice(),
        [Job::OrderReport { again: true, .. }]
    ));
}

#[test]
fn a_ready_order_in_the_ledger_is_shown_ready_without_a_poll() {
    let mut s = state();
    let [(id, _)] = ledger_reads(&search(&mut s, ZHEJIANG)).try_into().unwrap();
    let url = "https://pro.qcc.com/rpt/retrieve?code=abc";
    let effects = worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::OrderFound {
            id,
            keyword: ZHEJIANG.into(),
            found: Some((
                ReportFormat::Pdf,
                standing(ZHEJIANG, corpvet::store::OrderState::Ready, Some(url)),
            )),
        }),
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(s.current_report().and_then(|r| r.url()), Some(url));
}

#[test]
fn an_order_that_turns_out_to_stand_is_followed_and_said_so() {
    let mut s = searched();
    let order = order_word(&mut s);
    // Between the dialog and the send, another process ordered: the service follows it.
    let effects = worker(
        &mut s,
        WorkerEvent::Report(ReportEvent::ReportOrdered {
            id: order,
            result: Ok(standing(
                ZHEJIANG,
                corpvet::store::OrderState::Ordered,
                None,
            )),
        }),
    );
    poll_id(&effects);
    let said = s
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("already stands"), "{said}");
}

#[test]
fn quitting_while_an_order_is_polled_says_it_stands_and_how_to_pick_it_up() {
    let mut s = searched();
    let order = order_word(&mut s);
    assert!(corpvet::app::report::parting_notes(&s)[0].contains("corpvet reports"));
    ordered(&mut s, order);
    let notes = corpvet::app::report::parting_notes(&s);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("RPT20261124001") && notes[0].contains("Report tab"),
        "{notes:?}"
    );
}

/// What `tab` shows at 120×40, as text.
fn render_text(s: &mut State, tab: Tab) -> String {
    s.tab = tab;
    update(
        s,
        Event::Resize {
            width: 120,
            height: 40,
        },
    );
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| corpvet::ui::render(f, s)).unwrap();
    t.backend().to_string()
}
