//! What a watchlist remembers of a vet, and what changed between two of them: a
//! qualification expired or renewed, a new penalty, a new credit level, a certificate status
//! change. A source that could not be checked on either side is compared on neither, so a
//! failure never reads as "everything disappeared".

use std::collections::BTreeMap;

use crate::domain::dates::{expiry, Expires};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Outcome, SourceState, Verdict, VetInput};

/// The facts of one vet that are worth comparing. Stored as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub keyword: String,
    /// The day expiry dates were judged against.
    pub today: String,
    /// The verdict level's code.
    pub level: String,
    /// Source code → state code (`found`, `not_found`, `failed` …).
    pub sources: BTreeMap<String, String>,
    /// `provider:cert_no` → the qualification.
    pub qualifications: BTreeMap<String, QualFact>,
    /// Certificate id → the certificate.
    pub certificates: BTreeMap<String, CertFact>,
    /// Customs record id (or registration number) → the record.
    pub customs: BTreeMap<String, CustomsFact>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QualFact {
    pub name: String,
    pub expires: Option<String>,
    /// `valid`, `expiring`, `expired` or `unknown`.
    pub state: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CertFact {
    pub number: String,
    pub kind: String,
    pub ends: Option<String>,
    pub state: String,
    /// 证书状态 when the detail was fetched.
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomsFact {
    pub office: String,
    pub level: String,
    pub cancelled: bool,
    pub annual_report_missing: bool,
    /// Decision number → nature.
    pub penalties: BTreeMap<String, String>,
}

fn day(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn state_code(e: &crate::domain::dates::Expiry) -> String {
    use crate::domain::dates::Expiry;
    match e {
        Expiry::Expired { .. } => "expired",
        Expiry::Expiring { .. } => "expiring",
        Expiry::Valid { .. } => "valid",
        Expiry::Unknown => "unknown",
    }
    .to_string()
}

impl Snapshot {
    pub fn of(input: &VetInput, verdict: &Verdict, today: NaiveDate) -> Snapshot {
        let mut s = Snapshot {
            keyword: input.keyword.clone(),
            today: today.format("%Y-%m-%d").to_string(),
            level: verdict.level.code().to_string(),
            ..Snapshot::default()
        };
        for r in &verdict.sources {
            s.sources
                .insert(r.source.code().to_string(), r.state.code().to_string());
        }
        for (prefix, o) in [
            ("qcc", &input.qualifications_qcc),
            ("juhe", &input.qualifications_juhe),
        ] {
            for q in o.found().into_iter().flatten() {
                s.qualifications.insert(
                    format!("{prefix}:{}", q.cert_no),
                    QualFact {
                        name: q.names.first().cloned().unwrap_or_default(),
                        expires: day(q.expires),
                        state: state_code(&q.expiry(today)),
                    },
                );
            }
        }
        if let Outcome::Found(set) = &input.certificates {
            for c in &set.items {
                let detail = input.details.get(&c.id);
                let ends = detail.and_then(|d| d.expires).or(c.ends);
                let expiry = expiry(ends, today);
                s.certificates.insert(
                    c.id.clone(),
                    CertFact {
                        number: c.number.clone(),
                        kind: c.type_desc.clone(),
                        ends: day(ends),
                        state: state_code(&expiry),
                        status: detail.map(|d| d.status.label_zh().to_string()),
                    },
                );
            }
        }
        for r in input.customs.found().into_iter().flatten() {
            let key = if r.id.is_empty() { &r.reg_no } else { &r.id };
            s.customs.insert(
                key.clone(),
                CustomsFact {
                    office: r.customs_office.clone(),
                    level: r.level_text.clone(),
                    cancelled: r.cancelled,
                    annual_report_missing: r.annual_report_missing,
                    penalties: r
                        .penalties
                        .iter()
                        .map(|p| (p.decision_no.clone(), p.nature_text.clone()))
                        .collect(),
                },
            );
        }
        s
    }

    /// Whether `source` answered (found or not found) in this snapshot.
    fn answered(&self, source: &str) -> bool {
        self.sources
            .get(source)
            .is_some_and(|s| s == SourceState::Found.code() || s == SourceState::NotFound.code())
    }
}

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    VerdictChanged,
    QualificationExpired,
    QualificationRenewed,
    QualificationAdded,
    QualificationRemoved,
    CertificateStatusChanged,
    CertificateExpired,
    CertificateAdded,
    CertificateRemoved,
    CreditLevelChanged,
    NewPenalty,
    CustomsCancelled,
    AnnualReportChanged,
    CustomsAdded,
    CustomsRemoved,
    /// A source answered last time but not this time (nothing compared for it).
    SourceUnavailable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub en: String,
    pub zh: String,
}

fn change(kind: ChangeKind, en: String, zh: String) -> Change {
    Change { kind, en, zh }
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

/// The changes from `prev` to `cur`, most important first by source order.
pub fn diff(prev: &Snapshot, cur: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    if prev.level != cur.level {
        out.push(change(
            ChangeKind::VerdictChanged,
            format!("verdict {} → {}", prev.level, cur.level),
            format!("结论 {} → {}", prev.level, cur.level),
        ));
    }
    for (source, _) in prev.sources.iter() {
        if prev.answered(source) && !cur.answered(source) && cur.sources.contains_key(source) {
            out.push(change(
                ChangeKind::SourceUnavailable,
                format!("{source} could not be checked this time: not compared"),
                format!("{source} 本次无法核查，未比较"),
            ));
        }
    }
    let both = |sources: &[&str]| sources.iter().any(|s| prev.answered(s) && cur.answered(s));
    if both(&["qualifications_qcc", "qualifications_juhe"]) {
        qualification_changes(prev, cur, &mut out);
    }
    if both(&["certificates"]) {
        certificate_changes(prev, cur, &mut out);
    }
    if both(&["customs"]) {
        customs_changes(prev, cur, &mut out);
    }
    out
}

fn qualification_changes(prev: &Snapshot, cur: &Snapshot, out: &mut Vec<Change>) {
    for (key, q) in &cur.qualifications {
        let no = key.split_once(':').map_or(key.as_str(), |(_, n)| n);
        let Some(p) = prev.qualifications.get(key) else {
            out.push(change(
                ChangeKind::QualificationAdded,
                format!(
                    "new qualification {no} ({}), valid until {}",
                    q.name,
                    opt(&q.expires)
                ),
                format!("新增资质 {no}（{}），有效期至 {}", q.name, opt(&q.expires)),
            ));
            continue;
        };
        if q.state == "expired" && p.state != "expired" {
            out.push(change(
                ChangeKind::QualificationExpired,
                format!(
                    "qualification {no} ({}) expired on {}",
                    q.name,
                    opt(&q.expires)
                ),
                format!("资质 {no}（{}）已于 {} 过期", q.name, opt(&q.expires)),
            ));
        } else if q.expires > p.expires && p.expires.is_some() {
            out.push(change(
                ChangeKind::QualificationRenewed,
                format!(
                    "qualification {no} ({}) renewed: valid until {} (was {})",
                    q.name,
                    opt(&q.expires),
                    opt(&p.expires)
                ),
                format!(
                    "资质 {no}（{}）已延续：有效期至 {}（原 {}）",
                    q.name,
                    opt(&q.expires),
                    opt(&p.expires)
                ),
            ));
        }
    }
    for (key, q) in &prev.qualifications {
        if !cur.qualifications.contains_key(key) {
            let no = key.split_once(':').map_or(key.as_str(), |(_, n)| n);
            out.push(change(
                ChangeKind::QualificationRemoved,
                format!("qualification {no} ({}) no longer listed", q.name),
                format!("资质 {no}（{}）不再列出", q.name),
            ));
        }
    }
}

fn certificate_changes(prev: &Snapshot, cur: &Snapshot, out: &mut Vec<Change>) {
    for (id, c) in &cur.certificates {
        let Some(p) = prev.certificates.get(id) else {
            out.push(change(
                ChangeKind::CertificateAdded,
                format!("new certificate {} ({})", c.number, c.kind),
                format!("新增证书 {}（{}）", c.number, c.kind),
            ));
            continue;
        };
        if let (Some(was), Some(now)) = (&p.status, &c.status) {
            if was != now {
                out.push(change(
                    ChangeKind::CertificateStatusChanged,
                    format!("certificate {} status {was} → {now}", c.number),
                    format!("证书 {} 状态 {was} → {now}", c.number),
                ));
            }
        }
        if c.state == "expired" && p.state != "expired" {
            out.push(change(
                ChangeKind::CertificateExpired,
                format!(
                    "certificate {} ({}) expired on {}",
                    c.number,
                    c.kind,
                    opt(&c.ends)
                ),
                format!("证书 {}（{}）已于 {} 过期", c.number, c.kind, opt(&c.ends)),
            ));
        }
    }
    for (id, c) in &prev.certificates {
        if !cur.certificates.contains_key(id) {
            out.push(change(
                ChangeKind::CertificateRemoved,
                format!("certificate {} ({}) no longer listed", c.number, c.kind),
                format!("证书 {}（{}）不再列出", c.number, c.kind),
            ));
        }
    }
}

fn customs_changes(prev: &Snapshot, cur: &Snapshot, out: &mut Vec<Change>) {
    for (id, k) in &cur.customs {
        let Some(p) = prev.customs.get(id) else {
            out.push(change(
                ChangeKind::CustomsAdded,
                format!("new customs registration ({}), level {}", k.office, k.level),
                format!("新增海关注册（{}），信用等级 {}", k.office, k.level),
            ));
            continue;
        };
        if p.level != k.level {
            out.push(change(
                ChangeKind::CreditLevelChanged,
                format!("customs credit level {} → {}", p.level, k.level),
                format!("海关信用等级 {} → {}", p.level, k.level),
            ));
        }
        if k.cancelled && !p.cancelled {
            out.push(change(
                ChangeKind::CustomsCancelled,
                format!("customs registration cancelled (注销) at {}", k.office),
                format!("海关注册已注销（{}）", k.office),
            ));
        }
        if k.annual_report_missing != p.annual_report_missing {
            let (en, zh) = if k.annual_report_missing {
                ("annual report now not filed (未报送)", "年报变为未报送")
            } else {
                ("annual report now filed", "年报已报送")
            };
            out.push(change(
                ChangeKind::AnnualReportChanged,
                en.into(),
                zh.into(),
            ));
        }
        for (decision, nature) in &k.penalties {
            if !p.penalties.contains_key(decision) {
                out.push(change(
                    ChangeKind::NewPenalty,
                    format!("new customs penalty: {nature}, decision {decision}"),
                    format!("新增海关行政处罚：{nature}（{decision}）"),
                ));
            }
        }
    }
    for (id, k) in &prev.customs {
        if !cur.customs.contains_key(id) {
            out.push(change(
                ChangeKind::CustomsRemoved,
                format!("customs registration at {} no longer listed", k.office),
                format!("海关注册（{}）不再列出", k.office),
            ));
        }
    }
}

#[cfg(test)]
mod tests;
