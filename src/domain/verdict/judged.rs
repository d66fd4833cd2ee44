//! A vet's records as they stand on the day they are shown: each with its `expiry`
//! judged then (the records themselves keep only dates), for `vet --json`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::api::error::ErrorReport;
use crate::domain::certificate::{Certificate, CertificateDetail};
use crate::domain::customs::CustomsRecord;
use crate::domain::dates::{Expires, Judged};

use super::{CertificateSet, Coverage, Outcome, SourceId, VetInput};

#[derive(Debug, Serialize)]
pub struct JudgedInput<'a> {
    keyword: &'a str,
    qualifications_qcc: Outcome<Vec<Judged<&'a crate::domain::qualification::Qualification>>>,
    qualifications_juhe: Outcome<Vec<Judged<&'a crate::domain::qualification::Qualification>>>,
    certificates: Outcome<JudgedSet<'a>>,
    details: BTreeMap<&'a str, Judged<&'a CertificateDetail>>,
    customs: &'a Outcome<Vec<CustomsRecord>>,
    coverage: &'a BTreeMap<SourceId, Coverage>,
}

/// [`CertificateSet`] with its rows judged.
#[derive(Debug, Serialize)]
struct JudgedSet<'a> {
    items: Vec<Judged<&'a Certificate>>,
    total: u64,
    pages: u32,
    partial: &'a Option<ErrorReport>,
}

impl VetInput {
    /// These records as they stand on `today`.
    pub fn judged(&self, today: NaiveDate) -> JudgedInput<'_> {
        // Every field named: one added to VetInput must be added here too, or this fails to
        // compile (it would otherwise be missing from `vet --json` without a word).
        let VetInput {
            keyword,
            qualifications_qcc,
            qualifications_juhe,
            certificates,
            details,
            customs,
            coverage,
        } = self;
        JudgedInput {
            keyword,
            qualifications_qcc: qualifications_qcc.map_found(|v| judge_all(v, today)),
            qualifications_juhe: qualifications_juhe.map_found(|v| judge_all(v, today)),
            certificates: certificates.map_found(|set: &CertificateSet| JudgedSet {
                items: judge_all(&set.items, today),
                total: set.total,
                pages: set.pages,
                partial: &set.partial,
            }),
            details: details
                .iter()
                .map(|(id, d)| (id.as_str(), Judged::on(d, today)))
                .collect(),
            customs,
            coverage,
        }
    }
}

fn judge_all<T: Expires>(list: &[T], today: NaiveDate) -> Vec<Judged<&T>> {
    list.iter().map(|r| Judged::on(r, today)).collect()
}
