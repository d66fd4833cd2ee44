//! The search bar and the `/` filter (issue 11, point 12): typing after a search replaces
//! the old keyword instead of appending to it, and `/` in a list narrows the rows loaded
//! without a call; Esc clears it; a new company is searched in the search bar.

mod app_support;

use app_support::*;
use crossterm::event::KeyCode;

use corpvet::app::records;
use corpvet::app::state::Focus;
use corpvet::service::Request;

fn rows(s: &corpvet::app::State) -> Vec<String> {
    records::current_page(s)
        .map(|p| p.records().iter().map(|r| r.key_value()).collect())
        .unwrap_or_default()
}

#[test]
fn focusing_the_search_bar_after_a_search_selects_the_old_keyword_so_typing_replaces_it() {
    for keys in [
        vec![ch('s')],
        vec![key(KeyCode::Esc), key(KeyCode::BackTab)],
    ] {
        let mut s = state();
        with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
        send(&mut s, keys.clone());
        assert_eq!(s.focus, Focus::Search, "{keys:?}");
        let (_, req) = one_fetch(&search(&mut s, NINGBO));
        assert!(
            matches!(&req, Request::Qualifications { keyword, .. } if keyword == NINGBO),
            "{keys:?}: {req:?}"
        );
    }
    // Moving the caret keeps the text: the keyword can be edited instead.
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('s'), key(KeyCode::End), ch('X')]);
    assert_eq!(s.input.value(), format!("{ZHEJIANG}X"));
    // Backspace on the selection empties the bar.
    send(
        &mut s,
        [key(KeyCode::Esc), ch('s'), key(KeyCode::Backspace)],
    );
    assert_eq!(s.input.value(), "");
}

#[test]
fn slash_in_a_list_filters_the_rows_loaded_without_a_call_and_esc_clears_it() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    assert_eq!(rows(&s).len(), 4);
    // The search bar keeps its text: `/` is not a search.
    let mut effects = send(&mut s, [ch('/')]);
    assert_eq!(s.focus, Focus::Filter);
    effects.extend(type_text(&mut s, "专业承包二"));
    assert_eq!(rows(&s), ["D233011206"], "names are searched too");
    effects.extend(send(&mut s, [key(KeyCode::Enter)]));
    assert!(effects.is_empty(), "nothing is sent: {effects:?}");
    assert_eq!(s.focus, Focus::List);
    assert_eq!(s.input.value(), ZHEJIANG);
    // The selection, copy and the detail act on the rows shown.
    let copied = send(&mut s, [ch('y')]);
    assert_eq!(copied, [corpvet::app::Effect::Copy("D233011206".into())]);
    // Fields the list does not show count too (the issuer), case folded.
    send(&mut s, [ch('/'), ctrl('u')]);
    type_text(&mut s, "金华市");
    assert_eq!(rows(&s), ["D333056731"]);
    // Esc while typing clears it; Esc in a filtered list clears it too.
    send(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(rows(&s).len(), 4);
    send(&mut s, [ch('/')]);
    type_text(&mut s, "no such row");
    send(&mut s, [key(KeyCode::Enter)]);
    assert!(rows(&s).is_empty());
    assert!(send(&mut s, [key(KeyCode::Esc)]).is_empty());
    assert_eq!(rows(&s).len(), 4);
}

#[test]
fn a_filter_keeps_the_selected_row_when_it_is_still_shown() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('j'), ch('j')]);
    assert_eq!(records::selected(&s).unwrap().key_value(), "D233011206");
    send(&mut s, [ch('/')]);
    type_text(&mut s, "D");
    assert_eq!(records::selected(&s).unwrap().key_value(), "D233011206");
    type_text(&mut s, "3");
    assert_eq!(rows(&s), ["D333056731"]);
    assert_eq!(records::selected(&s).unwrap().key_value(), "D333056731");
}

#[test]
fn without_a_list_slash_is_the_search_bar_and_a_new_company_clears_filters() {
    let mut s = state();
    send(&mut s, [key(KeyCode::Esc), ch('/')]);
    assert_eq!(s.focus, Focus::Search);
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('/')]);
    type_text(&mut s, "特级");
    send(&mut s, [key(KeyCode::Enter)]);
    assert_eq!(rows(&s).len(), 1);
    send(&mut s, [ch('s')]);
    search(&mut s, NINGBO);
    assert_eq!(s.filter(s.tab), "");
}

#[test]
fn a_filter_finds_a_certificate_by_the_status_its_row_shows() {
    let mut s = drilled_into_cached_detail(SHENZHEN, SHENZHEN_CODE);
    send(&mut s, [key(KeyCode::Esc)]);
    let status = cert_detail(SHENZHEN_CODE, 0).status.label_zh().to_string();
    let first = rows(&s)[0].clone();
    send(&mut s, [ch('/')]);
    type_text(&mut s, &status);
    assert!(rows(&s).contains(&first), "{status}: {:?}", rows(&s));
}
