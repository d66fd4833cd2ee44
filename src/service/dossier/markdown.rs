//! The memo as Markdown: GitHub-flavoured tables, readable as plain text too.

use crate::domain::text::printable;

use super::Block;

/// A table cell: one line, no control characters, `|` escaped.
fn cell(text: &str) -> String {
    printable(text, false).replace('|', "\\|")
}

/// Running text: no control characters; a line starting with a Markdown marker stays text.
fn line(text: &str) -> String {
    printable(text, false).into_owned()
}

pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => out.push_str(&format!("# {}\n\n", line(t))),
            Block::Watermark(t) => out.push_str(&format!("> **{}**\n\n", line(t))),
            Block::Heading(t) => out.push_str(&format!("## {}\n\n", line(t))),
            Block::Para(t) => out.push_str(&format!("{}\n\n", line(t))),
            Block::Alert(t) => out.push_str(&format!("- ⚠ {}\n\n", line(t))),
            Block::Facts(pairs) => {
                for (k, v) in pairs {
                    out.push_str(&format!("- **{}**: {}\n", line(k), line(v)));
                }
                out.push('\n');
            }
            Block::Table { header, rows } => {
                let row = |cells: &[String]| {
                    format!(
                        "| {} |\n",
                        cells
                            .iter()
                            .map(|c| cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )
                };
                out.push_str(&row(header));
                out.push_str(&format!("|{}\n", " --- |".repeat(header.len())));
                for r in rows {
                    out.push_str(&row(r));
                }
                out.push('\n');
            }
        }
    }
    out
}
