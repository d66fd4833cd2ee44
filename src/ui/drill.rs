//! A certificate's drill-down: [`crate::app::view::drill`]'s lines in a box titled with the
//! detail's age.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::layout::inner;
use crate::app::state::State;
use crate::app::view;
use crate::domain::text;

use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let title = text::truncate(
        " Certificate detail 证书详情 · Esc back ",
        usize::from(area.width).saturating_sub(2),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let room = usize::from(area.width).saturating_sub(4);
    let block = match state.detail_age_note() {
        Some((note, stale)) => {
            let (text, style) = if stale {
                (format!(" ⚠ {note} · r refreshes "), theme.warn())
            } else {
                (format!(" {note} · r refreshes "), theme.dim())
            };
            block.title_bottom(
                Line::from(Span::styled(text::truncate(&text, room), style)).right_aligned(),
            )
        }
        None => block,
    };
    let body = inner(area);
    frame.render_widget(block, area);
    let content = theme.lines(view::drill::lines(state, usize::from(body.width)));
    let scroll = super::detail::clamp_scroll(state.drill_scroll, content.len(), body.height);
    frame.render_widget(Paragraph::new(content).scroll((scroll, 0)), body);
}
