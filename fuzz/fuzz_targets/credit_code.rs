//! Any text through the credit-code validator and the keyword vetting.
#![no_main]

use libfuzzer_sys::fuzz_target;

use corpvet::domain::credit_code;
use corpvet::domain::parse_keyword;

fuzz_target!(|text: &str| {
    let _ = credit_code::check(text);
    let _ = credit_code::forbidden_letters(text);
    let _ = credit_code::looks_like_registration_number(text);
    let _ = parse_keyword(text, false);
    let _ = parse_keyword(text, true);
});
