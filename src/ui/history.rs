//! The Ctrl-R overlay: recent searches, newest first, with the filter typed so far. Entries
//! are fitted by display width so a long Chinese name never pushes the border out.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::state::State;
use crate::domain::text;

use super::dialog::clear_popup;
use super::theme::Theme;
use crate::app::layout::{centered, inner, list_offset};

pub fn render(frame: &mut Frame, area: Rect, state: &State, selected: usize, filter: &str) {
    let theme = Theme::for_state(state);
    let matches = state.history_matches(filter);
    // The filter line, a rule, then the entries (at least one line for "no match").
    let want = u16::try_from(matches.len().max(1))
        .unwrap_or(u16::MAX)
        .saturating_add(4);
    let popup = centered(area, 72, want.min(area.height.saturating_sub(2)));
    if popup.width < 8 || popup.height < 4 {
        return;
    }
    clear_popup(frame, popup);
    let width = usize::from(popup.width.saturating_sub(2));
    let title = text::truncate(" Recent searches 最近搜索 ", width);
    let keys = text::truncate(" Enter search · j/k move · type to narrow · Esc ", width);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title)
        .title_bottom(Line::from(Span::styled(keys, theme.dim())).right_aligned());
    frame.render_widget(block, popup);
    let body = inner(popup);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Filter 筛选: ", theme.label()),
            Span::raw(text::truncate(filter, width.saturating_sub(13))),
            Span::styled("▏", theme.accent()),
        ]),
        Line::from(Span::styled("─".repeat(width), theme.dim())),
    ];
    let rows = usize::from(body.height.saturating_sub(2));
    if matches.is_empty() {
        lines.push(Line::from(Span::styled(
            text::truncate(&format!("No recent search contains {filter:?}."), width),
            theme.dim(),
        )));
    }
    let offset = list_offset(selected, rows);
    for (i, entry) in matches.iter().enumerate().skip(offset).take(rows) {
        let chosen = i == selected;
        let lead = if chosen { "▶ " } else { "  " };
        let line = Line::from(format!(
            "{lead}{}",
            text::fit(&text::one_line(entry), width.saturating_sub(2))
        ));
        lines.push(if chosen {
            line.style(theme.selected())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), body);
}
