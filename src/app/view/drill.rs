//! A certificate's drill-down content: the free-form detail map, important keys first, with
//! a status other than 有效 flagged at the top where it cannot be missed.

use chrono::NaiveDate;

use crate::app::records::{self, Record};
use crate::app::registry::DetailFetch;
use crate::app::state::State;
use crate::domain::certificate::CertificateDetail;

use super::{fields, line, Role, ViewLine};

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

pub fn lines(state: &State, width: usize) -> Vec<ViewLine> {
    let Some(id) = state.drill.as_deref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(Record::Certificate(c)) = records::selected(state) {
        if c.id == id {
            let head = format!("{} · {}", c.number, c.type_desc);
            out.extend(fields::wrapped(&head, width, Role::Bold));
        }
    }
    match state.detail(id) {
        None | Some(DetailFetch::Loading) => {
            out.push(line(
                format!(
                    "{} Fetching the certificate's detail… (Esc goes back; it still arrives)",
                    state.spinner()
                ),
                Role::Accent,
            ));
        }
        Some(DetailFetch::Failed(e)) => {
            out.extend(fields::wrapped(
                &format!("✗ {}", e.message),
                width,
                Role::Error,
            ));
            if let Some(g) = &e.gloss {
                out.extend(fields::wrapped(g, width, Role::Error));
            }
            out.extend(fields::wrapped("r fetches it again.", width, Role::Dim));
        }
        Some(DetailFetch::Ready(d)) => out.extend(detail_lines(d, width, state.today)),
    }
    out
}

fn detail_lines(d: &CertificateDetail, width: usize, today: NaiveDate) -> Vec<ViewLine> {
    let mut out = Vec::new();
    let flags = d.flags(today);
    if flags.is_empty() {
        let ok = format!(
            "✓ 证书状态 {} ({})",
            d.status.label_zh(),
            d.status.label_en()
        );
        out.extend(fields::wrapped(&ok, width, Role::Ok));
    } else {
        let role = Role::Error;
        if !d.status.is_valid() && d.status != crate::domain::certificate::CertStatus::Unknown {
            let banner = format!(
                "⚠ NOT VALID · 证书状态 {} ({})",
                d.status.label_zh(),
                d.status.label_en()
            );
            out.extend(fields::wrapped(&banner, width, role));
        }
        // The banner already says the status; list the other flags.
        let rest: Vec<String> = flags
            .into_iter()
            .filter(|f| !f.starts_with("status "))
            .collect();
        out.extend(fields::flags(&rest, width, role));
    }
    out.push(ViewLine::new());
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
        let role = if label.starts_with("证书状态") && !d.status.is_valid() {
            Role::Error
        } else {
            Role::Plain
        };
        out.extend(fields::field(label, value, width, label_w, role));
    }
    let empty = d.fields.len().saturating_sub(shown.len());
    if empty > 0 {
        out.push(ViewLine::new());
        let note = format!("{empty} empty fields not shown (Y copies every field as JSON).");
        out.extend(fields::wrapped(&note, width, Role::Dim));
    }
    out
}
