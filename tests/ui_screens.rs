//! Snapshots of every explorer screen at 80×24 and 120×40 with real Chinese data, drawn by
//! the pure renderer into ratatui's TestBackend.

mod app_support;

use std::path::PathBuf;
use std::time::Duration;

use app_support::*;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use corpvet::app::job::{Job, WorkerEvent};
use corpvet::app::job::{ReportEvent, WatchEvent};
use corpvet::app::Effect;
use corpvet::app::{update, Event, State};
use corpvet::domain::report::ReportState;
use corpvet::service::report::Order;
use corpvet::service::Response;
use corpvet::ui::render;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(state: &mut State, w: u16, h: u16) -> Terminal<TestBackend> {
    update(
        state,
        Event::Resize {
            width: w,
            height: h,
        },
    );
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| render(f, state)).unwrap();
    t
}

/// Snapshot `state` at both sizes, named `<name>_<w>x<h>`.
fn snap(name: &str, state: &mut State) {
    for (w, h) in SIZES {
        let t = draw(state, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

fn tick(s: &mut State, secs: i64) {
    let now = app_support::now() + chrono::Duration::seconds(secs);
    update(
        s,
        Event::Tick {
            now,
            today: now.date(),
        },
    );
}

#[test]
fn start_screen() {
    let mut s = state();
    snap("start", &mut s);
}

#[test]
fn qualifications_with_expired_and_expiring_badges() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('j')]);
    snap("qualifications", &mut s);
}

#[test]
fn qualifications_filtered_while_typing_and_kept() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('/')]);
    type_text(&mut s, "专业承包");
    snap("qualifications_filter_typing", &mut s);
    send(&mut s, [key(KeyCode::Enter)]);
    snap("qualifications_filter_kept", &mut s);
}

#[test]
fn export_dialog_for_pages_not_fetched() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, SHENZHEN));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 1)));
    send(&mut s, [ch('E')]);
    snap("export_dialog", &mut s);
}

#[test]
fn very_long_company_name() {
    let mut s = state();
    with_quals(&mut s, LONG, quals(LONG_CODE));
    snap("long_name", &mut s);
}

#[test]
fn certificates_page_two_of_three() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, SHENZHEN));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 1)));
    let (id, _) = one_fetch(&send(&mut s, [ch('n')]));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 2)));
    send(&mut s, [ch('j'), ch('j')]);
    snap("certificates_page2", &mut s);
}

#[test]
fn customs_with_penalties_table() {
    let mut s = on_tab('4');
    let (id, _) = one_fetch(&search(&mut s, NINGBO));
    answer(&mut s, id, Response::Customs(customs(NINGBO_CODE)));
    send(&mut s, [key(KeyCode::Tab)]);
    snap("customs", &mut s);
}

#[test]
fn empty_state() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, BEIJING_EMPTY));
    answer(&mut s, id, Response::Certificates(empty_certs()));
    snap("empty", &mut s);
}

#[test]
fn loading_state() {
    let mut s = state();
    search(&mut s, LONG);
    tick(&mut s, 1);
    tick(&mut s, 2);
    snap("loading", &mut s);
}

#[test]
fn error_box() {
    let mut s = state();
    let (id, _) = one_fetch(&search(&mut s, "额度耗尽测试有限公司"));
    fail(&mut s, id, quota_error());
    snap("error", &mut s);
}

#[test]
fn help_overlay_for_the_list() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('?')]);
    snap("help_list", &mut s);
}

#[test]
fn typing_in_the_search_bar() {
    let mut s = state();
    type_text(&mut s, "深圳");
    snap("typing", &mut s);
}

#[test]
fn help_overlay_while_typing() {
    let mut s = state();
    type_text(&mut s, "深圳");
    send(&mut s, [key(KeyCode::F(1))]);
    assert_eq!(s.input.value(), "深圳", "F1 is not text");
    snap("help_typing", &mut s);
}

#[test]
fn help_overlay_in_the_drill_down() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, NINGBO));
    answer(&mut s, id, Response::Certificates(certs(NINGBO_CODE, 1)));
    let (did, _) = one_fetch(&send(&mut s, [key(KeyCode::Enter)]));
    answer(
        &mut s,
        did,
        Response::CertificateDetail(cert_detail(NINGBO_CODE, 0)),
    );
    send(&mut s, [ch('?')]);
    snap("help_drill", &mut s);
}

#[test]
fn certificate_drill_down_with_a_suspended_status() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, NINGBO));
    answer(&mut s, id, Response::Certificates(certs(NINGBO_CODE, 1)));
    let (did, _) = one_fetch(&send(&mut s, [key(KeyCode::Enter)]));
    answer(
        &mut s,
        did,
        Response::CertificateDetail(cert_detail(NINGBO_CODE, 0)),
    );
    snap("drill_down", &mut s);
}

