use super::*;
use crate::domain::dates::Expiry;

#[test]
fn from_the_documented_search_example() {
    let w: Certification = serde_json::from_str(
        r#"{
            "Id": "145695151793ad28f7ffd5d8a24cd6191",
            "Name": "",
            "Type": "cnca027",
            "StartDate": "2021-04-12 00:00:00",
            "EndDate": "2024-05-15 00:00:00",
            "No": "17418Q20358R1M",
            "TypeDesc": "质量管理体系认证（ISO9000）"
        }"#,
    )
    .unwrap();
    let today = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    let c = Certificate::from_wire(w);
    assert_eq!(c.id, "145695151793ad28f7ffd5d8a24cd6191");
    assert_eq!(c.number, "17418Q20358R1M");
    assert_eq!(c.type_code, "cnca027");
    assert_eq!(c.family, CertFamily::Quality);
    assert_eq!(c.starts, NaiveDate::from_ymd_opt(2021, 4, 12));
    assert_eq!(c.ends, NaiveDate::from_ymd_opt(2024, 5, 15));
    assert_eq!(c.expiry(today), Expiry::Expiring { days_left: 14 });
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(v["family"], "quality");
    assert_eq!(v["ends"], "2024-05-15");
}

#[test]
fn an_empty_row_does_not_panic() {
    let today = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    let c = Certificate::from_wire(Certification::default());
    assert_eq!(
        (c.family, c.expiry(today)),
        (CertFamily::Other, Expiry::Unknown)
    );
}
