//! The `?` overlay: every key of the focused pane, generated from the keymap table that
//! drives dispatch.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::keymap;
use crate::app::state::{Focus, State, Tab};
use crate::domain::text;

use super::dialog::clear_popup;
use super::theme::Theme;
use crate::app::layout::{centered, inner};

/// What the pane under the overlay is called.
fn pane_name(state: &State) -> &'static str {
    if state.insert_mode() {
        "search bar (typing)"
    } else if state.tab == Tab::Report {
        "report pane"
    } else if state.drill.is_some() && state.tab == Tab::Certificates {
        "certificate detail"
    } else if state.focus == Focus::Detail {
        "detail pane"
    } else {
        "result list"
    }
}

pub fn lines(state: &State, width: usize, theme: &Theme) -> Vec<Line<'static>> {
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
            out.push(Line::from(vec![
                Span::styled(key, theme.key()),
                Span::raw("  "),
                Span::raw(part),
            ]));
        }
    }
    if state.insert_mode() {
        out.push(Line::default());
        let editing =
            "Other keys edit the line: ←/→ C-a C-e C-w C-u C-k, Backspace, Del. Paste works.";
        for l in text::wrap(editing, width) {
            out.push(Line::from(Span::styled(l, theme.dim())));
        }
    }
    out
}

fn popup(area: Rect) -> Rect {
    centered(area, 76, area.height.saturating_sub(2).max(3))
}

/// How far the overlay can scroll on a screen of this size.
pub fn max_scroll(state: &State, area: Rect) -> u16 {
    let body = inner(popup(area));
    let n = lines(state, usize::from(body.width), &Theme::new(true)).len();
    u16::try_from(n)
        .unwrap_or(u16::MAX)
        .saturating_sub(body.height)
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, scroll: u16, theme: &Theme) {
    let popup = popup(area);
    if popup.width < 4 || popup.height < 3 {
        return;
    }
    clear_popup(frame, popup);
    let title = text::truncate(
        &format!(" Keys · {} · Esc closes ", pane_name(state)),
        usize::from(popup.width).saturating_sub(2),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let body = inner(popup);
    let content = lines(state, usize::from(body.width), theme);
    let scroll = super::detail::clamp_scroll(scroll, content.len(), body.height);
    let shown_to = (usize::from(scroll) + usize::from(body.height)).min(content.len());
    let block = if shown_to < content.len() || scroll > 0 {
        let more = format!(
            " j/k scroll · {}–{shown_to} of {} ",
            usize::from(scroll) + 1,
            content.len()
        );
        let more = text::truncate(&more, usize::from(popup.width).saturating_sub(2));
        block.title_bottom(Line::from(more).right_aligned())
    } else {
        block
    };
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(content).scroll((scroll, 0)), body);
}
