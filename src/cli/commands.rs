//! Running one subcommand: refuse bad input locally, make the call, print, pick the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

use crate::api::error::ErrorReport;
use crate::api::qcc::{endpoint, CertQuery};
use crate::api::{juhe, ApiError};
use crate::domain::keyword::parse_keyword;
use crate::domain::page::Page;
use crate::domain::provider::ProviderChoice;
use crate::domain::qualification::{Provider, Qualification};
use crate::domain::report::{ReportFormat, ReportState};
use crate::sandbox::Sandbox;
use crate::service::cache::{FetchMode, Freshness};
use crate::service::poll::PollPolicy;
use crate::service::{connect, Mode, Services};
use crate::store::{OrderRecord, OrderState};

use super::args::{Cli, Command};
use super::cache_cmd::{fetch_mode, freshness_notice, print_with_freshness, run_cache};
use super::config_cmd::{config_failure, load_config, run_config};
use super::confirm::confirm_order;
use super::exit;
use super::history_cmd::{run_history, run_reports};
use super::human;
use super::json::{Envelope, PagingOut, Source, SCHEMA_VERSION};

/// What a successful command produced.
struct Done<T> {
    data: T,
    paging: Option<PagingOut>,
    /// No result (exit 1), though the call succeeded.
    empty: bool,
    human: String,
}

/// Options every lookup shares.
struct Ctx {
    json: bool,
    force: bool,
    mode: Mode,
    warnings: Vec<String>,
    /// `--refresh` / `--offline`.
    fetch: FetchMode,
    /// Where the answer came from (set by lookups).
    fresh: Option<Freshness>,
}

