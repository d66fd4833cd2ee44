use super::*;

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let owned: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| {
        owned
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

#[test]
fn no_color_counts_only_when_set_and_not_empty() {
    let dirs = UserDirs::default();
    assert!(!ExplorerOptions::from_lookup(env(&[]), &dirs).no_color);
    assert!(!ExplorerOptions::from_lookup(env(&[("NO_COLOR", "")]), &dirs).no_color);
    assert!(ExplorerOptions::from_lookup(env(&[("NO_COLOR", "1")]), &dirs).no_color);
}

#[test]
fn folders_fall_back_from_platform_to_current_dir() {
    let full = UserDirs {
        downloads: Some("/home/u/Downloads".into()),
        home: Some("/home/u".into()),
        state: Some("/home/u/.local/state".into()),
        data_local: Some("/home/u/.local/share".into()),
        cwd: Some("/work".into()),
    };
    let o = ExplorerOptions::from_lookup(env(&[]), &full);
    assert_eq!(o.download_dir, PathBuf::from("/home/u/Downloads/corpvet"));
    assert_eq!(o.export_dir, o.download_dir);
    assert_eq!(
        o.history_file,
        PathBuf::from("/home/u/.local/state/corpvet/history")
    );
    assert!(!o.mouse);

    let bare = UserDirs {
        data_local: Some("/d".into()),
        cwd: Some("/work".into()),
        ..UserDirs::default()
    };
    assert_eq!(bare.download_dir(), PathBuf::from("/work"));
    assert_eq!(bare.state_dir(), PathBuf::from("/d/corpvet"));
    let none = UserDirs::default();
    assert_eq!(none.state_dir(), PathBuf::from("./.corpvet"));
}

#[test]
fn with_no_downloads_folder_reports_still_go_to_the_documented_one() {
    // Issue 12, point 21: a home without ~/Downloads (a server, a fresh account).
    let home = tempfile::tempdir().unwrap();
    let dirs = UserDirs {
        home: Some(home.path().to_path_buf()),
        cwd: Some("/work".into()),
        ..UserDirs::default()
    };
    assert_eq!(
        dirs.download_dir(),
        home.path().join("Downloads").join("corpvet")
    );
}
