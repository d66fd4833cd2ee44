//! The detail pane: every field of the selected record, labelled in Chinese and English,
//! the full list of qualification names, and customs penalties as a table of their own.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::records::{self, Record};
use crate::app::state::{DetailFetch, Focus, State, Tab};
use crate::domain::customs::CustomsRecord;
use crate::domain::text;

use super::fields;
use super::theme::Theme;
use crate::app::layout::inner;

/// Lines of content at this width (the update clamps scrolling with it).
pub fn line_count(state: &State, width: usize) -> usize {
    let theme = Theme::new(true);
    if state.drill.is_some() && state.tab == Tab::Certificates {
        return super::drill::lines(state, width, &theme).len();
    }
    lines(state, width, &theme).len()
}

/// The selected record's detail as lines.
pub fn lines(state: &State, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(record) = records::selected(state) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let flag_style = match record {
        Record::Customs(r) if r.level.is_red() || r.cancelled => theme.error(),
        Record::Qualification(q) if q.expiry.is_expired() => theme.error(),
        Record::Certificate(c) if c.expiry.is_expired() => theme.error(),
        _ => theme.warn(),
    };
    out.extend(fields::flags(&record.flags(), width, flag_style));
    let all = record.fields();
    let labels: Vec<String> = all.iter().map(|(zh, en, _)| format!("{zh} {en}")).collect();
    let label_w = fields::uniform_label_width(&labels, width);
    for ((_, en, value), label) in all.iter().zip(&labels) {
        let style = match (*en, record) {
            ("expiry", Record::Qualification(q)) => theme.expiry(&q.expiry),
            ("expiry", Record::Certificate(c)) => theme.expiry(&c.expiry),
            ("credit level", Record::Customs(r)) if r.level.is_red() => theme.error(),
            _ => theme.plain(),
        };
        out.extend(fields::field(label, value, width, label_w, style, theme));
    }
    match record {
        Record::Qualification(q) => {
            out.push(Line::default());
            out.push(fields::heading(
                &format!("资质名称 qualification names ({})", q.names.len()),
                width,
                theme,
            ));
            for (name, grade) in q.named_grades() {
                let item = format!("• {name}  [{}]", grade.label_en());
                out.extend(fields::wrapped(&item, width, theme.plain()));
            }
        }
        Record::Certificate(c) => {
            out.push(Line::default());
            let hint = match state.details.get(&c.id) {
                Some(DetailFetch::Ready(d)) => {
                    let flags = d.flags();
                    if flags.is_empty() {
                        format!(
                            "证书状态 status: {} ({}). Enter shows all fields.",
                            d.status.label_zh(),
                            d.status.label_en()
                        )
                    } else {
                        format!("⚠ {}. Enter shows all fields.", flags.join("; "))
                    }
                }
                Some(DetailFetch::Loading(_)) => "Fetching the certificate's detail…".into(),
                Some(DetailFetch::Failed(e)) => format!("Detail failed: {}", e.message),
                None => "The list carries no status: Enter fetches the certificate's detail \
                         (status, scope, issuing body; one billed call, kept)."
                    .into(),
            };
            out.extend(fields::wrapped(&hint, width, theme.dim()));
        }
        Record::Customs(r) => {
            out.push(Line::default());
            out.extend(penalties(r, width, theme));
        }
    }
    out
}

/// Customs penalties as their own table.
fn penalties(r: &CustomsRecord, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = vec![fields::heading(
        &format!("海关处罚 customs penalties ({})", r.penalties.len()),
        width,
        theme,
    )];
    if r.penalties.is_empty() {
        out.push(Line::from(Span::styled("none · 无", theme.dim())));
        return out;
    }
    let party = width >= 70;
    let fixed = 4 + 10 + 6 + 3;
    let flex = width.saturating_sub(fixed + usize::from(party));
    let (decision_w, party_w) = if party {
        (flex / 2 + flex % 2, flex / 2)
    } else {
        (flex, 0)
    };
    let row = |no: &str, date: &str, nature: &str, decision: &str, who: &str| {
        let mut s = format!(
            "{} {} {} {}",
            text::fit(no, 4),
            text::fit(date, 10),
            text::fit(nature, 6),
            text::fit(decision, decision_w)
        );
        if party {
            s.push(' ');
            s.push_str(&text::fit(who, party_w));
        }
        s
    };
    out.push(Line::from(Span::styled(
        row(
            "序号",
            "日期 date",
            "性质",
            "决定书编号 decision no.",
            "当事人 party",
        ),
        theme.bold(),
    )));
    for p in &r.penalties {
        let date = if p.date_text.is_empty() {
            "—".to_string()
        } else {
            p.date_text.clone()
        };
        let style = if p.nature.is_red() {
            theme.error()
        } else {
            theme.warn()
        };
        out.push(Line::from(Span::styled(
            row(&p.no, &date, p.nature.label_zh(), &p.decision_no, &p.party),
            style,
        )));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(state.focus == Focus::Detail))
        .title(" Detail 详情 ");
    let body = inner(area);
    frame.render_widget(block, area);
    let content = lines(state, usize::from(body.width), theme);
    let scroll = clamp_scroll(state.view(state.tab).scroll, content.len(), body.height);
    frame.render_widget(Paragraph::new(content).scroll((scroll, 0)), body);
}

/// The scroll, kept so the last page of content stays full.
pub fn clamp_scroll(scroll: u16, lines: usize, height: u16) -> u16 {
    let max = u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_sub(height);
    scroll.min(max)
}