/// Run a subcommand (not the explorer) and return the process exit code.
pub async fn run(cli: Cli, command: Command) -> u8 {
    if let Command::Sandbox { port } = command {
        return serve_sandbox(port).await;
    }
    match &command {
        Command::Config { action } => return run_config(&cli, action),
        Command::Cache { action } => return run_cache(&cli, action),
        Command::History { limit } => return run_history(&cli, *limit),
        Command::Reports { limit } => return run_reports(&cli, *limit),
        Command::Watch { action } if !action.needs_services() => {
            return super::watch_cmd::run_local(&cli, action)
        }
        _ => {}
    }
    let loaded = match load_config(&cli) {
        Ok(l) => l,
        Err(e) => {
            let src = source(Mode::Sandbox, &command, ProviderChoice::Qcc);
            return config_failure(cli.json, command_name(&command), src, &e);
        }
    };
    let default_provider = loaded.config.lookup.default_provider;
    let certificate_pages = loaded.config.lookup.certificate_pages;
    let mut warnings = loaded.warnings.clone();
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
        return fail(cli.json, command_name(&command), src, &e, warnings);
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
                warnings,
            )
        }
    };
    let mode = services.mode();
    if mode == Mode::Sandbox {
        eprintln!("corpvet: no credentials configured: using the built-in SANDBOX (made-up data, nothing billed)");
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
        eprintln!("corpvet: warning: {w}");
    }
    let today = chrono::Local::now().date_naive();
    let src = source(ctx.mode, &command, default_provider);
    let name = command_name(&command);
    match command {
        Command::Building {
            keyword,
            provider,
            page,
        } => {
            let choice = provider.unwrap_or(default_provider);
            let result = async {
                let kw = checked(&mut ctx, &keyword)?;
                let (page, fresh) =
                    qualifications(&services, &kw, choice, page, today, ctx.fetch).await?;
                ctx.fresh = Some(fresh);
                Ok(page_done(page, human::qualifications))
            }
            .await;
            finish(&ctx, name, src, result)
        }
        Command::Certs {
            name: company,
            category,
            page,
            page_size,
            fuzzy,
        } => {
            let result = async {
                let kw = checked(&mut ctx, &company)?;
                let query = CertQuery {
                    search_key: kw,
                    category,
                    page_size,
                    page_index: page,
                    exact: !fuzzy,
                };
                let (page, fresh) = services.certificates_with(&query, today, ctx.fetch).await?;
                ctx.fresh = Some(fresh);
                Ok(page_done(page, human::certificates))
            }
            .await;
            finish(&ctx, name, src, result)
        }
        Command::Cert { id } => {
            let result = services
                .certificate_detail_with(&id, today, ctx.fetch)
                .await
                .map(|(d, fresh)| {
                    ctx.fresh = Some(fresh);
                    Done {
                        empty: false,
                        paging: None,
                        human: human::certificate_detail(&d),
                        data: Some(d),
                    }
                });
            let result = no_result_as_empty(result);
            finish(&ctx, name, src, result)
        }
        Command::Customs { keyword, page } => {
            let result = async {
                let kw = checked(&mut ctx, &keyword)?;
                let (page, fresh) = services.customs_with(&kw, page, ctx.fetch).await?;
                ctx.fresh = Some(fresh);
                Ok(page_done(page, human::customs))
            }
            .await;
            finish(&ctx, name, src, result)
        }
        Command::Report {
            keyword,
            format,
            wait,
            out,
            yes,
            new,
        } => {
            let result = order_report(
                &mut ctx,
                &services,
                &keyword,
                format.into(),
                wait || out.is_some(),
                out,
                (yes, new),
            )
            .await;
            finish(&ctx, name, src, result)
        }
        Command::Vet(args) => {
            super::vet_cmd::run(
                vet_shared(&ctx, default_provider, certificate_pages),
                &services,
                args,
            )
            .await
        }
        Command::Batch(args) => {
            super::batch_cmd::run(
                vet_shared(&ctx, default_provider, certificate_pages),
                &services,
                args,
            )
            .await
        }
        Command::Watch { action } => {
            super::watch_cmd::run(
                vet_shared(&ctx, default_provider, certificate_pages),
                &services,
                action,
            )
            .await
        }
        Command::ReportStatus { order_no, xml } => {
            let result = services
                .report_status(&order_no, xml)
                .await
                .map(|state| report_done(&order_no, state, None));
            finish(&ctx, name, src, result)
        }
        Command::Sandbox { .. }
        | Command::Config { .. }
        | Command::Cache { .. }
        | Command::History { .. }
        | Command::Reports { .. } => exit::RESULTS,
    }
}

/// What the vetting commands (vet, batch, watch run) take from the shared options.
fn vet_shared(ctx: &Ctx, provider: ProviderChoice, max_pages: u32) -> super::vet_cmd::Shared {
    super::vet_cmd::Shared {
        json: ctx.json,
        force: ctx.force,
        mode: ctx.mode,
        warnings: ctx.warnings.clone(),
        fetch: ctx.fetch,
        provider,
        max_pages,
    }
}

/// Building qualifications from the chosen provider; `both` asks QCC (its one unpaged
/// answer, on page 1) and Juhe (the page asked for) and lists QCC's first.
async fn qualifications(
    services: &Services,
    kw: &str,
    choice: ProviderChoice,
    page: u32,
    today: chrono::NaiveDate,
    mode: FetchMode,
) -> Result<(Page<Qualification>, Freshness), ApiError> {
    match choice {
        ProviderChoice::Qcc => {
            services
                .qualifications_with(kw, Provider::Qcc, page, today, mode)
                .await
        }
        ProviderChoice::Juhe => {
            services
                .qualifications_with(kw, Provider::Juhe, page, today, mode)
                .await
        }
        ProviderChoice::Both => {
            let (juhe, jf) = services
                .qualifications_with(kw, Provider::Juhe, page, today, mode)
                .await?;
            if page > 1 {
                return Ok((juhe, jf));
            }
            let (qcc, qf) = services
                .qualifications_with(kw, Provider::Qcc, 1, today, mode)
                .await?;
            let total = juhe.total + qcc.items.len() as u64;
            let mut items = qcc.items;
            items.extend(juhe.items);
            let fresh = Freshness {
                cached: qf.cached && jf.cached,
                fetched_at: qf.fetched_at.min(jf.fetched_at),
                stale: qf.stale || jf.stale,
                note: qf.note.or(jf.note),
            };
            Ok((
                Page {
                    items,
                    page: juhe.page,
                    page_size: juhe.page_size,
                    total,
                },
                fresh,
            ))
        }
    }
}

