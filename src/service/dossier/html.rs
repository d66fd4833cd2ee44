//! The memo as one self-contained HTML file: inline CSS, no scripts, no external fonts or
//! images. The print style sheet gives clean A4 pages from any browser's "print to PDF";
//! the sandbox watermark is a fixed element, which browsers repeat on every printed page.

use crate::domain::text::printable;

use super::Block;

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; font-size: 11pt; line-height: 1.45;
  color: #111; max-width: 60em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 18pt; border-bottom: 2px solid #333; padding-bottom: .2em; }
h2 { font-size: 13pt; margin-top: 1.6em; border-bottom: 1px solid #bbb; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: .25em .4em; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #eee; }
td:first-child { min-width: 4.5em; }
tr { break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; }
dt { font-weight: bold; }
dd { margin: 0; }
.alert { color: #a00; font-weight: bold; }
.watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center;
  transform: rotate(-30deg); font-size: 26pt; font-weight: bold; color: rgba(200,0,0,.18);
  pointer-events: none; z-index: 10; }
.banner { border: 2px solid #c00; color: #c00; padding: .4em; font-weight: bold; }
.footer { position: fixed; bottom: 0; left: 0; right: 0; text-align: center;
  font-size: 8pt; color: #c00; background: #fff; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0 0 1.5em; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
}
"#;

/// Text made safe for HTML: no control characters, markup characters escaped.
fn esc(text: &str) -> String {
    printable(text, false)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub fn render(blocks: &[Block]) -> String {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(esc(t)),
            _ => None,
        })
        .unwrap_or_default();
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => body.push_str(&format!("<h1>{}</h1>\n", esc(t))),
            Block::Watermark(t) => body.push_str(&format!(
                "<div class=\"watermark\" aria-hidden=\"true\">{0}</div>\n\
                 <div class=\"footer\">{0}</div>\n<p class=\"banner\">{0}</p>\n",
                esc(t)
            )),
            Block::Heading(t) => body.push_str(&format!("<h2>{}</h2>\n", esc(t))),
            Block::Para(t) => body.push_str(&format!("<p>{}</p>\n", esc(t))),
            Block::Alert(t) => body.push_str(&format!("<p class=\"alert\">⚠ {}</p>\n", esc(t))),
            Block::Facts(pairs) => {
                body.push_str("<dl>\n");
                for (k, v) in pairs {
                    body.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", esc(k), esc(v)));
                }
                body.push_str("</dl>\n");
            }
            Block::Table { header, rows } => {
                body.push_str("<table>\n<thead><tr>");
                for h in header {
                    body.push_str(&format!("<th>{}</th>", esc(h)));
                }
                body.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    body.push_str("<tr>");
                    for c in r {
                        body.push_str(&format!("<td>{}</td>", esc(c)));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</tbody>\n</table>\n");
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_text_cannot_become_markup_or_control_sequences() {
        let html = render(&[Block::Para("<script>x</script>\u{1b}[2J & \"q\"".into())]);
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"), "{html}");
        assert!(!html.contains('\u{1b}'));
        assert!(!html.contains("<script"));
        assert!(html.contains("&amp; &quot;q&quot;"));
    }
}
