//! The rules, one function per source (qualifications here; certificates, customs and
//! failed sources beside); each adds its flags in record order.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::dates::{Expires, Expiry};
use crate::domain::qualification::Qualification;

use super::certs::certificate_flags;
use super::customs::customs_flags;
use super::tally::{coverage_flags, failure_flags};
use super::{Evidence, Flag, FlagCode, FlagLevel, Outcome, SourceId, VetInput};

/// Every flag, unsorted (source order).
pub(super) fn all_flags(input: &VetInput, today: NaiveDate) -> Vec<Flag> {
    let mut flags = Vec::new();
    qualification_flags(input, today, &mut flags);
    super::compare::provider_flags(input, &mut flags);
    if let Some(set) = input.certificates.found() {
        certificate_flags(set, input, today, &mut flags);
    }
    customs_flags(input, &mut flags);
    coverage_flags(input, &mut flags);
    failure_flags(input, &mut flags);
    flags
}

pub(super) fn date_text(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

fn first_name(q: &Qualification) -> &str {
    q.names.first().map_or(q.category.as_str(), String::as_str)
}

fn qualification_flags(input: &VetInput, today: NaiveDate, flags: &mut Vec<Flag>) {
    let mut held = 0usize;
    let mut all_valid = true;
    // (certificate number, expiry) → the index of its flag, if it raised one.
    let mut seen: HashMap<(String, Option<NaiveDate>), Option<usize>> = HashMap::new();
    for source in [SourceId::QualificationsQcc, SourceId::QualificationsJuhe] {
        let Some(outcome) = input.qualifications(source) else {
            continue;
        };
        // A list not read whole or not read at all cannot vouch for every qualification.
        if matches!(outcome, Outcome::Failed(_)) || input.coverage.contains_key(&source) {
            all_valid = false;
        }
        for (i, q) in outcome.found().into_iter().flatten().enumerate() {
            let evidence = Evidence::row(source, i, &q.cert_no, "expires")
                .label("证书有效期")
                .value(date_text(q.expires));
            // Both providers mirror one registry: the same certificate with the same date is
            // one finding with two records behind it.
            let key = (q.cert_no.trim().to_uppercase(), q.expires);
            if !key.0.is_empty() {
                if let Some(at) = seen.get(&key) {
                    if let Some(f) = at.and_then(|at| flags.get_mut(at)) {
                        f.evidence.push(evidence);
                    }
                    continue;
                }
                let flagged = q.expiry(today).needs_attention().then_some(flags.len());
                seen.insert(key, flagged);
            }
            held += 1;
            let name = first_name(q);
            match q.expiry(today) {
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
