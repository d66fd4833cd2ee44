use super::*;

#[test]
fn file_names_are_safe_and_never_clobber() {
    assert_eq!(
        report_file_name("a/b:c公司", "96a2*29", "pdf"),
        "a_b_c公司-96a229.pdf"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.pdf"), b"x").unwrap();
    assert_eq!(free_name(dir.path(), "r.pdf"), dir.path().join("r (1).pdf"));
    assert_eq!(free_name(dir.path(), "s.pdf"), dir.path().join("s.pdf"));
}
