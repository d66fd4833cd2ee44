//! Boxes drawn over the panes: the billed-report confirmation and the error box. A popup
//! clears its area fully, including a wide glyph cut in half by its left edge, so CJK text
//! underneath cannot corrupt the border.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::app::state::{ErrorBox, Level, Message, Overlay};
use crate::domain::report::ReportFormat;
use crate::domain::text;

use super::theme::Theme;
use super::wrapped::wrapped;
use crate::app::layout::{centered, inner};

/// Clear `area`, and blank any wide glyph that starts just left of it (its right half would
/// otherwise be drawn over the popup's border).
pub fn clear_popup(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let buf = frame.buffer_mut();
    if area.x <= buf.area.x {
        return;
    }
    let left = area.x - 1;
    for y in area.y..area.y.saturating_add(area.height) {
        if let Some(cell) = buf.cell_mut((left, y)) {
            if text::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}

/// A bordered box `w` wide holding `lines`, centred in `area`; nothing when too small.
fn popup(
    frame: &mut Frame,
    area: Rect,
    w: u16,
    title: &str,
    border: ratatui::style::Style,
    lines: Vec<Line<'static>>,
) {
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = centered(area, w, h);
    if popup.width < 4 || popup.height < 3 {
        return;
    }
    clear_popup(frame, popup);
    let title = text::truncate(title, usize::from(w.saturating_sub(2)));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(title);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines), inner(popup));
}

/// The widest a confirm dialog gets.
const CONFIRM_WIDTH: u16 = 64;

/// What every billed confirm opens with: the company, then what it will cost.
fn billed_head(company: &str, cost: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = wrapped(&format!("Company 公司: {company}"), width, theme.bold());
    lines.push(Line::default());
    lines.extend(wrapped(cost, width, theme.warn()));
    lines
}

/// The report order; `typed` is the search bar's text, named when it is not the company
/// ordered (typed but not searched: the order is for the company on screen).
pub fn confirm(
    frame: &mut Frame,
    area: Rect,
    overlay: &Overlay,
    (typed, report_price): (&str, i64),
    theme: &Theme,
) {
    let Overlay::ConfirmReport {
        company,
        format,
        previous,
    } = overlay
    else {
        return;
    };
    let w = area.width.min(CONFIRM_WIDTH);
    let width = usize::from(w.saturating_sub(2));
    let head = match report_price {
        0 => "⚠ This order is BILLED: QCC charges for every report. It is sent once; nothing retries it.".to_string(),
        fen => format!(
            "⚠ This order is BILLED: {} at your [prices]. It is sent once; nothing retries it.",
            crate::config::money::yuan(fen)
        ),
    };
    let mut lines = billed_head(company, &head, width, theme);
    // Exactly what goes out, so a stray character typed into the search bar is seen here.
    lines.extend(wrapped(
        &format!(
            "Sent as keyNo: 「{}」",
            crate::domain::keyword::normalise(company)
        ),
        width,
        theme.bold(),
    ));
    let typed = crate::domain::keyword::normalise(typed);
    if !typed.is_empty() && typed != crate::domain::keyword::normalise(company) {
        lines.extend(wrapped(
            &format!(
                "⚠ The search bar holds 「{}」, not searched: this order is for the company \
                 on screen above, not for that.",
                text::printable(&typed, false)
            ),
            width,
            theme.error(),
        ));
    }
    if let Some(prev) = previous {
        lines.extend(wrapped(
            &format!(
                "An order for this company stands (order {prev}). This orders a SECOND \
                 report, billed again: Esc keeps the one standing."
            ),
            width,
            theme.error(),
        ));
    }
    lines.push(Line::default());
    let choice = |f: ReportFormat, label: &str| {
        if *format == f {
            Span::styled(format!("[● {label}]"), theme.key())
        } else {
            Span::styled(format!(" ○ {label} "), theme.dim())
        }
    };
    lines.push(Line::from(vec![
        Span::raw("Format 格式:  "),
        choice(ReportFormat::Pdf, "PDF (p)"),
        Span::raw("  "),
        choice(ReportFormat::Word, "Word (w)"),
    ]));
    lines.push(Line::default());
    lines.extend(wrapped(
        "y orders (billed) · p/w or ←/→ picks the format · n or Esc cancels",
        width,
        theme.dim(),
    ));
    popup(
        frame,
        area,
        w,
        " Order a credit report? 订购信用报告 ",
        theme.warn(),
        lines,
    );
}

