//! Reading a batch file: one company per line, or the first column of a CSV (with or
//! without a header); UTF-8 with or without a BOM, or GBK (what Excel saves on Chinese
//! Windows), detected and converted. Blank and duplicate lines are skipped and reported;
//! invalid credit codes are reported and never sent.

use serde::Serialize;

use crate::domain::keyword::parse_keyword;

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
    /// `utf-8`, `utf-8 (BOM)` or `gbk`.
    pub encoding: &'static str,
    /// The header cell, when the first line is one.
    pub header: Option<String>,
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

/// Decode `bytes`: UTF-8 (a BOM is dropped), else GBK.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "utf-8 (BOM)");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "utf-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GBK.decode(bytes);
            (text.into_owned(), "gbk")
        }
    }
}

/// The first field of a CSV line (quoted or not; comma or tab separated).
pub fn first_field(line: &str) -> String {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    out.push('"');
                    chars.next();
                } else {
                    break;
                }
            } else {
                out.push(c);
            }
        }
        return out.trim().to_string();
    }
    line.split([',', '\t'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

/// A first cell that names a column rather than a company.
fn is_header(cell: &str) -> bool {
    let lower = cell.trim().to_lowercase();
    const WORDS: [&str; 12] = [
        "name",
        "company",
        "company name",
        "company_name",
        "keyword",
        "code",
        "credit code",
        "credit_code",
        "企业",
        "公司",
        "单位",
        "名称",
    ];
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    let column_word = ["名称", "代码", "编号", "企业名", "公司名"]
        .iter()
        .any(|w| lower.contains(w));
    column_word && !lower.contains("有限") && !lower.contains("集团") && lower.chars().count() <= 12
}

/// Parse a decoded file. `force` sends credit codes whose check character fails.
pub fn parse(text: &str, encoding: &'static str, force: bool) -> BatchInput {
    let mut input = BatchInput {
        encoding,
        header: None,
        entries: Vec::new(),
        blank: Vec::new(),
        duplicates: Vec::new(),
    };
    // Normalised keyword (or raw text) → first line.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let cell = first_field(line);
        if cell.is_empty() {
            input.blank.push(n);
            continue;
        }
        if input.header.is_none() && input.entries.is_empty() && is_header(&cell) {
            input.header = Some(cell);
            continue;
        }
        let parsed = parse_keyword(&cell, force);
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
            },
            Err(e) => Entry {
                line: n,
                raw: cell,
                keyword: None,
                note: Some(e.to_string()),
            },
        });
    }
    input
}

#[cfg(test)]
mod tests;
