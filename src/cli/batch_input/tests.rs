use super::*;

#[test]
fn decodes_utf8_bom_and_gbk() {
    let name = "宁波甬舟泽汇进出口有限公司";
    let decode = |b: &[u8]| super::decode(b).unwrap();
    assert_eq!(decode(name.as_bytes()), (name.to_string(), "utf-8"));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(name.as_bytes());
    assert_eq!(decode(&bom), (name.to_string(), "utf-8 (BOM)"));
    let (gbk, _, _) = encoding_rs::GBK.encode(name);
    assert_eq!(decode(&gbk), (name.to_string(), "gbk"));
}

#[test]
fn header_blank_duplicate_and_invalid_lines() {
    let text = "公司名称,备注\n甲建设集团有限公司,a\n\n  甲建设集团有限公司 ,b\n91440300033424790X\n91440300033424790y\n91440300033424790Y\n,\n乙有限公司\n";
    let input = parse(text, "utf-8", None, false).unwrap();
    assert_eq!(input.header.as_deref(), Some("公司名称, 备注"));
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
        let input = parse(&format!("{first}\n乙有限公司"), "utf-8", None, false).unwrap();
        assert_eq!(input.header, None, "{first}");
        assert_eq!(input.entries.len(), 2);
    }
    for header in ["name", "Company", "企业名称", "统一社会信用代码", "keyword"] {
        let input = parse(&format!("{header}\n乙有限公司"), "utf-8", None, false).unwrap();
        assert_eq!(input.header.as_deref(), Some(header));
    }
}

fn companies(input: &BatchInput) -> Vec<(usize, &str)> {
    input
        .entries
        .iter()
        .filter_map(|e| e.keyword.as_deref().map(|k| (e.line, k)))
        .collect()
}

/// Issue 11, point 8: a spreadsheet's header row and index column are never sent, and a
/// quoted cell over two lines is one cell, refused, not two companies.
#[test]
fn a_spreadsheet_with_an_index_column_and_a_quoted_line_break() {
    let text = "序号,公司名称,备注\r\n1,甲建设集团有限公司,a\r\n2,\"乙有限\r\n公司\",b\r\n3,\"丙,丁有限公司\",\r\n";
    let input = parse(text, "utf-8", None, false).unwrap();
    assert_eq!(input.column, "\"公司名称\" (column 2)");
    assert_eq!(
        companies(&input),
        [(2, "甲建设集团有限公司"), (5, "丙,丁有限公司")]
    );
    let refused: Vec<usize> = input.invalid().map(|e| e.line).collect();
    assert_eq!(refused, [3]);
    assert!(input.entries[1]
        .note
        .as_deref()
        .unwrap()
        .contains("line break"));
}

#[test]
fn without_a_header_the_row_number_column_is_passed_over() {
    let input = parse("1,甲建设集团有限公司\n2,乙有限公司\n", "utf-8", None, false).unwrap();
    assert_eq!(input.header, None);
    assert_eq!(
        companies(&input),
        [(1, "甲建设集团有限公司"), (2, "乙有限公司")]
    );
    // A cell of a few digits is never sent, whatever column it is in.
    let input = parse("12\n甲建设集团有限公司\n", "utf-8", None, false).unwrap();
    assert_eq!(companies(&input), [(2, "甲建设集团有限公司")]);
    assert!(input.entries[0]
        .note
        .as_deref()
        .unwrap()
        .contains("only digits"));
}

#[test]
fn column_named_or_numbered() {
    let text = "供应商,地区\n甲建设集团有限公司,浙江\n";
    let by_name = ColumnChoice::parse("供应商").unwrap();
    let input = parse(text, "utf-8", Some(&by_name), false).unwrap();
    assert_eq!(companies(&input), [(2, "甲建设集团有限公司")]);
    let by_number = ColumnChoice::parse("2").unwrap();
    let input = parse(
        "甲建设集团有限公司,浙江省\n",
        "utf-8",
        Some(&by_number),
        false,
    )
    .unwrap();
    assert_eq!(companies(&input), [(1, "浙江省")]);
    let missing = ColumnChoice::parse("名字").unwrap();
    let e = parse(text, "utf-8", Some(&missing), false).unwrap_err();
    assert!(e.contains("供应商, 地区"), "{e}");
    assert!(ColumnChoice::parse("0").is_err());
}

/// Issue 12, point 11: CR-only line ends (old Mac Excel) are lines; tabs separate.
#[test]
fn cr_only_line_ends_and_tabs() {
    let input = parse("甲建设集团有限公司\r乙有限公司\r", "utf-8", None, false).unwrap();
    assert_eq!(
        companies(&input),
        [(1, "甲建设集团有限公司"), (2, "乙有限公司")]
    );
    let input = parse(
        "公司名称\t地区\n甲建设集团有限公司\t浙江\n",
        "utf-8",
        None,
        false,
    )
    .unwrap();
    assert_eq!(companies(&input), [(2, "甲建设集团有限公司")]);
}

/// Issue 12, point 11: what is not text is refused with what it looks like.
#[test]
fn binary_files_are_refused_with_what_they_look_like() {
    let e = super::decode(b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml").unwrap_err();
    assert!(e.contains("Excel") && e.contains("CSV"), "{e}");
    let e = super::decode(b"%PDF-1.7\n").unwrap_err();
    assert!(e.contains("PDF"), "{e}");
    // Random bytes: a simple generator, the same every run.
    let mut x: u32 = 12345;
    let random: Vec<u8> = (0..20_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    assert!(super::decode(&random).is_err());
    let e = super::decode(b"\xe7\x94\xb2\xe5\x85\xac\xe5\x8f\xb8\x00\n").unwrap_err();
    assert!(e.contains("control"), "{e}");
    // UTF-16 with its byte-order mark (Excel's "Unicode text") is text.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "甲建设集团有限公司\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(
        super::decode(&utf16).unwrap(),
        ("甲建设集团有限公司\n".to_string(), "utf-16")
    );
}
