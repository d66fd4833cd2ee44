//! The tab row: [`crate::app::view::tabs`]'s labels, the current tab highlighted.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::state::State;
use crate::app::view::tabs::{labels, GAP};

use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    for (tab, label) in labels(state, usize::from(area.width).saturating_sub(1)) {
        let style = if tab == state.tab {
            theme.active_tab()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" ".repeat(GAP)));
    }
    if let Some(c) = &state.company {
        if state.watched.contains(c) {
            spans.push(Span::styled("★ watched", theme.accent()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
