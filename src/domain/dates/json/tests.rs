use chrono::NaiveDate;
use serde::Serialize;

#[derive(Serialize)]
struct Probe {
    #[serde(serialize_with = "super::opt_date")]
    d: Option<NaiveDate>,
}

#[test]
fn iso_or_null() {
    let d = NaiveDate::from_ymd_opt(2024, 5, 1);
    assert_eq!(
        serde_json::to_string(&Probe { d }).unwrap(),
        r#"{"d":"2024-05-01"}"#
    );
    assert_eq!(
        serde_json::to_string(&Probe { d: None }).unwrap(),
        r#"{"d":null}"#
    );
}
