//! Unified social credit codes (GB 32100-2015). A failing check character is almost always a
//! typo, and every vendor call is billed, so the check runs before anything is sent.

use serde::Serialize;

use super::code::fold_full_width;

/// The 31 characters a credit code may use (no I, O, S, V, Z); a character's value is its
/// index here.
pub const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Length of a credit code.
pub const LEN: usize = 18;

/// GB 32100 weights (3^i mod 31) over the first 17 characters.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// GB 11714 weights over the first 8 characters of the organisation code.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// What [`check`] concluded about a keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum CodeCheck {
    /// Not 18 characters over [`CHARSET`]: a name or a registration number.
    NotACode,
    /// The check character matches. `org_code_ok` is the GB 11714 check on positions 9–17,
    /// a warning only: some valid codes embed legacy organisation codes that fail it.
    Valid { org_code_ok: bool },
    /// The last character is not the one the first 17 imply.
    BadCheckDigit { expected: char, found: char },
}

/// Upper-cased, with spaces and hyphens removed (also full-width forms and the ideographic
/// space, which Chinese input methods produce), the way codes are printed on licences.
pub fn normalise(raw: &str) -> String {
    raw.chars()
        .map(fold_full_width)
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Classifies `raw` (normalised first) and verifies its check characters.
pub fn check(raw: &str) -> CodeCheck {
    let code = normalise(raw);
    let Some(values) = values(&code) else {
        return CodeCheck::NotACode;
    };
    let sum: u32 = values[..17].iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let expected_index = (31 - sum % 31) % 31;
    let expected = charset_char(expected_index);
    let found = code.chars().last().unwrap_or('?');
    if values[17] != expected_index {
        return CodeCheck::BadCheckDigit { expected, found };
    }
    CodeCheck::Valid {
        org_code_ok: org_code_ok(&code),
    }
}

/// An older 15-digit business registration number (spaces and hyphens ignored).
pub fn looks_like_registration_number(raw: &str) -> bool {
    let n = normalise(raw);
    n.len() == 15 && n.bytes().all(|b| b.is_ascii_digit())
}

/// Digits a string needs before it reads as a mistyped code rather than a word: real codes
/// carry at least the six-digit region code and a mostly numeric organisation code, while
/// an 18-letter English name ("Tencent Holdings Ltd") has none.
const MIN_DIGITS_FOR_LOOK_ALIKE: usize = 10;

/// Letters that never occur in a credit code but that a reader easily types for a digit
/// (O for 0, I for 1 …), if `raw` is otherwise shaped like one: 18 ASCII letters and digits,
/// mostly digits.
pub fn forbidden_letters(raw: &str) -> Vec<char> {
    let code = normalise(raw);
    let digits = code.chars().filter(char::is_ascii_digit).count();
    if code.chars().count() != LEN
        || !code.chars().all(|c| c.is_ascii_alphanumeric())
        || digits < MIN_DIGITS_FOR_LOOK_ALIKE
    {
        return Vec::new();
    }
    let mut found: Vec<char> = Vec::new();
    for c in code.chars().filter(|c| !CHARSET.contains(*c)) {
        if !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// The 18 character values, or `None` if `code` is not 18 characters over the charset.
fn values(code: &str) -> Option<Vec<u32>> {
    if code.chars().count() != LEN {
        return None;
    }
    code.chars()
        .map(|c| CHARSET.find(c).and_then(|i| u32::try_from(i).ok()))
        .collect()
}

fn charset_char(index: u32) -> char {
    CHARSET
        .chars()
        .nth(usize::try_from(index).unwrap_or(usize::MAX))
        .unwrap_or('?')
}

/// GB 11714: positions 9–16 weighted, check = 11 − sum mod 11 (10 → X, 11 → 0).
fn org_code_ok(code: &str) -> bool {
    let org: Vec<char> = code.chars().skip(8).take(9).collect();
    if org.len() != 9 {
        return false;
    }
    let mut sum = 0;
    for (c, w) in org[..8].iter().zip(ORG_WEIGHTS) {
        // Digits are 0–9, letters A=10 … Z=35.
        let Some(v) = c.to_digit(36) else {
            return false;
        };
        sum += v * w;
    }
    let expected = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        d => char::from_digit(d, 10).unwrap_or('?'),
    };
    org[8] == expected
}

#[cfg(test)]
mod tests;
