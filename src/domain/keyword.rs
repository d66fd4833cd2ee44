//! The search keyword, vetted locally before a billed call: too short is refused (the vendor
//! would answer 213 and still cost a round trip), a credit code with a wrong check character
//! is refused unless forced, a keyword with control characters or of a few digits only (a
//! spreadsheet's row number) is refused, and a code is sent in its normalised form.

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

/// The one spelling of a keyword, for what is sent, the cache's key and the order ledger's
/// company alike, so one company typed two ways is one question (and one report order):
/// full-width letters, digits and punctuation made half-width, but parentheses made
/// full-width (（）, as the registry writes company names); runs of spaces (the ideographic
/// space too) one space, and none between two Chinese characters; a credit code or
/// registration number upper-cased without spaces or hyphens.
pub fn normalise(raw: &str) -> String {
    let code = credit_code::normalise(raw);
    if matches!(code.len(), 15 | 18) && code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return code;
    }
    let folded: String = raw
        .chars()
        .map(|c| match super::code::fold_full_width(c) {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, word) in words.iter().enumerate() {
        let joins = |c: Option<char>| c.is_some_and(is_wide);
        if i > 0 && !(joins(out.chars().last()) && joins(word.chars().next())) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Chinese characters and full-width punctuation, between which a space is only a typo.
fn is_wide(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
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

    if let Some(c) = trimmed.chars().find(|c| c.is_control()) {
        return Err(ApiError::invalid(format!(
            "the keyword holds a control character ({}): not a company name; retype it",
            c.escape_unicode()
        )));
    }
    if trimmed.len() < 15 && trimmed.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::invalid(format!(
            "{trimmed} is only digits, shorter than a registration number (15 digits) or a \
             credit code (18 characters): a row number or a count, not a company"
        )));
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
                text: normalise(trimmed),
                kind: KeywordKind::Name,
                warning,
            })
        }
    }
}

#[cfg(test)]
mod tests;
