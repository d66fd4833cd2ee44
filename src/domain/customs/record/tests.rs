use super::*;

/// The `Data[0]` of the QCC customs document's example.
fn doc_example() -> qcc::CustomsRecord {
    serde_json::from_str(
        r#"{
            "Id": "xxxxxxxxxxxxx",
            "RegGov": "营口海关",
            "TradeType": "进出口货物收发货人",
            "RegDate": "1997-10-28",
            "RegNo": "2108950466",
            "AdminArea": "辽宁省营口市",
            "EconoArea": "一般经济区域",
            "SpecialArea": "非特殊区域",
            "CancelFlag": "正常",
            "AnnualStatus": "未报送",
            "ValidityDate": "",
            "IndustryType": "",
            "EBusinessType": "",
            "IdentifyDate": "2022-04-12",
            "IdentifyLevel": "一般信用企业",
            "IdentifyCode": "",
            "PunishList": [
                {"No": "1", "DecisionNo": "xxxxxxxxxxxxxxx号", "Party": "xxxxxxxxxxxx公司",
                 "PunishDate": "2018-09-05", "CaseProp": "违规"}
            ]
        }"#,
    )
    .unwrap()
}

#[test]
fn from_the_documented_example() {
    let r = CustomsRecord::from_wire(doc_example());
    assert_eq!(r.customs_office, "营口海关");
    assert_eq!(r.registered, NaiveDate::from_ymd_opt(1997, 10, 28));
    assert_eq!(r.reg_no, "2108950466");
    assert!(!r.cancelled);
    assert!(r.annual_report_missing);
    assert_eq!(r.identified, NaiveDate::from_ymd_opt(2022, 4, 12));
    assert_eq!(r.level, CreditLevel::General);
    assert_eq!(r.level_text, "一般信用企业");
    assert!(!r.aeo);
    assert_eq!(r.penalties.len(), 1);
    assert_eq!(r.penalties[0].nature, PenaltyNature::Violation);
    assert_eq!(
        r.flags(),
        [
            "1 other customs penalty",
            "annual report not filed (未报送)"
        ]
    );
}

#[test]
fn cancelled_aeo_and_red_flags() {
    let mut w = doc_example();
    w.cancel_flag = "注销".into();
    w.annual_status = "已报送".into();
    w.identify_level = "失信企业".into();
    w.identify_code = " aeocn1234567890 ".into();
    w.punish_list[0].case_prop = "走私行为".into();
    w.punish_list.push(w.punish_list[0].clone());
    w.punish_list.push(qcc::Penalty {
        case_prop: "违规".into(),
        ..Default::default()
    });
    let r = CustomsRecord::from_wire(w);
    assert!(r.cancelled && !r.annual_report_missing && r.aeo);
    assert_eq!(r.identify_code, "aeocn1234567890");
    assert_eq!(
        r.flags(),
        [
            "credit level 失信企业 (dishonest)",
            "customs registration cancelled (注销)",
            "2 smuggling cases",
            "1 other customs penalty",
        ]
    );
}

#[test]
fn sixteen_labelled_fields_in_document_order() {
    let r = CustomsRecord::from_wire(doc_example());
    let f = r.labelled_fields();
    assert_eq!(f.len(), 16);
    assert_eq!(f[0], ("注册海关", "customs office", "营口海关".to_string()));
    assert_eq!(f[13].2, "一般信用企业");
    assert_eq!(f[15].2, "xxxxxxxxxxxxx");
    let mut zh: Vec<_> = f.iter().map(|(zh, _, _)| *zh).collect();
    zh.dedup();
    assert_eq!(zh.len(), 16);
}

#[test]
fn empty_record_does_not_panic() {
    let r = CustomsRecord::from_wire(qcc::CustomsRecord::default());
    assert_eq!(r.level, CreditLevel::None);
    assert!(r.flags().is_empty());
    assert_eq!(r.labelled_fields().len(), 16);
}

#[test]
fn serializes_level_as_a_code_beside_its_text() {
    let v = serde_json::to_value(CustomsRecord::from_wire(doc_example())).unwrap();
    assert_eq!(v["level"], "general");
    assert_eq!(v["level_text"], "一般信用企业");
    assert_eq!(v["registered"], "1997-10-28");
    assert_eq!(v["penalties"][0]["nature"], "violation");
}
