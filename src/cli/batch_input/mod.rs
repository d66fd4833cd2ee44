//! Reading a batch file: one company per line, or a CSV (comma or tab separated, quoted
//! cells, CRLF, LF or CR-only line ends) whose company column is found by its header or
//! named by `--column`; UTF-8 with or without a BOM, UTF-16 or GBK (what Excel saves on
//! Chinese Windows), detected and converted, and anything that is not text refused. Blank
//! and duplicate lines are skipped and reported; cells that are not companies (a row
//! number, a cell over several lines, invalid credit codes) are reported and never sent.

mod columns;
mod sniff;

use serde::Serialize;

use crate::domain::keyword::{parse_keyword, KeywordKind};

pub use columns::ColumnChoice;
pub use sniff::decode;

/// One company to vet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// 1-based line in the file.
    pub line: usize,
    /// As written (trimmed).
    pub raw: String,
    /// What is sent (normalised), or `None` when refused locally.
    pub keyword: Option<String>,
    /// Why it was refused, or a warning worth showing.
    pub note: Option<String>,
    /// What the keyword is, when it is sent.
    pub kind: Option<KeywordKind>,
}

/// A line skipped as a repeat of an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub line: usize,
    pub raw: String,
    /// The line it repeats.
    pub first: usize,
}

/// A parsed batch file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchInput {
    /// `utf-8`, `utf-8 (BOM)`, `utf-16` or `gbk`.
    pub encoding: &'static str,
    /// The header row as written (cells joined by ", "), when the first row is one.
    pub header: Option<String>,
    /// The company column: its header cell, or "column N".
    pub column: String,
    /// Every distinct company, valid or not, in file order.
    pub entries: Vec<Entry>,
    /// Lines of the blank ones.
    pub blank: Vec<usize>,
    pub duplicates: Vec<Duplicate>,
}

impl BatchInput {
    /// Entries refused locally.
    pub fn invalid(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.keyword.is_none())
    }
}

/// Parse a decoded file. `column` is `--column`; `force` sends credit codes whose check
/// character fails. An error is about the whole file (a `--column` that is not there).
pub fn parse(
    text: &str,
    encoding: &'static str,
    column: Option<&ColumnChoice>,
    force: bool,
) -> Result<BatchInput, String> {
    let mut input = BatchInput {
        encoding,
        header: None,
        column: String::new(),
        entries: Vec::new(),
        blank: Vec::new(),
        duplicates: Vec::new(),
    };
    let rows = records(text)?;
    let mut header: Option<Vec<String>> = None;
    let mut col: Option<usize> = None;
    // Normalised keyword (or raw text) → first line.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (n, row) in rows {
        if row.iter().all(|c| c.is_empty()) {
            input.blank.push(n);
            continue;
        }
        if header.is_none() && col.is_none() {
            let named = matches!(column, Some(ColumnChoice::Named(_)));
            if named || columns::is_header(&row) {
                input.header = Some(row.join(", "));
                header = Some(row);
                continue;
            }
        }
        let c = match col {
            Some(c) => c,
            None => {
                let c = match column {
                    Some(choice) => columns::chosen(choice, header.as_deref())?,
                    None => header
                        .as_deref()
                        .and_then(columns::in_header)
                        .unwrap_or_else(|| columns::without_header(&row)),
                };
                input.column = match header.as_ref().and_then(|h| h.get(c)) {
                    Some(name) => format!("\"{name}\" (column {})", c + 1),
                    None => format!("column {}", c + 1),
                };
                col = Some(c);
                c
            }
        };
        let cell = row.get(c).cloned().unwrap_or_default();
        if cell.is_empty() {
            input.blank.push(n);
            continue;
        }
        let parsed = if cell.contains('\n') {
            Err(crate::api::ApiError::invalid(
                "the cell holds a line break (one cell over several lines): fix the cell",
            ))
        } else {
            parse_keyword(&cell, force)
        };
        let key = match &parsed {
            Ok(k) => k.text.clone(),
            Err(_) => cell.clone(),
        };
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(first) = seen.get(&key) {
            input.duplicates.push(Duplicate {
                line: n,
                raw: cell,
                first: *first,
            });
            continue;
        }
        seen.insert(key, n);
        input.entries.push(match parsed {
            Ok(k) => Entry {
                line: n,
                raw: cell,
                keyword: Some(k.text),
                note: k.warning,
                kind: Some(k.kind),
            },
            Err(e) => Entry {
                line: n,
                raw: cell,
                keyword: None,
                note: Some(e.to_string()),
                kind: None,
            },
        });
    }
    if input.column.is_empty() {
        input.column = "column 1".into();
    }
    Ok(input)
}

/// The rows of `text` with the line each starts on, cells trimmed; lines that hold nothing
/// are rows of no cells. Line ends are made `\n` first, so a CR-only file (old Mac Excel)
/// has its lines, and a tab-separated file is read as such.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let bytes = text.as_bytes();
    // Where the previous record ended (a byte offset) and the line that starts there.
    let (mut end, mut line) = (0usize, 1usize);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The reader skips empty lines before a record: they are blank rows all the
                // same, and the record starts after them.
                let skipped = bytes[end..].iter().take_while(|b| **b == b'\n').count();
                rows.extend((line..line + skipped).map(|n| (n, Vec::new())));
                let start = end + skipped;
                let next = (reader.position().byte() as usize).min(bytes.len());
                rows.push((line + skipped, record.iter().map(str::to_string).collect()));
                line += skipped + bytes[start..next].iter().filter(|b| **b == b'\n').count();
                end = next;
            }
            Err(e) => return Err(format!("not a readable CSV: {e}")),
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests;
