//! The renderer at every size, without colour, with the caret placed for input methods, and
//! with popups that never cut a wide glyph in half.

mod app_support;

use std::time::Duration;

use app_support::*;
use crossterm::event::KeyCode;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Color;
use ratatui::Terminal;

use corpvet::app::job::ReportEvent;
use corpvet::app::job::{Job, WorkerEvent};
use corpvet::app::{update, Effect, Event, State};
use corpvet::domain::report::ReportState;
use corpvet::service::report::Order;
use corpvet::service::Response;
use corpvet::ui::render;

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

/// One state per kind of screen.
fn screens(no_color: bool) -> Vec<State> {
    let fresh = || {
        let mut init = init();
        init.no_color = no_color;
        State::new(init)
    };
    let mut out = Vec::new();

    let mut typing = fresh();
    type_text(&mut typing, LONG);
    out.push(typing);

    let mut quals = fresh();
    with_quals(&mut quals, LONG, app_support::quals(ZHEJIANG_CODE));
    out.push(quals.clone());

    let mut help = quals.clone();
    send(&mut help, [ch('?')]);
    out.push(help);

    let mut confirm = quals.clone();
    send(&mut confirm, [ch('o')]);
    out.push(confirm.clone());

    let mut report = confirm;
    let effects = send(&mut report, [ch('y')]);
    let [Effect::Worker(Job::OrderReport { id, .. })] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let effects = update(
        &mut report,
        Event::Worker(WorkerEvent::Report(ReportEvent::ReportOrdered {
            id: *id,
            result: Ok(Order::Placed {
                order_no: "RPT1".into(),
            }),
        })),
    );
    let [Effect::Worker(Job::PollReport { id: poll, .. })] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    update(
        &mut report,
        Event::Worker(WorkerEvent::Report(ReportEvent::ReportProgress {
            id: *poll,
            state: ReportState::Pending,
            polls: 1,
            elapsed: Duration::from_secs(3),
        })),
    );
    out.push(report);

    let mut error = fresh();
    let (id, _) = one_fetch(&search(&mut error, LONG));
    fail(&mut error, id, quota_error());
    out.push(error);

    let mut customs = fresh();
    send(&mut customs, [key(KeyCode::Esc), ch('4'), ch('s')]);
    let (id, _) = one_fetch(&search(&mut customs, NINGBO));
    answer(
        &mut customs,
        id,
        Response::Customs(app_support::customs(NINGBO_CODE)),
    );
    send(&mut customs, [key(KeyCode::Tab)]);
    out.push(customs);

    let mut drill = fresh();
    send(&mut drill, [key(KeyCode::Esc), ch('3'), ch('s')]);
    let (id, _) = one_fetch(&search(&mut drill, NINGBO));
    answer(
        &mut drill,
        id,
        Response::Certificates(certs(NINGBO_CODE, 1)),
    );
    let (id, _) = one_fetch(&send(&mut drill, [key(KeyCode::Enter)]));
    answer(
        &mut drill,
        id,
        Response::CertificateDetail(cert_detail(NINGBO_CODE, 0)),
    );
    out.push(drill);

    let mut note = fresh();
    search(&mut note, "91320594088140947A");
    out.push(note);

    // The Overview: partly answered (a failed source, one loading), then the details confirm.
    let mut overview = fresh();
    send(&mut overview, [key(KeyCode::Esc), ch('1'), ch('/')]);
    let jobs = vet_search(&mut overview, NINGBO);
    use corpvet::domain::verdict::{Outcome, SourceId};
    vet_answer(
        &mut overview,
        vet_job(&jobs, SourceId::Customs),
        SourceId::Customs,
        vet_customs(NINGBO_CODE),
    );
    vet_answer(
        &mut overview,
        vet_job(&jobs, SourceId::QualificationsQcc),
        SourceId::QualificationsQcc,
        corpvet::app::job::VetOutcome::Qualifications(Outcome::Failed(quota_error())),
    );
    out.push(overview.clone());
    vet_answer(
        &mut overview,
        vet_job(&jobs, SourceId::Certificates),
        SourceId::Certificates,
        vet_certs(NINGBO_CODE),
    );
    d_counted(&mut overview, 1, 1);
    out.push(overview);
    out
}

#[test]
fn every_screen_draws_at_every_size_without_panicking() {
    let mut widths: Vec<u16> = (1..=16).collect();
    widths.extend((17..=300).step_by(17));
    widths.push(300);
    let mut heights: Vec<u16> = (1..=12).collect();
    heights.extend((13..=100).step_by(13));
    heights.push(100);
    for mut state in screens(false) {
        for &w in &widths {
            for &h in &heights {
                draw(&mut state, w, h);
            }
        }
        // Every width at a common height, every height at a common width.
        for w in (1..=300).step_by(3) {
            draw(&mut state, w, 24);
        }
        for h in (1..=100).step_by(3) {
            draw(&mut state, 80, h);
        }
    }
}

