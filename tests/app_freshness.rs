//! Issue 4 in the explorer, through `update` alone: a cached answer shows its age (worked
//! out from the ticks), a stale one is marked, `r` asks the worker for a new call, paging
//! back costs nothing, and Ctrl-R searches a recent company again.

mod app_support;

use app_support::*;
use crossterm::event::KeyCode;

use corpvet::app::records;
use corpvet::app::registry::Lookup;
use corpvet::app::state::{Focus, Level, Overlay, Tab};
use corpvet::app::Event;
use corpvet::service::cache::{FetchMode, Freshness};
use corpvet::service::{Request, Response};

const HOUR: i64 = 3600;

fn tick(s: &mut corpvet::app::State, secs: i64) {
    let now = app_support::now() + chrono::Duration::seconds(secs);
    send(
        s,
        [Event::Tick {
            now,
            today: now.date(),
        }],
    );
}

#[test]
fn a_cached_answer_shows_its_age_and_it_grows_with_the_clock() {
    let mut s = state();
    let effects = search(&mut s, ZHEJIANG);
    assert_eq!(fetch_modes(&effects), [FetchMode::Normal]);
    let (id, _) = one_fetch(&effects);
    answer_with(
        &mut s,
        id,
        Response::Qualifications(quals(ZHEJIANG_CODE)),
        cached(3 * HOUR, false),
    );
    assert_eq!(s.age_note(), Some(("cached 3 h ago".to_string(), false)));
    tick(&mut s, HOUR);
    assert_eq!(s.age_note(), Some(("cached 4 h ago".to_string(), false)));
}

#[test]
fn the_age_is_right_whatever_the_local_time_zone() {
    // Ticks bring local time (UTC+8 here); the answer was stamped in UTC.
    let mut init = init();
    init.utc_offset = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let mut s = corpvet::app::State::new(init);
    let (id, _) = one_fetch(&search(&mut s, ZHEJIANG));
    let fetched_at = app_support::now().and_utc() - chrono::Duration::hours(8 + 2);
    let fresh = Freshness {
        cached: true,
        fetched_at,
        stale: false,
        note: None,
        fetched_by: None,
        order_number: None,
    };
    answer_with(
        &mut s,
        id,
        Response::Qualifications(quals(ZHEJIANG_CODE)),
        fresh,
    );
    assert_eq!(s.age_note(), Some(("cached 2 h ago".to_string(), false)));
}

#[test]
fn a_stale_answer_is_marked_and_the_status_line_says_why() {
    let mut s = state();
    with_quals_from(
        &mut s,
        ZHEJIANG,
        quals(ZHEJIANG_CODE),
        cached(2 * 24 * HOUR, true),
    );
    assert_eq!(
        s.age_note(),
        Some(("STALE: fetched 2 d ago".to_string(), true))
    );
    let m = s.message.clone().expect("a message");
    assert_eq!(m.level, Level::Warn);
    assert!(
        m.text.contains("STALE") && m.text.contains("refused"),
        "{m:?}"
    );
}

#[test]
fn a_new_answer_shows_no_age() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    assert_eq!(s.age_note(), None);
    let (id, _) = one_fetch(&send(&mut s, [ch('3')]));
    answer_with(
        &mut s,
        id,
        Response::Certificates(certs(ZHEJIANG_CODE, 1)),
        Freshness::live_at(app_support::now().and_utc().timestamp()),
    );
    assert_eq!(s.age_note(), None);
}

#[test]
fn r_refreshes_the_answer_shown_with_a_new_call_and_keeps_it_meanwhile() {
    let mut s = state();
    let id = with_quals_from(
        &mut s,
        ZHEJIANG,
        quals(ZHEJIANG_CODE),
        cached(3 * HOUR, false),
    );
    let effects = send(&mut s, [ch('r')]);
    assert_eq!(fetch_modes(&effects), [FetchMode::Refresh]);
    let (rid, req) = one_fetch(&effects);
    assert!(matches!(req, Request::Qualifications { page: 1, .. }));
    assert_ne!(rid, id);
    assert!(s.busy());
    assert!(
        records::current_page(&s).is_some(),
        "the earlier answer stays on screen while the refresh runs"
    );
    assert!(
        fetches(&send(&mut s, [ch('r'), ch('R')])).is_empty(),
        "a refresh in flight is not sent twice"
    );
    answer_with(
        &mut s,
        rid,
        Response::Qualifications(quals(ZHEJIANG_CODE)),
        Freshness::live_at(app_support::now().and_utc().timestamp()),
    );
    assert!(!s.busy());
    assert_eq!(s.age_note(), None, "a new answer: no age shown");
}