#[test]
fn report_confirm_dialog() {
    let mut s = state();
    with_quals(&mut s, LONG, quals(LONG_CODE));
    send(&mut s, [ch('o')]);
    snap("report_confirm", &mut s);
}

#[test]
fn report_confirm_names_the_price_when_one_is_set() {
    let mut s = state();
    s.report_price_fen = 3000;
    with_quals(&mut s, LONG, quals(LONG_CODE));
    send(&mut s, [ch('o')]);
    for (w, h) in SIZES {
        let screen = format!("{}", draw(&mut s, w, h).backend());
        assert!(screen.contains("¥30.00 at your"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn report_confirm_warns_when_the_search_bar_holds_another_name() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    // Typed into the bar, never searched: the order is still for the company on screen.
    send(&mut s, [ch('s')]);
    type_text(&mut s, "5企查查科技有限公司");
    send(&mut s, [key(KeyCode::Esc), ch('5'), ch('o')]);
    let t = draw(&mut s, 80, 24);
    let screen = format!("{:?}", t.backend());
    assert!(screen.contains("not searched"), "{screen}");
    snap("report_confirm_other_name", &mut s);
}

fn ordered(s: &mut State) -> u64 {
    let effects = send(s, [ch('o'), ch('y')]);
    let order = match effects.as_slice() {
        [Effect::Worker(Job::OrderReport { id, .. })] => *id,
        other => panic!("{other:?}"),
    };
    let effects = update(
        s,
        Event::Worker(WorkerEvent::Report(ReportEvent::ReportOrdered {
            id: order,
            result: Ok(Order::Placed {
                order_no: "RPT20261124001".into(),
            }),
        })),
    );
    match effects.as_slice() {
        [Effect::Worker(Job::PollReport { id, .. })] => *id,
        other => panic!("{other:?}"),
    }
}

#[test]
fn report_in_progress() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    let poll = ordered(&mut s);
    update(
        &mut s,
        Event::Worker(WorkerEvent::Report(ReportEvent::ReportProgress {
            id: poll,
            state: ReportState::InProgress("P".into()),
            polls: 4,
            elapsed: Duration::from_secs(41),
        })),
    );
    tick(&mut s, 42);
    snap("report_progress", &mut s);
}

#[test]
fn report_ready_and_downloading() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    let poll = ordered(&mut s);
    tick(&mut s, 75);
    update(
        &mut s,
        Event::Worker(WorkerEvent::Report(ReportEvent::ReportFinished {
            id: poll,
            result: Ok(ReportState::Ready {
                report_url: "https://pro.qcc.com/api/yj/Report/Download/RPT20261124001.pdf".into(),
            }),
        })),
    );
    let effects = send(&mut s, [ch('d')]);
    let [Effect::Worker(Job::Download { id, .. })] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    update(
        &mut s,
        Event::Worker(WorkerEvent::Report(ReportEvent::DownloadProgress {
            id: *id,
            received: 1_258_291,
            total: Some(2_516_582),
        })),
    );
    snap("report_downloading", &mut s);
    update(
        &mut s,
        Event::Worker(WorkerEvent::Report(ReportEvent::Downloaded {
            id: *id,
            result: Ok(PathBuf::from(
                "/home/vetter/Downloads/浙江华屹建设集团有限公司-RPT20261124001.pdf",
            )),
        })),
    );
    snap("report_saved", &mut s);
}

#[test]
fn search_refused_locally() {
    let mut s = state();
    search(&mut s, "91320594088140947A");
    snap("bad_credit_code", &mut s);
}

#[test]
fn short_terminal_collapses_the_detail_behind_the_list() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    let t = draw(&mut s, 80, 16);
    insta::assert_snapshot!("collapsed_list_80x16", t.backend());
    send(&mut s, [key(KeyCode::Tab)]);
    let t = draw(&mut s, 80, 16);
    insta::assert_snapshot!("collapsed_detail_80x16", t.backend());
}

#[test]
fn report_tab_before_any_order() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('5')]);
    snap("report_none", &mut s);
}

#[test]
fn a_cached_answer_shows_its_age_under_the_list() {
    let mut s = state();
    with_quals_from(
        &mut s,
        ZHEJIANG,
        quals(ZHEJIANG_CODE),
        cached(3 * 3600, false),
    );
    snap("cached_3h", &mut s);
}

#[test]
fn a_stale_answer_is_marked_under_the_list() {
    let mut s = on_tab('4');
    let (id, _) = one_fetch(&search(&mut s, NINGBO));
    answer_with(
        &mut s,
        id,
        Response::Customs(customs(NINGBO_CODE)),
        cached(2 * 86_400, true),
    );
    snap("stale_2d", &mut s);
}

#[test]
fn the_history_overlay_lists_recent_searches_newest_first() {
    let mut s = state();
    with_quals(&mut s, LONG, quals(LONG_CODE));
    with_quals_again(&mut s, ZHEJIANG);
    send(&mut s, [ctrl('r'), ch('j')]);
    snap("history", &mut s);
    type_text(&mut s, "建");
    snap("history_filtered", &mut s);
}

