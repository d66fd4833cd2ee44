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
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_gbk() {
        let name = "宁波甬舟泽汇进出口有限公司";
        assert_eq!(decode(name.as_bytes()), (name.to_string(), "utf-8"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(name.as_bytes());
        assert_eq!(decode(&bom), (name.to_string(), "utf-8 (BOM)"));
        let (gbk, _, _) = encoding_rs::GBK.encode(name);
        assert_eq!(decode(&gbk), (name.to_string(), "gbk"));
    }

    #[test]
    fn first_field_of_csv_lines() {
        assert_eq!(first_field("甲公司,备注"), "甲公司");
        assert_eq!(first_field("  甲公司  "), "甲公司");
        assert_eq!(first_field("\"甲,乙公司\",x"), "甲,乙公司");
        assert_eq!(first_field("\"say \"\"hi\"\"\",x"), "say \"hi\"");
        assert_eq!(first_field("甲公司\tx"), "甲公司");
        assert_eq!(first_field(",x"), "");
    }

    #[test]
    fn header_blank_duplicate_and_invalid_lines() {
        let text = "公司名称,备注\n甲建设集团有限公司,a\n\n  甲建设集团有限公司 ,b\n91440300033424790X\n91440300033424790y\n91440300033424790Y\n,\n乙有限公司\n";
        let input = parse(text, "utf-8", false);
        assert_eq!(input.header.as_deref(), Some("公司名称"));
        assert_eq!(input.blank, [3, 8]);
        let lines: Vec<usize> = input.entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 5, 6, 9]);
        assert_eq!(
            input.duplicates,
            [
                Duplicate {
                    line: 4,
                    raw: "甲建设集团有限公司".into(),
                    first: 2
                },
                Duplicate {
                    line: 7,
                    raw: "91440300033424790Y".into(),
                    first: 6
                },
            ]
        );
        let invalid: Vec<usize> = input.invalid().map(|e| e.line).collect();
        assert_eq!(invalid, [5]);
        assert!(input.entries[1].note.as_deref().unwrap().contains("check"));
        assert_eq!(
            input.entries[2].keyword.as_deref(),
            Some("91440300033424790Y")
        );
    }

    #[test]
    fn no_header_when_the_first_line_is_a_company() {
        for first in [
            "甲建设集团有限公司",
            "深圳市鹏科智联电子股份有限公司",
            "91440300033424790Y",
        ] {
            let input = parse(&format!("{first}\n乙有限公司"), "utf-8", false);
            assert_eq!(input.header, None, "{first}");
            assert_eq!(input.entries.len(), 2);
        }
        for header in ["name", "Company", "企业名称", "统一社会信用代码", "keyword"] {
            let input = parse(&format!("{header}\n乙有限公司"), "utf-8", false);
            assert_eq!(input.header.as_deref(), Some(header));
        }
    }
}
