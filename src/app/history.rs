//! Ctrl-R: the recent searches overlay. Newest first, narrowed by what is typed, Enter runs
//! the chosen search. j and k move (company names and credit codes have no lower-case j or
//! k to type), every other character narrows the list.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::effect::Effect;
use super::search;
use super::state::{Level, Overlay, State};

/// Open the overlay on the newest search.
pub fn open(state: &mut State) {
    if state.history.entries().is_empty() {
        state.say(Level::Info, "no searches yet: / then type a company");
        return;
    }
    state.overlay = Some(Overlay::History {
        selected: 0,
        filter: String::new(),
    });
}

/// j / k / ↑ / ↓: move the choice within the filtered list.
pub fn move_by(state: &mut State, delta: isize) {
    let Some(Overlay::History { selected, filter }) = &state.overlay else {
        return;
    };
    let len = state.history_matches(filter).len();
    let next = if delta < 0 {
        selected.saturating_sub(delta.unsigned_abs())
    } else {
        selected.saturating_add(delta.unsigned_abs())
    };
    let next = next.min(len.saturating_sub(1));
    if let Some(Overlay::History { selected, .. }) = &mut state.overlay {
        *selected = next;
    }
}

/// A key the keymap left alone: a character narrows the list, Backspace widens it.
pub fn narrow(state: &mut State, key: KeyEvent) {
    let Some(Overlay::History { selected, filter }) = &mut state.overlay else {
        return;
    };
    let typed = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    match key.code {
        KeyCode::Char(c) if typed => filter.push(c),
        KeyCode::Backspace => {
            filter.pop();
        }
        _ => return,
    }
    *selected = 0;
}

/// Pasted text narrows the list (a company name copied from elsewhere).
pub fn paste(state: &mut State, text: &str) {
    if let Some(Overlay::History { selected, filter }) = &mut state.overlay {
        filter.push_str(&crate::domain::text::one_line(text));
        *selected = 0;
    }
}

/// Enter: close the overlay and search the chosen company on the active tab.
pub fn pick(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::History { selected, filter }) = state.overlay.take() else {
        return Vec::new();
    };
    let Some(choice) = state
        .history_matches(&filter)
        .get(selected)
        .map(|s| s.to_string())
    else {
        // Nothing to choose: stay open so the filter can be corrected.
        state.say(Level::Info, format!("no recent search contains {filter:?}"));
        state.overlay = Some(Overlay::History { selected, filter });
        return Vec::new();
    };
    state.input = tui_input::Input::new(choice);
    search::submit(state)
}
