use super::*;

#[test]
fn config_reaches_the_explorer_options() {
    let mut config = Config::default();
    config.ui.mouse = true;
    config.reports.download_dir = "/srv/reports".into();
    config.lookup.default_provider = ProviderChoice::Juhe;
    config.ui.theme.insert("accent".into(), "magenta".into());
    let mut opts = ExplorerOptions::from_lookup(|_| None, &Default::default());
    assert!(apply_config(&mut opts, &config).is_empty());
    assert_eq!(opts.palette.accent, ratatui::style::Color::Magenta);
    assert!(opts.mouse);
    assert_eq!(opts.download_dir, std::path::PathBuf::from("/srv/reports"));
    assert_eq!(opts.export_dir, opts.download_dir);
    assert_eq!(
        opts.default_provider,
        crate::domain::qualification::Provider::Juhe
    );
    assert_eq!(opts.notice, None);

    config.lookup.default_provider = ProviderChoice::Both;
    config.ui.theme.insert("warn".into(), "not-a-colour".into());
    let warnings = apply_config(&mut opts, &config);
    assert!(warnings[0].contains("ui.theme.warn"), "{warnings:?}");
    assert_eq!(
        opts.default_provider,
        crate::domain::qualification::Provider::Qcc
    );
    assert!(opts
        .notice
        .as_deref()
        .is_some_and(|n| n.contains("QCC first")));
    assert!(opts.vet_both_providers, "the Overview asks both");
}
