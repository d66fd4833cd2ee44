//! `corpvet` with no subcommand: connect (or start the sandbox) and open the explorer.

use std::sync::Arc;

use clap::Parser;

use crate::config::Config;
use crate::domain::provider::ProviderChoice;
use crate::explorer::{self, ExplorerOptions};
use crate::service::connect;
use crate::ui::theme::Palette;

use super::args::Cli;
use super::config_cmd::load_config;
use super::exit;
use super::output::error_line;

/// The explorer with the global flags of this process's command line (`--config`,
/// `--timeout`).
pub async fn explore() -> u8 {
    let cli = Cli::try_parse().ok();
    explore_with(cli.as_ref()).await
}

/// The explorer, configured by the config file, `CORPVET_*` and `cli`'s global flags.
pub async fn explore_with(cli: Option<&Cli>) -> u8 {
    use std::io::IsTerminal;
    // Before anything starts: no sandbox, no escape code on a stdout that is a pipe or file.
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        errln!(
            "corpvet: the explorer needs a terminal; the CLI commands work without one: \
             corpvet --help"
        );
        return exit::REFUSED;
    }
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
            errln!("corpvet: {e}");
            return exit::REFUSED;
        }
    };
    let mut warnings = loaded.warnings.clone();
    let services = match connect(&loaded.config).await {
        Ok(c) => {
            warnings.extend(c.warnings);
            Arc::new(c.services)
        }
        Err(e) => {
            errln!("{}", error_line(&e));
            return exit::for_error(&e);
        }
    };
    for w in &warnings {
        errln!("corpvet: warning: {w}");
        tracing::warn!("{w}");
    }
    let mut opts = ExplorerOptions::from_env();
    for w in apply_config(&mut opts, &loaded.config) {
        errln!("corpvet: warning: {w}");
        tracing::warn!("{w}");
    }
    // The explorer's screen hides what was printed before it: a store that cannot be used
    // is said on its status line from the start, not only when a search is refused.
    if let Some(why) = services.lookups_refused() {
        tracing::warn!("{why}");
        opts.notice = Some(format!(
            "team database unusable, nothing is looked up: {why}"
        ));
    } else if let Some(w) = warnings.iter().find(|w| w.contains("the store")) {
        opts.notice = Some(w.clone());
    }
    opts.history = services
        .recent_keywords(explorer::history::MAX_ENTRIES)
        .await;
    match explorer::run(services, opts).await {
        Ok(()) => exit::RESULTS,
        Err(e) => {
            errln!("corpvet: terminal error: {e}");
            exit::TRANSPORT
        }
    }
}

/// What the configuration says about the explorer: the download (and export) folder, mouse
/// capture at start, the qualifications provider and the colours. `both` has no two-list
/// view in the explorer, so it starts on QCC and says how to see Juhe. `NO_COLOR` is already
/// in `opts` (an environment convention, not a config key) and wins over the colours.
/// Returns warnings (an unreadable colour), never fails: a typo must not lock the user out.
pub fn apply_config(opts: &mut ExplorerOptions, config: &Config) -> Vec<String> {
    if let Some(dir) = config.download_dir() {
        opts.download_dir = dir.clone();
        opts.export_dir = dir;
    }
    opts.mouse = config.ui.mouse;
    opts.user = config.user.who();
    opts.report_price_fen = config.prices.fen(crate::api::qcc::endpoint::CREATE_REPORT);
    let choice = config.lookup.default_provider;
    opts.default_provider = choice.primary();
    opts.vet_max_pages = config.lookup.certificate_pages;
    if choice == ProviderChoice::Both {
        opts.vet_both_providers = true;
        opts.notice = Some(
            "default provider is both: the Overview asks QCC and Juhe; the Qualifications tab shows QCC first, P switches"
                .into(),
        );
    }
    let (palette, problems) = Palette::from_names(
        config
            .ui
            .theme
            .iter()
            .map(|(role, colour)| (role.as_str(), colour.as_str())),
    );
    opts.palette = palette;
    let (keys, key_problems) = crate::app::remap::Remap::from_config(&config.ui.keys);
    opts.keys = keys;
    problems.into_iter().chain(key_problems).collect()
}

#[cfg(test)]
mod tests;
