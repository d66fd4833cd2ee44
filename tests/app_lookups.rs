//! The explorer's lookup journeys through `update` alone, with scripted worker answers.

mod app_support;

use app_support::*;
use crossterm::event::KeyCode;

use corpvet::app::job::Job;
use corpvet::app::records;
use corpvet::app::registry::Lookup;
use corpvet::app::state::{Focus, Tab};
use corpvet::app::Effect;
use corpvet::domain::qualification::Provider;
use corpvet::service::{Request, Response};

#[test]
fn typing_a_name_and_enter_sends_exactly_one_fetch_for_the_active_tab() {
    let mut s = state();
    assert_eq!(s.focus, Focus::Search, "the search bar has focus at start");
    assert!(
        type_text(&mut s, ZHEJIANG).is_empty(),
        "typing sends nothing"
    );
    let effects = update_enter(&mut s);
    let (_, request) = one_fetch(&effects);
    assert_eq!(
        request,
        Request::Qualifications {
            keyword: ZHEJIANG.into(),
            provider: Provider::Qcc,
            page: 1
        }
    );
    assert_eq!(s.focus, Focus::List, "Enter moves to the list");
    assert_eq!(s.company.as_deref(), Some(ZHEJIANG));
}

fn update_enter(s: &mut corpvet::app::State) -> Vec<Effect> {
    send(s, [key(KeyCode::Enter)])
}

#[test]
fn the_answer_is_shown_and_the_tab_stops_loading() {
    let mut s = state();
    let (id, _) = one_fetch(&search(&mut s, ZHEJIANG));
    assert!(matches!(s.current_lookup(), Some(Lookup::Loading { .. })));
    assert!(s.busy());
    answer(&mut s, id, Response::Qualifications(quals(ZHEJIANG_CODE)));
    assert!(!matches!(
        s.current_lookup(),
        Some(Lookup::Loading { .. } | Lookup::Failed { .. })
    ));
    assert!(!s.busy());
    let page = records::current_page(&s).expect("answer kept");
    assert_eq!(page.len(), 4);
}

#[test]
fn switching_tabs_fetches_that_tab_for_the_same_company_and_switching_back_does_not() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    let (cid, req) = one_fetch(&send(&mut s, [ch('3')]));
    assert_eq!(s.tab, Tab::Certificates);
    assert!(
        matches!(req, Request::Certificates { ref keyword, page: 1, page_size: 20, .. } if keyword == ZHEJIANG)
    );
    answer(&mut s, cid, Response::Certificates(certs(ZHEJIANG_CODE, 1)));
    let (_, req) = one_fetch(&send(&mut s, [ch('4')]));
    assert_eq!(
        req,
        Request::Customs {
            keyword: ZHEJIANG.into(),
            page: 1
        }
    );
    // Back to tabs already answered: shown from the kept answers, nothing billed again.
    assert!(fetches(&send(&mut s, [ch('2')])).is_empty());
    assert_eq!(records::current_page(&s).map(|p| p.len()), Some(4));
    assert!(fetches(&send(&mut s, [ch('3')])).is_empty());
    assert_eq!(records::current_page(&s).map(|p| p.len()), Some(3));
}

#[test]
fn a_tab_in_flight_is_not_fetched_twice() {
    let mut s = state();
    one_fetch(&search(&mut s, ZHEJIANG));
    // Leave and come back while the first request is still running.
    let effects = send(&mut s, [ch('3'), ch('2')]);
    assert_eq!(
        fetches(&effects).len(),
        1,
        "only the certificates fetch: {effects:?}"
    );
}

#[test]
fn tab_cycles_panes_and_digits_in_the_search_bar_are_text() {
    let mut s = state();
    type_text(&mut s, "12");
    assert_eq!(
        s.tab,
        Tab::Qualifications,
        "digits typed are text, not tab keys"
    );
    assert_eq!(s.input.value(), "12");
    send(&mut s, [key(KeyCode::Tab)]);
    assert_eq!(s.focus, Focus::List);
    send(&mut s, [key(KeyCode::Tab)]);
    assert_eq!(s.focus, Focus::Detail);
    send(&mut s, [key(KeyCode::Tab)]);
    assert_eq!(s.focus, Focus::Search);
    send(&mut s, [key(KeyCode::BackTab)]);
    assert_eq!(s.focus, Focus::Detail);
}

