//! `corpvet mcp`: a Model Context Protocol server over stdio, the third front end over the
//! same services as the CLI and the explorer. An agent asking "can we sign with this
//! contractor?" gets every guard a person gets: stored answers reused, bad input refused
//! locally, the rate limit, the budgets, the ledgers, and no report ordered without a
//! second, confirmed call. stdout carries the protocol only; the log goes to a file in the
//! state folder, and start-up notes to stderr.

mod inputs;
mod lookups;
mod orders;
mod reply;
mod server;
mod token;
mod tools;

use std::time::Duration;

use std::io::IsTerminal;

use rmcp::ServiceExt;

use crate::config::{paths, Config};
use crate::service::{connect, logging, Mode};

pub use server::Corpvet;
pub use token::DEFAULT_TTL;

/// The user recorded for the server's calls: the configured one, marked as an agent's.
pub fn agent_user(config: &Config) -> String {
    format!("{} (mcp)", config.user.who())
}

/// How long a confirmation token lives: `CORPVET_MCP_CONFIRM_SECS` (1 to 3600), else
/// five minutes.
pub fn token_ttl(setting: Option<&str>) -> Result<Duration, String> {
    match setting.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(DEFAULT_TTL),
        Some(text) => match text.parse::<u64>() {
            Ok(secs) if (1..=3600).contains(&secs) => Ok(Duration::from_secs(secs)),
            _ => Err(format!(
                "CORPVET_MCP_CONFIRM_SECS={text:?} is not a number of seconds from 1 to 3600"
            )),
        },
    }
}

/// Serve MCP on stdin/stdout until the client closes it. `warnings` are the configuration's.
/// Fails (before serving) only when no backend can be had or a setting is unusable.
pub async fn serve(mut config: Config, mut warnings: Vec<String>) -> Result<(), String> {
    let level = std::env::var("CORPVET_LOG").ok();
    if let Err(e) = logging::init(&paths::state_dir(), "corpvet-mcp.log", level.as_deref()) {
        eprintln!("corpvet mcp: warning: no log file ({e}); logging nothing");
    }
    let ttl = token_ttl(std::env::var("CORPVET_MCP_CONFIRM_SECS").ok().as_deref())?;
    config.user.name = agent_user(&config);
    let connected = connect(&config).await.map_err(|e| e.with_advice())?;
    warnings.extend(connected.warnings);
    let mode = match connected.services.mode() {
        Mode::Sandbox => "the built-in SANDBOX (made-up data, nothing billed)",
        Mode::Live => "the vendors (calls are billed)",
    };
    eprintln!(
        "corpvet mcp: serving MCP on stdin/stdout over {mode}; calls recorded as {:?}",
        config.user.name
    );
    if std::io::stdin().is_terminal() {
        eprintln!(
            "corpvet mcp: this is not interactive: an AI assistant's MCP client starts it \
             (see \"For AI assistants\" in the README). Ctrl-D stops it."
        );
    }
    for w in &warnings {
        eprintln!("corpvet mcp: warning: {w}");
        tracing::warn!("{w}");
    }
    let lookup = &config.lookup;
    let server = Corpvet::new(
        connected.services,
        (lookup.default_provider, lookup.certificate_pages),
        warnings,
        ttl,
    );
    let running = server
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| format!("no MCP session was opened ({e}); nothing was sent"))?;
    let reason = running
        .waiting()
        .await
        .map_err(|e| format!("the MCP server stopped: {e}"))?;
    tracing::info!(?reason, "MCP client gone");
    Ok(())
}
