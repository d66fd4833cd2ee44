//! The scriptable command line: clap subcommands over the same services the explorer uses.
//! Human-readable CJK-aligned tables by default, one versioned JSON document with `--json`.
//! This file dispatches; each command family has its own file, and [`output`] prints.

#[macro_use]
pub mod print;
pub mod args;
pub mod batch_cmd;
pub mod batch_input;
pub mod cache_cmd;
pub mod config_cmd;
pub mod confirm;
pub mod docs_cmd;
pub mod exit;
pub mod explore;
pub mod history_cmd;
pub mod human;
pub mod lookup_cmd;
pub mod output;
pub mod report_cmd;
pub mod sandbox_cmd;
pub mod spend_cmd;
pub mod store_cmd;
pub mod table;
pub mod vet_cmd;
pub mod watch_cmd;

use crate::api::qcc::endpoint;
use crate::api::ApiError;
use crate::domain::provider::ProviderChoice;
use crate::service::{connect, Mode};

pub use args::{Cli, Command};
pub use explore::{explore, explore_with};
pub use output::error_line;

use crate::service::envelope::Source;
use cache_cmd::{fetch_mode, run_cache};
use config_cmd::{config_failure, load_config, run_config};
use history_cmd::{run_history, run_reports};
use output::{fail, Ctx};

