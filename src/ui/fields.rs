//! Labelled fields for the detail and drill-down panes: label column padded by display
//! width, values wrapped at character boundaries (Chinese has no spaces to break at).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::text;

use super::theme::Theme;

/// Below this width labels go on their own line above the value.
const SIDE_BY_SIDE: usize = 44;

/// The label column's width for these labels at this pane width.
pub fn label_width(labels: &[String], width: usize) -> usize {
    let widest = labels.iter().map(|l| text::width(l)).max().unwrap_or(0);
    widest.min(width / 2).max(1)
}

/// One field as lines: `label  value` with the value wrapped under itself, or the label
/// on a line of its own when the pane is narrow.
pub fn field(
    label: &str,
    value: &str,
    width: usize,
    label_w: usize,
    value_style: Style,
    theme: &Theme,
) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let value = if value.trim().is_empty() {
        "—"
    } else {
        value
    };
    let mut out = Vec::new();
    if width < SIDE_BY_SIDE {
        out.push(Line::from(Span::styled(
            text::truncate(label, width),
            theme.label(),
        )));
        for l in text::wrap(value, width.saturating_sub(2)) {
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(l, value_style),
            ]));
        }
        return out;
    }
    let value_w = width.saturating_sub(label_w + 1);
    let wrapped = text::wrap(value, value_w);
    let label_lines = text::wrap(label, label_w);
    let n = wrapped.len().max(label_lines.len()).max(1);
    for i in 0..n {
        let l = label_lines.get(i).map(String::as_str).unwrap_or("");
        let v = wrapped.get(i).cloned().unwrap_or_default();
        out.push(Line::from(vec![
            Span::styled(text::pad(l, label_w), theme.label()),
            Span::raw(" "),
            Span::styled(v, value_style),
        ]));
    }
    out
}

/// A section heading.
pub fn heading(title: &str, width: usize, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(text::truncate(title, width), theme.bold()))
}

/// Flags a vetter must see, one per line, wrapped.
pub fn flags(flags: &[String], width: usize, style: Style) -> Vec<Line<'static>> {
    flags
        .iter()
        .flat_map(|f| {
            let lines = text::wrap(&format!("⚠ {f}"), width);
            lines
                .into_iter()
                .map(move |l| Line::from(Span::styled(l, style)))
        })
        .collect()
}

/// Plain text wrapped to the width, each line styled.
pub fn wrapped(s: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    text::wrap(s, width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}