/// Search another company from the list (back to the search bar first).
fn with_quals_again(s: &mut State, company: &str) {
    send(s, [ch('s'), ctrl('u')]);
    let (id, _) = one_fetch(&search(s, company));
    answer(s, id, Response::Qualifications(quals(ZHEJIANG_CODE)));
}

#[test]
fn a_cached_certificate_detail_shows_its_age() {
    let mut s = drilled_into_cached_detail(SHENZHEN, SHENZHEN_CODE);
    snap("drill_down_cached", &mut s);
}

fn overview_search(company: &str) -> (State, Vec<(u64, corpvet::domain::verdict::SourceId)>) {
    let mut s = on_tab('1');
    let jobs = vet_search(&mut s, company);
    (s, jobs)
}

#[test]
fn overview_red_partial_then_complete() {
    use corpvet::domain::verdict::SourceId::{Certificates, Customs, QualificationsQcc};
    let (mut s, jobs) = overview_search(NINGBO);
    vet_answers(&mut s, &jobs, NINGBO_CODE, &[Customs]);
    snap("overview_ningbo_partial", &mut s);
    vet_answers(
        &mut s,
        &jobs,
        NINGBO_CODE,
        &[Certificates, QualificationsQcc],
    );
    snap("overview_ningbo_complete", &mut s);
}

/// Customs read only up to the page cap: the section says how much, a flag what was left.
#[test]
fn overview_with_a_list_cut_short() {
    let (mut s, jobs) = overview_search(NINGBO);
    ningbo_customs_cut_short(&mut s, &jobs);
    snap("overview_customs_cut_short", &mut s);
}

#[test]
fn overview_good_and_warnings_with_a_failed_source() {
    use corpvet::app::job::VetOutcome;
    use corpvet::domain::verdict::{Outcome, SourceId::*};
    let (mut s, jobs) = overview_search(SHENZHEN);
    vet_answer(
        &mut s,
        vet_job(&jobs, QualificationsQcc),
        QualificationsQcc,
        VetOutcome::Qualifications(Outcome::Failed(quota_error())),
    );
    vet_answers(&mut s, &jobs, SHENZHEN_CODE, &[Certificates]);
    snap("overview_shenzhen_partial_failed", &mut s);
}

#[test]
fn overview_good_and_warnings_complete_and_watched() {
    use corpvet::domain::verdict::SourceId::*;
    let (mut s, jobs) = overview_search(SHENZHEN);
    vet_answers(
        &mut s,
        &jobs,
        SHENZHEN_CODE,
        &[QualificationsQcc, Certificates, Customs],
    );
    let effects = send(&mut s, [ch('w')]);
    let [Effect::Worker(Job::Watch { id, keyword, .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    update(
        &mut s,
        Event::Worker(WorkerEvent::Watch(WatchEvent::Watched {
            id: *id,
            keyword: keyword.clone(),
            result: Ok(true),
        })),
    );
    snap("overview_shenzhen_complete", &mut s);
}

#[test]
fn overview_details_confirm() {
    use corpvet::domain::verdict::SourceId::*;
    let (mut s, jobs) = overview_search(SHENZHEN);
    vet_answers(&mut s, &jobs, SHENZHEN_CODE, &[Certificates]);
    d_counted(&mut s, 47, 45);
    snap("overview_details_confirm", &mut s);
}

#[test]
fn overview_details_in_progress() {
    use corpvet::app::job::VetEvent;
    use corpvet::domain::verdict::SourceId::*;
    let (mut s, jobs) = overview_search(SHENZHEN);
    vet_answers(&mut s, &jobs, SHENZHEN_CODE, &[Certificates]);
    d_counted(&mut s, 47, 45);
    let effects = send(&mut s, [ch('y')]);
    let [Effect::Worker(Job::FetchDetails { id, certificates })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    for (i, c) in certificates.iter().take(12).enumerate() {
        update(
            &mut s,
            Event::Worker(WorkerEvent::Vet(VetEvent::DetailFetched {
                id: *id,
                cert: c.id.clone(),
                result: Ok((cert_detail(SHENZHEN_CODE, i), i > 1)),
            })),
        );
    }
    snap("overview_details_in_progress", &mut s);
}

#[test]
fn the_status_line_shows_what_the_session_billed() {
    let mut s = state();
    let spent = corpvet::service::spend::SessionSpend {
        sent: 4,
        billable: 3,
        fen: 150,
        saved: 2,
    };
    update(&mut s, Event::Spent(spent));
    for (w, h) in SIZES {
        let t = draw(&mut s, w, h);
        let screen = format!("{}", t.backend());
        assert!(screen.contains("billed 3 · ¥1.50"), "{w}x{h}:\n{screen}");
    }
    snap("status_billed", &mut s);
}
