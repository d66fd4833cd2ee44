//! The `?` overlay's content: every key of the focused pane, generated from the keymap
//! table that drives dispatch, and how far it scrolls on a screen of a given size.

use ratatui::layout::Rect;

use crate::app::keymap;
use crate::app::layout::{centered, inner};
use crate::app::state::State;
use crate::domain::text;

use super::{line, run, Role, ViewLine};

pub fn lines(state: &State, width: usize) -> Vec<ViewLine> {
    let entries = keymap::active(&state.pane_context());
    let labels: Vec<String> = entries
        .iter()
        .map(|(keys, _)| {
            keys.iter()
                .map(keymap::Key::label)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let key_w = labels
        .iter()
        .map(|l| text::width(l))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let mut out = Vec::new();
    for (label, (_, binding)) in labels.iter().zip(&entries) {
        let help_w = width.saturating_sub(key_w + 2);
        for (i, part) in text::wrap(binding.help, help_w).into_iter().enumerate() {
            let key = if i == 0 {
                text::fit(label, key_w)
            } else {
                " ".repeat(key_w)
            };
            out.push(vec![
                run(key, Role::Key),
                run("  ", Role::Plain),
                run(part, Role::Plain),
            ]);
        }
    }
    if state.insert_mode() {
        out.push(ViewLine::new());
        let editing =
            "Other keys edit the line: ←/→ C-a C-e C-w C-u C-k, Backspace, Del. Paste works.";
        for l in text::wrap(editing, width) {
            out.push(line(l, Role::Dim));
        }
    }
    out
}

/// Where the overlay goes on a screen of this size.
pub fn popup(area: Rect) -> Rect {
    centered(area, 76, area.height.saturating_sub(2).max(3))
}

/// How far the overlay can scroll on a screen of this size.
pub fn max_scroll(state: &State, area: Rect) -> u16 {
    let body = inner(popup(area));
    let n = lines(state, usize::from(body.width)).len();
    u16::try_from(n)
        .unwrap_or(u16::MAX)
        .saturating_sub(body.height)
}