/// A page of results: exit 1 when it is empty, the paging in `--json`.
fn page_done<T>(page: Page<T>, human: fn(&Page<T>) -> String) -> Done<Vec<T>> {
    Done {
        empty: page.items.is_empty(),
        paging: Some(PagingOut::of(&page)),
        human: human(&page),
        data: page.items,
    }
}

/// The keyword checked locally (length, credit-code check character) before any call.
fn checked(ctx: &mut Ctx, raw: &str) -> Result<String, ApiError> {
    let kw = parse_keyword(raw, ctx.force)?;
    if let Some(w) = kw.warning {
        eprintln!("corpvet: warning: {w}");
        ctx.warnings.push(w);
    }
    Ok(kw.text)
}

/// A 201 on a detail lookup is "no result" (`data: null`, exit 1), not an error.
fn no_result_as_empty<T>(
    result: Result<Done<Option<T>>, ApiError>,
) -> Result<Done<Option<T>>, ApiError> {
    match result {
        Err(ApiError::Status { info, .. }) if info.class == crate::api::StatusClass::NoResult => {
            Ok(Done {
                data: None,
                paging: None,
                empty: true,
                human: "no result\n".into(),
            })
        }
        other => other,
    }
}

#[derive(Debug, Serialize)]
struct ReportOut {
    order_no: String,
    state: ReportState,
    /// Absolute address of the ready report.
    download_url: Option<String>,
    /// Where the report was saved, with `--out`.
    file: Option<PathBuf>,
}

fn report_done(order_no: &str, state: ReportState, file: Option<PathBuf>) -> Done<ReportOut> {
    let url = match &state {
        ReportState::Ready { report_url } => Some(report_url.clone()),
        _ => None,
    };
    let mut human = human::report_state(order_no, &state, url.as_deref());
    if let Some(f) = &file {
        human.push_str(&format!("saved: {}\n", f.display()));
    }
    Done {
        empty: false,
        paging: None,
        human,
        data: ReportOut {
            order_no: order_no.to_string(),
            state,
            download_url: url,
            file,
        },
    }
}

/// Confirm, order ONCE, then optionally poll and download.
async fn order_report(
    ctx: &mut Ctx,
    services: &Services,
    keyword: &str,
    format: ReportFormat,
    wait: bool,
    out: Option<PathBuf>,
    (yes, new): (bool, bool),
) -> Result<Done<ReportOut>, ApiError> {
    let kw = checked(ctx, keyword)?;
    let previous = if new {
        None
    } else {
        services.recent_order(&kw, format).await
    };
    let order_no = match previous {
        Some(prev) => {
            let (order_no, known) = reuse_order(ctx, &prev)?;
            if !wait {
                return Ok(report_done(&order_no, known, prev.file.map(PathBuf::from)));
            }
            order_no
        }
        None => {
            if !yes {
                confirm_order(&kw, format.extension())?;
            }
            let order_no = services.create_report(&kw, format).await?;
            eprintln!("corpvet: report ordered: order {order_no}");
            if !wait {
                return Ok(report_done(&order_no, ReportState::Pending, None));
            }
            order_no
        }
    };
    if !wait {
        return Ok(report_done(&order_no, ReportState::Pending, None));
    }
    let state = poll_until_done(services, &order_no).await?;
    let ReportState::Ready { report_url } = &state else {
        return Ok(report_done(&order_no, state, None));
    };
    let ready = state.clone();
    let Some(dir) = out else {
        return Ok(report_done(&order_no, ready, None));
    };
    let file_name = Services::report_file_name(&kw, &order_no, format);
    let show = std::io::stderr().is_terminal() && !ctx.json;
    let saved = services
        .download_report(report_url, &dir, &file_name, |p| {
            if show {
                let total = p.total.map_or_else(|| "?".to_string(), |t| t.to_string());
                eprint!("\rcorpvet: downloading {} / {total} bytes", p.received);
            }
        })
        .await?;
    if show {
        eprintln!();
    }
    services.record_report_file(&order_no, &saved.path).await;
    Ok(report_done(&order_no, ready, Some(saved.path)))
}

