//! Modes, keys, history, paste, copy, export and the mouse, through `update` alone.

mod app_support;

use app_support::*;
use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use corpvet::app::job::ExportEvent;
use corpvet::app::job::{Job, WorkerEvent};
use corpvet::app::keymap::{self, Action, Scope, BINDINGS};
use corpvet::app::state::{Focus, Overlay, Tab};
use corpvet::app::{update, Effect, Event};
use corpvet::service::{Request, Response};

#[test]
fn keys_typed_in_insert_mode_never_run_commands() {
    let mut s = state();
    let effects = type_text(&mut s, "qmyYeEo?/1234Pnx");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(!s.should_quit());
    assert_eq!(s.input.value(), "qmyYeEo?/1234Pnx");
    assert_eq!(s.tab, Tab::Qualifications);
    assert!(s.overlay.is_none());
    assert!(!s.mouse_enabled());
}

#[test]
fn keys_rebound_in_the_config_replace_the_main_key_in_dispatch_help_and_hints() {
    let config: std::collections::BTreeMap<String, String> =
        [("quit", "Q"), ("refresh", "F5"), ("search", "s")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
    let (remap, problems) = corpvet::app::remap::Remap::from_config(&config);
    assert!(problems.is_empty());
    let mut init = init();
    init.keys = remap;
    let mut s = corpvet::app::State::new(init);
    // In the search bar every letter is text, whatever is rebound.
    send(&mut s, [ch('Q'), ch('s')]);
    assert!(!s.should_quit());
    send(&mut s, [key(KeyCode::Esc)]);
    assert!(send(&mut s, [ch('q')]).is_empty(), "q is no longer quit");
    let ctx = s.key_context();
    let listed = keymap::active(&ctx);
    let quit_keys: Vec<String> = listed
        .iter()
        .filter(|(_, b)| b.action == Action::Quit && b.scope == Scope::Normal)
        .flat_map(|(keys, _)| keys.iter().map(|k| k.label()))
        .collect();
    assert_eq!(quit_keys, ["Q"]);
    let refresh: Vec<String> = listed
        .iter()
        .filter(|(_, b)| b.action == Action::Refresh)
        .flat_map(|(keys, _)| keys.iter().map(|k| k.label()))
        .collect();
    assert!(refresh.contains(&"F5".to_string()) && !refresh.contains(&"r".to_string()));
    send(&mut s, [ch('s')]);
    assert_eq!(s.focus, Focus::Search, "s now focuses the search bar");
    send(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(send(&mut s, [ch('Q')]), vec![Effect::Quit]);
}

#[test]
fn q_quits_only_in_normal_mode_and_ctrl_c_always() {
    let mut s = state();
    send(&mut s, [ch('q')]);
    assert!(!s.should_quit());
    send(&mut s, [key(KeyCode::Esc)]);
    assert_eq!(s.focus, Focus::List, "Esc leaves insert mode for the list");
    assert_eq!(send(&mut s, [ch('q')]), vec![Effect::Quit]);
    assert!(s.should_quit());

    let mut s = state();
    assert_eq!(
        send(&mut s, [ctrl('c')]),
        vec![Effect::Quit],
        "Ctrl-C quits while typing"
    );
}

#[test]
fn only_key_presses_are_acted_on() {
    let mut s = state();
    send(&mut s, [release('a')]);
    assert_eq!(s.input.value(), "", "a release types nothing");
    send(&mut s, [key(KeyCode::Esc), release('q')]);
    assert!(!s.should_quit());
}

#[test]
fn slash_focuses_search_and_paste_inserts_text_on_one_line() {
    let mut s = state();
    send(&mut s, [key(KeyCode::Esc)]);
    send(&mut s, [ch('/')]);
    assert!(s.insert_mode());
    send(
        &mut s,
        [Event::Paste("深圳市鹏科智联\n电子股份有限公司\r\n".into())],
    );
    assert_eq!(s.input.value(), "深圳市鹏科智联 电子股份有限公司");
    // Paste arriving in normal mode goes to the search bar too.
    send(&mut s, [key(KeyCode::Esc), Event::Paste("X".into())]);
    assert!(s.insert_mode());
    assert!(s.input.value().ends_with('X'));
}

#[test]
fn history_walks_back_and_forward_with_the_draft_kept() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('s'), ctrl('u')]);
    type_text(&mut s, "草稿");
    send(&mut s, [key(KeyCode::Up)]);
    assert_eq!(s.input.value(), ZHEJIANG, "newest first");
    send(&mut s, [key(KeyCode::Up)]);
    assert_eq!(s.input.value(), SHENZHEN);
    send(&mut s, [key(KeyCode::Up), key(KeyCode::Up)]);
    assert_eq!(s.input.value(), "企查查科技有限公司", "stops at the oldest");
    send(
        &mut s,
        [key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)],
    );
    assert_eq!(s.input.value(), "草稿", "the draft comes back");
    // Searching an old entry again moves it to the newest place, once.
    send(&mut s, [ctrl('u')]);
    search(&mut s, SHENZHEN);
    assert_eq!(
        s.history_entries(),
        ["企查查科技有限公司", ZHEJIANG, SHENZHEN]
    );
}

