//! Drawing the explorer: a pure function of the state. Nothing here mutates or does I/O;
//! every layout computation saturates, so any terminal size (down to 1×1) draws.

pub mod detail;
pub mod dialog;
pub mod drill;
pub mod help;
pub mod history;
pub mod list;
pub mod overview;
pub mod report;
pub mod search_bar;
pub mod status_line;
pub mod tabs;
pub mod theme;
pub mod wrapped;

use ratatui::Frame;

use crate::app::layout;
use crate::app::state::{Overlay, State, Tab};

use self::theme::Theme;

/// Draw the whole screen. Places the real cursor at the search caret while typing (for
/// input-method candidate windows); otherwise the cursor stays hidden.
pub fn render(frame: &mut Frame, state: &State) {
    let area = frame.area();
    let theme = Theme::for_state(state);
    let a = layout::areas(area, state);
    search_bar::render(frame, a.search, state, &theme);
    tabs::render(frame, a.tabs, state, &theme);
    if state.tab == Tab::Overview {
        overview::render(frame, a.list, state, &theme);
    } else if state.tab == Tab::Report {
        report::render(frame, a.list, state, &theme);
    } else if state.drill.is_some() && state.tab == Tab::Certificates {
        drill::render(frame, a.detail, state, &theme);
    } else {
        list::render(frame, a.list, state, &theme);
        detail::render(frame, a.detail, state, &theme);
    }
    status_line::render(frame, a.status, a.hints, state, &theme);
    if let (Some(note), true) = (&state.search_note, state.insert_mode()) {
        dialog::note_box(frame, a.body, note, &theme);
    }
    if let Some(err) = &state.error {
        dialog::error_box(frame, a.body, err, &theme);
    }
    match &state.overlay {
        Some(Overlay::Help { scroll }) => help::render(frame, area, state, *scroll, &theme),
        Some(o @ Overlay::ConfirmReport { .. }) => dialog::confirm(
            frame,
            area,
            o,
            (state.input.value(), state.report_price_fen),
            &theme,
        ),
        Some(o @ Overlay::ConfirmDetails { .. }) => dialog::confirm_details(frame, area, o, &theme),
        Some(Overlay::ConfirmExport {
            csv,
            held,
            total,
            missing,
        }) => {
            let filter = state.filter(state.tab);
            let counts = (*csv, *held, *total, *missing);
            dialog::confirm_export(frame, area, counts, filter, &theme)
        }
        Some(Overlay::ConfirmForce { keyword, reason }) => {
            dialog::confirm_force(frame, area, keyword, reason, &theme)
        }
        Some(Overlay::History { selected, filter }) => {
            history::render(frame, area, state, *selected, filter)
        }
        None => {}
    }
}
