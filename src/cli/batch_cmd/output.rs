//! The output file: CSV (UTF-8 with a BOM) or JSON, always written whole through a
//! temporary file and a rename, so it is valid at every moment it exists.

use std::path::Path;

use crate::service::files::write_atomically;

use super::super::batch_input::BatchInput;
use super::super::json::SCHEMA_VERSION;
use super::{Row, Summary};

/// A row for JSON: the verdict and cost, not every record.
pub(super) fn row_doc(r: &Row) -> serde_json::Value {
    serde_json::json!({
        "line": r.line,
        "input": r.input,
        "status": r.status,
        "note": r.note,
        "verdict": r.vetted.as_ref().map(|v| &v.verdict),
        "calls": r.vetted.as_ref().map(|v| &v.calls),
    })
}

/// The CSV columns.
pub const CSV_HEADER: [&str; 16] = [
    "line",
    "input",
    "verdict",
    "red",
    "warnings",
    "good",
    "flags",
    "qualifications",
    "certificates",
    "certificates_total",
    "certificates_checked",
    "customs_records",
    "penalties",
    "failed_sources",
    "calls_billed",
    "calls_cached",
];

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV text (UTF-8 with a BOM, so spreadsheet programs read the Chinese).
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&CSV_HEADER.join(","));
    out.push_str("\r\n");
    for r in rows {
        let mut cells = vec![r.line.to_string(), r.input.clone(), r.status.clone()];
        match &r.vetted {
            Some(v) => {
                let c = &v.verdict.counts;
                let flags: Vec<String> = v
                    .verdict
                    .flags
                    .iter()
                    .map(|f| format!("[{}] {}", f.level.code(), f.en))
                    .collect();
                let failed: Vec<&str> = v.verdict.unchecked.iter().map(|s| s.code()).collect();
                let t = v.total();
                cells.extend([
                    c.red.to_string(),
                    c.warning.to_string(),
                    c.good.to_string(),
                    flags.join("; "),
                    c.qualifications.to_string(),
                    c.certificates.to_string(),
                    c.certificates_total.to_string(),
                    c.certificates_checked.to_string(),
                    c.customs_records.to_string(),
                    c.penalties.to_string(),
                    failed.join(";"),
                    t.billed.to_string(),
                    t.cached.to_string(),
                ]);
            }
            None => {
                let mut rest = vec![String::new(); CSV_HEADER.len() - 3];
                rest[3] = r.note.clone().unwrap_or_default();
                cells.extend(rest);
            }
        }
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Write the output file whole: a temporary file beside it, then a rename.
/// Write the output file whole; the error names the file.
pub(super) fn write_out(
    out: Option<&Path>,
    rows: &[Row],
    input: &BatchInput,
) -> Result<(), String> {
    let Some(path) = out else {
        return Ok(());
    };
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let text = if json {
        let doc = serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "command": "batch",
            "summary": Summary::of(rows, input),
            "rows": rows.iter().map(row_doc).collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    } else {
        csv(rows)
    };
    write_atomically(path, text.as_bytes())
}