#[test]
fn a_stale_answer_is_dropped() {
    let mut s = state();
    let (first, _) = one_fetch(&search(&mut s, ZHEJIANG));
    // Esc cancels it: the id is no longer awaited.
    let effects = send(&mut s, [key(KeyCode::Esc)]);
    assert!(
        effects.contains(&Effect::Worker(Job::Cancel { id: first })),
        "{effects:?}"
    );
    assert!(
        !matches!(
            s.current_lookup(),
            Some(Lookup::Loading { .. } | Lookup::Failed { .. })
        ),
        "cancel leaves loading"
    );
    answer(
        &mut s,
        first,
        Response::Qualifications(quals(ZHEJIANG_CODE)),
    );
    assert!(
        records::current_page(&s).is_none(),
        "the cancelled answer was dropped"
    );
    // R runs it again, and that answer is taken.
    let (second, _) = one_fetch(&send(&mut s, [ch('R')]));
    assert_ne!(first, second);
    answer(
        &mut s,
        second,
        Response::Qualifications(quals(ZHEJIANG_CODE)),
    );
    assert_eq!(records::current_page(&s).map(|p| p.len()), Some(4));
}

#[test]
fn a_new_page_request_replaces_the_one_in_flight_and_its_late_answer_is_dropped() {
    let mut s = on_tab('3');
    let (p1, req) = one_fetch(&search(&mut s, SHENZHEN));
    assert!(
        matches!(req, Request::Certificates { ref keyword, page: 1, .. } if keyword == SHENZHEN)
    );
    answer(&mut s, p1, Response::Certificates(certs(SHENZHEN_CODE, 1)));
    let (p2, _) = one_fetch(&send(&mut s, [ch('n')]));
    answer(&mut s, p2, Response::Certificates(certs(SHENZHEN_CODE, 2)));
    let (p3, _) = one_fetch(&send(&mut s, [ch('n')]));
    // Back to page 2 (kept) while page 3 is in flight, then forward again: no new fetch.
    assert!(fetches(&send(&mut s, [ch('p')])).is_empty());
    assert!(fetches(&send(&mut s, [ch('n')])).is_empty());
    answer(&mut s, p3, Response::Certificates(certs(SHENZHEN_CODE, 3)));
    let page = records::current_page(&s).unwrap();
    assert_eq!((page.page(), page.page_count(), page.len()), (3, 3, 7));
    assert_eq!(page.label(), "page 3/3 · 47 total");
}

#[test]
fn paging_with_n_p_brackets_and_the_last_page_sends_nothing() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, SHENZHEN));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 1)));
    let (id, req) = one_fetch(&send(&mut s, [ch(']')]));
    assert!(matches!(req, Request::Certificates { page: 2, .. }));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 2)));
    let (id, req) = one_fetch(&send(&mut s, [ch('n')]));
    assert!(matches!(req, Request::Certificates { page: 3, .. }));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 3)));
    assert!(send(&mut s, [ch('n')]).is_empty(), "no page 4");
    assert!(
        fetches(&send(&mut s, [ch('['), ch('p')])).is_empty(),
        "pages 2 and 1 are kept"
    );
    assert_eq!(s.view(Tab::Certificates).page, 1);
    assert!(send(&mut s, [ch('p')]).is_empty(), "no page 0");
}

