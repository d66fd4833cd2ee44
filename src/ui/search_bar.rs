//! The search bar. The real terminal cursor sits at the caret while typing, so a Chinese
//! input method opens its candidate window where the user types.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::state::{Level, State};
use crate::domain::text;

use super::theme::Theme;

const PLACEHOLDER: &str =
    "公司名称 / 统一社会信用代码 / 注册号  company name, credit code or reg. no.";

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let focused = state.insert_mode();
    let field = if area.height >= 3 {
        let title = match &state.search_note {
            Some(note) => {
                let style = match note.level {
                    Level::Error => theme.error(),
                    Level::Warn => theme.warn(),
                    Level::Info => theme.dim(),
                };
                let word = match note.level {
                    Level::Warn | Level::Error => "⚠ not sent ",
                    Level::Info => "",
                };
                Line::from(vec![Span::raw(" Search 搜索 "), Span::styled(word, style)])
            }
            None => Line::from(" Search 搜索 "),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(focused))
            .title(title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        inner
    } else {
        // One bare line: a prompt, then the field.
        let prompt = if focused { "/ " } else { "  " };
        frame.render_widget(Paragraph::new(prompt).style(theme.accent()), area);
        Rect {
            x: area.x.saturating_add(2),
            width: area.width.saturating_sub(2),
            ..area
        }
    };
    draw_field(frame, field, state, theme, focused);
}

fn draw_field(frame: &mut Frame, area: Rect, state: &State, theme: &Theme, focused: bool) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let value = state.input.value();
    if value.is_empty() {
        let hint = if focused {
            PLACEHOLDER.to_string()
        } else {
            format!("press s to search · {PLACEHOLDER}")
        };
        let hint = text::truncate(&hint, usize::from(area.width.saturating_sub(1)));
        frame.render_widget(Paragraph::new(hint).style(theme.dim()), area);
    } else {
        // Keep one column free for the caret at the end.
        let room = usize::from(area.width).saturating_sub(1);
        let scroll = state.input.visual_scroll(room);
        let visible = skip_columns(value, scroll);
        // Selected (focused again after a search): typing replaces it.
        let style = if focused && state.search_selected {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        frame.render_widget(Paragraph::new(visible.to_string()).style(style), area);
    }
    // Not under an overlay: the input method's window would open on top of it.
    if focused && state.overlay.is_none() {
        let scroll = state
            .input
            .visual_scroll(usize::from(area.width).saturating_sub(1));
        let col = state.input.visual_cursor().saturating_sub(scroll);
        let col = u16::try_from(col)
            .unwrap_or(u16::MAX)
            .min(area.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(area.x.saturating_add(col), area.y));
    }
}

/// `s` without its first `cols` display columns (tui-input scrolls by whole characters, so
/// the cut never splits a wide one).
fn skip_columns(s: &str, cols: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        if used >= cols {
            return &s[i..];
        }
        used += text::width(c.encode_utf8(&mut [0; 4]));
    }
    ""
}
