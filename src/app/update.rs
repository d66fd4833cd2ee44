//! The state machine: one event in, the state changed, effects out. Pure: no I/O, no clock
//! (time arrives as `Tick`), no randomness, so every journey is testable with scripted events.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::job::WorkerEvent;
use crate::domain::report::ReportFormat;

use super::effect::Effect;
use super::event::Event;
use super::keymap::{self, Action};
use super::state::{Focus, Level, Overlay, State, Tab};
use super::{
    details, download, export, filter, history, lookups, navigation as nav, overview, records,
    report, search, view,
};

pub fn update(state: &mut State, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => key_press(state, key),
        Event::Key(_) => Vec::new(),
        Event::Paste(text) => {
            if state.overlay.is_none() {
                search::paste(state, &text);
            } else {
                history::paste(state, &text);
            }
            Vec::new()
        }
        Event::Mouse(ev) => nav::mouse(state, ev),
        Event::Resize { width, height } => {
            state.width = width;
            state.height = height;
            Vec::new()
        }
        Event::Tick { now, today } => {
            state.now = now;
            if state.today != today {
                // Midnight in China: what expires today has expired; judge again.
                state.today = today;
                super::overview::rejudge(state);
            }
            state.ticks = state.ticks.wrapping_add(1);
            Vec::new()
        }
        Event::Worker(ev) => worker_event(state, ev),
        Event::Spent(spent) => {
            state.spent = spent;
            Vec::new()
        }
    }
}

