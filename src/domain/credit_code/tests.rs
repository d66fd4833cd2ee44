use super::*;

#[test]
fn documented_examples_pass_both_checks() {
    for code in ["91320594088140947F", "9111010859963405XW"] {
        assert_eq!(
            check(code),
            CodeCheck::Valid { org_code_ok: true },
            "{code}"
        );
    }
}

#[test]
fn normalises_case_spaces_hyphens_and_full_width() {
    assert_eq!(normalise(" 9132-0594 0881 40947f "), "91320594088140947F");
    assert_eq!(
        normalise("９１３２０５９４０８８１４０９４７Ｆ"),
        "91320594088140947F"
    );
    assert_eq!(
        check("9111 0108 5996 3405 xw"),
        CodeCheck::Valid { org_code_ok: true }
    );
    assert_eq!(normalise(""), "");
}

#[test]
fn a_one_character_typo_names_the_expected_check_character() {
    // Last character changed.
    assert_eq!(
        check("91320594088140947G"),
        CodeCheck::BadCheckDigit {
            expected: 'F',
            found: 'G'
        }
    );
    // A body digit changed: the implied check character moves.
    match check("91320594088140948F") {
        CodeCheck::BadCheckDigit { expected, found } => {
            assert_eq!(found, 'F');
            assert_ne!(expected, 'F');
            let fixed = format!("91320594088140948{expected}");
            assert!(matches!(check(&fixed), CodeCheck::Valid { .. }), "{fixed}");
        }
        other => panic!("expected a bad check digit, got {other:?}"),
    }
    // Two adjacent digits swapped.
    assert!(matches!(
        check("9111010859963404XW"),
        CodeCheck::BadCheckDigit { .. }
    ));
}

#[test]
fn every_single_substitution_of_a_valid_code_is_caught() {
    let code: Vec<char> = "91320594088140947F".chars().collect();
    for pos in 0..LEN {
        for c in CHARSET.chars().filter(|c| *c != code[pos]) {
            let mut typo = code.clone();
            typo[pos] = c;
            let typo: String = typo.into_iter().collect();
            assert!(
                matches!(check(&typo), CodeCheck::BadCheckDigit { .. }),
                "{typo}"
            );
        }
    }
}

#[test]
fn org_code_failure_is_only_a_flag() {
    // Recompute a valid GB 32100 check character over a body whose org code fails.
    let body = "91320594088140948";
    let CodeCheck::BadCheckDigit { expected, .. } = check(&format!("{body}0")) else {
        panic!("0 happened to be right; pick another body");
    };
    let code = format!("{body}{expected}");
    assert_eq!(check(&code), CodeCheck::Valid { org_code_ok: false });
}

#[test]
fn non_codes() {
    for s in [
        "",
        "企查查科技有限公司",
        "91320594088140947",                    // 17
        "91320594088140947FF",                  // 19
        "91320594O88140947F",                   // O is not in the charset
        "110108000123456",                      // registration number
        "中中中中中中中中中中中中中中中中中中", // 18 non-ASCII characters
    ] {
        assert_eq!(check(s), CodeCheck::NotACode, "{s}");
    }
}

#[test]
fn registration_numbers_and_look_alike_letters() {
    assert!(looks_like_registration_number("110108000123456"));
    assert!(looks_like_registration_number(" 110108-000123456 "));
    assert!(!looks_like_registration_number("11010800012345"));
    assert!(!looks_like_registration_number("11010800012345X"));
    assert!(!looks_like_registration_number(""));
    assert_eq!(forbidden_letters("91320594O88140947F"), vec!['O']);
    assert_eq!(forbidden_letters("91320594088140947F"), Vec::<char>::new());
    assert_eq!(forbidden_letters("short"), Vec::<char>::new());
    // An English name of 18 letters is not a mistyped code.
    assert_eq!(
        forbidden_letters("Tencent Holdings Ltd"),
        Vec::<char>::new()
    );
}

#[test]
fn serializes_with_a_result_tag() {
    let v = serde_json::to_value(CodeCheck::BadCheckDigit {
        expected: 'F',
        found: 'G',
    })
    .unwrap();
    assert_eq!(
        v,
        serde_json::json!({"result": "bad_check_digit", "expected": "F", "found": "G"})
    );
}
