use super::*;

// Known answers computed outside this code: `printf '%s' AppKey1700000000SecretKey | md5sum`.
#[test]
fn matches_md5sum_for_the_digest_example() {
    assert_eq!(
        token("AppKey", 1_700_000_000, "SecretKey"),
        "02F36A764260A1E063F4CF3F9B13B3E4"
    );
}

#[test]
fn matches_md5sum_for_a_second_vector() {
    assert_eq!(
        token("sandbox-key", 1_764_000_000, "sandbox-secret"),
        "DA5D025C6B669F4ADA9C536E8D4D8C18"
    );
}

#[test]
fn token_changes_with_every_input() {
    let base = token("k", 1, "s");
    assert_ne!(base, token("k", 2, "s"));
    assert_ne!(base, token("k2", 1, "s"));
    assert_ne!(base, token("k", 1, "s2"));
    assert_eq!(base.len(), 32);
    assert!(base
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
}
