//! Is the file text, and in which encoding? A spreadsheet, a PDF or random bytes read as
//! lines would be sent as "companies" and billed, so anything that is not text is refused
//! with what it looks like and what to do instead.

/// Formats recognised by their first bytes: what the file is, and what to do.
const MAGIC: [(&[u8], &str); 10] = [
    (
        b"PK\x03\x04",
        "a zip archive (an Excel .xlsx workbook is one): save it as CSV (UTF-8) from Excel or \
         WPS and give that file",
    ),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old Office file (an Excel .xls workbook or a Word .doc): save it as CSV (UTF-8)",
    ),
    (
        b"%PDF",
        "a PDF document: copy the names into a text or CSV file",
    ),
    (b"{\\rtf", "an RTF document: save it as plain text or CSV"),
    (b"\x89PNG", "a PNG image, not a list of companies"),
    (b"\xFF\xD8\xFF", "a JPEG image, not a list of companies"),
    (b"GIF8", "a GIF image, not a list of companies"),
    (b"\x1F\x8B", "a gzip archive: unpack it first"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive: unpack it first"),
    (b"Rar!", "a RAR archive: unpack it first"),
];

/// The text of `bytes` and its encoding (`utf-8`, `utf-8 (BOM)`, `utf-16` or `gbk`), or why
/// it is not a list of companies.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), String> {
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(format!("this is {what}"));
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest)
            .map_err(|_| "it starts as UTF-8 text but is not UTF-8 further on".to_string())?;
        (text.to_string(), "utf-8 (BOM)")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // Excel's "Unicode text" is UTF-16 with a byte-order mark.
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err("it starts as UTF-16 text but is not UTF-16 further on".into());
        }
        (text.into_owned(), "utf-16")
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), "utf-8")
    } else {
        let (text, _, bad) = encoding_rs::GBK.decode(bytes);
        if bad {
            return Err(
                "it is neither UTF-8 nor GBK text (a binary file?): give a text or CSV file".into(),
            );
        }
        (text.into_owned(), "gbk")
    };
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if text.contains('\0') || controls * 100 > text.chars().count().max(1) {
        return Err(format!(
            "it holds {controls} control character(s) (NUL and the like): not a text file"
        ));
    }
    Ok((text, encoding))
}