#[test]
fn help_lists_the_focused_panes_keys_from_the_keymap() {
    let mut s = state();
    send(&mut s, [key(KeyCode::Esc), ch('?')]);
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    let ctx = s.pane_context();
    let listed = keymap::active(&ctx);
    assert!(listed.iter().any(|(_, b)| b.action == Action::NextPage));
    assert!(listed.iter().any(|(_, b)| b.action == Action::Quit));
    assert!(
        !listed.iter().any(|(_, b)| b.action == Action::Submit),
        "insert keys are not listed"
    );
    // Every key listed dispatches to the action listed.
    for (keys, binding) in &listed {
        for k in keys {
            let ev = crossterm::event::KeyEvent::new(k.code, k.mods);
            assert_eq!(keymap::lookup(&ctx, &ev), Some(binding.action), "{k:?}");
        }
    }
    // Keys are swallowed by the overlay; Esc closes it.
    assert!(
        send(&mut s, [ch('q')]).is_empty(),
        "q closes help, not the app"
    );
    assert!(s.overlay.is_none());
    assert!(!s.should_quit());
}

#[test]
fn every_scope_has_a_way_out_and_every_binding_has_help() {
    for b in BINDINGS {
        assert!(!b.help.is_empty(), "{b:?}");
        assert!(!b.keys.is_empty(), "{b:?}");
    }
    for scope in [Scope::Confirm, Scope::Help, Scope::Insert, Scope::Drill] {
        assert!(
            BINDINGS
                .iter()
                .any(|b| b.scope == scope && b.keys.iter().any(|k| k.code == KeyCode::Esc)),
            "{scope:?} has no Esc"
        );
    }
}

#[test]
fn y_copies_the_key_value_and_capital_y_the_record_as_json() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    let effects = send(&mut s, [ch('j'), ch('y')]);
    assert_eq!(effects, vec![Effect::Copy("A233012458".into())]);
    let effects = send(&mut s, [ch('Y')]);
    let [Effect::Copy(json)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["cert_no"], "A233012458");
    assert_eq!(v["expiry"]["state"], "expired");
}

#[test]
fn export_writes_json_and_csv_named_after_tab_company_and_tick_time() {
    let mut s = on_tab('4');
    let (id, _) = one_fetch(&search(&mut s, NINGBO));
    answer(&mut s, id, Response::Customs(customs(NINGBO_CODE)));
    let later = today().and_hms_opt(14, 5, 9).unwrap();
    send(
        &mut s,
        [Event::Tick {
            now: later,
            today: later.date(),
        }],
    );
    let effects = send(&mut s, [ch('e')]);
    let [Effect::Worker(Job::Export { path, contents })] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(
        path.to_str().unwrap(),
        format!("/home/vetter/exports/corpvet-customs-{NINGBO}-20261124-140509.json")
    );
    let v: serde_json::Value = serde_json::from_str(contents).unwrap();
    assert_eq!(v["items"][0]["customs_office"], "北仑海关");
    assert_eq!(v["items"][0]["penalties"].as_array().unwrap().len(), 2);

    let effects = send(&mut s, [ch('E')]);
    let [Effect::Worker(Job::Export { path, contents })] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(path.to_str().unwrap().ends_with(".csv"));
    // A BOM first, or Excel shows the Chinese garbled (issue 11, point 13).
    let contents = contents.strip_prefix('\u{feff}').expect("a UTF-8 BOM");
    let mut lines = contents.split("\r\n");
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("customs office,level (current scale),"),
        "{header}"
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with("北仑海关,"), "{row}");
    assert_eq!(header.split(',').count(), 19);

    update(
        &mut s,
        Event::Worker(WorkerEvent::Export(ExportEvent::Exported {
            path: path.clone(),
            result: Ok(()),
        })),
    );
    assert_eq!(
        s.message.as_ref().unwrap().text,
        format!("wrote {}", path.display())
    );
}

