//! The result list: the salient columns of each record, padded by display width so CJK
//! text keeps the columns aligned, with expiry badges and red-flag markers that read the
//! same without colour.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::app::records::{self, List, PageView, Record};
use crate::app::registry::{DetailFetch, Lookup};
use crate::app::state::{Focus, State};
use crate::domain::certificate::CertificateDetail;
use crate::domain::dates::{Expires, Expiry};
use crate::domain::text;

use super::theme::{expiry_badge, Theme};
use crate::app::layout::{inner, list_offset, list_rows};

/// A column: header and width rule.
struct Col {
    header: &'static str,
    /// Fixed width, or (weight, minimum) of the space left.
    width: Width,
}

enum Width {
    Fixed(usize),
    Flex(usize, usize),
}

const fn fixed(header: &'static str, w: usize) -> Col {
    Col {
        header,
        width: Width::Fixed(w),
    }
}

const fn flex(header: &'static str, weight: usize, min: usize) -> Col {
    Col {
        header,
        width: Width::Flex(weight, min),
    }
}

const MARK: usize = 2;

fn columns(page: &PageView<'_>) -> Vec<Col> {
    match page.list {
        List::Qualifications(_) => vec![
            fixed("证书号 no.", 10),
            fixed("类别", 8),
            flex("资质名称 name", 3, 8),
            flex("发证机关 issuer", 2, 6),
            fixed("有效 expiry", 11),
        ],
        List::Certificates(_) => vec![
            fixed("证书编号 number", 16),
            flex("证书类型 type", 1, 8),
            fixed("到期 ends", 10),
            fixed("状态 status", 11),
        ],
        List::Customs(_) => vec![
            flex("注册海关 office", 1, 8),
            flex("信用等级 level", 1, 8),
            fixed("处罚", 4),
            fixed("年报 annual", 11),
        ],
    }
}

/// Column widths for `avail` columns of text (after the marker and the 1-column gaps).
fn widths(cols: &[Col], avail: usize) -> Vec<usize> {
    let gaps = cols.len().saturating_sub(1);
    let fixed: usize = cols
        .iter()
        .map(|c| match c.width {
            Width::Fixed(w) => w,
            Width::Flex(_, min) => min,
        })
        .sum();
    let spare = avail.saturating_sub(gaps + fixed);
    let weights: usize = cols
        .iter()
        .map(|c| match c.width {
            Width::Flex(w, _) => w,
            Width::Fixed(_) => 0,
        })
        .sum();
    let mut given = 0;
    let mut out: Vec<usize> = cols
        .iter()
        .map(|c| match c.width {
            Width::Fixed(w) => w,
            Width::Flex(w, min) => {
                let extra = (spare * w).checked_div(weights).unwrap_or(0);
                given += extra;
                min + extra
            }
        })
        .collect();
    // Rounding leftovers go to the first flexible column.
    if let Some(i) = cols.iter().position(|c| matches!(c.width, Width::Flex(..))) {
        if let Some(w) = out.get_mut(i) {
            *w += spare.saturating_sub(given);
        }
    }
    out
}