#[test]
fn an_error_leaves_no_tab_loading_and_r_retries() {
    let mut s = state();
    let (id, _) = one_fetch(&search(&mut s, "额度耗尽测试有限公司"));
    fail(&mut s, id, quota_error());
    assert!(matches!(s.current_lookup(), Some(Lookup::Failed { .. })));
    assert!(!s.busy(), "nothing left loading");
    let shown = s.error.as_ref().expect("an error box");
    assert_eq!(shown.report.code.as_deref(), Some("116"));
    assert!(shown.report.gloss.is_some());
    // Esc closes the box; R runs the lookup again.
    send(&mut s, [key(KeyCode::Esc)]);
    assert!(s.error.is_none());
    let (again, _) = one_fetch(&send(&mut s, [ch('R')]));
    assert_ne!(again, id);
}

#[test]
fn an_empty_answer_is_an_answer_not_an_error() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, BEIJING_EMPTY));
    answer(&mut s, id, Response::Certificates(empty_certs()));
    assert!(s.error.is_none());
    assert!(records::current_page(&s).unwrap().is_empty());
    // Kept like any answer.
    assert!(
        fetches(&send(&mut s, [ch('2'), ch('3')])).len() == 1,
        "only the qualifications fetch"
    );
}

#[test]
fn the_provider_switch_keeps_both_answers() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    let (id, req) = one_fetch(&send(&mut s, [ch('P')]));
    assert!(matches!(
        req,
        Request::Qualifications {
            provider: Provider::Juhe,
            ..
        }
    ));
    answer(&mut s, id, Response::Qualifications(quals(ZHEJIANG_CODE)));
    assert!(
        fetches(&send(&mut s, [ch('P')])).is_empty(),
        "QCC's answer is kept"
    );
    assert_eq!(s.provider, Provider::Qcc);
}

#[test]
fn moving_the_selection_with_j_k_g_capital_g_and_pages() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, SHENZHEN));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 1)));
    send(&mut s, [ch('j'), ch('j'), key(KeyCode::Down)]);
    assert_eq!(s.view(Tab::Certificates).selected, 3);
    send(&mut s, [ch('k')]);
    assert_eq!(s.view(Tab::Certificates).selected, 2);
    send(&mut s, [ch('G')]);
    assert_eq!(s.view(Tab::Certificates).selected, 19);
    send(&mut s, [ch('j')]);
    assert_eq!(s.view(Tab::Certificates).selected, 19, "clamped at the end");
    send(&mut s, [ch('g')]);
    assert_eq!(s.view(Tab::Certificates).selected, 0);
    send(&mut s, [key(KeyCode::PageDown)]);
    assert!(s.view(Tab::Certificates).selected > 1);
    send(&mut s, [key(KeyCode::PageUp)]);
    assert_eq!(s.view(Tab::Certificates).selected, 0);
}

#[test]
fn a_new_company_starts_its_own_lists_and_the_old_answers_stay() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('s'), ctrl('u')]);
    assert_eq!(s.input.value(), "");
    let (id, req) = one_fetch(&search(&mut s, NINGBO));
    assert!(matches!(req, Request::Qualifications { ref keyword, .. } if keyword == NINGBO));
    answer(&mut s, id, Response::Qualifications(quals(NINGBO_CODE)));
    // Searching the first company again shows its kept answer.
    send(&mut s, [ch('s'), ctrl('u')]);
    assert!(fetches(&search(&mut s, ZHEJIANG)).is_empty());
    assert_eq!(records::current_page(&s).map(|p| p.len()), Some(4));
}

#[test]
fn drill_down_fetches_the_detail_once_and_esc_keeps_the_selection() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, ZHEJIANG));
    answer(&mut s, id, Response::Certificates(certs(ZHEJIANG_CODE, 1)));
    send(&mut s, [ch('j')]);
    let (did, req) = one_fetch(&send(&mut s, [key(KeyCode::Enter)]));
    let cert_id = match req {
        Request::CertificateDetail { id } => id,
        other => panic!("expected a detail request, got {other:?}"),
    };
    assert_eq!(s.drill.as_deref(), Some(cert_id.as_str()));
    answer(
        &mut s,
        did,
        Response::CertificateDetail(cert_detail(ZHEJIANG_CODE, 1)),
    );
    send(&mut s, [key(KeyCode::Esc)]);
    assert!(s.drill.is_none());
    assert_eq!(s.view(Tab::Certificates).selected, 1, "selection kept");
    // Opening it again uses the kept detail.
    assert!(fetches(&send(&mut s, [key(KeyCode::Enter)])).is_empty());
    assert!(s.drill.is_some());
}

