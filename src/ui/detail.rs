//! The detail pane: draws [`crate::app::view::detail`]'s lines in a bordered box, scrolled.

use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::layout::inner;
use crate::app::state::{Focus, State};
use crate::app::view;

use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(state.focus == Focus::Detail))
        .title(" Detail 详情 ");
    let body = inner(area);
    frame.render_widget(block, area);
    let content = theme.lines(view::detail::lines(state, usize::from(body.width)));
    let scroll = clamp_scroll(state.view(state.tab).scroll, content.len(), body.height);
    frame.render_widget(Paragraph::new(content).scroll((scroll, 0)), body);
}

/// The scroll, kept so the last page of content stays full.
pub fn clamp_scroll(scroll: u16, lines: usize, height: u16) -> u16 {
    let max = u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_sub(height);
    scroll.min(max)
}