fn key_press(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    // Esc then a key in quick succession (over SSH, in tmux) arrives as one Alt+key
    // sequence. Nothing is bound to Alt+character, so read it as the two keys it was.
    if key.modifiers == KeyModifiers::ALT && matches!(key.code, KeyCode::Char(_)) {
        let mut effects = key_press(state, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        effects.extend(key_press(
            state,
            KeyEvent::new(key.code, KeyModifiers::NONE),
        ));
        return effects;
    }
    let ctx = state.key_context();
    match keymap::lookup(&ctx, &key) {
        Some(action) => act(state, action, &key),
        None if ctx.insert && state.overlay.is_none() => {
            search::edit(state, key);
            Vec::new()
        }
        None if ctx.filter && state.overlay.is_none() => {
            filter::edit(state, key);
            Vec::new()
        }
        None if ctx.history => {
            history::narrow(state, key);
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn act(state: &mut State, action: Action, key: &KeyEvent) -> Vec<Effect> {
    if matches!(state.overlay, Some(Overlay::History { .. })) {
        match action {
            Action::Down => return moved(state, |s| history::move_by(s, 1)),
            Action::Up => return moved(state, |s| history::move_by(s, -1)),
            _ => {}
        }
    }
    if matches!(state.overlay, Some(Overlay::Help { .. })) {
        // The bound wraps the whole help text: only worth it while the overlay is open.
        let help_max = view::help::max_scroll(state, nav::screen_rect(state));
        if let Some(Overlay::Help { scroll }) = &mut state.overlay {
            match action {
                Action::ScrollDown => *scroll = scroll.saturating_add(1).min(help_max),
                Action::ScrollUp => *scroll = scroll.saturating_sub(1),
                _ => {}
            }
        }
    }
    match action {
        Action::Quit => {
            state.quit = true;
            vec![Effect::Quit]
        }
        Action::Submit => search::submit(state),
        Action::LeaveInsert => {
            state.focus = Focus::List;
            state.search_selected = false;
            Vec::new()
        }
        Action::HistoryPrev => {
            search::history_prev(state);
            Vec::new()
        }
        Action::HistoryNext => {
            search::history_next(state);
            Vec::new()
        }
        Action::FocusSearch => {
            search::focus(state);
            Vec::new()
        }
        Action::Filter => filter::start(state),
        Action::FilterDone => filter::done(state),
        Action::FilterClear => {
            filter::clear(state);
            Vec::new()
        }
        Action::NextPane | Action::PrevPane => {
            nav::cycle_focus(state, action == Action::NextPane);
            Vec::new()
        }
        Action::JumpTab => match key.code {
            KeyCode::Char(c) => match c.to_digit(10).and_then(|d| d.checked_sub(1)) {
                Some(i) => match Tab::ALL.get(i as usize) {
                    Some(tab) => lookups::switch_tab(state, *tab),
                    None => Vec::new(),
                },
                None => Vec::new(),
            },
            _ => Vec::new(),
        },
        Action::ToggleProvider => lookups::toggle_provider(state),
        Action::Up | Action::Down | Action::Top | Action::Bottom
            if state.tab == Tab::Overview && state.overlay.is_none() =>
        {
            match action {
                Action::Up => overview::move_by(state, -1),
                Action::Down => overview::move_by(state, 1),
                Action::Top => overview::move_to(state, false),
                _ => overview::move_to(state, true),
            }
            Vec::new()
        }
        Action::Up => moved(state, |s| nav::move_by(s, -1)),
        Action::Down => moved(state, |s| nav::move_by(s, 1)),
        Action::PageUp => moved(state, |s| nav::move_pages(s, -1)),
        Action::PageDown => moved(state, |s| nav::move_pages(s, 1)),
        Action::Top => moved(state, |s| nav::move_to(s, false)),
        Action::Bottom => moved(state, |s| nav::move_to(s, true)),
        Action::NextPage => lookups::turn_page(state, true),
        Action::PrevPage => lookups::turn_page(state, false),
        Action::Open => open(state),
        Action::ScrollDown | Action::ScrollUp if state.overlay.is_some() => Vec::new(),
        Action::ScrollDown => moved(state, |s| nav::scroll(s, 1)),
        Action::ScrollUp => moved(state, |s| nav::scroll(s, -1)),
        Action::HalfPageDown => moved(state, |s| nav::scroll_half(s, true)),
        Action::HalfPageUp => moved(state, |s| nav::scroll_half(s, false)),
        Action::Cancel => cancel(state),
        Action::OrderReport => report::ask(state),
        Action::CancelReport => {
            if state.error.take().is_some() {
                return Vec::new();
            }
            report::cancel(state)
        }
        Action::ResumeReport => report::resume(state),
        Action::Download => download::start(state),
        Action::Copy => export::copy_value(state),
        Action::CopyJson => export::copy_json(state),
        Action::ExportJson => export::export(state, false),
        Action::ExportCsv => export::export(state, true),
        Action::Refresh => lookups::refresh(state),
        Action::OpenHistory => {
            history::open(state);
            Vec::new()
        }
        Action::PickHistory => history::pick(state),
        Action::Help => {
            state.overlay = Some(Overlay::Help { scroll: 0 });
            Vec::new()
        }
        Action::ToggleMouse => {
            state.mouse = !state.mouse;
            let on = if state.mouse {
                "on (click, wheel)"
            } else {
                "off (text selection works)"
            };
            state.say(Level::Info, format!("mouse {on}"));
            vec![Effect::SetMouse(state.mouse)]
        }
        Action::ChoosePdf => {
            report::set_format(state, Some(ReportFormat::Pdf));
            Vec::new()
        }
        Action::ChooseWord => {
            report::set_format(state, Some(ReportFormat::Word));
            Vec::new()
        }
        Action::ToggleFormat => {
            report::set_format(state, None);
            Vec::new()
        }
        Action::Confirm if matches!(state.overlay, Some(Overlay::ConfirmDetails { .. })) => {
            details::confirm(state)
        }
        Action::Confirm if matches!(state.overlay, Some(Overlay::ConfirmExport { .. })) => {
            export::fetch_and_export(state)
        }
        Action::ExportHeld => export::export_held(state),
        Action::Confirm if matches!(state.overlay, Some(Overlay::ConfirmForce { .. })) => {
            search::force(state)
        }
        Action::Confirm => report::confirm(state),
        Action::FetchDetails => details::ask(state),
        Action::ToggleWatch => overview::toggle_watch(state),
        Action::WriteDossier => export::write_dossier(state),
        Action::Dismiss => {
            match state.overlay {
                Some(Overlay::ConfirmReport { .. }) => state.say(Level::Info, "no report ordered"),
                Some(Overlay::ConfirmDetails { .. }) => {
                    state.say(Level::Info, "no certificate details fetched")
                }
                Some(Overlay::ConfirmForce { .. }) => {
                    state.focus = Focus::Search;
                    state.say(Level::Info, "nothing sent: edit the keyword")
                }
                _ => {}
            }
            state.overlay = None;
            Vec::new()
        }
    }
}

/// A movement: no effects.
fn moved(state: &mut State, f: impl FnOnce(&mut State)) -> Vec<Effect> {
    f(state);
    Vec::new()
}

/// Enter on a row: a certificate opens its detail (fetched once); other rows focus the detail.
fn open(state: &mut State) -> Vec<Effect> {
    if state.tab == Tab::Overview {
        return overview::jump(state);
    }
    if state.tab == Tab::Certificates {
        let Some(records::Record::Certificate(cert)) = records::selected(state) else {
            return Vec::new();
        };
        let id = cert.id.clone();
        state.drill = Some(id.clone());
        state.drill_scroll = 0;
        state.error = None;
        return lookups::fetch_detail(state, &id);
    }
    if records::selected(state).is_some() {
        state.focus = Focus::Detail;
    }
    Vec::new()
}

/// Esc: close the error box, then the drill-down, then cancel the request in flight, then
/// leave the detail pane.
fn cancel(state: &mut State) -> Vec<Effect> {
    if state.error.take().is_some() {
        return Vec::new();
    }
    if state.drill.take().is_some() {
        state.focus = Focus::List;
        return Vec::new();
    }
    // A D run spends with every answer: on the Overview, where its progress is shown,
    // Esc stops it first (the sources still answering cost nothing more to wait for).
    if state.tab == Tab::Overview {
        let effects = details::stop(state);
        if !effects.is_empty() {
            return effects;
        }
    }
    if state.pending_export.take().is_some() {
        state.say(Level::Info, "export stopped: nothing written");
        return Vec::new();
    }
    if state.tab != Tab::Overview && filter::clear(state) {
        return Vec::new();
    }
    if state.tab == Tab::Overview {
        let effects = overview::cancel_sources(state);
        if !effects.is_empty() {
            return effects;
        }
    }
    let effects = lookups::cancel_current(state);
    if !effects.is_empty() {
        return effects;
    }
    let effects = details::stop(state);
    if !effects.is_empty() {
        return effects;
    }
    if state.focus == Focus::Detail {
        state.focus = Focus::List;
    } else {
        state.message = None;
    }
    Vec::new()
}

/// Each feature takes its own answers.
fn worker_event(state: &mut State, ev: WorkerEvent) -> Vec<Effect> {
    match ev {
        WorkerEvent::Lookup(e) => lookups::on_worker(state, e),
        WorkerEvent::Vet(e) => overview::on_worker(state, e),
        WorkerEvent::Report(e) => report::on_worker(state, e),
        WorkerEvent::Watch(e) => overview::on_watch(state, e),
        WorkerEvent::Export(e) => export::on_worker(state, e),
    }
}
