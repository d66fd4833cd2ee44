//! The Overview's verdict copied (`y`) and exported (`e` JSON, `E` CSV of the flags): the
//! JSON is the `data` of `vet --json` (without its per-source call counts, which the
//! explorer does not keep), so a verdict seen on screen can be filed or scripted the same.

use crate::service::sheet;
use crate::service::vet::VetDocument;

use super::super::overview::VetSession;

/// The vet as pretty JSON.
pub fn json(vet: &VetSession, today: chrono::NaiveDate) -> String {
    let doc = VetDocument::of(&vet.input, &vet.verdict, today, None);
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// One row per flag, most serious first, with the records behind it.
pub fn flags_csv(vet: &VetSession) -> String {
    let header = ["level", "code", "flag", "风险提示", "evidence"]
        .map(String::from)
        .to_vec();
    let rows: Vec<Vec<String>> = vet
        .verdict
        .flags
        .iter()
        .map(|f| {
            vec![
                f.level.code().to_string(),
                serde_json::to_value(f.code)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                f.en.clone(),
                f.zh.clone(),
                f.evidence_text(),
            ]
        })
        .collect();
    sheet::csv_document(header, rows)
}
