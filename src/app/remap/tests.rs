use super::*;

#[test]
fn keys_are_read_in_every_documented_spelling() {
    let ch = |c| Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    };
    assert_eq!(parse_key("x"), Some(ch('x')));
    assert_eq!(parse_key("P"), Some(ch('P')));
    assert_eq!(parse_key(" / "), Some(ch('/')));
    let ctrl_r = Some(Key {
        code: KeyCode::Char('r'),
        mods: KeyModifiers::CONTROL,
    });
    assert_eq!(parse_key("ctrl-r"), ctrl_r);
    assert_eq!(parse_key("C-R"), ctrl_r);
    assert_eq!(parse_key("F5").map(|k| k.code), Some(KeyCode::F(5)));
    assert_eq!(parse_key("PgDn").map(|k| k.code), Some(KeyCode::PageDown));
    for bad in ["", "ctrl-", "F13", "hello", "\u{7}"] {
        assert_eq!(parse_key(bad), None, "{bad:?}");
    }
}

#[test]
fn unknown_names_and_bad_keys_are_reported_and_ignored() {
    let keys: BTreeMap<String, String> = [
        ("refresh", "F5"),
        ("quit", "Q"),
        ("fly", "f"),
        ("copy", "??"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let (remap, problems) = Remap::from_config(&keys);
    assert_eq!(
        remap.key_for(Action::Refresh).map(|k| k.code),
        Some(KeyCode::F(5))
    );
    assert_eq!(
        remap.key_for(Action::Quit).map(|k| k.code),
        Some(KeyCode::Char('Q'))
    );
    assert_eq!(remap.key_for(Action::Copy), None);
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn every_default_in_the_config_names_a_rebindable_action() {
    let defaults: BTreeMap<String, String> = crate::config::DEFAULT_KEYS
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let (_, problems) = Remap::from_config(&defaults);
    assert!(problems.is_empty(), "{problems:?}");
}
