//! Plain text wrapped to a width in one style, for the dialogs and the report pane.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::text;

/// Plain text wrapped to the width, each line styled.
pub fn wrapped(s: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    text::wrap(s, width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}
