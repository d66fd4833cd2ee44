use super::*;

/// The detail example of the QCC certificate document, keys in the document's order.
const DOC_EXAMPLE: &str = r#"{
    "Id": "145695151793ad28f7ffd5d8a24cd6191",
    "Data": {
        "产品名称及单元(主)": "",
        "发证机构批准号": "CNCA-R-2015-189",
        "产品类别": "",
        "获证组织基本信息-企业名称": "企查查科技有限公司",
        "认证委托人-组织地址": "",
        "是否覆盖多场所": "否",
        "获证组织基本信息-邮政编码": "",
        "认证委托人-所在国别地区": "",
        "获证组织基本信息-统一社会信用代码/组织机构代码": "91320594088140947F",
        "生产企业-组织名称": "",
        "信息上报日期": "2021-04-14",
        "获证组织基本信息-所在国别地区": "中国 江苏省",
        "生产者(制造商)-统一社会信用代码/组织机构代码": "",
        "初次获证日期": "2018-05-16",
        "获证组织基本信息-本证书体系覆盖人数": "275",
        "认证依据的标准和技术要求": "",
        "发证机构地址": "鼓楼南街6号8层二单元802",
        "颁证日期": "2021-04-12",
        "变更日期": "",
        "生产者(制造商)-组织地址": "",
        "证书编号": "17418Q20358R1M",
        "认证范围/认证覆盖的业务范围": "计算机软件开发及技术服务",
        "认证覆盖的场所名称及地址": "",
        "生产企业-组织地址": "",
        "生产者(制造商)-所在国别地区": "",
        "认证依据": "GB/T19001-2016 / ISO9001:2015",
        "再认证次数": "1",
        "发证机构电话": "13751754425",
        "发证机构名称": "华信创(北京)认证中心有限公司",
        "发证机构有效期": "2025-07-09",
        "企业名称": "企查查科技有限公司",
        "证书到期日期": "2024-05-15",
        "发证机构状态": "有效",
        "产品名称及单元(次)": "",
        "生产者(制造商)-组织名称": "",
        "证书状态": "有效",
        "主认证证书号": "",
        "发证机构网址": "www.hxccc.org",
        "认证委托人-统一社会信用代码/组织机构代码": "",
        "发证机构业务范围": "管理体系认证-质量管理体系认证, 管理体系认证-环境管理体系认证",
        "是否是子证书": "",
        "监督次数": "0",
        "认证相关员工数量": "",
        "获证组织基本信息-组织地址": "江苏省苏州工业园区东长路 88 号 C1 幢 5 层 503 室",
        "规格型号": "",
        "认证委托人-组织名称": "",
        "服务认证所属领域": "",
        "证书使用的认可标识": "CNAS"
    },
    "Schema": null
}"#;

fn wire() -> CertificationDetail {
    serde_json::from_str(DOC_EXAMPLE).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn important_keys_first_then_every_other_key_in_arrival_order() {
    let w = wire();
    let d = CertificateDetail::from_wire(&w);
    let keys: Vec<&str> = d.fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys[..10],
        [
            "证书状态",
            "证书到期日期",
            "认证范围/认证覆盖的业务范围",
            "发证机构名称",
            "发证机构状态",
            "证书编号",
            "企业名称",
            "颁证日期",
            "初次获证日期",
            "认证依据",
        ]
    );
    // Nothing lost, nothing duplicated, the rest in the vendor's order.
    assert_eq!(d.fields.len(), w.data.len());
    let rest: Vec<&str> = w
        .data
        .keys()
        .map(String::as_str)
        .filter(|k| !keys[..10].contains(k))
        .collect();
    assert_eq!(keys[10..], rest[..]);
    assert_eq!(keys[10], "产品名称及单元(主)");
    assert_eq!(keys.last(), Some(&"证书使用的认可标识"));
    // Empty values are kept.
    assert_eq!(d.get("产品类别"), Some(""));
}

