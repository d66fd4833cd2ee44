//! Word wrapping by display width. Chinese has no spaces, so it breaks between any two
//! characters; Latin words break at spaces and are split only when longer than a line.

use super::{cluster_spans, clusters, width, ELLIPSIS};

/// A piece that wraps as a unit: a Latin word, or one wide cluster.
struct Token<'a> {
    text: &'a str,
    width: usize,
    /// Whitespace came before it (so a space goes back in if it stays on the line).
    spaced: bool,
}

/// `s` wrapped to lines of at most `cols` columns. Explicit newlines start new lines (an
/// empty line stays empty); runs of spaces collapse to one; a cluster wider than the whole
/// line (a Chinese character at `cols` 1) shows as "…". `cols` 0 shows nothing; empty text
/// gives no lines.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if cols == 0 {
        return lines;
    }
    for paragraph in s.lines() {
        let before = lines.len();
        wrap_paragraph(paragraph, cols, &mut lines);
        if lines.len() == before {
            lines.push(String::new());
        }
    }
    lines
}

fn wrap_paragraph(text: &str, cols: usize, lines: &mut Vec<String>) {
    let mut line = String::new();
    let mut used = 0;
    for token in tokens(text) {
        let space = usize::from(token.spaced && !line.is_empty());
        if used + space + token.width <= cols {
            if space == 1 {
                line.push(' ');
            }
            line.push_str(token.text);
            used += space + token.width;
            continue;
        }
        if token.width <= cols {
            lines.push(std::mem::take(&mut line));
            line.push_str(token.text);
            used = token.width;
            continue;
        }
        // Longer than a whole line: fill the current line, then split by cluster.
        if space == 1 && used + 1 < cols {
            line.push(' ');
            used += 1;
        }
        for cluster in clusters(token.text) {
            let (cluster, w) = match width(cluster) {
                w if w > cols => (ELLIPSIS, width(ELLIPSIS)),
                w => (cluster, w),
            };
            if used + w > cols && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push_str(cluster);
            used += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
}

/// Splits a paragraph into tokens: runs of narrow clusters form words, each wide cluster
/// stands alone, whitespace separates and is remembered as `spaced`.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut spaced = false;
    let mut word: Option<(usize, usize, usize)> = None; // (start byte, end byte, width)
    for (start, end) in cluster_spans(text) {
        let cluster = &text[start..end];
        if cluster.chars().all(char::is_whitespace) {
            flush_word(text, &mut word, &mut spaced, &mut tokens);
            spaced = true;
            continue;
        }
        let w = width(cluster);
        if w >= 2 {
            flush_word(text, &mut word, &mut spaced, &mut tokens);
            tokens.push(Token {
                text: cluster,
                width: w,
                spaced,
            });
            spaced = false;
        } else {
            word = Some(match word {
                Some((s, _, ww)) => (s, end, ww + w),
                None => (start, end, w),
            });
        }
    }
    flush_word(text, &mut word, &mut spaced, &mut tokens);
    tokens
}

fn flush_word<'a>(
    text: &'a str,
    word: &mut Option<(usize, usize, usize)>,
    spaced: &mut bool,
    tokens: &mut Vec<Token<'a>>,
) {
    if let Some((start, end, _)) = word.take() {
        let piece = &text[start..end];
        tokens.push(Token {
            text: piece,
            // Measured whole: context can change a word's width.
            width: width(piece),
            spaced: *spaced,
        });
        *spaced = false;
    }
}

#[cfg(test)]
mod tests;