#[test]
fn a_failed_refresh_keeps_the_earlier_answer() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    let (rid, _) = one_fetch(&send(&mut s, [ch('R')]));
    fail(&mut s, rid, quota_error());
    assert!(s.error.is_some(), "the failure is shown");
    assert!(
        !matches!(
            s.current_lookup(),
            Some(Lookup::Loading { .. } | Lookup::Failed { .. })
        ),
        "no failure replaces the list"
    );
    assert_eq!(records::current_page(&s).map(|p| p.len()), Some(4));
    assert!(s.message.as_ref().unwrap().text.contains("earlier answer"));
}

/// A refresh answering while another tab is up still keeps that list's selection inside
/// it (found by a random journey with another seed).
#[test]
fn a_shorter_refresh_answered_off_screen_keeps_the_selection_inside() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('j'), ch('j')]);
    assert_eq!(s.view(Tab::Qualifications).selected, 2);
    let (rid, _) = one_fetch(&send(&mut s, [ch('R')]));
    send(&mut s, [ch('3')]);
    let mut shorter = quals(ZHEJIANG_CODE);
    shorter.items.truncate(1);
    answer(&mut s, rid, Response::Qualifications(shorter));
    assert_eq!(s.tab, Tab::Certificates);
    assert_eq!(s.view(Tab::Qualifications).selected, 0);
}

#[test]
fn r_after_an_error_runs_the_lookup_again() {
    let mut s = state();
    let (id, _) = one_fetch(&search(&mut s, "额度耗尽测试有限公司"));
    fail(&mut s, id, quota_error());
    assert!(matches!(s.current_lookup(), Some(Lookup::Failed { .. })));
    let effects = send(&mut s, [ch('r')]);
    assert_eq!(fetch_modes(&effects), [FetchMode::Refresh]);
    assert!(s.error.is_none());
    assert!(matches!(s.current_lookup(), Some(Lookup::Loading { .. })));
}

#[test]
fn r_is_resume_on_the_report_tab_and_typed_text_in_the_search_bar() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    assert!(fetches(&send(&mut s, [ch('5'), ch('r')])).is_empty());
    let mut s = state();
    assert!(type_text(&mut s, "r").is_empty());
    assert_eq!(s.input.value(), "r");
}

#[test]
fn a_cached_detail_shows_its_age_and_r_in_the_drill_down_fetches_it_again() {
    let mut s = drilled_into_cached_detail(ZHEJIANG, ZHEJIANG_CODE);
    assert_eq!(
        s.detail_age_note(),
        Some(("cached 5 d ago".to_string(), false))
    );
    let effects = send(&mut s, [ch('r')]);
    assert_eq!(fetch_modes(&effects), [FetchMode::Refresh]);
    let (rid, req) = one_fetch(&effects);
    assert!(matches!(req, Request::CertificateDetail { .. }));
    answer(
        &mut s,
        rid,
        Response::CertificateDetail(cert_detail(ZHEJIANG_CODE, 0)),
    );
    assert_eq!(s.detail_age_note(), None, "a new answer");
}

#[test]
fn paging_back_to_a_fetched_page_makes_no_call_and_keeps_its_age() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, SHENZHEN));
    answer_with(
        &mut s,
        id,
        Response::Certificates(certs(SHENZHEN_CODE, 1)),
        cached(HOUR, false),
    );
    let (id2, _) = one_fetch(&send(&mut s, [ch('n')]));
    answer(&mut s, id2, Response::Certificates(certs(SHENZHEN_CODE, 2)));
    assert_eq!(s.age_note(), None);
    assert!(
        fetches(&send(&mut s, [ch('p')])).is_empty(),
        "page 1 is kept"
    );
    assert_eq!(s.view(Tab::Certificates).page, 1);
    assert_eq!(s.age_note(), Some(("cached 1 h ago".to_string(), false)));
    assert!(fetches(&send(&mut s, [ch('n')])).is_empty(), "page 2 too");
}

