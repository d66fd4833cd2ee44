//! Labelled fields for the detail and drill-down panes: label column padded by display
//! width, values wrapped at character boundaries (Chinese has no spaces to break at).

use crate::domain::text;

use super::{line, run, Role, ViewLine};

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
    value_role: Role,
) -> Vec<ViewLine> {
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
            out.push(line(l, Role::Label));
        }
        for l in text::wrap(value, width.saturating_sub(2)) {
            out.push(vec![run("  ", Role::Plain), run(l, value_role)]);
        }
        return out;
    }
    let value_w = width.saturating_sub(label_w + 1);
    for (i, v) in text::wrap(value, value_w).into_iter().enumerate() {
        let l = if i == 0 { label } else { "" };
        out.push(vec![
            run(text::pad(l, label_w), Role::Label),
            run(" ", Role::Plain),
            run(v, value_role),
        ]);
    }
    out
}

/// A section heading.
pub fn heading(title: &str, width: usize) -> ViewLine {
    line(text::truncate(title, width), Role::Bold)
}

/// Flags a vetter must see, one per line, wrapped.
pub fn flags(flags: &[String], width: usize, role: Role) -> Vec<ViewLine> {
    flags
        .iter()
        .flat_map(|f| {
            let lines = text::wrap(&format!("⚠ {f}"), width);
            lines.into_iter().map(move |l| line(l, role))
        })
        .collect()
}

/// Plain text wrapped to the width, each line in one role.
pub fn wrapped(s: &str, width: usize, role: Role) -> Vec<ViewLine> {
    text::wrap(s, width)
        .into_iter()
        .map(|l| line(l, role))
        .collect()
}
