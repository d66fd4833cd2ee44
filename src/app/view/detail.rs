//! The detail pane's content: every field of the selected record, labelled in Chinese and
//! English, the full list of qualification names, and customs penalties as a table of their
//! own.

use crate::app::records::{self, Record};
use crate::app::registry::DetailFetch;
use crate::app::state::{State, Tab};
use crate::domain::customs::CustomsRecord;
use crate::domain::dates::Expires;
use crate::domain::text;

use super::{fields, line, Role, ViewLine};

/// Lines of content at this width, of the drill-down when it is open (the update clamps
/// scrolling with it).
pub fn line_count(state: &State, width: usize) -> usize {
    if state.drill.is_some() && state.tab == Tab::Certificates {
        return super::drill::lines(state, width).len();
    }
    lines(state, width).len()
}

/// The selected record's detail as lines.
pub fn lines(state: &State, width: usize) -> Vec<ViewLine> {
    let Some(record) = records::selected(state) else {
        return Vec::new();
    };
    let today = state.today;
    let mut out = Vec::new();
    let flag_role = match record {
        Record::Customs(r) if r.level.is_red() || r.cancelled => Role::Error,
        _ if record.expiry(today).is_some_and(|e| e.is_expired()) => Role::Error,
        _ => Role::Warn,
    };
    out.extend(fields::flags(&record.flags(today), width, flag_role));
    let all = record.fields(today);
    let labels: Vec<String> = all.iter().map(|(zh, en, _)| format!("{zh} {en}")).collect();
    let label_w = fields::uniform_label_width(&labels, width);
    for ((_, en, value), label) in all.iter().zip(&labels) {
        let role = match (*en, record) {
            ("expiry", Record::Qualification(q)) => Role::Expiry(q.expiry(today)),
            ("credit level", Record::Customs(r)) if r.level.is_red() => Role::Error,
            _ => Role::Plain,
        };
        out.extend(fields::field(label, value, width, label_w, role));
    }
    match record {
        Record::Qualification(q) => {
            out.push(ViewLine::new());
            out.push(fields::heading(
                &format!("资质名称 qualification names ({})", q.names.len()),
                width,
            ));
            for (name, grade) in q.named_grades() {
                let item = format!("• {name}  [{}]", grade.label_en());
                out.extend(fields::wrapped(&item, width, Role::Plain));
            }
        }
        Record::Certificate(c) => {
            out.push(ViewLine::new());
            let hint = match state.detail(&c.id) {
                Some(DetailFetch::Ready(d)) => {
                    let flags = d.flags(today);
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
                Some(DetailFetch::Loading) => "Fetching the certificate's detail…".into(),
                Some(DetailFetch::Failed(e)) => format!("Detail failed: {}", e.message),
                None => "The list carries no status: Enter fetches the certificate's detail \
                         (status, scope, issuing body; one billed call, kept)."
                    .into(),
            };
            out.extend(fields::wrapped(&hint, width, Role::Dim));
        }
        Record::Customs(r) => {
            out.push(ViewLine::new());
            out.extend(penalties(r, width));
        }
    }
    out
}

/// Customs penalties as their own table.
fn penalties(r: &CustomsRecord, width: usize) -> Vec<ViewLine> {
    let mut out = vec![fields::heading(
        &format!("海关处罚 customs penalties ({})", r.penalties.len()),
        width,
    )];
    if r.penalties.is_empty() {
        out.push(line("none · 无", Role::Dim));
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
    out.push(line(
        row(
            "序号",
            "日期 date",
            "性质",
            "决定书编号 decision no.",
            "当事人 party",
        ),
        Role::Bold,
    ));
    for p in &r.penalties {
        let date = if p.date_text.is_empty() {
            "—".to_string()
        } else {
            p.date_text.clone()
        };
        let role = if p.nature.is_red() {
            Role::Error
        } else {
            Role::Warn
        };
        out.push(line(
            row(&p.no, &date, p.nature.label_zh(), &p.decision_no, &p.party),
            role,
        ));
    }
    out
}