/// D on the Overview: how many certificate details, how many billed.
pub fn confirm_details(frame: &mut Frame, area: Rect, overlay: &Overlay, theme: &Theme) {
    let Overlay::ConfirmDetails {
        company,
        count,
        billable,
    } = overlay
    else {
        return;
    };
    let w = area.width.min(CONFIRM_WIDTH);
    let width = usize::from(w.saturating_sub(2));
    let mut lines = billed_head(
        company,
        &format!(
            "⚠ {billable} BILLED call(s): {count} certificate detail(s) to fetch, {} already stored.",
            count.saturating_sub(*billable)
        ),
        width,
        theme,
    );
    lines.push(Line::default());
    lines.extend(wrapped(
        "y fetches them all (billed) · n or Esc cancels",
        width,
        theme.dim(),
    ));
    popup(
        frame,
        area,
        w,
        " Fetch certificate details? 获取证书详情 ",
        theme.warn(),
        lines,
    );
}

/// `e`/`E` with pages of the list not fetched: fetch them, or export what is held?
pub fn confirm_export(
    frame: &mut Frame,
    area: Rect,
    (csv, held, total, missing): (bool, usize, u64, usize),
    filter: &str,
    theme: &Theme,
) {
    let w = area.width.min(CONFIRM_WIDTH);
    let width = usize::from(w.saturating_sub(2));
    let what = if csv { "CSV" } else { "JSON" };
    let held_text = if filter.trim().is_empty() {
        format!("{held} of {total} rows are held")
    } else {
        format!(
            "{held} rows held match the filter “{}” ({total} in the list)",
            text::printable(filter, false)
        )
    };
    let mut lines = wrapped(
        &format!("{held_text}; {missing} page(s) of the list are not fetched yet."),
        width,
        theme.plain(),
    );
    lines.extend(wrapped(
        &format!("⚠ Fetching them is {missing} call(s), each billed unless stored."),
        width,
        theme.warn(),
    ));
    lines.push(Line::default());
    lines.extend(wrapped(
        &format!(
            "y fetches them and exports all ({what}) · a exports the {held} rows held · n or Esc cancels"
        ),
        width,
        theme.dim(),
    ));
    popup(
        frame,
        area,
        w,
        " Export the whole list? 导出全部 ",
        theme.warn(),
        lines,
    );
}

/// A credit code whose check character is wrong: send it anyway?
pub fn confirm_force(frame: &mut Frame, area: Rect, keyword: &str, reason: &str, theme: &Theme) {
    let w = area.width.min(CONFIRM_WIDTH);
    let width = usize::from(w.saturating_sub(2));
    let mut lines = wrapped(reason, width, theme.warn());
    lines.push(Line::default());
    lines.extend(wrapped(
        &format!("Sent as keyword: 「{}」", text::printable(keyword, false)),
        width,
        theme.plain(),
    ));
    lines.push(Line::default());
    lines.extend(wrapped(
        "y sends it anyway (billed) · n or Esc edits it",
        width,
        theme.dim(),
    ));
    popup(
        frame,
        area,
        w,
        " Send a mistyped credit code? 校验位不符 ",
        theme.warn(),
        lines,
    );
}

pub fn error_box(frame: &mut Frame, area: Rect, err: &ErrorBox, theme: &Theme) {
    let w = area.width.min(70);
    let width = usize::from(w.saturating_sub(2));
    let r = &err.report;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let code = match &r.code {
        Some(c) => format!("code {c} · {}", r.class),
        None => r.class.clone(),
    };
    lines.extend(wrapped(&code, width, theme.dim()));
    lines.extend(wrapped(&r.message, width, theme.error()));
    if let Some(g) = &r.gloss {
        lines.extend(wrapped(g, width, theme.plain()));
    }
    if let Some(a) = &r.advice {
        lines.push(Line::default());
        lines.extend(wrapped(&format!("What to do: {a}"), width, theme.plain()));
    }
    lines.push(Line::default());
    let keys = if r.retryable {
        "Esc closes · r tries again"
    } else {
        "Esc closes"
    };
    lines.extend(wrapped(keys, width, theme.dim()));
    popup(
        frame,
        area,
        w,
        &format!(" ✗ {} ", err.title),
        theme.error(),
        lines,
    );
}

/// The search bar's note (a refused or doubtful keyword), in full, just under the bar.
pub fn note_box(frame: &mut Frame, body: Rect, note: &Message, theme: &Theme) {
    let width = usize::from(body.width.saturating_sub(2));
    let style = match note.level {
        Level::Error => theme.error(),
        Level::Warn => theme.warn(),
        Level::Info => theme.plain(),
    };
    let lines = wrapped(&note.text, width, style);
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(body.height);
    let area = Rect { height: h, ..body };
    if area.width < 4 || area.height < 3 {
        return;
    }
    clear_popup(frame, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(text::truncate(" ⚠ Search 搜索 ", width));
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner(area));
}
