use super::*;

#[test]
fn a_location_never_holds_the_password() {
    assert_eq!(
        redacted("postgres://ana:s3cr%21t@db.example.com:5433/corpvet?sslmode=require&password=x"),
        "postgres://ana@db.example.com:5433/corpvet"
    );
    assert!(!redacted("postgres://:pw@[::1]/x").contains("pw"));
    assert!(!redacted("not a url pw").contains("pw"));
}
