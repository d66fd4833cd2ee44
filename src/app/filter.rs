//! `/` in a list: narrow the rows loaded to those holding some text, k9s- and lazygit-style.
//! Nothing is sent: the filter reads what is on screen. Esc clears it; a new company is
//! searched in the search bar (`s`).

use crossterm::event::{Event as TermEvent, KeyEvent};
use tui_input::backend::crossterm::to_input_request;
use tui_input::Input;

use super::effect::Effect;
use super::records;
use super::state::{Focus, Level, State};

/// `/`: type a filter for the list shown (the one in force, to edit). With no list yet,
/// `/` is the search bar, as it always was.
pub fn start(state: &mut State) -> Vec<Effect> {
    if records::current_page(state).is_none() {
        super::search::focus(state);
        return Vec::new();
    }
    state.filter_input = Input::new(state.filter(state.tab).to_string());
    state.focus = Focus::Filter;
    state.drill = None;
    say_count(state);
    Vec::new()
}

/// A key the keymap did not claim while typing a filter: it edits the filter, and the
/// list narrows at once.
pub fn edit(state: &mut State, key: KeyEvent) {
    if let Some(request) = to_input_request(&TermEvent::Key(key)) {
        if state.filter_input.handle(request).is_some_and(|c| c.value) {
            let text = state.filter_input.value().to_string();
            set(state, text);
            say_count(state);
        }
    }
}

/// Enter: keep the filter, back to the list.
pub fn done(state: &mut State) -> Vec<Effect> {
    state.focus = super::state::Focus::List;
    say_count(state);
    Vec::new()
}

/// Esc while typing, or Esc in a filtered list: every row again. False when no filter was
/// on (Esc then means something else).
pub fn clear(state: &mut State) -> bool {
    let was_typing = state.focus == Focus::Filter;
    if was_typing {
        state.focus = Focus::List;
    }
    if state.filter(state.tab).is_empty() {
        return was_typing;
    }
    set(state, String::new());
    state.say(Level::Info, "filter cleared: every row loaded is shown");
    true
}

/// Put `text` in force on the active tab, keeping the selected record selected when it is
/// still shown (else the first row).
fn set(state: &mut State, text: String) {
    let tab = state.tab;
    let selected = state.view(tab).selected;
    let at = records::current_page(state).and_then(|p| p.index_in_page(selected));
    if let Some(f) = state.filters.get_mut(tab.index()) {
        *f = text;
    }
    let now = at
        .and_then(|at| records::current_page(state).and_then(|p| p.position_of(at)))
        .unwrap_or(0);
    if let Some(v) = state.view_mut(tab) {
        v.selected = now;
        v.scroll = 0;
    }
}

/// "filter 公司: 5 of 47 rows · Enter keeps · Esc clears" (nothing is sent).
fn say_count(state: &mut State) {
    let Some(page) = records::current_page(state) else {
        return;
    };
    let typing = state.focus == Focus::Filter;
    let text = match page.filter() {
        Some((f, all)) => {
            let keys = if typing {
                "Enter keeps · Esc clears"
            } else {
                "/ edits · Esc clears"
            };
            format!("filter “{f}”: {} of {all} rows · {keys}", page.len())
        }
        None if typing => "filter: type to narrow the rows loaded (no call) · Esc clears".into(),
        None => return,
    };
    state.say(Level::Info, text);
}
