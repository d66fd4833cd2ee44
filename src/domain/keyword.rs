//! The search keyword, vetted locally before a billed call: too short is refused (the vendor
//! would answer 213 and still cost a round trip), a credit code with a wrong check character
//! is refused unless forced, and a code is sent in its normalised form.

use serde::Serialize;

use crate::api::ApiError;

use super::credit_code::{self, CodeCheck};

/// What the keyword is, as far as can be told locally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeywordKind {
    Name,
    /// The older 15-digit business registration number.
    RegistrationNumber,
    /// A unified social credit code (18 characters).
    CreditCode,
}

impl KeywordKind {
    pub fn label(self) -> &'static str {
        match self {
            KeywordKind::Name => "company name",
            KeywordKind::RegistrationNumber => "registration number",
            KeywordKind::CreditCode => "credit code",
        }
    }
}

/// A keyword ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Keyword {
    /// Exactly what goes on the wire (trimmed; codes and numbers normalised).
    pub text: String,
    pub kind: KeywordKind,
    /// Something the user should see before or alongside the result.
    pub warning: Option<String>,
}

/// Vets `raw`; `force` sends a credit code whose check character fails (the user insists,
/// e.g. the registry itself holds a malformed code).
pub fn parse_keyword(raw: &str, force: bool) -> Result<Keyword, ApiError> {
    let trimmed = raw.trim();
    if trimmed.chars().count() < 2 {
        return Err(ApiError::invalid(if trimmed.is_empty() {
            "the keyword is empty; give a company name, credit code or registration number"
                .to_string()
        } else {
            format!("the keyword {trimmed:?} is shorter than 2 characters")
        }));
    }

    match credit_code::check(trimmed) {
        CodeCheck::Valid { org_code_ok } => {
            let code = credit_code::normalise(trimmed);
            let warning = (!org_code_ok).then(|| {
                format!(
                    "{code}: the organisation-code part (characters 9–17) fails its own \
                     check (GB 11714); the code may be mistyped"
                )
            });
            Ok(Keyword {
                text: code,
                kind: KeywordKind::CreditCode,
                warning,
            })
        }
        CodeCheck::BadCheckDigit { expected, found } => {
            let code = credit_code::normalise(trimmed);
            let problem = format!(
                "{code} looks like a unified social credit code, but its check character \
                 should be {expected}, not {found}: likely a typo"
            );
            if !force {
                return Err(ApiError::invalid(format!(
                    "{problem}; use --force to send anyway"
                )));
            }
            Ok(Keyword {
                text: code,
                kind: KeywordKind::CreditCode,
                warning: Some(format!("{problem} (sent anyway because of --force)")),
            })
        }
        CodeCheck::NotACode if credit_code::looks_like_registration_number(trimmed) => {
            Ok(Keyword {
                text: credit_code::normalise(trimmed),
                kind: KeywordKind::RegistrationNumber,
                warning: None,
            })
        }
        CodeCheck::NotACode => {
            let bad = credit_code::forbidden_letters(trimmed);
            let warning = (!bad.is_empty()).then(|| {
                let letters: String = bad.iter().collect();
                format!(
                    "{trimmed:?} is shaped like a credit code but contains {letters}, which \
                     credit codes never use (O for 0? I for 1?); it is sent as a name"
                )
            });
            Ok(Keyword {
                text: trimmed.to_string(),
                kind: KeywordKind::Name,
                warning,
            })
        }
    }
}

#[cfg(test)]
mod tests {
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
}
