//! `corpvet config path | show | init`, and reading the configuration for every command.

use clap::Subcommand;
use serde_json::json;

use crate::api::settings::mask;
use crate::config::fields;
use crate::config::init::{init, InitOutcome, TerminalPrompt};
use crate::config::load::process_env;
use crate::config::{self, paths, ConfigError, FlagOverride, LoadOptions, Loaded, Origin};

use super::args::Cli;
use super::exit;
use crate::service::envelope::{Envelope, Source};

#[derive(Debug, Clone, Subcommand)]
pub enum ConfigAction {
    /// Print the config file in use (whether or not it exists yet).
    Path,
    /// Print the effective configuration, keys masked, and where each value came from
    /// (default, file, env, flag).
    Show,
    /// Ask for the keys (the secret is not echoed) and write the file with mode 0600.
    /// An existing file is replaced only if you say so.
    Init,
}

/// The flags that override configuration keys.
pub fn flag_overrides(cli: &Cli) -> Vec<FlagOverride> {
    let mut flags = Vec::new();
    if let Some(t) = &cli.timeout {
        flags.push(FlagOverride {
            key: "network.timeout_secs",
            value: t.clone(),
            flag: "--timeout",
        });
    }
    flags
}

/// The configuration for this run: defaults < file < `CORPVET_*` < flags.
pub fn load_config(cli: &Cli) -> Result<Loaded, ConfigError> {
    config::load(&LoadOptions {
        path: cli.config.clone(),
        env: &process_env,
        flags: flag_overrides(cli),
    })
}

/// `corpvet config …`.
pub fn run_config(cli: &Cli, action: &ConfigAction) -> u8 {
    match action {
        ConfigAction::Path => match paths::config_file(cli.config.as_deref()) {
            Ok(path) => {
                if cli.json {
                    print_doc(
                        "config path",
                        json!({ "path": path, "exists": path.is_file() }),
                    );
                } else {
                    outln!("{}", path.display());
                    if !path.is_file() {
                        errln!(
                            "corpvet: (no file there yet: defaults apply; `corpvet config init` \
                             writes one)"
                        );
                    }
                }
                exit::RESULTS
            }
            Err(e) => {
                errln!("corpvet: {e}");
                exit::REFUSED
            }
        },
        ConfigAction::Show => match load_config(cli) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    errln!("corpvet: warning: {w}");
                }
                if cli.json {
                    print_doc("config show", show_json(&loaded));
                } else {
                    out!("{}", show_text(&loaded));
                }
                exit::RESULTS
            }
            Err(e) => {
                errln!("corpvet: {e}");
                exit::REFUSED
            }
        },
        ConfigAction::Init => run_init(cli),
    }
}

fn run_init(cli: &Cli) -> u8 {
    let path = match paths::config_file(cli.config.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            errln!("corpvet: {e}");
            return exit::REFUSED;
        }
    };
    // Seed the questions with the file's values when it reads cleanly (environment and
    // flags are not written into the file).
    let current = if path.is_file() {
        config::load(&LoadOptions {
            path: Some(path.clone()),
            env: &|_| None,
            flags: Vec::new(),
        })
        .ok()
        .map(|l| l.config)
    } else {
        None
    };
    match init(&path, current, &mut TerminalPrompt) {
        Ok(InitOutcome::Written { path, backup }) => {
            if let Some(b) = backup {
                errln!("corpvet: the previous file is kept as {}", b.display());
            }
            errln!(
                "corpvet: wrote {} (mode 0600). Every key is documented in config/default.toml; \
                 `corpvet config show` shows what is in effect.",
                path.display()
            );
            exit::RESULTS
        }
        Ok(InitOutcome::Kept { path }) => {
            errln!("corpvet: kept {} unchanged", path.display());
            exit::REFUSED
        }
        Err(e) => {
            errln!("corpvet: {e}");
            exit::REFUSED
        }
    }
}

/// One row of `config show`: key, shown value, where it came from.
fn rows(loaded: &Loaded) -> Vec<(String, String, Origin, bool)> {
    let c = &loaded.config;
    let mut out: Vec<(String, String, Origin, bool)> = fields::all()
        .map(|f| {
            let raw = (f.get)(c);
            let shown = if f.secret {
                if raw.is_empty() {
                    "(not set)".to_string()
                } else if raw.starts_with("postgres") {
                    // Where the team database is, without its password.
                    format!(
                        "{} (password hidden)",
                        crate::store::postgres::redacted(&raw)
                    )
                } else {
                    mask(&raw)
                }
            } else if raw.is_empty() {
                "(default)".to_string()
            } else {
                raw
            };
            (f.key.to_string(), shown, loaded.origin(f.key), f.secret)
        })
        .collect();
    for (section, map) in [("ui.theme", &c.ui.theme), ("ui.keys", &c.ui.keys)] {
        for (k, v) in map {
            let key = format!("{section}.{k}");
            let origin = loaded.origin(&key);
            out.push((key, v.clone(), origin, false));
        }
    }
    out
}

fn show_text(loaded: &Loaded) -> String {
    let mut s = String::new();
    let state = if loaded.file_found {
        ""
    } else {
        " (not found: defaults apply)"
    };
    s.push_str(&format!(
        "# config file: {}{state}\n",
        loaded.path.display()
    ));
    let rows = rows(loaded);
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let vwidth = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for (key, value, origin, _) in rows {
        let pad = vwidth.saturating_sub(value.chars().count());
        s.push_str(&format!(
            "{key:<width$} = {value}{}  # {origin}\n",
            " ".repeat(pad)
        ));
    }
    s
}

fn show_json(loaded: &Loaded) -> serde_json::Value {
    let values: Vec<serde_json::Value> = rows(loaded)
        .into_iter()
        .map(|(key, value, origin, secret)| {
            let detail = match origin {
                Origin::Env(v) | Origin::Flag(v) => Some(v),
                _ => None,
            };
            json!({
                "key": key,
                "value": value,
                "masked": secret,
                "source": origin.kind(),
                "via": detail,
            })
        })
        .collect();
    json!({
        "path": loaded.path,
        "file_found": loaded.file_found,
        "values": values,
        "warnings": loaded.warnings,
    })
}

/// A JSON document for the local commands (config, cache, history, reports).
pub fn print_doc(command: &str, data: serde_json::Value) {
    super::print::json(&crate::service::envelope::local_doc(command, data));
}

/// The configuration could not be read: say so (one line on stderr, an error document with
/// `--json`) and refuse; nothing is sent.
pub fn config_failure(json: bool, command: &'static str, source: Source, e: &ConfigError) -> u8 {
    errln!("corpvet: {e}");
    if json {
        let doc = Envelope::failure(
            command,
            source,
            crate::api::error::ErrorReport {
                code: None,
                class: "config".into(),
                message: e.to_string(),
                gloss: None,
                advice: Some("Fix the configuration; nothing was sent or billed.".into()),
                retryable: false,
            },
            Vec::new(),
        );
        super::print::json(&doc);
    }
    exit::REFUSED
}
