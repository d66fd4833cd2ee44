//! Certificate rules: a fetched status (red for 撤销/注销), the issuing body's status, the
//! expiry date (the detail's when fetched, else the list's), and the unchecked count.

use chrono::NaiveDate;

use crate::domain::certificate::{CertStatus, Certificate, CertificateDetail};
use crate::domain::dates::{Expires, Expiry};

use super::rules::date_text;
use super::{CertificateSet, Evidence, Flag, FlagCode, FlagLevel, SourceId, VetInput};

fn cert_name(c: &Certificate) -> String {
    if c.type_desc.is_empty() {
        c.number.clone()
    } else {
        format!("{} ({})", c.number, c.type_desc)
    }
}

pub(super) fn certificate_flags(
    set: &CertificateSet,
    input: &VetInput,
    today: NaiveDate,
    flags: &mut Vec<Flag>,
) {
    let mut checked = 0usize;
    for (i, c) in set.items.iter().enumerate() {
        let detail = input.details.get(&c.id);
        // A status is known from the fetched detail, or from the search row itself.
        let status = c.known_status(detail).unwrap_or(&CertStatus::Unknown);
        if detail.is_some() || c.status.is_some() {
            checked += 1;
        }
        let status_flag = status_flag(i, c, detail, status);
        let status_covers_expiry = status.is_red() || *status == CertStatus::Expired;
        if let Some(f) = status_flag {
            flags.push(f);
        }
        if let Some(d) = detail {
            if let Some(s) = d.issuer_status.as_ref().filter(|s| !s.is_valid()) {
                let issuer = d.get("发证机构名称").unwrap_or("").trim().to_string();
                flags.push(
                    Flag::new(
                        FlagLevel::Warning,
                        FlagCode::IssuerNotValid,
                        format!(
                            "Certificate {}: its issuing body {issuer} is {} ({})",
                            cert_name(c),
                            s.label_zh(),
                            s.label_en()
                        ),
                        format!(
                            "证书 {} 的发证机构 {issuer} 状态：{}",
                            c.number,
                            s.label_zh()
                        ),
                    )
                    .with(
                        Evidence::row(SourceId::Certificates, i, &c.id, "issuer_status")
                            .label("发证机构状态")
                            .value(s.label_zh()),
                    ),
                );
            }
        }
        if status_covers_expiry {
            continue;
        }
        // The detail's date is the registry's; the list's is the fallback.
        let (expires, expiry) = match detail.filter(|d| d.expires.is_some()) {
            Some(d) => (d.expires, d.expiry(today)),
            None => (c.ends, c.expiry(today)),
        };
        let evidence = Evidence::row(SourceId::Certificates, i, &c.id, "ends")
            .label("证书到期日期")
            .value(date_text(expires));
        match expiry {
            Expiry::Expired { days_ago } => flags.push(
                Flag::new(
                    FlagLevel::Warning,
                    FlagCode::CertificateExpired,
                    format!(
                        "Certificate {} expired {days_ago} days ago, on {}",
                        cert_name(c),
                        date_text(expires)
                    ),
                    format!(
                        "证书 {} 已过期 {days_ago} 天（{}）",
                        c.number,
                        date_text(expires)
                    ),
                )
                .with(evidence),
            ),
            Expiry::Expiring { days_left } => flags.push(
                Flag::new(
                    FlagLevel::Warning,
                    FlagCode::CertificateExpiring,
                    format!(
                        "Certificate {} expires in {days_left} days, on {}",
                        cert_name(c),
                        date_text(expires)
                    ),
                    format!(
                        "证书 {} 将在 {days_left} 天后到期（{}）",
                        c.number,
                        date_text(expires)
                    ),
                )
                .with(evidence),
            ),
            Expiry::Valid { .. } | Expiry::Unknown => {}
        }
    }
    let total = usize::try_from(set.total)
        .unwrap_or(usize::MAX)
        .max(set.items.len());
    let unchecked = total.saturating_sub(checked);
    if unchecked > 0 {
        let unlisted = total - set.items.len();
        let extra_en = if unlisted > 0 {
            format!("; {unlisted} of them beyond the pages fetched")
        } else {
            String::new()
        };
        let extra_zh = if unlisted > 0 {
            format!("；其中 {unlisted} 张未在已取的页中")
        } else {
            String::new()
        };
        flags.push(Flag::new(
            FlagLevel::Warning,
            FlagCode::CertificatesUnchecked,
            format!(
                "{unchecked} of {total} certificates' status not checked (each detail is a billed call){extra_en}"
            ),
            format!("{total} 张证书中 {unchecked} 张的状态未核实（详情逐张计费）{extra_zh}"),
        ));
    }
}

/// The flag a known status raises (the detail's, or the search row's own): red for
/// 撤销/注销, a warning for anything else not 有效.
fn status_flag(
    i: usize,
    c: &Certificate,
    detail: Option<&CertificateDetail>,
    s: &CertStatus,
) -> Option<Flag> {
    let (level, code) = match s {
        CertStatus::Valid | CertStatus::Unknown => return None,
        s if s.is_red() => (FlagLevel::Red, FlagCode::CertificateRevoked),
        CertStatus::Expired => (FlagLevel::Warning, FlagCode::CertificateExpired),
        _ => (FlagLevel::Warning, FlagCode::CertificateNotValid),
    };
    let raw = match detail.and_then(|d| d.get("证书状态")) {
        Some(text) if detail.is_some_and(|d| d.status != CertStatus::Unknown) => text,
        _ if !c.status_text.is_empty() => c.status_text.as_str(),
        _ => s.label_zh(),
    }
    .trim()
    .to_string();
    Some(
        Flag::new(
            level,
            code,
            format!("Certificate {} is {raw} ({})", cert_name(c), s.label_en()),
            format!("证书 {} 状态：{raw}", c.number),
        )
        .with(
            Evidence::row(SourceId::Certificates, i, &c.id, "status")
                .label("证书状态")
                .value(raw),
        ),
    )
}
