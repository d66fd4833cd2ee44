//! The output file: CSV (the one spreadsheet writer, [`sheet`]) or JSON, written whole
//! through a temporary file and a rename, so it is valid at every moment it exists. It is
//! written when the run starts (every row pending) and when it ends; rows finished in
//! between go to the journal ([`super::journal`]), so a run stays linear in its size.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::domain::verdict::FlagLevel;
use crate::service::files::write_atomically;
use crate::service::sheet;
use crate::service::vet::Vetted;

use super::super::batch_input::BatchInput;
use super::super::vet_cmd::ExitFacts;
use super::{Row, Summary};
use crate::service::envelope::SCHEMA_VERSION;

/// A vetted row as the outputs need it: its CSV cells, its JSON document, and what the
/// tally, the table and the exit code count. Kept instead of the records (100 000
/// companies' records would not fit in memory), and journaled as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finished {
    pub exit: ExitFacts,
    pub red: usize,
    pub warnings: usize,
    /// The first flag that is not a good sign (the table's last column).
    pub first_flag: String,
    pub billed: u32,
    pub cached: u32,
    /// The CSV cells after `line`, `input` and `verdict` (when a CSV is written).
    pub cells: Vec<String>,
    /// `{"verdict", "calls"}` of a JSON document (when one is written).
    pub doc: Option<serde_json::Value>,
}

/// Which outputs a run writes, so a row keeps only what they need.
#[derive(Debug, Clone, Copy)]
pub struct Forms {
    pub csv: bool,
    pub json: bool,
}

impl Forms {
    /// The forms `--out` (by its extension) and `--json` (stdout) ask for.
    pub fn of(out: Option<&Path>, json_stdout: bool) -> Forms {
        let json_out = out.is_some_and(is_json);
        Forms {
            csv: out.is_some() && !json_out,
            json: json_out || json_stdout,
        }
    }
}

impl Finished {
    pub fn of(v: &Vetted, forms: Forms) -> Finished {
        let c = &v.verdict.counts;
        let flags: Vec<String> = v
            .verdict
            .flags
            .iter()
            .map(|f| format!("[{}] {}", f.level.code(), f.en))
            .collect();
        let failed: Vec<&str> = v.verdict.unchecked.iter().map(|s| s.code()).collect();
        let t = v.total();
        Finished {
            exit: ExitFacts::of(&v.verdict),
            red: c.red,
            warnings: c.warning,
            first_flag: v
                .verdict
                .flags
                .iter()
                .find(|f| f.level != FlagLevel::Good)
                .map_or(String::new(), |f| f.en.clone()),
            billed: t.billed,
            cached: t.cached,
            cells: if !forms.csv {
                Vec::new()
            } else {
                vec![
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
                ]
            },
            doc: forms
                .json
                .then(|| serde_json::json!({ "verdict": v.verdict, "calls": v.calls })),
        }
    }
}

/// A row for JSON: the verdict and cost, not every record.
pub(super) fn row_doc(r: &Row) -> serde_json::Value {
    let part = |key: &str| {
        r.done
            .as_ref()
            .and_then(|d| d.doc.as_ref())
            .map(|d| d[key].clone())
    };
    serde_json::json!({
        "line": r.line,
        "input": r.input,
        "status": r.status,
        "note": r.note,
        "verdict": part("verdict"),
        "calls": part("calls"),
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

/// The CSV text (UTF-8 with a BOM, so spreadsheet programs read the Chinese).
pub fn csv(rows: &[Row]) -> String {
    let lines = rows.iter().map(|r| {
        let mut cells = vec![r.line.to_string(), r.input.clone(), r.status.clone()];
        match &r.done {
            Some(d) => cells.extend(d.cells.iter().cloned()),
            None => {
                let mut rest = vec![String::new(); CSV_HEADER.len() - 3];
                rest[3] = r.note.clone().unwrap_or_default();
                cells.extend(rest);
            }
        }
        cells
    });
    sheet::csv_document(CSV_HEADER.iter().map(|h| h.to_string()), lines)
}

/// Whether the output is the JSON form (by its extension).
fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Write the output file whole (a temporary file beside it, then a rename); the error
/// names the file.
pub(super) fn write_out(
    out: Option<&Path>,
    rows: &[Row],
    input: &BatchInput,
) -> Result<(), String> {
    let Some(path) = out else {
        return Ok(());
    };
    let text = if is_json(path) {
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
