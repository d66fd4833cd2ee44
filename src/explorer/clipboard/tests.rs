use super::*;

#[test]
fn copy_writes_an_osc52_clipboard_sequence() {
    let mut out = Vec::new();
    copy(&mut out, "企查查").unwrap();
    let text = String::from_utf8(out).unwrap();
    // base64 of the UTF-8 bytes of 企查查
    assert_eq!(text, "\x1b]52;c;5LyB5p+l5p+l\x1b\\");
}