#[test]
fn status_issuer_and_expiry_from_the_example() {
    let today = day(2023, 1, 1);
    let d = CertificateDetail::from_wire(&wire());
    assert_eq!(d.id, "145695151793ad28f7ffd5d8a24cd6191");
    assert_eq!(d.status, CertStatus::Valid);
    assert_eq!(d.issuer_status, Some(CertStatus::Valid));
    assert_eq!(d.expires, Some(day(2024, 5, 15)));
    assert_eq!(d.expiry(today), Expiry::Valid { days_left: 500 });
    assert!(d.flags(today).is_empty());
    let non_empty: Vec<&str> = d.non_empty_fields().map(|(k, _)| k).collect();
    assert!(non_empty.contains(&"证书编号") && !non_empty.contains(&"产品类别"));
    assert_eq!(non_empty[0], "证书状态");
}

#[test]
fn several_scope_keys_keep_their_order_in_the_scope_slot() {
    let mut w = wire();
    w.data.clear();
    for (k, v) in [
        ("其他", "x"),
        ("认证范围(英文)", "software"),
        ("证书状态", "有效"),
        ("认证范围", "软件"),
    ] {
        w.data.insert(k.into(), v.into());
    }
    let d = CertificateDetail::from_wire(&w);
    let keys: Vec<&str> = d.fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["证书状态", "认证范围(英文)", "认证范围", "其他"]);
}

#[test]
fn flags_for_revoked_status_bad_issuer_and_dates() {
    let mut w = wire();
    w.data.insert("证书状态".into(), "撤销".into());
    w.data.insert("发证机构状态".into(), "注销".into());
    let today = day(2024, 6, 1);
    let d = CertificateDetail::from_wire(&w);
    assert!(d.status.is_red());
    assert_eq!(
        d.flags(today),
        [
            "status 撤销 (revoked)",
            "issuing body status 注销",
            "expired"
        ]
    );

    // Registry lag: still 有效 but past its date.
    let today = day(2024, 5, 16);
    let d = CertificateDetail::from_wire(&wire());
    assert_eq!(d.flags(today), ["expired"]);
    // Status already says expired: no second flag.
    let mut w = wire();
    w.data.insert("证书状态".into(), "过期".into());
    let today = day(2024, 6, 1);
    let d = CertificateDetail::from_wire(&w);
    assert_eq!(d.flags(today), ["status 过期 (expired)"]);
    // Near expiry is a warning.
    let today = day(2024, 5, 1);
    let d = CertificateDetail::from_wire(&wire());
    assert_eq!(d.flags(today), ["expires in 14 d"]);
    // Undocumented status.
    let mut w = wire();
    w.data.insert("证书状态".into(), "无效".into());
    let today = day(2023, 1, 1);
    let d = CertificateDetail::from_wire(&w);
    assert_eq!(d.flags(today), ["status 无效 (not valid)"]);
}

#[test]
fn an_empty_map_does_not_panic() {
    let today = day(2023, 1, 1);
    let d = CertificateDetail::from_wire(&CertificationDetail::default());
    assert!(d.fields.is_empty());
    assert_eq!(d.status, CertStatus::Unknown);
    assert_eq!(d.issuer_status, None);
    assert_eq!(d.expiry(today), Expiry::Unknown);
    assert!(d.flags(today).is_empty());
}

#[test]
fn serializes_fields_as_an_ordered_object() {
    let d = CertificateDetail::from_wire(&wire());
    let text = serde_json::to_string(&d).unwrap();
    let status_at = text.find("\"证书状态\":\"有效\"").unwrap();
    let other_at = text.find("\"发证机构批准号\"").unwrap();
    assert!(status_at < other_at);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["status"], "valid");
    assert_eq!(v["issuer_status"], "valid");
    assert_eq!(v["expires"], "2024-05-15");
    assert_eq!(v["fields"]["证书编号"], "17418Q20358R1M");
}

#[test]
fn the_holder_is_its_name_and_a_code_that_checks() {
    let d = CertificateDetail::from_wire(&wire());
    assert_eq!(
        d.holder(),
        Some(("企查查科技有限公司".into(), "91320594088140947F".into()))
    );
    let mut w = wire();
    w.data.insert(
        "获证组织基本信息-统一社会信用代码/组织机构代码".into(),
        "91320594088140947A".into(),
    );
    assert_eq!(
        CertificateDetail::from_wire(&w).holder(),
        None,
        "bad check character"
    );
}