#[test]
fn ctrl_r_lists_recent_searches_newest_first_and_enter_searches_one() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    assert!(send(&mut s, [ctrl('r')]).is_empty());
    assert!(matches!(
        s.overlay,
        Some(Overlay::History { selected: 0, .. })
    ));
    assert_eq!(
        s.history_matches(""),
        [ZHEJIANG, SHENZHEN, "企查查科技有限公司"]
    );
    // j moves to the second; Enter searches it on the active tab.
    let effects = send(&mut s, [ch('j'), key(KeyCode::Enter)]);
    assert!(s.overlay.is_none());
    let (_, req) = one_fetch(&effects);
    assert!(matches!(req, Request::Qualifications { ref keyword, .. } if keyword == SHENZHEN));
    assert_eq!(s.company.as_deref(), Some(SHENZHEN));
    assert_eq!(s.focus, Focus::List);
    assert_eq!(s.history_matches("").first().copied(), Some(SHENZHEN));
}

#[test]
fn typing_in_the_history_narrows_it_and_esc_closes_without_searching() {
    let mut s = state();
    // Ctrl-R works from the search bar too.
    send(&mut s, [ctrl('r')]);
    assert!(s.overlay.is_some());
    assert!(type_text(&mut s, "企查查").is_empty());
    assert!(matches!(&s.overlay, Some(Overlay::History { filter, .. }) if filter == "企查查"));
    // k and j do not move past the only match.
    send(&mut s, [ch('j'), ch('j'), ch('k')]);
    let effects = send(&mut s, [key(KeyCode::Enter)]);
    assert!(
        matches!(one_fetch(&effects).1, Request::Qualifications { ref keyword, .. } if keyword == "企查查科技有限公司")
    );

    let mut s = state();
    send(&mut s, [ctrl('r'), Event::Paste("深圳\n".into())]);
    assert_eq!(
        s.input.value(),
        "",
        "a paste goes to the filter, not the search bar"
    );
    let effects = send(&mut s, [key(KeyCode::Enter)]);
    assert!(
        matches!(one_fetch(&effects).1, Request::Qualifications { ref keyword, .. } if keyword == SHENZHEN)
    );

    let mut s = state();
    send(&mut s, [ctrl('r')]);
    type_text(&mut s, "无此");
    assert!(fetches(&send(&mut s, [key(KeyCode::Enter)])).is_empty());
    assert!(s.overlay.is_some(), "no match: stays open");
    send(&mut s, [key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    assert_eq!(s.history_matches("").len(), 2);
    assert!(send(&mut s, [key(KeyCode::Esc)]).is_empty());
    assert!(s.overlay.is_none());
    assert_eq!(s.company, None, "nothing searched");
}

#[test]
fn ctrl_r_with_no_history_says_so() {
    let mut init = init();
    init.history.clear();
    let mut s = corpvet::app::State::new(init);
    send(&mut s, [ctrl('r')]);
    assert!(s.overlay.is_none());
    assert!(s.message.unwrap().text.contains("no searches yet"));
}

#[test]
fn a_configuration_notice_is_shown_at_start() {
    let mut init = init();
    init.notice = Some("default provider is both".into());
    let s = corpvet::app::State::new(init);
    assert_eq!(s.message.unwrap().text, "default provider is both");
}

/// With the team store, an answer a colleague fetched says who (the name as text, its
/// control characters gone).
#[test]
fn a_colleagues_answer_says_who_fetched_it() {
    let mut s = state();
    with_quals_from(
        &mut s,
        ZHEJIANG,
        quals(ZHEJIANG_CODE),
        Freshness {
            fetched_by: Some("ana\u{7}".into()),
            ..cached(3 * HOUR, false)
        },
    );
    assert_eq!(
        s.age_note(),
        Some(("cached 3 h ago by ana".to_string(), false))
    );
}
