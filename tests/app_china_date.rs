//! Expiry is judged on the day it is when a record is shown, not when it was fetched: an
//! explorer left open past midnight (China time) says what has expired since.

mod app_support;

use app_support::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use corpvet::app::{update, Event, State};
use corpvet::domain::verdict::{FlagCode, SourceId};
use corpvet::ui::render;

/// The qualification of ZHEJIANG that expires first on or after `today()`.
fn next_to_expire() -> (String, chrono::NaiveDate) {
    quals(ZHEJIANG_CODE)
        .items
        .into_iter()
        .filter_map(|q| q.expires.filter(|d| *d >= today()).map(|d| (q.cert_no, d)))
        .min_by_key(|(_, d)| *d)
        .expect("a qualification still valid on the sandbox's today")
}

/// The day after `day`, five seconds past midnight.
fn day_after(s: &mut State, day: chrono::NaiveDate) {
    let next = day.succ_opt().unwrap();
    let now = next.and_hms_opt(0, 0, 5).unwrap();
    update(s, Event::Tick { now, today: next });
}

fn screen(s: &mut State) -> String {
    update(
        s,
        Event::Resize {
            width: 120,
            height: 40,
        },
    );
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| render(f, s)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn row_of<'a>(screen: &'a str, cert_no: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(cert_no))
        .unwrap_or_else(|| panic!("{cert_no} is not on screen:\n{screen}"))
}

#[test]
fn a_list_left_open_past_midnight_shows_what_expired_since() {
    let (cert_no, expires) = next_to_expire();
    let mut s = state();
    with_quals(&mut s, ZHEJIANG, quals(ZHEJIANG_CODE));
    let before = screen(&mut s);
    assert!(!row_of(&before, &cert_no).contains("expired"), "{before}");
    day_after(&mut s, expires);
    let after = screen(&mut s);
    assert!(row_of(&after, &cert_no).contains("✗ expired"), "{after}");
}

#[test]
fn the_overview_verdict_is_judged_again_when_the_day_changes() {
    let (cert_no, expires) = next_to_expire();
    let mut s = on_tab('1');
    let jobs = vet_search(&mut s, ZHEJIANG);
    vet_answers(
        &mut s,
        &jobs,
        ZHEJIANG_CODE,
        &[
            SourceId::QualificationsQcc,
            SourceId::Certificates,
            SourceId::Customs,
        ],
    );
    let expired_flag =
        |s: &State| {
            s.vet.as_ref().unwrap().verdict.flags.iter().any(|f| {
                f.code == FlagCode::QualificationExpired && f.en.contains(cert_no.as_str())
            })
        };
    assert!(!expired_flag(&s));
    day_after(&mut s, expires);
    assert!(
        expired_flag(&s),
        "{:#?}",
        s.vet.as_ref().unwrap().verdict.flags
    );
}
