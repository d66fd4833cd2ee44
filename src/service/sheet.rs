//! CSV files people open in Excel or WPS: one writer for every front end (batch output, the
//! explorer's export). UTF-8 with a BOM (without it Excel shows the Chinese garbled), CRLF
//! line ends, quoting by the csv crate; a cell a spreadsheet would run as a formula (one
//! that begins with `=`, `+`, `-`, `@`, a tab or CR: vendor text is data) gets a leading
//! `'`; a long number (a registration number, an all-digit credit code) is written
//! `="…"` so it stays text instead of becoming 3.3E+14.

use std::borrow::Cow;

/// The UTF-8 byte-order mark spreadsheet programs look for.
pub const BOM: &str = "\u{FEFF}";

/// Digits from this many on lose precision or turn into exponents in a spreadsheet.
const LONG_NUMBER: usize = 12;

/// A whole CSV file: the BOM, the header row, then the rows.
pub fn csv_document<H, I, R, S>(header: H, rows: I) -> String
where
    H: IntoIterator<Item = S>,
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::from(BOM);
    out.push_str(&csv_line(header));
    for row in rows {
        out.push_str(&csv_line(row));
    }
    out
}

/// One CSV line, CRLF-terminated, cells made safe for a spreadsheet.
pub fn csv_line<R, S>(cells: R) -> String
where
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    let cells: Vec<String> = cells
        .into_iter()
        .map(|c| safe_cell(c.as_ref()).into_owned())
        .collect();
    // Writing to memory cannot fail, and every cell is UTF-8, so the bytes are too.
    let _ = w.write_record(&cells);
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A cell as a spreadsheet should read it: never a formula, a long number kept as text.
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        return Cow::Owned(format!("'{s}"));
    }
    if s.len() >= LONG_NUMBER && s.bytes().all(|b| b.is_ascii_digit()) {
        return Cow::Owned(format!("=\"{s}\""));
    }
    Cow::Borrowed(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_long_numbers_kept_as_text() {
        assert_eq!(
            safe_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        for s in ["+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(safe_cell(s).starts_with('\''), "{s}");
        }
        assert_eq!(safe_cell("330000000012345"), "=\"330000000012345\"");
        assert_eq!(safe_cell("91440300033424790Y"), "91440300033424790Y");
        assert_eq!(
            safe_cell("浙江华屹建设集团有限公司"),
            "浙江华屹建设集团有限公司"
        );
        assert_eq!(safe_cell("47"), "47");
    }

    #[test]
    fn a_document_has_the_bom_crlf_and_quotes_what_needs_it() {
        let doc = csv_document(["名称", "note"], [vec!["甲,乙公司", "say \"hi\"\nthere"]]);
        assert_eq!(
            doc,
            "\u{FEFF}名称,note\r\n\"甲,乙公司\",\"say \"\"hi\"\"\nthere\"\r\n"
        );
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(doc.trim_start_matches(BOM).as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[1], "say \"hi\"\nthere");
    }
}
