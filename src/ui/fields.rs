//! Labelled fields for the detail and drill-down panes: label column padded by display
//! width, values wrapped at character boundaries (Chinese has no spaces to break at).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::text;

use super::theme::Theme;

/// The label column's width: the widest label, but at most two fifths of the pane. Labels
/// wider than this go on a line of their own above the value.
pub fn label_width(labels: &[String], width: usize) -> usize {
    let widest = labels.iter().map(|l| text::width(l)).max().unwrap_or(0);
    widest.min(width * 2 / 5).max(1)
}

/// Like [`label_width`], but when any label does not fit the column every label goes on its
/// own line (0), so one record reads in one consistent shape.
pub fn uniform_label_width(labels: &[String], width: usize) -> usize {
    let widest = labels.iter().map(|l| text::width(l)).max().unwrap_or(0);
    if widest <= width * 2 / 5 {
        widest.max(1)
    } else {
        0
    }
}

/// One field as lines: `label  value` with the value wrapped under itself, or, when the
/// label is wider than the column, the label on its own line and the value indented.
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
    if text::width(label) > label_w {
        for l in text::wrap(label, width) {
            out.push(Line::from(Span::styled(l, theme.label())));
        }
        for l in text::wrap(value, width.saturating_sub(2)) {
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(l, value_style),
            ]));
        }
        return out;
    }
    let value_w = width.saturating_sub(label_w + 1);
    for (i, v) in text::wrap(value, value_w).into_iter().enumerate() {
        let l = if i == 0 { label } else { "" };
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