#[test]
fn closing_a_drill_down_while_it_loads_still_keeps_its_answer() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, ZHEJIANG));
    answer(&mut s, id, Response::Certificates(certs(ZHEJIANG_CODE, 1)));
    let (did, _) = one_fetch(&send(&mut s, [key(KeyCode::Enter)]));
    send(&mut s, [key(KeyCode::Esc)]);
    answer(
        &mut s,
        did,
        Response::CertificateDetail(cert_detail(ZHEJIANG_CODE, 0)),
    );
    assert!(
        fetches(&send(&mut s, [key(KeyCode::Enter)])).is_empty(),
        "not fetched twice"
    );
}

#[test]
fn validation_refuses_short_keywords_and_bad_check_digits_before_any_job() {
    let mut s = state();
    let effects = search(&mut s, " 甲 ");
    // Nothing asked: the one job notes the calls it saved in the spend ledger.
    assert!(
        matches!(
            effects.as_slice(),
            [corpvet::app::Effect::Worker(Job::NoteRefused { .. })]
        ),
        "{effects:?}"
    );
    assert!(s.search_note.is_some(), "the search bar says why");
    assert_eq!(s.focus, Focus::Search, "still typing");
    send(&mut s, [ctrl('u')]);
    // 91320594088140947F is valid; change the check character.
    let effects = search(&mut s, "91320594088140947A");
    assert!(effects.is_empty(), "{effects:?}");
    let note = s.search_note.clone().expect("flagged");
    assert!(note.text.contains("check character"), "{}", note.text);
    // Sending it anyway is billed: a dialog that Enter never confirms (issue 11, point 11).
    assert!(matches!(
        s.overlay,
        Some(corpvet::app::state::Overlay::ConfirmForce { ref keyword, .. }) if keyword == "91320594088140947A"
    ));
    assert!(send(&mut s, [key(KeyCode::Enter)]).is_empty());
    assert!(s.overlay.is_some(), "Enter leaves the dialog open");
    // n sends nothing and goes back to the keyword to fix it.
    assert!(send(&mut s, [ch('n')]).is_empty());
    assert_eq!((s.overlay.is_none(), s.focus), (true, Focus::Search));
    // Enter asks again; y sends it as typed.
    assert!(send(&mut s, [key(KeyCode::Enter)]).is_empty());
    let (_, req) = one_fetch(&send(&mut s, [ch('y')]));
    assert!(
        matches!(req, Request::Qualifications { ref keyword, .. } if keyword == "91320594088140947A")
    );
}

#[test]
fn a_valid_credit_code_is_normalised_and_sent() {
    let mut s = state();
    let (_, req) = one_fetch(&search(&mut s, "91320594088140947f"));
    assert!(
        matches!(req, Request::Qualifications { ref keyword, .. } if keyword == "91320594088140947F")
    );
}

#[test]
fn coming_back_to_a_failed_tab_shows_the_failure_without_resending() {
    let mut s = state();
    let (id, _) = one_fetch(&search(&mut s, ZHEJIANG));
    fail(&mut s, id, quota_error());
    let effects = send(&mut s, [ch('3'), ch('2')]);
    assert_eq!(
        fetches(&effects).len(),
        1,
        "only the certificates lookup: {effects:?}"
    );
    assert!(matches!(s.current_lookup(), Some(Lookup::Failed { .. })));
    assert_eq!(fetches(&send(&mut s, [ch('R')])).len(), 1);
}

#[test]
fn enter_on_the_same_company_after_an_error_tries_again() {
    let mut s = state();
    let (id, _) = one_fetch(&search(&mut s, ZHEJIANG));
    fail(&mut s, id, quota_error());
    let (again, _) = one_fetch(&send(&mut s, [ch('s'), key(KeyCode::Enter)]));
    assert_ne!(again, id);
}
