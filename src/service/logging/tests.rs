use super::*;

#[test]
fn levels_parse_with_info_as_the_default() {
    assert_eq!(parse_level(None), LevelFilter::INFO);
    assert_eq!(parse_level(Some("debug")), LevelFilter::DEBUG);
    assert_eq!(parse_level(Some(" OFF ")), LevelFilter::OFF);
    assert_eq!(parse_level(Some("loud")), LevelFilter::INFO);
}

#[test]
fn libraries_log_warnings_at_most() {
    let f = filter(LevelFilter::DEBUG);
    assert!(f.would_enable("corpvet::explorer::runner", &tracing::Level::DEBUG));
    assert!(!f.would_enable("hyper_util::client", &tracing::Level::DEBUG));
    assert!(f.would_enable("hyper_util::client", &tracing::Level::WARN));
    let quiet = filter(LevelFilter::ERROR);
    assert!(!quiet.would_enable("hyper_util::client", &tracing::Level::WARN));
}

#[test]
fn a_big_log_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpvet.log");
    fs::write(&path, vec![b'x'; (ROTATE_AT_BYTES + 1) as usize]).unwrap();
    rotate(&path);
    assert!(!path.exists());
    assert!(dir.path().join("corpvet.log.1").exists());
    rotate(&path);
    open_append(&path).unwrap();
    assert!(path.exists());
}
