use super::*;

fn reason(e: ApiError) -> String {
    match e {
        ApiError::InvalidInput { reason } => reason,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn too_short_is_refused_locally() {
    for raw in ["", "   ", "a", " 中 "] {
        let e = parse_keyword(raw, false).unwrap_err();
        assert!(matches!(e, ApiError::InvalidInput { .. }), "{raw:?}");
    }
    assert!(reason(parse_keyword("a", false).unwrap_err()).contains("shorter than 2"));
    assert!(reason(parse_keyword("", true).unwrap_err()).contains("empty"));
    assert_eq!(parse_keyword(" 中建 ", false).unwrap().text, "中建");
}

#[test]
fn names_are_trimmed_and_sent_as_typed() {
    let k = parse_keyword("  企查查科技有限公司 ", false).unwrap();
    assert_eq!(
        k,
        Keyword {
            text: "企查查科技有限公司".into(),
            kind: KeywordKind::Name,
            warning: None
        }
    );
}

#[test]
fn valid_codes_are_sent_normalised() {
    let k = parse_keyword(" 9132 0594 0881 4094 7f", false).unwrap();
    assert_eq!(k.text, "91320594088140947F");
    assert_eq!(k.kind, KeywordKind::CreditCode);
    assert_eq!(k.warning, None);
}

#[test]
fn a_bad_check_character_is_refused_unless_forced() {
    let r = reason(parse_keyword("91320594088140947G", false).unwrap_err());
    assert!(
        r.contains("check character should be F, not G: likely a typo"),
        "{r}"
    );
    assert!(r.contains("--force"), "{r}");

    let k = parse_keyword("91320594088140947g", true).unwrap();
    assert_eq!(k.text, "91320594088140947G");
    assert_eq!(k.kind, KeywordKind::CreditCode);
    assert!(k.warning.unwrap().contains("should be F, not G"));
}

#[test]
fn an_org_code_failure_is_a_warning() {
    let body = "91320594088140948";
    let Err(e) = parse_keyword(&format!("{body}0"), false) else {
        panic!("0 happened to be right");
    };
    let r = reason(e);
    let expected = r
        .split("should be ")
        .nth(1)
        .and_then(|s| s.chars().next())
        .unwrap();
    let k = parse_keyword(&format!("{body}{expected}"), false).unwrap();
    assert_eq!(k.kind, KeywordKind::CreditCode);
    assert!(k.warning.unwrap().contains("GB 11714"));
}

#[test]
fn registration_numbers_and_look_alikes() {
    let k = parse_keyword("110108 000123456", false).unwrap();
    assert_eq!(
        (k.text.as_str(), k.kind),
        ("110108000123456", KeywordKind::RegistrationNumber)
    );
    let k = parse_keyword("91320594O88140947F", false).unwrap();
    assert_eq!(k.kind, KeywordKind::Name);
    assert!(k.warning.unwrap().contains("contains O"));
    let k = parse_keyword("Tencent Holdings Ltd", false).unwrap();
    assert_eq!((k.kind, k.warning), (KeywordKind::Name, None));
}

#[test]
fn kind_serializes_as_snake_case() {
    assert_eq!(
        serde_json::to_value(KeywordKind::RegistrationNumber).unwrap(),
        "registration_number"
    );
    assert_eq!(KeywordKind::CreditCode.label(), "credit code");
}

/// Issue 12, point 11: a keyword with a control character (a NUL, an escape, a tab from a
/// spreadsheet) or of a few digits only (a row number) is never sent.
#[test]
fn control_characters_and_row_numbers_are_refused() {
    for raw in [
        "甲公司\0",
        "\u{1b}[2J甲建设集团有限公司",
        "甲\t公司",
        "甲\n公司",
        "12",
        "00042",
    ] {
        assert!(parse_keyword(raw, true).is_err(), "{raw:?}");
    }
    // A 15-digit registration number is still a keyword.
    assert!(parse_keyword("330000000012345", false).is_ok());
}

/// Issue 12, point 8: one company typed two ways is one keyword (one cached answer, one
/// report order).
#[test]
fn one_spelling_for_width_spaces_and_code_case() {
    let same = [
        "企查查科技(苏州)有限公司",
        "企查查科技（苏州）有限公司",
        " 企查查科技 （苏州） 有限公司 ",
        "企查查科技\u{3000}(苏州)有限公司",
    ];
    for s in same {
        assert_eq!(normalise(s), "企查查科技（苏州）有限公司", "{s:?}");
    }
    assert_eq!(normalise("ＡＢＢ（中国）有限公司"), "ABB（中国）有限公司");
    assert_eq!(normalise("Acme  Trading   Co"), "Acme Trading Co");
    assert_eq!(
        normalise("91320594 0881 4094 7f"),
        normalise("913205940881409 47F")
    );
    assert_eq!(
        parse_keyword("企查查科技(苏州)有限公司", false)
            .unwrap()
            .text,
        "企查查科技（苏州）有限公司"
    );
}
