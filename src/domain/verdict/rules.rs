//! The rules, one function per source; each returns its flags in record order.

use chrono::NaiveDate;

use crate::domain::certificate::{CertStatus, Certificate, CertificateDetail};
use crate::domain::customs::PenaltyNature;
use crate::domain::dates::Expiry;
use crate::domain::qualification::Qualification;

use super::{
    CertificateSet, Counts, Evidence, Flag, FlagCode, FlagLevel, Outcome, SourceId, VerdictLevel,
    VetInput,
};

/// Every flag, unsorted (source order).
pub(super) fn all_flags(input: &VetInput, today: NaiveDate) -> Vec<Flag> {
    let mut flags = Vec::new();
    qualification_flags(input, &mut flags);
    if let Some(set) = input.certificates.found() {
        certificate_flags(set, input, today, &mut flags);
    }
    customs_flags(input, &mut flags);
    failure_flags(input, &mut flags);
    flags
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

fn first_name(q: &Qualification) -> &str {
    q.names.first().map_or(q.category.as_str(), String::as_str)
}

fn qualification_flags(input: &VetInput, flags: &mut Vec<Flag>) {
    let mut held = 0usize;
    let mut all_valid = true;
    for source in [SourceId::QualificationsQcc, SourceId::QualificationsJuhe] {
        let Some(outcome) = input.qualifications(source) else {
            continue;
        };
        if matches!(outcome, Outcome::Failed(_)) {
            all_valid = false;
        }
        for (i, q) in outcome.found().into_iter().flatten().enumerate() {
            held += 1;
            let evidence = Evidence::row(source, i, &q.cert_no, "expires")
                .label("证书有效期")
                .value(date_text(q.expires));
            let name = first_name(q);
            match q.expiry {
                Expiry::Expired { days_ago } => {
                    all_valid = false;
                    flags.push(
                        Flag::new(
                            FlagLevel::Red,
                            FlagCode::QualificationExpired,
                            format!(
                                "Qualification {} ({name}) expired {days_ago} days ago, on {}",
                                q.cert_no,
                                date_text(q.expires)
                            ),
                            format!(
                                "资质证书 {}（{name}）已过期 {days_ago} 天（有效期至 {}）",
                                q.cert_no,
                                date_text(q.expires)
                            ),
                        )
                        .with(evidence),
                    );
                }
                Expiry::Expiring { days_left } => flags.push(
                    Flag::new(
                        FlagLevel::Warning,
                        FlagCode::QualificationExpiring,
                        format!(
                            "Qualification {} ({name}) expires in {days_left} days, on {}",
                            q.cert_no,
                            date_text(q.expires)
                        ),
                        format!(
                            "资质证书 {}（{name}）将在 {days_left} 天后到期（{}）",
                            q.cert_no,
                            date_text(q.expires)
                        ),
                    )
                    .with(evidence),
                ),
                Expiry::Valid { .. } => {}
                Expiry::Unknown => all_valid = false,
            }
        }
    }
    if held > 0 && all_valid {
        flags.push(Flag::new(
            FlagLevel::Good,
            FlagCode::QualificationsValid,
            format!("All {held} qualification certificates are within their validity"),
            format!("全部 {held} 项资质证书均在有效期内"),
        ));
    }
}

fn cert_name(c: &Certificate) -> String {
    if c.type_desc.is_empty() {
        c.number.clone()
    } else {
        format!("{} ({})", c.number, c.type_desc)
    }
}

fn certificate_flags(
    set: &CertificateSet,
    input: &VetInput,
    today: NaiveDate,
    flags: &mut Vec<Flag>,
) {
    let mut checked = 0usize;
    for (i, c) in set.items.iter().enumerate() {
        let detail = input.details.get(&c.id);
        if detail.is_some() {
            checked += 1;
        }
        let status = detail.map_or(&CertStatus::Unknown, |d| &d.status);
        let status_flag = detail.and_then(|d| status_flag(i, c, d));
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
            Some(d) => (d.expires, d.expiry),
            None => (c.ends, crate::domain::dates::expiry(c.ends, today)),
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

/// The flag a fetched status raises: red for 撤销/注销, a warning for anything else not 有效.
fn status_flag(i: usize, c: &Certificate, d: &CertificateDetail) -> Option<Flag> {
    let (level, code) = match &d.status {
        CertStatus::Valid | CertStatus::Unknown => return None,
        s if s.is_red() => (FlagLevel::Red, FlagCode::CertificateRevoked),
        CertStatus::Expired => (FlagLevel::Warning, FlagCode::CertificateExpired),
        _ => (FlagLevel::Warning, FlagCode::CertificateNotValid),
    };
    let s = &d.status;
    let raw = d.get("证书状态").unwrap_or(s.label_zh()).trim().to_string();
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

fn customs_flags(input: &VetInput, flags: &mut Vec<Flag>) {
    let src = SourceId::Customs;
    for (i, r) in input.customs.found().into_iter().flatten().enumerate() {
        let office = if r.customs_office.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.customs_office)
        };
        let level_evidence = || {
            Evidence::row(src, i, &r.id, "level")
                .label("信用等级")
                .value(r.level_text.clone())
        };
        if r.level.is_red() {
            flags.push(
                Flag::new(
                    FlagLevel::Red,
                    FlagCode::CustomsDishonest,
                    format!(
                        "Customs credit level {} ({}){office}",
                        r.level_text,
                        r.level.label_en()
                    ),
                    format!("海关信用等级：{}{office}", r.level_text),
                )
                .with(level_evidence()),
            );
        }
        if r.level == crate::domain::customs::CreditLevel::AdvancedCertified {
            let code = if r.identify_code.is_empty() {
                String::new()
            } else {
                format!(", {}", r.identify_code)
            };
            flags.push(
                Flag::new(
                    FlagLevel::Good,
                    FlagCode::AdvancedCertified,
                    format!("Customs 高级认证企业 (AEO advanced certified){code}"),
                    format!("海关高级认证企业{code}"),
                )
                .with(level_evidence()),
            );
        }
        if r.cancelled {
            flags.push(
                Flag::new(
                    FlagLevel::Warning,
                    FlagCode::CustomsCancelled,
                    format!(
                        "Customs registration {} is cancelled (注销){office}",
                        r.reg_no
                    ),
                    format!("海关注册编码 {} 已注销{office}", r.reg_no),
                )
                .with(
                    Evidence::row(src, i, &r.id, "cancel_flag")
                        .label("海关注销标志")
                        .value(r.cancel_flag.clone()),
                ),
            );
        }
        for (p, pen) in r.penalties.iter().enumerate() {
            let smuggling = pen.nature == PenaltyNature::Smuggling;
            let (level, code) = if smuggling {
                (FlagLevel::Red, FlagCode::SmugglingPenalty)
            } else {
                (FlagLevel::Warning, FlagCode::CustomsPenalty)
            };
            let nature = if pen.nature_text.is_empty() {
                "未注明".to_string()
            } else {
                pen.nature_text.clone()
            };
            let mut evidence = Evidence::row(src, i, &pen.decision_no, "nature")
                .label("案件性质")
                .value(nature.clone());
            evidence.penalty = Some(p);
            flags.push(
                Flag::new(
                    level,
                    code,
                    format!(
                        "Customs penalty: {nature} ({}), decision {} on {}",
                        pen.nature.label_en(),
                        pen.decision_no,
                        pen.date_text
                    ),
                    format!(
                        "海关行政处罚：{nature}（{}，{}）",
                        pen.decision_no, pen.date_text
                    ),
                )
                .with(evidence),
            );
        }
        if r.annual_report_missing {
            flags.push(
                Flag::new(
                    FlagLevel::Warning,
                    FlagCode::AnnualReportMissing,
                    format!(
                        "Customs annual report not filed ({}){office}",
                        r.annual_status
                    ),
                    format!("海关年报情况：{}{office}", r.annual_status),
                )
                .with(
                    Evidence::row(src, i, &r.id, "annual_status")
                        .label("年报情况")
                        .value(r.annual_status.clone()),
                ),
            );
        }
    }
}

fn failure_flags(input: &VetInput, flags: &mut Vec<Flag>) {
    for report in input.source_reports() {
        let Some(error) = &report.error else {
            continue;
        };
        let s = report.source;
        let (en, zh) = if report.state == super::SourceState::Partial {
            (
                format!(
                    "{} only partly checked ({} records): {}",
                    s.label_en(),
                    report.records,
                    error.message
                ),
                format!(
                    "{}仅部分核查（{} 条）：{}",
                    s.label_zh(),
                    report.records,
                    error.message
                ),
            )
        } else {
            (
                format!("{} could not be checked: {}", s.label_en(), error.message),
                format!("{}无法核查：{}", s.label_zh(), error.message),
            )
        };
        flags.push(
            Flag::new(FlagLevel::Warning, FlagCode::SourceFailed, en, zh).with(Evidence {
                source: s,
                index: None,
                penalty: None,
                id: None,
                field: "error",
                label: "错误",
                value: error.code.clone().unwrap_or_else(|| error.class.clone()),
            }),
        );
    }
}

pub(super) fn counts(input: &VetInput, flags: &[Flag]) -> Counts {
    let quals = [&input.qualifications_qcc, &input.qualifications_juhe]
        .iter()
        .map(|o| o.found().map_or(0, Vec::len))
        .sum();
    let set = input.certificates.found();
    let customs = input.customs.found();
    let level = |l: FlagLevel| flags.iter().filter(|f| f.level == l).count();
    Counts {
        qualifications: quals,
        certificates: set.map_or(0, |s| s.items.len()),
        certificates_total: set.map_or(0, |s| s.total.max(s.items.len() as u64)),
        certificates_checked: set.map_or(0, |s| {
            s.items
                .iter()
                .filter(|c| input.details.contains_key(&c.id))
                .count()
        }),
        customs_records: customs.map_or(0, Vec::len),
        penalties: customs.map_or(0, |rs| rs.iter().map(|r| r.penalties.len()).sum()),
        red: level(FlagLevel::Red),
        warning: level(FlagLevel::Warning),
        good: level(FlagLevel::Good),
    }
}

pub(super) fn headline(
    level: VerdictLevel,
    counts: &Counts,
    unchecked: &[SourceId],
) -> (String, String) {
    let (mut en, mut zh) = match level {
        VerdictLevel::Red => (
            format!(
                "RED FLAGS: {} red, {} warning(s)",
                counts.red, counts.warning
            ),
            format!(
                "存在重大风险：{} 项红色，{} 项警告",
                counts.red, counts.warning
            ),
        ),
        VerdictLevel::Warning => (
            format!("WARNINGS: {} warning(s), no red flag", counts.warning),
            format!("需要注意：{} 项警告，无红色风险", counts.warning),
        ),
        VerdictLevel::Clean => (
            "CLEAN: nothing of concern found".to_string(),
            "未发现问题".to_string(),
        ),
        VerdictLevel::NothingFound => (
            "NOTHING FOUND: no source has any record of this company (not the same as clean)"
                .to_string(),
            "未查到任何记录（不等于没有问题）".to_string(),
        ),
        VerdictLevel::Incomplete => (
            "COULD NOT VET: no source could be checked".to_string(),
            "无法核查：所有数据源均失败".to_string(),
        ),
    };
    if !unchecked.is_empty() && level != VerdictLevel::Incomplete {
        let en_list: Vec<&str> = unchecked.iter().map(|s| s.label_en()).collect();
        let zh_list: Vec<&str> = unchecked.iter().map(|s| s.label_zh()).collect();
        en.push_str(&format!("; could not check: {}", en_list.join(", ")));
        zh.push_str(&format!("；无法核查：{}", zh_list.join("、")));
    }
    (en, zh)
}
