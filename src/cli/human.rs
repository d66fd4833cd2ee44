//! Human-readable output of each command: aligned tables and labelled fields.

use chrono::NaiveDate;

use crate::domain::certificate::CertificateDetail;
use crate::domain::customs::CustomsRecord;
use crate::domain::dates::{Expiry, Judged};
use crate::domain::page::Page;
use crate::domain::qualification::Qualification;
use crate::domain::report::ReportState;

use super::table::{fields, render};

const MAX_COL: usize = 40;

fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

fn badge(e: &Expiry) -> String {
    format!("{} {}", e.marker(), e.label())
}

fn footer<T>(page: &Page<T>, noun: &str) -> String {
    format!("{} {noun} · {}\n", page.items.len(), page.label())
}

pub fn qualifications(page: &Page<Judged<Qualification>>) -> String {
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|q| {
            let first = q.names.first().cloned().unwrap_or_default();
            let names = match q.names.len() {
                0 | 1 => first,
                n => format!("{first} (+{})", n - 1),
            };
            vec![
                q.cert_no.clone(),
                q.category.clone(),
                names,
                q.issuer.clone(),
                date(q.expires),
                badge(&q.expiry),
            ]
        })
        .collect();
    let mut out = render(
        &[
            "证书编号 No.",
            "类别 Category",
            "资质名称 Qualification",
            "发证机关 Issuer",
            "有效期至 Expires",
            "状态 State",
        ],
        &rows,
        MAX_COL,
    );
    out.push_str(&footer(page, "qualification certificate(s)"));
    out
}

pub fn certificates(page: &Page<crate::service::details::CertRow>) -> String {
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|row| {
            let c = &row.cert;
            vec![
                c.id.clone(),
                c.number.clone(),
                c.type_desc.clone(),
                date(c.starts),
                date(c.ends),
                // A stored detail's status, else the row's own; the end date alone never
                // makes a certificate valid (`corpvet cert ID` reads the status, billed).
                match (&row.status, row.status_from) {
                    (Some(s), Some("detail")) => {
                        format!("{} ({}, checked)", s.label_zh(), s.label_en())
                    }
                    (Some(s), _) => s.label(),
                    (None, _) => "? unchecked".to_string(),
                },
            ]
        })
        .collect();
    let mut out = render(
        &[
            "Id",
            "证书编号 No.",
            "证书类型 Type",
            "生效 Starts",
            "截止 Ends",
            "状态 Status",
        ],
        &rows,
        MAX_COL,
    );
    out.push_str(&footer(page, "certificate(s)"));
    out
}

pub fn certificate_detail(d: &CertificateDetail, today: NaiveDate) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "证书状态 status: {} ({})\n",
        d.status.label_zh(),
        d.status.label_en()
    ));
    for flag in d.flags(today) {
        out.push_str(&format!("! {flag}\n"));
    }
    out.push('\n');
    let pairs: Vec<(String, String)> = d
        .non_empty_fields()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    out.push_str(&fields(&pairs));
    out
}

pub fn customs(page: &Page<CustomsRecord>) -> String {
    let mut out = String::new();
    for (i, r) in page.items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let pairs: Vec<(String, String)> = r
            .labelled_fields()
            .into_iter()
            .map(|(zh, en, v)| (format!("{zh} {en}"), v))
            .collect();
        out.push_str(&fields(&pairs));
        out.push_str(&format!(
            "信用等级 level: {} ({}){}\n",
            r.level.label_zh(),
            r.level.label_en(),
            if r.level.is_red() {
                "  ✗ RED FLAG"
            } else {
                ""
            }
        ));
        if r.penalties.is_empty() {
            out.push_str("海关行政处罚 penalties: none\n");
        } else {
            out.push_str(&format!("海关行政处罚 penalties: {}\n", r.penalties.len()));
            let rows: Vec<Vec<String>> = r
                .penalties
                .iter()
                .map(|p| {
                    vec![
                        p.no.clone(),
                        p.decision_no.clone(),
                        p.party.clone(),
                        p.date_text.clone(),
                        p.nature_text.clone(),
                    ]
                })
                .collect();
            out.push_str(&render(
                &[
                    "序号",
                    "决定书编号 Decision",
                    "当事人 Party",
                    "处罚日期 Date",
                    "案件性质 Nature",
                ],
                &rows,
                MAX_COL,
            ));
        }
    }
    out.push_str(&footer(page, "customs record(s)"));
    out
}

pub fn report_state(order_no: &str, state: &ReportState, download_url: Option<&str>) -> String {
    let mut out = format!("order {order_no}: {}\n", state.label());
    if let Some(url) = download_url {
        out.push_str(&format!("download: {url}\n"));
    }
    out
}