#[test]
fn keys_and_scrolling_at_tiny_sizes_do_not_panic() {
    for mut state in screens(false) {
        for (w, h) in [(1, 1), (2, 3), (5, 2), (10, 6), (0, 0)] {
            update(
                &mut state,
                Event::Resize {
                    width: w,
                    height: h,
                },
            );
            for e in [
                ch('J'),
                ch('K'),
                ctrl('d'),
                ctrl('u'),
                ch('j'),
                ch('G'),
                key(KeyCode::PageDown),
            ] {
                update(&mut state, e);
            }
        }
    }
}

#[test]
fn no_color_means_no_colour_anywhere() {
    for mut state in screens(true) {
        for (w, h) in [(80, 24), (120, 40)] {
            let t = draw(&mut state, w, h);
            let buf = t.backend().buffer();
            for cell in &buf.content {
                assert_eq!(
                    cell.fg,
                    Color::Reset,
                    "fg colour in NO_COLOR at {w}x{h}: {cell:?}"
                );
                assert_eq!(
                    cell.bg,
                    Color::Reset,
                    "bg colour in NO_COLOR at {w}x{h}: {cell:?}"
                );
            }
        }
    }
}

#[test]
fn with_colour_expired_badges_are_red_and_expiring_yellow() {
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    let t = draw(&mut s, 120, 40);
    let buf = t.backend().buffer();
    let find = |needle: &str| -> Color {
        for y in 0..buf.area.height {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            if let Some(i) = row.find(needle) {
                let x = row[..i].chars().count() as u16;
                return buf[(x, y)].fg;
            }
        }
        panic!("{needle} not drawn");
    };
    assert_eq!(find("✗ expired"), Color::Red);
    assert_eq!(find("! 52d left"), Color::Yellow);
}

#[test]
fn the_real_cursor_sits_at_the_caret_in_display_columns() {
    let mut s = state();
    type_text(&mut s, "深圳ab");
    let mut t = draw(&mut s, 80, 24);
    // Inside the border: column 1, then 2+2 for the Chinese, 2 for "ab".
    t.backend_mut().assert_cursor_position(Position::new(7, 1));
    send(
        &mut s,
        [key(KeyCode::Left), key(KeyCode::Left), key(KeyCode::Left)],
    );
    let mut t = draw(&mut s, 80, 24);
    t.backend_mut().assert_cursor_position(Position::new(3, 1));
    // A name wider than the field scrolls; the caret stays inside the box.
    send(&mut s, [key(KeyCode::End)]);
    type_text(&mut s, LONG);
    let mut t = draw(&mut s, 60, 24);
    let pos = t.backend_mut().get_cursor_position().unwrap();
    assert_eq!(pos.y, 1);
    assert!(pos.x >= 1 && pos.x <= 58, "{pos:?}");
}

#[test]
fn a_popup_edge_never_cuts_a_wide_glyph() {
    let area = Rect::new(0, 0, 12, 3);
    let mut t = Terminal::new(TestBackend::new(12, 3)).unwrap();
    t.draw(|f| {
        f.buffer_mut()
            .set_string(0, 0, "中文中文中文", ratatui::style::Style::new());
        f.buffer_mut()
            .set_string(0, 1, "a中文中文中文", ratatui::style::Style::new());
        // x = 3 is the right half of 文 on row 0 and the left half of 文 on row 1.
        corpvet::ui::dialog::clear_popup(f, Rect::new(3, 0, 5, 2));
    })
    .unwrap();
    let buf: &Buffer = t.backend().buffer();
    assert_eq!(
        buf[(2, 0)].symbol(),
        " ",
        "the half-covered glyph is blanked"
    );
    assert_eq!(
        buf[(1, 1)].symbol(),
        "中",
        "a glyph wholly left of the popup stays"
    );
    assert_eq!(buf[(0, 0)].symbol(), "中");
    assert_eq!(area.width, 12);
}

#[test]
fn live_mode_shows_a_live_badge_with_the_provider_and_never_sandbox() {
    let mut init = init();
    init.mode = corpvet::service::Mode::Live;
    init.default_provider = corpvet::domain::qualification::Provider::Juhe;
    let mut s = State::new(init);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = draw(&mut s, w, h).backend().to_string();
        assert!(screen.contains("LIVE · Juhe"), "{screen}");
        assert!(!screen.contains("SANDBOX"), "{screen}");
    }
    let screen = draw(&mut state(), 80, 24).backend().to_string();
    assert!(screen.contains("SANDBOX"));
}