#[test]
fn nothing_to_export_or_copy_says_so() {
    let mut s = state();
    send(&mut s, [key(KeyCode::Esc)]);
    assert!(send(&mut s, [ch('e'), ch('y'), ch('Y')]).is_empty());
    assert!(s.message.is_some());
}

#[test]
fn m_toggles_the_mouse_and_clicks_only_work_when_it_is_on() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(
        &mut s,
        [Event::Resize {
            width: 120,
            height: 40,
        }],
    );
    // Search bar 3 rows, tab row 1, list border 1, header 1: the third record is on row 8.
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 10,
        row: 8,
        modifiers: KeyModifiers::NONE,
    });
    send(&mut s, [click.clone()]);
    assert_eq!(
        s.view(Tab::Qualifications).selected,
        0,
        "mouse off: ignored"
    );
    assert_eq!(send(&mut s, [ch('m')]), vec![Effect::SetMouse(true)]);
    send(&mut s, [click]);
    assert_eq!(s.view(Tab::Qualifications).selected, 2);
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 10,
        row: 8,
        modifiers: KeyModifiers::NONE,
    });
    send(&mut s, [wheel]);
    assert_eq!(s.view(Tab::Qualifications).selected, 1);
    assert_eq!(send(&mut s, [ch('m')]), vec![Effect::SetMouse(false)]);
}

#[test]
fn detail_scrolls_only_within_its_content() {
    let mut s = state();
    send(
        &mut s,
        [Event::Resize {
            width: 120,
            height: 40,
        }],
    );
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [key(KeyCode::Tab)]);
    assert_eq!(s.focus, Focus::Detail);
    send(&mut s, (0..50).map(|_| ch('J')));
    // Everything fits at 120×40: nothing to scroll.
    assert_eq!(s.view(Tab::Qualifications).scroll, 0);
    send(
        &mut s,
        [Event::Resize {
            width: 80,
            height: 24,
        }],
    );
    send(&mut s, (0..50).map(|_| ctrl('d')));
    let scrolled = s.view(Tab::Qualifications).scroll;
    assert!(scrolled > 0 && scrolled < 50, "{scrolled}");
    send(&mut s, (0..50).map(|_| ctrl('u')));
    assert_eq!(s.view(Tab::Qualifications).scroll, 0);
}

#[test]
fn esc_then_a_key_arriving_as_alt_key_is_read_as_both() {
    let mut s = state();
    type_text(&mut s, "深圳");
    // What a terminal sends for a quick Esc, q.
    let alt_q = Event::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::ALT,
    ));
    assert_eq!(send(&mut s, [alt_q]), vec![Effect::Quit]);
    assert_eq!(s.input.value(), "深圳");
}

#[test]
fn the_report_pane_lists_only_keys_that_work_there() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    send(&mut s, [ch('5')]);
    let listed = keymap::active(&s.pane_context());
    assert!(listed.iter().any(|(_, b)| b.action == Action::Download));
    assert!(!listed.iter().any(|(_, b)| b.action == Action::ExportJson));
    assert!(!listed.iter().any(|(_, b)| b.action == Action::NextPage));
}

#[test]
fn the_hints_say_billed_only_while_a_key_would_bill() {
    let hint = |s: &corpvet::app::State, word: &str| {
        keymap::hints(&s.key_context())
            .iter()
            .any(|(_, w)| *w == word)
    };
    // Enter on a certificate whose detail is not held: billed; once held: not.
    let mut s = drilled_into_cached_detail(SHENZHEN, SHENZHEN_CODE);
    send(&mut s, [key(KeyCode::Esc)]);
    assert!(hint(&s, "open") && !hint(&s, "open (billed)"));
    send(&mut s, [ch('j')]);
    assert!(hint(&s, "open (billed)"));
    // P on the Qualifications tab: billed until the other provider's answer is held.
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    assert!(hint(&s, "provider (billed)"));
    let (id, _) = one_fetch(&send(&mut s, [ch('P')]));
    answer(&mut s, id, Response::Qualifications(quals(ZHEJIANG_CODE)));
    assert!(!hint(&s, "provider (billed)"), "QCC's answer is held");
}

