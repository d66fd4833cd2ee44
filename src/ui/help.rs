//! The `?` overlay: [`crate::app::view::help`]'s keys in a centred box named for the pane
//! under it, scrolled.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::layout::inner;
use crate::app::state::{Focus, State, Tab};
use crate::app::view::help::{lines, popup};
use crate::domain::text;

use super::dialog::clear_popup;
use super::theme::Theme;

/// What the pane under the overlay is called.
fn pane_name(state: &State) -> &'static str {
    if state.insert_mode() {
        "search bar (typing)"
    } else if state.tab == Tab::Report {
        "report pane"
    } else if state.tab == Tab::Overview {
        "overview"
    } else if state.drill.is_some() && state.tab == Tab::Certificates {
        "certificate detail"
    } else if state.focus == Focus::Detail {
        "detail pane"
    } else {
        "result list"
    }
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
    let content = theme.lines(lines(state, usize::from(body.width)));
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
