//! Plain-text tables aligned by display width, so Chinese (double-width) text lines up.

use std::borrow::Cow;

use crate::domain::text::{pad, printable, truncate, width};

/// Render rows under a header with two spaces between columns. Each column is as wide as
/// its widest cell, capped at `max_col` display columns (longer cells end in "…"). A cell's
/// control characters and line breaks are spaces before it is measured, so vendor text
/// neither breaks a row nor shifts a column.
pub fn render(header: &[&str], rows: &[Vec<String>], max_col: usize) -> String {
    let rows: Vec<Vec<Cow<str>>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| printable(cell, false)).collect())
        .collect();
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h).min(max_col)).collect();
    for row in &rows {
        for (i, cell) in row.iter().take(cols).enumerate() {
            widths[i] = widths[i].max(width(cell).min(max_col));
        }
    }
    let mut out = String::new();
    let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        let mut parts = Vec::with_capacity(cols);
        for (i, cell) in cells.take(cols).enumerate() {
            let shown = truncate(cell, widths[i]);
            parts.push(if i + 1 == cols {
                shown
            } else {
                pad(&shown, widths[i])
            });
        }
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied(), &mut out);
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    out.push_str(&rule.join("  "));
    out.push('\n');
    for row in &rows {
        line(&mut row.iter().map(|c| c.as_ref()), &mut out);
    }
    out
}

/// `label: value` lines with labels padded to one width.
pub fn fields(pairs: &[(String, String)]) -> String {
    let w = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    pairs
        .iter()
        .map(|(k, v)| format!("{}  {}\n", pad(k, w), v))
        .collect()
}

#[cfg(test)]
mod tests;