/// The cells of one row, with a marker and the style of the last cell. A certificate's
/// status is the fetched detail's (`detail`) or the row's own; without either it is
/// "unchecked", never "valid" on the strength of its end date.
fn cells(
    record: &Record<'_>,
    detail: Option<&CertificateDetail>,
    theme: &Theme,
    today: chrono::NaiveDate,
) -> (char, Vec<(String, Style)>) {
    let plain = theme.plain();
    match record {
        Record::Qualification(q) => {
            let mut name = q.names.first().cloned().unwrap_or_default();
            if q.names.len() > 1 {
                name = format!("{name} +{}", q.names.len() - 1);
            }
            (
                ' ',
                vec![
                    (q.cert_no.clone(), plain),
                    (q.category.clone(), plain),
                    (name, plain),
                    (q.issuer.clone(), plain),
                    (
                        expiry_badge(&q.expiry(today)),
                        theme.expiry(&q.expiry(today)),
                    ),
                ],
            )
        }
        Record::Certificate(c) => {
            let ends = c.ends.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
            let ends_style = match c.expiry(today) {
                Expiry::Valid { .. } => plain,
                e => theme.expiry(&e),
            };
            let status = match c.known_status(detail) {
                Some(s) if s.is_valid() => (format!("✓ {}", s.label_zh()), theme.ok()),
                Some(s) if s.is_red() => (format!("✗ {}", s.label_zh()), theme.error()),
                Some(s) => (format!("! {}", s.label_zh()), theme.warn()),
                None => ("? unchecked".to_string(), theme.dim()),
            };
            (
                ' ',
                vec![
                    (c.number.clone(), plain),
                    (c.type_desc.clone(), plain),
                    (ends, ends_style),
                    status,
                ],
            )
        }
        Record::Customs(r) => {
            let (mark, level_style) = if r.level.is_red() || r.cancelled {
                ('✗', theme.error())
            } else if !r.penalties.is_empty() || r.annual_report_missing {
                ('!', theme.warn())
            } else if r.level.is_good() {
                ('✓', theme.ok())
            } else {
                (' ', plain)
            };
            let level = if r.level_text.is_empty() {
                r.level.label_zh().to_string()
            } else {
                r.level_text.clone()
            };
            let annual_style = if r.annual_report_missing {
                theme.warn()
            } else {
                plain
            };
            let penalties_style = if r.penalties.is_empty() {
                plain
            } else {
                theme.error()
            };
            (
                mark,
                vec![
                    (r.customs_office.clone(), plain),
                    (level, level_style),
                    (
                        text::pad_left(&r.penalties.len().to_string(), 4),
                        penalties_style,
                    ),
                    (r.annual_status.clone(), annual_style),
                ],
            )
        }
    }
}

