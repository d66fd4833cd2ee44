use super::*;

#[test]
fn decodes_utf8_bom_and_gbk() {
    let name = "宁波甬舟泽汇进出口有限公司";
    assert_eq!(decode(name.as_bytes()), (name.to_string(), "utf-8"));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(name.as_bytes());
    assert_eq!(decode(&bom), (name.to_string(), "utf-8 (BOM)"));
    let (gbk, _, _) = encoding_rs::GBK.encode(name);
    assert_eq!(decode(&gbk), (name.to_string(), "gbk"));
}

#[test]
fn first_field_of_csv_lines() {
    assert_eq!(first_field("甲公司,备注"), "甲公司");
    assert_eq!(first_field("  甲公司  "), "甲公司");
    assert_eq!(first_field("\"甲,乙公司\",x"), "甲,乙公司");
    assert_eq!(first_field("\"say \"\"hi\"\"\",x"), "say \"hi\"");
    assert_eq!(first_field("甲公司\tx"), "甲公司");
    assert_eq!(first_field(",x"), "");
}

#[test]
fn header_blank_duplicate_and_invalid_lines() {
    let text = "公司名称,备注\n甲建设集团有限公司,a\n\n  甲建设集团有限公司 ,b\n91440300033424790X\n91440300033424790y\n91440300033424790Y\n,\n乙有限公司\n";
    let input = parse(text, "utf-8", false);
    assert_eq!(input.header.as_deref(), Some("公司名称"));
    assert_eq!(input.blank, [3, 8]);
    let lines: Vec<usize> = input.entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 5, 6, 9]);
    assert_eq!(
        input.duplicates,
        [
            Duplicate {
                line: 4,
                raw: "甲建设集团有限公司".into(),
                first: 2
            },
            Duplicate {
                line: 7,
                raw: "91440300033424790Y".into(),
                first: 6
            },
        ]
    );
    let invalid: Vec<usize> = input.invalid().map(|e| e.line).collect();
    assert_eq!(invalid, [5]);
    assert!(input.entries[1].note.as_deref().unwrap().contains("check"));
    assert_eq!(
        input.entries[2].keyword.as_deref(),
        Some("91440300033424790Y")
    );
}

#[test]
fn no_header_when_the_first_line_is_a_company() {
    for first in [
        "甲建设集团有限公司",
        "深圳市鹏科智联电子股份有限公司",
        "91440300033424790Y",
    ] {
        let input = parse(&format!("{first}\n乙有限公司"), "utf-8", false);
        assert_eq!(input.header, None, "{first}");
        assert_eq!(input.entries.len(), 2);
    }
    for header in ["name", "Company", "企业名称", "统一社会信用代码", "keyword"] {
        let input = parse(&format!("{header}\n乙有限公司"), "utf-8", false);
        assert_eq!(input.header.as_deref(), Some(header));
    }
}
