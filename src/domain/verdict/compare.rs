//! QCC and Juhe lined up by certificate number, when both were asked and both lists were
//! read whole: a qualification one has and the other lacks, a different expiry date or a
//! different grade is a warning with both records as evidence (it says which source to
//! question); agreement is said once.

use std::collections::BTreeMap;

use crate::domain::qualification::Qualification;

use super::rules::date_text;
use super::{Evidence, Flag, FlagCode, FlagLevel, Outcome, SourceId, VetInput};

/// One provider's list by certificate number: the first row of each number.
fn by_number(list: &[Qualification]) -> BTreeMap<String, (usize, &Qualification)> {
    let mut out = BTreeMap::new();
    for (i, q) in list.iter().enumerate() {
        let no = q.cert_no.trim().to_uppercase();
        if !no.is_empty() {
            out.entry(no).or_insert((i, q));
        }
    }
    out
}

/// A list that can be compared: read whole (found, or a valid "no result").
fn whole(input: &VetInput, source: SourceId) -> Option<&[Qualification]> {
    if input.coverage.contains_key(&source) {
        return None;
    }
    match input.qualifications(source)? {
        Outcome::Found(list) => Some(list),
        Outcome::NotFound => Some(&[]),
        Outcome::Failed(_) | Outcome::NotAsked => None,
    }
}

fn grades(q: &Qualification) -> String {
    let mut g: Vec<&str> = q.grades.iter().map(|g| g.label_zh()).collect();
    g.sort_unstable();
    g.dedup();
    g.join("、")
}

fn disagree(en: String, zh: String, evidence: Vec<Evidence>) -> Flag {
    let mut f = Flag::new(FlagLevel::Warning, FlagCode::ProvidersDisagree, en, zh);
    f.evidence = evidence;
    f
}

pub(super) fn provider_flags(input: &VetInput, flags: &mut Vec<Flag>) {
    let (Some(qcc), Some(juhe)) = (
        whole(input, SourceId::QualificationsQcc),
        whole(input, SourceId::QualificationsJuhe),
    ) else {
        return;
    };
    if qcc.is_empty() && juhe.is_empty() {
        return;
    }
    let (qcc, juhe) = (by_number(qcc), by_number(juhe));
    let row = |source, (i, q): (usize, &Qualification), field, label, value: String| {
        Evidence::row(source, i, &q.cert_no, field)
            .label(label)
            .value(value)
    };
    let mut found = Vec::new();
    let mut agree = 0;
    for (no, &(i, q)) in &qcc {
        let Some(&(j, r)) = juhe.get(no) else {
            found.push(disagree(
                format!("QCC lists qualification {no}; Juhe does not: check which is current"),
                format!("企查查有资质证书 {no}，聚合数据没有：请核实"),
                vec![row(
                    SourceId::QualificationsQcc,
                    (i, q),
                    "cert_no",
                    "证书编号",
                    no.clone(),
                )],
            ));
            continue;
        };
        let mut same = true;
        if q.expires != r.expires {
            same = false;
            found.push(disagree(
                format!(
                    "QCC and Juhe give qualification {no} different expiry dates: {} and {}",
                    date_text(q.expires),
                    date_text(r.expires)
                ),
                format!(
                    "资质证书 {no} 有效期不一致：企查查 {}，聚合 {}",
                    date_text(q.expires),
                    date_text(r.expires)
                ),
                vec![
                    row(
                        SourceId::QualificationsQcc,
                        (i, q),
                        "expires",
                        "证书有效期",
                        date_text(q.expires),
                    ),
                    row(
                        SourceId::QualificationsJuhe,
                        (j, r),
                        "expires",
                        "证书有效期",
                        date_text(r.expires),
                    ),
                ],
            ));
        }
        if grades(q) != grades(r) {
            same = false;
            found.push(disagree(
                format!(
                    "QCC and Juhe give qualification {no} different grades: {} and {}",
                    grades(q),
                    grades(r)
                ),
                format!(
                    "资质证书 {no} 等级不一致：企查查 {}，聚合 {}",
                    grades(q),
                    grades(r)
                ),
                vec![
                    row(
                        SourceId::QualificationsQcc,
                        (i, q),
                        "grades",
                        "资质等级",
                        grades(q),
                    ),
                    row(
                        SourceId::QualificationsJuhe,
                        (j, r),
                        "grades",
                        "资质等级",
                        grades(r),
                    ),
                ],
            ));
        }
        agree += usize::from(same);
    }
    for (no, &(j, r)) in &juhe {
        if !qcc.contains_key(no) {
            found.push(disagree(
                format!("Juhe lists qualification {no}; QCC does not: check which is current"),
                format!("聚合数据有资质证书 {no}，企查查没有：请核实"),
                vec![row(
                    SourceId::QualificationsJuhe,
                    (j, r),
                    "cert_no",
                    "证书编号",
                    no.clone(),
                )],
            ));
        }
    }
    if found.is_empty() {
        flags.push(Flag::new(
            FlagLevel::Good,
            FlagCode::ProvidersAgree,
            format!("QCC and Juhe agree on {agree} qualifications"),
            format!("企查查与聚合数据的 {agree} 项资质一致"),
        ));
    }
    flags.extend(found);
}
