use super::*;

#[test]
fn filenames_are_percent_encoded() {
    assert_eq!(percent_encode("企 a.pdf"), "%E4%BC%81%20a.pdf");
}

#[test]
fn shipped_files_have_their_magic() {
    assert!(PDF.starts_with(b"%PDF-"));
    assert!(DOCX.starts_with(b"PK\x03\x04"));
}
