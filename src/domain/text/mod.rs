//! Display-width helpers shared by the CLI tables and the TUI. Chinese characters take two
//! terminal columns, so byte or char counts misalign every table; all measuring goes
//! through [`width`] (`unicode-width`).
//!
//! Text is handled in clusters (a character plus the zero-width characters that modify it,
//! and emoji joined by ZWJ) so no cut separates an accent or a variation selector from its
//! base, and a cluster's width is measured in context, never summed from its parts.

mod wrap;

pub use wrap::wrap;

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
mod tests {
    use super::*;

    #[test]
    fn cjk_is_two_columns() {
        assert_eq!(width("企查查"), 6);
        assert_eq!(width("ISO9001 质量"), 12);
        assert_eq!(width(""), 0);
        assert_eq!(width("（）"), 4);
    }

    #[test]
    fn truncate_never_exceeds_and_never_splits_wide_chars() {
        assert_eq!(truncate("企查查科技有限公司", 7), "企查查…");
        assert_eq!(truncate("企查查科技有限公司", 8), "企查查…");
        assert_eq!(truncate("企查查科技有限公司", 18), "企查查科技有限公司");
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("ab", 2), "ab");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("中", 1), "…");
        assert_eq!(truncate("中文", 2), "…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("", 0), "");
        assert_eq!(truncate("", 5), "");
        for s in [
            "企查查科技有限公司",
            "a中b文c",
            "e\u{301}e\u{301}e\u{301}",
            "👍🏽👍🏽👍🏽",
            "☺\u{FE0F}☺\u{FE0F}☺\u{FE0F}",
        ] {
            for max in 0..=width(s) + 1 {
                let t = truncate(s, max);
                assert!(width(&t) <= max, "{s:?} {max} → {t:?}");
            }
        }
    }

    #[test]
    fn truncate_keeps_combining_marks_with_their_base() {
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        // The variation selector makes ☺ two columns and stays attached to it.
        assert_eq!(truncate("☺\u{FE0F}☺\u{FE0F}", 3), "☺\u{FE0F}…");
        assert_eq!(truncate("☺\u{FE0F}☺\u{FE0F}", 2), "…");
    }

    #[test]
    fn pad_by_display_width() {
        assert_eq!(pad("中", 4), "中  ");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("中文字", 4), "中文字");
        assert_eq!(pad("", 2), "  ");
        assert_eq!(pad_left("12", 4), "  12");
        assert_eq!(pad_left("中", 3), " 中");
        assert_eq!(fit("企查查科技", 7), "企查查…");
        // The wide 科 does not fit in the one spare column: padded instead.
        assert_eq!(fit("企查查科技", 8), "企查查… ");
        assert_eq!(width(&fit("企查查科技", 8)), 8);
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("ab", 0), "");
    }

    #[test]
    fn one_line_flattens_control_characters() {
        assert_eq!(one_line(" a\r\nb\t c\u{1b}[31m "), "a b c [31m");
        assert_eq!(one_line("江苏省\n苏州"), "江苏省 苏州");
        assert_eq!(one_line("\n\n"), "");
    }

    #[test]
    fn clusters_keep_marks_and_zwj_sequences() {
        assert_eq!(clusters("ae\u{301}"), ["a", "e\u{301}"]);
        assert_eq!(clusters("👨\u{200d}👩x"), ["👨\u{200d}👩", "x"]);
        assert_eq!(clusters("中文"), ["中", "文"]);
        assert!(clusters("").is_empty());
        assert_eq!(clusters("\u{301}a"), ["\u{301}", "a"]);
    }
}