/// Run a subcommand (not the explorer) and return the process exit code.
pub async fn run(cli: Cli, command: Command) -> u8 {
    // The commands that need no vendor: no configuration check, no sandbox, no store.
    match &command {
        Command::Completions { shell } => return docs_cmd::completions(*shell),
        Command::Man => return docs_cmd::man(),
        Command::Sandbox { port } => return sandbox_cmd::serve_sandbox(*port).await,
        Command::Config { action } => return run_config(&cli, action),
        Command::Cache { action } => return run_cache(&cli, action),
        Command::Store { action } => return store_cmd::run_store(&cli, action),
        Command::History { limit } => return run_history(&cli, *limit),
        Command::Reports { limit } => return run_reports(&cli, *limit),
        Command::Spend(args) => return spend_cmd::run_spend(&cli, args),
        Command::Watch { action } if !action.needs_services() => {
            return watch_cmd::run_local(&cli, action)
        }
        _ => {}
    }
    let loaded = match load_config(&cli) {
        Ok(l) => l,
        Err(e) => {
            let src = source(Mode::Sandbox, &command, ProviderChoice::Qcc);
            // stdout belongs to the MCP client: no document there, even with --json.
            let json = cli.json && !matches!(command, Command::Mcp);
            return config_failure(json, command_name(&command), src, &e);
        }
    };
    if let Command::Mcp = command {
        return match crate::mcp::serve(loaded.config, loaded.warnings).await {
            Ok(()) => exit::RESULTS,
            Err(e) => {
                errln!("corpvet mcp: {e}");
                exit::REFUSED
            }
        };
    }
    let default_provider = loaded.config.lookup.default_provider;
    let certificate_pages = loaded.config.lookup.certificate_pages;
    let user = loaded.config.user.who();
    let mut warnings = loaded.warnings.clone();
    // What `connect` would warn about the API settings, for the failures before it answers.
    let early = |w: &[String]| -> Vec<String> {
        let mut w = w.to_vec();
        w.extend(loaded.config.api_settings().1);
        w
    };
    if cli.offline
        && matches!(
            command,
            Command::Report { .. } | Command::ReportStatus { .. }
        )
    {
        let src = source(Mode::Sandbox, &command, default_provider);
        let e = ApiError::invalid(
            "offline: ordering or polling a report needs the vendor; drop --offline",
        );
        return fail(cli.json, command_name(&command), src, &e, early(&warnings));
    }
    let services = match connect(&loaded.config).await {
        Ok(c) => {
            warnings.extend(c.warnings);
            c.services
        }
        Err(e) => {
            return fail(
                cli.json,
                "startup",
                source(Mode::Sandbox, &command, default_provider),
                &e,
                early(&warnings),
            )
        }
    };
    let mode = services.mode();
    if mode == Mode::Sandbox {
        errln!("corpvet: no credentials configured: using the built-in SANDBOX (made-up data, nothing billed)");
    }
    let mut ctx = Ctx {
        json: cli.json,
        force: cli.force,
        mode,
        warnings,
        fetch: fetch_mode(&cli),
        fresh: None,
    };
    for w in &ctx.warnings {
        errln!("corpvet: warning: {w}");
    }
    let today = crate::service::clock::china_today();
    let src = source(ctx.mode, &command, default_provider);
    let name = command_name(&command);
    // What the vetting commands (vet, batch, watch run) take from the shared options.
    let shared = vet_shared(&ctx, default_provider, certificate_pages, user);
    match command {
        Command::Building { .. }
        | Command::Certs { .. }
        | Command::Cert { .. }
        | Command::Customs { .. } => {
            lookup_cmd::run(
                &mut ctx,
                &services,
                command,
                (name, src),
                default_provider,
                today,
            )
            .await
        }
        Command::Report { .. } | Command::ReportStatus { .. } => {
            report_cmd::run(&mut ctx, &services, command, (name, src)).await
        }
        Command::Vet(args) => vet_cmd::run(shared, &services, args).await,
        Command::Batch(args) => batch_cmd::run(shared, &services, args).await,
        Command::Watch { action } => watch_cmd::run(shared, &services, action).await,
        Command::Sandbox { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Config { .. }
        | Command::Cache { .. }
        | Command::Store { .. }
        | Command::History { .. }
        | Command::Reports { .. }
        | Command::Spend(_)
        | Command::Mcp => exit::RESULTS,
    }
}

/// What the vetting commands (vet, batch, watch run) take from the shared options.
fn vet_shared(
    ctx: &Ctx,
    provider: ProviderChoice,
    max_pages: u32,
    user: String,
) -> vet_cmd::Shared {
    vet_cmd::Shared {
        user,
        json: ctx.json,
        force: ctx.force,
        mode: ctx.mode,
        warnings: ctx.warnings.clone(),
        fetch: ctx.fetch,
        provider,
        max_pages,
    }
}

fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Building { .. } => "building",
        Command::Certs { .. } => "certs",
        Command::Cert { .. } => "cert",
        Command::Customs { .. } => "customs",
        Command::Report { .. } => "report",
        Command::ReportStatus { .. } => "report-status",
        Command::Vet(_) => "vet",
        Command::Batch(_) => "batch",
        Command::Watch { .. } => "watch",
        Command::Sandbox { .. } => "sandbox",
        Command::Completions { .. } => "completions",
        Command::Man => "man",
        Command::Config { .. } => "config",
        Command::Cache { .. } => "cache",
        Command::Store { .. } => "store",
        Command::History { .. } => "history",
        Command::Reports { .. } => "reports",
        Command::Spend(_) => "spend",
        Command::Mcp => "mcp",
    }
}

fn source(mode: Mode, c: &Command, default_provider: ProviderChoice) -> Source {
    match c {
        Command::Building { provider, .. } => {
            Source::qualifications(mode, provider.unwrap_or(default_provider))
        }
        Command::Certs { .. } => Source::qcc(mode, endpoint::CERT_SEARCH),
        Command::Cert { .. } => Source::qcc(mode, endpoint::CERT_DETAIL),
        Command::Customs { .. } => Source::qcc(mode, endpoint::CUSTOMS),
        Command::Report { .. } => Source::qcc(mode, endpoint::CREATE_REPORT),
        Command::ReportStatus { .. } => Source::qcc(mode, endpoint::REPORT_INFO),
        Command::Vet(_) | Command::Batch(_) | Command::Watch { .. } => {
            Source::qcc(mode, endpoint::CERT_SEARCH)
        }
        Command::Sandbox { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Config { .. }
        | Command::Cache { .. }
        | Command::Store { .. }
        | Command::History { .. }
        | Command::Reports { .. }
        | Command::Spend(_)
        | Command::Mcp => Source::local(mode),
    }
}