/// The same report was ordered within the reuse window: use that order (its number can be
/// polled) instead of paying again, or refuse when its answer never arrived.
fn reuse_order(ctx: &mut Ctx, prev: &OrderRecord) -> Result<(String, ReportState), ApiError> {
    let age = crate::config::ttl::age_label(std::time::Duration::from_secs(
        u64::try_from(crate::store::now() - prev.created_at).unwrap_or(0),
    ));
    match (&prev.order_no, prev.state) {
        (Some(order_no), _) => {
            let note = format!(
                "a {} report for {} was already ordered {age} (order {order_no}, {}); using                  it instead of ordering again: pass --new to order (and pay) again",
                prev.format,
                prev.company,
                prev.state.as_str()
            );
            eprintln!("corpvet: {note}");
            ctx.warnings.push(note);
            let known = match (&prev.report_url, prev.state) {
                (Some(url), OrderState::Ready) => ReportState::Ready {
                    report_url: url.clone(),
                },
                _ => ReportState::Pending,
            };
            Ok((order_no.clone(), known))
        }
        (None, _) => Err(ApiError::invalid(format!(
            "a {} report for {} was ordered {age} but its answer never arrived, so it may have              been placed and billed; check the orders in the QCC console (`corpvet reports`              lists what corpvet knows), or pass --new to order again",
            prev.format, prev.company
        ))),
    }
}

/// Poll with back-off until the order is ready or failed, or the policy's time runs out.
async fn poll_until_done(services: &Services, order_no: &str) -> Result<ReportState, ApiError> {
    let policy = PollPolicy::default();
    let started = Instant::now();
    let mut polls = 0u32;
    loop {
        polls += 1;
        match services.report_status(order_no, false).await {
            Ok(state) if state.is_terminal() => return Ok(state),
            Ok(state) => eprintln!(
                "corpvet: poll {polls}: {} ({}s)",
                state.label(),
                started.elapsed().as_secs()
            ),
            Err(e) if e.retryable() => eprintln!("corpvet: poll {polls}: {e} (will retry)"),
            Err(e) => return Err(e),
        }
        if started.elapsed() >= policy.overall_timeout {
            return Err(ApiError::transport(
                crate::api::TransportKind::Timeout,
                format!("report {order_no} not ready after {}s: check later with `corpvet report-status {order_no}`",
                    started.elapsed().as_secs()),
            ));
        }
        tokio::time::sleep(policy.delay_for(polls)).await;
    }
}

fn finish<T: Serialize>(
    ctx: &Ctx,
    command: &'static str,
    source: Source,
    result: Result<Done<T>, ApiError>,
) -> u8 {
    match result {
        Ok(done) => {
            let code = if done.empty {
                exit::NO_RESULT
            } else {
                exit::RESULTS
            };
            let notice = ctx.fresh.as_ref().and_then(freshness_notice);
            if let Some(n) = &notice {
                eprintln!("corpvet: {n}");
            }
            if ctx.json {
                let mut warnings = ctx.warnings.clone();
                if ctx.fresh.as_ref().is_some_and(|f| f.stale) {
                    warnings.extend(notice);
                }
                let envelope = Envelope {
                    schema_version: SCHEMA_VERSION,
                    command,
                    ok: true,
                    source,
                    paging: done.paging,
                    data: Some(done.data),
                    error: None,
                    warnings,
                };
                print_with_freshness(&envelope, ctx.fresh.as_ref());
            } else if done.empty {
                println!("no result");
            } else {
                print!("{}", done.human);
            }
            code
        }
        Err(e) => fail(ctx.json, command, source, &e, ctx.warnings.clone()),
    }
}