#[test]
fn exports_carry_the_status_the_list_shows_a_held_detail_s_included() {
    let mut s = drilled_into_cached_detail(SHENZHEN, SHENZHEN_CODE);
    send(&mut s, [key(KeyCode::Esc)]);
    let detail = cert_detail(SHENZHEN_CODE, 0);
    let shown = format!(
        "{} ({})",
        detail.status.label_zh(),
        detail.status.label_en()
    );
    // The list has three pages; `a` exports the page held.
    let effects = send(&mut s, [ch('E'), ch('a')]);
    let [Effect::Worker(Job::Export { contents, .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let mut reader = csv::Reader::from_reader(contents.trim_start_matches('\u{feff}').as_bytes());
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "status")
        .unwrap();
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[at], shown.as_str());
    let effects = send(&mut s, [ch('e'), ch('a')]);
    let [Effect::Worker(Job::Export { contents, .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let doc: serde_json::Value = serde_json::from_str(contents).unwrap();
    assert_eq!(doc["items"][0]["checked_status"], shown.as_str());
}

#[test]
fn export_offers_the_pages_not_fetched_then_writes_the_whole_list() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, SHENZHEN));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 1)));
    // Three pages, one held: the dialog says so and sends nothing; Enter does not confirm.
    assert!(send(&mut s, [ch('E')]).is_empty());
    assert!(matches!(
        s.overlay,
        Some(corpvet::app::state::Overlay::ConfirmExport {
            held: 20,
            total: 47,
            missing: 2,
            csv: true
        })
    ));
    assert!(send(&mut s, [key(KeyCode::Enter)]).is_empty());
    // y fetches the missing pages one after another, then writes all 47 rows.
    let (id, req) = one_fetch(&send(&mut s, [ch('y')]));
    assert!(
        matches!(req, Request::Certificates { page: 2, .. }),
        "{req:?}"
    );
    let (id, req) = one_fetch(&answer(
        &mut s,
        id,
        Response::Certificates(certs(SHENZHEN_CODE, 2)),
    ));
    assert!(
        matches!(req, Request::Certificates { page: 3, .. }),
        "{req:?}"
    );
    let effects = answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 3)));
    let [Effect::Worker(Job::Export { contents, .. })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let rows = csv::Reader::from_reader(contents.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .count();
    assert_eq!(rows, 47);
    assert_eq!(
        s.view(Tab::Certificates).page,
        1,
        "the list on screen did not move"
    );
    // Held now: the next export writes at once.
    assert!(matches!(
        send(&mut s, [ch('e')]).as_slice(),
        [Effect::Worker(Job::Export { .. })]
    ));
}

#[test]
fn esc_stops_an_export_waiting_for_pages_and_nothing_is_written() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, SHENZHEN));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 1)));
    let (id, _) = one_fetch(&send(&mut s, [ch('E'), ch('y')]));
    send(&mut s, [key(KeyCode::Esc)]);
    let effects = answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 2)));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(s.pending_export.is_none());
}

#[test]
fn the_export_dialog_counts_the_rows_the_filter_keeps() {
    let mut s = on_tab('3');
    let (id, _) = one_fetch(&search(&mut s, SHENZHEN));
    answer(&mut s, id, Response::Certificates(certs(SHENZHEN_CODE, 1)));
    send(&mut s, [ch('/')]);
    type_text(&mut s, "ISO9000");
    send(&mut s, [key(KeyCode::Enter)]);
    let shown = corpvet::app::records::current_page(&s).unwrap().len();
    assert!(shown < 20);
    send(&mut s, [ch('E')]);
    assert!(matches!(
        s.overlay,
        Some(corpvet::app::state::Overlay::ConfirmExport { held, .. }) if held == shown
    ));
}
