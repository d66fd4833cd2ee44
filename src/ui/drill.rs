//! A certificate's drill-down: the free-form detail map, important keys first, with a status
//! other than 有效 flagged at the top where it cannot be missed.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::records::{self, Record};
use crate::app::state::{DetailFetch, State};
use crate::domain::certificate::CertificateDetail;
use crate::domain::text;

use super::fields;
use super::theme::Theme;
use crate::app::layout::inner;

/// English for the keys a vetter reads first; other keys show in Chinese only.
fn english(key: &str) -> Option<&'static str> {
    Some(match key {
        "证书状态" => "status",
        "证书到期日期" => "expires",
        "发证机构名称" => "issuing body",
        "发证机构状态" => "issuing body status",
        "证书编号" => "certificate no.",
        "企业名称" => "company",
        "颁证日期" => "issued",
        "初次获证日期" => "first certified",
        "认证依据" => "standard",
        k if k.contains("认证范围") => "scope",
        _ => return None,
    })
}

pub fn lines(state: &State, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(id) = state.drill.as_deref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(Record::Certificate(c)) = records::selected(state) {
        if c.id == id {
            let head = format!("{} · {}", c.number, c.type_desc);
            out.extend(fields::wrapped(&head, width, theme.bold()));
        }
    }
    match state.details.get(id) {
        None | Some(DetailFetch::Loading(_)) => {
            out.push(Line::from(Span::styled(
                format!(
                    "{} Fetching the certificate's detail… (Esc goes back; it still arrives)",
                    state.spinner()
                ),
                theme.accent(),
            )));
        }
        Some(DetailFetch::Failed(e)) => {
            out.extend(fields::wrapped(
                &format!("✗ {}", e.message),
                width,
                theme.error(),
            ));
            if let Some(g) = &e.gloss {
                out.extend(fields::wrapped(g, width, theme.error()));
            }
            out.extend(fields::wrapped("r fetches it again.", width, theme.dim()));
        }
        Some(DetailFetch::Ready(d)) => out.extend(detail_lines(d, width, theme)),
    }
    out
}

fn detail_lines(d: &CertificateDetail, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let flags = d.flags();
    if flags.is_empty() {
        let ok = format!(
            "✓ 证书状态 {} ({})",
            d.status.label_zh(),
            d.status.label_en()
        );
        out.extend(fields::wrapped(&ok, width, theme.ok()));
    } else {
        let style = theme.error();
        if !d.status.is_valid() && d.status != crate::domain::certificate::CertStatus::Unknown {
            let banner = format!(
                "⚠ NOT VALID · 证书状态 {} ({})",
                d.status.label_zh(),
                d.status.label_en()
            );
            out.extend(fields::wrapped(&banner, width, style));
        }
        // The banner already says the status; list the other flags.
        let rest: Vec<String> = flags
            .into_iter()
            .filter(|f| !f.starts_with("status "))
            .collect();
        out.extend(fields::flags(&rest, width, style));
    }
    out.push(Line::default());
    let shown: Vec<(String, &str)> = d
        .non_empty_fields()
        .map(|(k, v)| {
            let label = match english(k.trim()) {
                Some(en) => format!("{k} {en}"),
                None => k.to_string(),
            };
            (label, v)
        })
        .collect();
    let labels: Vec<String> = shown.iter().map(|(l, _)| l.clone()).collect();
    let label_w = fields::label_width(&labels, width);
    for (label, value) in &shown {
        let style = if label.starts_with("证书状态") && !d.status.is_valid() {
            theme.error()
        } else {
            theme.plain()
        };
        out.extend(fields::field(label, value, width, label_w, style, theme));
    }
    let empty = d.fields.len().saturating_sub(shown.len());
    if empty > 0 {
        out.push(Line::default());
        let note = format!("{empty} empty fields not shown (Y copies every field as JSON).");
        out.extend(fields::wrapped(&note, width, theme.dim()));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let title = text::truncate(
        " Certificate detail 证书详情 · Esc back ",
        usize::from(area.width).saturating_sub(2),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let room = usize::from(area.width).saturating_sub(4);
    let block = match state.detail_age_note() {
        Some((note, stale)) => {
            let (text, style) = if stale {
                (format!(" ⚠ {note} · r refreshes "), theme.warn())
            } else {
                (format!(" {note} · r refreshes "), theme.dim())
            };
            block.title_bottom(
                Line::from(Span::styled(text::truncate(&text, room), style)).right_aligned(),
            )
        }
        None => block,
    };
    let body = inner(area);
    frame.render_widget(block, area);
    let content = lines(state, usize::from(body.width), theme);
    let scroll = super::detail::clamp_scroll(state.drill_scroll, content.len(), body.height);
    frame.render_widget(Paragraph::new(content).scroll((scroll, 0)), body);
}