pub(super) fn fail(
    json: bool,
    command: &'static str,
    source: Source,
    e: &ApiError,
    warnings: Vec<String>,
) -> u8 {
    eprintln!("{}", error_line(e));
    if json {
        Envelope::failure(command, source, e.report(), warnings).print();
    }
    exit::for_error(e)
}

/// One clear line: what failed, the vendor's code and words with a gloss, and what to do.
pub fn error_line(e: &ApiError) -> String {
    let ErrorReport { advice, .. } = e.report();
    match advice {
        Some(a) => format!("corpvet: {e}. {a}"),
        None => format!("corpvet: {e}"),
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
        Command::Config { .. } => "config",
        Command::Cache { .. } => "cache",
        Command::History { .. } => "history",
        Command::Reports { .. } => "reports",
    }
}

fn source(mode: Mode, c: &Command, default_provider: ProviderChoice) -> Source {
    let (provider, ep) = match c {
        Command::Building { provider, .. } => match provider.unwrap_or(default_provider) {
            ProviderChoice::Juhe => ("juhe", juhe::QUALIFICATION_PATH),
            ProviderChoice::Qcc => ("qcc", endpoint::BUILDING),
            ProviderChoice::Both => (
                "both",
                "BuildingQualificationCheck/GetList, opens/App/bqQualification/query",
            ),
        },
        Command::Certs { .. } => ("qcc", endpoint::CERT_SEARCH),
        Command::Cert { .. } => ("qcc", endpoint::CERT_DETAIL),
        Command::Customs { .. } => ("qcc", endpoint::CUSTOMS),
        Command::Report { .. } => ("qcc", endpoint::CREATE_REPORT),
        Command::ReportStatus { .. } => ("qcc", endpoint::REPORT_INFO),
        Command::Vet(_) | Command::Batch(_) | Command::Watch { .. } => {
            ("qcc", endpoint::CERT_SEARCH)
        }
        Command::Sandbox { .. }
        | Command::Config { .. }
        | Command::Cache { .. }
        | Command::History { .. }
        | Command::Reports { .. } => ("local", ""),
    };
    Source {
        mode,
        provider,
        endpoint: ep,
    }
}

/// `corpvet sandbox`: serve the fake vendors until Ctrl-C.
async fn serve_sandbox(port: u16) -> u8 {
    match Sandbox::start(port).await {
        Ok(sandbox) => {
            println!("corpvet sandbox listening on http://{}", sandbox.addr());
            println!("  CORPVET_QCC_BASE_URL={}", sandbox.qcc_base_url());
            println!("  CORPVET_JUHE_BASE_URL={}", sandbox.juhe_base_url());
            println!(
                "  credentials: CORPVET_QCC_KEY={} CORPVET_QCC_SECRET={} CORPVET_JUHE_KEY={}",
                crate::sandbox::SANDBOX_QCC_KEY,
                crate::sandbox::SANDBOX_QCC_SECRET,
                crate::sandbox::SANDBOX_JUHE_KEY
            );
            println!(
                "  billing counters: http://{}/__sandbox/counters",
                sandbox.addr()
            );
            println!("Ctrl-C stops it.");
            sandbox.serve_forever().await;
            exit::RESULTS
        }
        Err(e) => {
            eprintln!("corpvet: cannot start the sandbox on port {port}: {e}");
            exit::TRANSPORT
        }
    }
}
