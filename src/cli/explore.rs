//! `corpvet` with no subcommand: connect (or start the sandbox) and open the explorer.

use std::sync::Arc;

use clap::Parser;

use crate::explorer::{self, ExplorerOptions};
use crate::worker::Backend;

use super::args::Cli;
use super::cache_cmd::services_for;
use super::commands::error_line;
use super::config_cmd::load_config;
use super::exit;

/// The explorer with the global flags of this process's command line (`--config`,
/// `--timeout`).
pub async fn explore() -> u8 {
    let cli = Cli::try_parse().ok();
    explore_with(cli.as_ref()).await
}

/// The explorer, configured by the config file, `CORPVET_*` and `cli`'s global flags.
pub async fn explore_with(cli: Option<&Cli>) -> u8 {
    let fallback;
    let cli = match cli {
        Some(c) => c,
        None => {
            fallback = Cli::parse_from(["corpvet"]);
            &fallback
        }
    };
    let loaded = match load_config(cli) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("corpvet: {e}");
            return exit::REFUSED;
        }
    };
    let (settings, api_warnings) = loaded.config.api_settings();
    let mut warnings = loaded.warnings.clone();
    warnings.extend(api_warnings);
    let backend = match Backend::connect(&settings).await {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", error_line(&e));
            return exit::for_error(&e);
        }
    };
    let services = Arc::new(services_for(
        backend,
        &loaded.config,
        &settings,
        &mut warnings,
    ));
    for w in &warnings {
        eprintln!("corpvet: warning: {w}");
        tracing::warn!("{w}");
    }
    let mut opts = ExplorerOptions::from_env();
    if let Some(dir) = loaded.config.download_dir() {
        opts.download_dir = dir.clone();
        opts.export_dir = dir;
    }
    opts.mouse = loaded.config.ui.mouse;
    opts.default_provider = loaded.config.lookup.default_provider.primary();
    match explorer::run(services, opts).await {
        Ok(()) => exit::RESULTS,
        Err(e) => {
            eprintln!("corpvet: terminal error: {e}");
            exit::TRANSPORT
        }
    }
}
