use super::*;

#[test]
fn natures() {
    let cases = [
        ("违规", PenaltyNature::Violation),
        ("违反海关监管规定的行为", PenaltyNature::Violation),
        ("走私", PenaltyNature::Smuggling),
        ("走私行为", PenaltyNature::Smuggling),
        ("涉嫌走私", PenaltyNature::Smuggling),
        (" 走私违规 ", PenaltyNature::Smuggling),
        ("其他", PenaltyNature::Other("其他".into())),
        ("", PenaltyNature::Other(String::new())),
    ];
    for (text, want) in cases {
        assert_eq!(PenaltyNature::from_text(text), want, "{text:?}");
    }
    assert!(PenaltyNature::Smuggling.is_red() && !PenaltyNature::Violation.is_red());
    assert_eq!(PenaltyNature::Other("x".into()).label_zh(), "x");
    assert_eq!(
        serde_json::to_value(PenaltyNature::Smuggling).unwrap(),
        "smuggling"
    );
}

#[test]
fn from_the_documented_example() {
    let w: qcc::Penalty = serde_json::from_str(
        r#"{"No":"1","DecisionNo":"xxxxxxxxxxxxxxx号","Party":"xxxxxxxxxxxx公司",
            "PunishDate":"2018-09-05","CaseProp":"违规"}"#,
    )
    .unwrap();
    let p = Penalty::from_wire(w);
    assert_eq!(p.date, NaiveDate::from_ymd_opt(2018, 9, 5));
    assert_eq!(p.date_text, "2018-09-05");
    assert_eq!(p.nature, PenaltyNature::Violation);
    assert_eq!(p.nature_text, "违规");
    assert_eq!(p.decision_no, "xxxxxxxxxxxxxxx号");
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["nature"], "violation");
    assert_eq!(v["date"], "2018-09-05");
}