fn row_line(
    mark: char,
    cells: Vec<(String, Style)>,
    widths: &[usize],
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let lead = if selected { '▶' } else { ' ' };
    let mut spans = vec![Span::raw(format!("{lead}{mark}"))];
    for (i, ((value, style), w)) in cells.into_iter().zip(widths).enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            text::fit(&text::printable(&value, false), *w),
            style,
        ));
    }
    let line = Line::from(spans);
    if selected {
        line.style(theme.selected())
    } else {
        line
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let page = records::current_page(state);
    let company = state.company.clone().unwrap_or_default();
    let right = page
        .as_ref()
        .map(|p| format!(" {} ", p.label()))
        .unwrap_or_default();
    let room = usize::from(area.width).saturating_sub(text::width(&right) + 4);
    let left = if company.is_empty() {
        " Results 结果 ".to_string()
    } else {
        text::truncate(&format!(" {company} "), room)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(matches!(state.focus, Focus::List | Focus::Filter)))
        .title(Line::from(left))
        .title(Line::from(right).right_aligned());
    let block = match age_title(state, usize::from(area.width).saturating_sub(4), theme) {
        Some(line) => block.title_bottom(line),
        None => block,
    };
    let block = match page.as_ref().and_then(|p| filter_title(state, p, theme)) {
        Some(line) => block.title_bottom(line.right_aligned()),
        None => block,
    };
    let body = inner(area);
    frame.render_widget(block, area);
    let noun = state.tab.noun();
    let message =
        |text: String, style: Style| Paragraph::new(text).style(style).wrap(Wrap { trim: true });
    if state.company.is_none() {
        let p = message(
            "Type a company name, credit code or registration number above and press Enter.\n\n\
             输入公司名称、统一社会信用代码或注册号，按回车查询。\n\nF1 (or Esc, then ?) lists every key."
                .into(),
            theme.dim(),
        );
        frame.render_widget(p, body);
        return;
    }
    // A refresh in flight keeps the answer it replaces on screen (the title says so).
    if let Some(lookup) = state.current_lookup().filter(|_| page.is_none()) {
        let p = match lookup {
            Lookup::Ready(_) => message(String::new(), theme.dim()),
            Lookup::Loading { .. } => message(
                format!(
                    "{} Looking up {noun} for {company}…\n\nEsc cancels.",
                    state.spinner()
                ),
                theme.accent(),
            ),
            Lookup::Failed { error } => message(
                format!(
                    "✗ The lookup failed: {}\n{}\n\nr tries again.",
                    error.message,
                    error.gloss.clone().unwrap_or_default()
                ),
                theme.error(),
            ),
        };
        frame.render_widget(p, body);
        return;
    }
    let Some(page) = page else {
        let p = message(
            format!("Nothing loaded for {company} here. r looks it up."),
            theme.dim(),
        );
        frame.render_widget(p, body);
        return;
    };
    if let (true, Some((filter, all))) = (page.is_empty(), page.filter()) {
        let p = message(
            format!(
                "No row of the {all} loaded holds “{filter}”.\n\n没有匹配的记录。Esc clears the filter."
            ),
            theme.dim(),
        );
        frame.render_widget(p, body);
        return;
    }
    if page.is_empty() {
        let p = message(
            format!("No {noun} found for {company}.\n\n查无结果。This is an answer, not an error."),
            theme.plain(),
        );
        frame.render_widget(p, body);
        return;
    }
    let cols = columns(&page);
    let widths = widths(&cols, usize::from(body.width).saturating_sub(MARK));
    let header: Vec<(String, Style)> = cols
        .iter()
        .map(|c| (c.header.to_string(), theme.bold()))
        .collect();
    let mut lines = vec![row_line(' ', header, &widths, false, theme)];
    let rows = list_rows(area);
    let selected = state.view(state.tab).selected;
    let offset = list_offset(selected, rows);
    for i in offset..page.len().min(offset.saturating_add(rows)) {
        if let Some(record) = page.record(i) {
            let detail = match &record {
                Record::Certificate(c) => match state.detail(&c.id) {
                    Some(DetailFetch::Ready(d)) => Some(d),
                    _ => None,
                },
                _ => None,
            };
            let (mark, cells) = cells(&record, detail, theme, state.today);
            lines.push(row_line(mark, cells, &widths, i == selected, theme));
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// The filter in force (or being typed, with a caret) and how many rows it keeps.
fn filter_title(state: &State, page: &PageView<'_>, theme: &Theme) -> Option<Line<'static>> {
    let typing = state.focus == Focus::Filter;
    let text = match page.filter() {
        Some((f, all)) if typing => format!(" /{f}▏ {} of {all} ", page.len()),
        Some((f, all)) => format!(" filter “{f}”: {} of {all} ", page.len()),
        None if typing => " /▏ ".to_string(),
        None => return None,
    };
    let style = if typing { theme.accent() } else { theme.warn() };
    Some(Line::styled(
        text::printable(&text, false).into_owned(),
        style,
    ))
}

/// The list's bottom title: how old a cached answer is, a stale one marked clearly, or that a
/// refresh is running. Nothing for an answer just fetched.
fn age_title(state: &State, room: usize, theme: &Theme) -> Option<Line<'static>> {
    let refreshing = matches!(state.current_lookup(), Some(Lookup::Loading { .. }));
    let (text, style) = match state.age_note() {
        Some((note, true)) => (format!(" ⚠ {note} · r refreshes "), theme.warn()),
        Some((note, false)) if refreshing => (format!(" {note} · refreshing… "), theme.dim()),
        Some((note, false)) => (format!(" {note} · r refreshes "), theme.dim()),
        None if refreshing && records::current_page(state).is_some() => {
            (" refreshing… ".to_string(), theme.dim())
        }
        None => return None,
    };
    Some(Line::from(Span::styled(text::truncate(&text, room), style)).right_aligned())
}
