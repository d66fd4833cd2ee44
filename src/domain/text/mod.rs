//! Display-width helpers shared by the CLI tables and the TUI. Chinese characters take two
//! terminal columns, so byte or char counts misalign every table; all measuring goes
//! through [`width`] (`unicode-width`).
//!
//! Text is handled in clusters (a character plus the zero-width characters that modify it,
//! and emoji joined by ZWJ) so no cut separates an accent or a variation selector from its
//! base, and a cluster's width is measured in context, never summed from its parts.

mod wrap;

pub use wrap::wrap;

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The ellipsis [`truncate`] appends: one column wide.
pub const ELLIPSIS: &str = "…";

/// Terminal columns `s` occupies.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `max` columns, ending in "…" when anything was cut. Never splits a
/// wide character or a cluster; a wide character that does not fit is dropped whole (the
/// result may then be a column short). `max` 0 gives "".
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let budget = max - 1;
    let mut out = String::new();
    let mut used = 0;
    for cluster in clusters(s) {
        let w = width(cluster);
        if used + w > budget {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    out.push_str(ELLIPSIS);
    // Guard against context-dependent widths: drop characters before the ellipsis until
    // it fits; "…" alone always does.
    while width(&out) > max {
        let Some(body) = out.strip_suffix(ELLIPSIS) else {
            break;
        };
        let mut body = body.to_string();
        if body.pop().is_none() {
            break;
        }
        out = body + ELLIPSIS;
    }
    out
}

/// `s` followed by spaces up to `cols` columns (left-aligned). Wider text is returned
/// unchanged: use [`fit`] to cut as well.
pub fn pad(s: &str, cols: usize) -> String {
    let w = width(s);
    let mut out = String::with_capacity(s.len() + cols.saturating_sub(w));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// `s` preceded by spaces up to `cols` columns (right-aligned, for numbers).
pub fn pad_left(s: &str, cols: usize) -> String {
    let w = width(s);
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(w)).collect();
    out.push_str(s);
    out
}

/// Exactly `cols` columns when possible: truncated, then padded. A table cell.
pub fn fit(s: &str, cols: usize) -> String {
    pad(&truncate(s, cols), cols)
}

/// `s` on one line: every run of whitespace or control characters (newlines, tabs,
/// carriage returns, escapes) becomes one space, ends trimmed. Vendor text is put through
/// this before it goes into a table cell, where a newline or an escape would break the row
/// or the terminal.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// `s` safe to show on a terminal: every control character (C0 but the newlines asked for,
/// DEL, C1: escapes, CR, BEL …), the line and paragraph separators and the bidirectional
/// overrides become a space. Vendor text is data: an escape sequence in a company name must
/// never set the window title, write the clipboard or clear the screen, nor a bidi override
/// reorder what the user reads. Every human printer (CLI and explorer) uses this.
pub fn printable(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| unprintable(c) && !(keep_newlines && c == '\n');
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if unsafe_char(c) { ' ' } else { c })
            .collect(),
    )
}

/// A character [`printable`] replaces (newlines included): a control character, a line or
/// paragraph separator, a bidirectional override or isolate.
pub fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with its surrounding whitespace cut off in place: no new allocation, so converting a
/// large answer's records moves their text instead of copying it.
pub(crate) fn trim_owned(mut s: String) -> String {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    if start > 0 {
        s.drain(..start);
    }
    s
}

/// `s` split into clusters: a character with the zero-width characters after it, and
/// characters joined by ZWJ (U+200D).
pub(crate) fn clusters(s: &str) -> Vec<&str> {
    cluster_spans(s)
        .into_iter()
        .map(|(start, end)| &s[start..end])
        .collect()
}

/// The byte ranges of [`clusters`], for callers that need positions.
pub(crate) fn cluster_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_zwj = false;
    for (i, c) in s.char_indices() {
        let joins = prev_zwj || c.width() == Some(0);
        if !joins && i > start {
            out.push((start, i));
            start = i;
        }
        prev_zwj = c == '\u{200D}';
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

#[cfg(test)]
mod tests;
