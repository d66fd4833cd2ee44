//! The status line (mode, spinner, last message, SANDBOX/LIVE badge) and the key hints
//! under it, taken from the keymap table so they never drift from the real bindings.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::keymap;
use crate::app::state::{Level, Overlay, State};
use crate::domain::text;
use crate::service::Mode;

use super::theme::Theme;

pub fn render(frame: &mut Frame, status: Rect, hints: Rect, state: &State, theme: &Theme) {
    if status.width > 0 && status.height > 0 {
        frame.render_widget(
            Paragraph::new(status_line(state, usize::from(status.width), theme)),
            status,
        );
    }
    if hints.width > 0 && hints.height > 0 {
        frame.render_widget(
            Paragraph::new(hint_line(state, usize::from(hints.width), theme)),
            hints,
        );
    }
}

fn status_line(state: &State, width: usize, theme: &Theme) -> Line<'static> {
    let mode = match &state.overlay {
        Some(Overlay::Help { .. }) => " HELP ",
        Some(
            Overlay::ConfirmReport { .. }
            | Overlay::ConfirmDetails { .. }
            | Overlay::ConfirmForce { .. }
            | Overlay::ConfirmExport { .. },
        ) => " CONFIRM ",
        Some(Overlay::History { .. }) => " HISTORY ",
        None if state.insert_mode() => " INSERT ",
        None if state.focus == crate::app::state::Focus::Filter => " FILTER ",
        None => " NORMAL ",
    };
    let (badge, badge_style) = match state.mode {
        Mode::Sandbox => (" SANDBOX ".to_string(), theme.sandbox_badge()),
        Mode::Live => (
            format!(" LIVE · {} ", state.provider.label()),
            theme.live_badge(),
        ),
    };
    let mouse = if state.mouse { " mouse" } else { "" };
    let billed = billed_label(state);
    let spin = if state.busy() {
        format!(" {}", state.spinner())
    } else {
        String::new()
    };
    let fixed = text::width(mode)
        + text::width(&spin)
        + text::width(mouse)
        + text::width(&billed)
        + text::width(&badge)
        + 2;
    let room = width.saturating_sub(fixed);
    let (message, style) = match &state.message {
        Some(m) => (
            m.text.clone(),
            match m.level {
                Level::Info => theme.plain(),
                Level::Warn => theme.warn(),
                Level::Error => theme.error(),
            },
        ),
        None => (String::new(), theme.plain()),
    };
    let message = text::fit(&text::one_line(&message), room);
    Line::from(vec![
        Span::styled(
            mode,
            theme
                .mode_badge(state.insert_mode() || state.focus == crate::app::state::Focus::Filter),
        ),
        Span::styled(spin, theme.accent()),
        Span::raw(" "),
        Span::styled(message, style),
        Span::styled(mouse, theme.dim()),
        Span::styled(billed, theme.dim()),
        Span::raw(" "),
        Span::styled(badge, badge_style),
    ])
}

/// " billed 3 · ¥1.50": this session's billable calls and their price (when priced), once
/// anything was billed.
fn billed_label(state: &State) -> String {
    let s = state.spent;
    match (s.billable, s.fen) {
        (0, _) => String::new(),
        (n, 0) => format!(" billed {n}"),
        (n, fen) => format!(" billed {n} · {}", crate::config::money::yuan(fen)),
    }
}

fn hint_line(state: &State, width: usize, theme: &Theme) -> Line<'static> {
    let hints = keymap::hints(&state.key_context());
    let need = |key: &str, word: &str| text::width(key) + 1 + text::width(word) + 2;
    // Help and quit are always shown: the others fill the room before them, in order.
    let kept = |word: &str| matches!(word, "help" | "quit");
    let mut reserved: usize = hints
        .iter()
        .filter(|(_, w)| kept(w))
        .map(|(k, w)| need(k, w))
        .sum();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, word) in hints {
        let n = need(&key, word);
        if kept(word) {
            reserved -= n;
        } else if used + n + reserved > width {
            continue;
        }
        if used + n > width {
            break;
        }
        used += n;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {word}  "), theme.dim()));
    }
    Line::from(spans)
}
