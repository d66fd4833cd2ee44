use super::*;

#[test]
fn formats() {
    let n = order_number("OperationCheck");
    assert!(n.starts_with("OPERATIONCHECK"));
    assert_eq!(n.len(), "OPERATIONCHECK".len() + 14 + 8);
    assert!(n["OPERATIONCHECK".len()..]
        .chars()
        .all(|c| c.is_ascii_digit()));
    let h = hex(32);
    assert_eq!(h.len(), 32);
    assert_ne!(h, hex(32));
}
