//! Running one subcommand: refuse bad input locally, make the call, print, pick the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

use crate::api::error::ErrorReport;
use crate::api::qcc::{endpoint, CertQuery};
use crate::api::settings::ApiSettings;
use crate::api::{juhe, ApiError};
use crate::domain::keyword::parse_keyword;
use crate::domain::page::Page;
use crate::domain::qualification::Provider;
use crate::domain::report::{ReportFormat, ReportState};
use crate::sandbox::Sandbox;
use crate::worker::poll::PollPolicy;
use crate::worker::{Backend, Mode, Services};

use super::args::{Cli, Command};
use super::confirm::confirm_order;
use super::exit;
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
}

/// Run a subcommand (not the explorer) and return the process exit code.
pub async fn run(cli: Cli, command: Command) -> u8 {
    if let Command::Sandbox { port } = command {
        return serve_sandbox(port).await;
    }
    let settings = ApiSettings::from_env();
    let mut warnings = Vec::new();
    if ApiSettings::incomplete_qcc(|n| std::env::var(n).ok()) {
        warnings.push(
            "CORPVET_QCC_KEY and CORPVET_QCC_SECRET must both be set; QCC is not configured"
                .to_string(),
        );
    }
    let backend = match Backend::connect(&settings).await {
        Ok(b) => b,
        Err(e) => {
            return fail(
                cli.json,
                "startup",
                source(Mode::Sandbox, &command),
                &e,
                warnings,
            )
        }
    };
    if backend.mode == Mode::Sandbox {
        eprintln!("corpvet: no credentials configured: using the built-in SANDBOX (made-up data, nothing billed)");
    }
    let mut ctx = Ctx {
        json: cli.json,
        force: cli.force,
        mode: backend.mode,
        warnings,
    };
    for w in &ctx.warnings {
        eprintln!("corpvet: warning: {w}");
    }
    let services = Services::new(backend);
    let today = chrono::Local::now().date_naive();
    let src = source(ctx.mode, &command);
    let name = command_name(&command);
    match command {
        Command::Building {
            keyword,
            provider,
            page,
        } => {
            let result = async {
                let kw = checked(&mut ctx, &keyword)?;
                let page = services
                    .qualifications(&kw, provider.into(), page, today)
                    .await?;
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
                let page = services.certificates(&query, today).await?;
                Ok(page_done(page, human::certificates))
            }
            .await;
            finish(&ctx, name, src, result)
        }
        Command::Cert { id } => {
            let result = services.certificate_detail(&id, today).await.map(|d| Done {
                empty: false,
                paging: None,
                human: human::certificate_detail(&d),
                data: Some(d),
            });
            let result = no_result_as_empty(result);
            finish(&ctx, name, src, result)
        }
        Command::Customs { keyword, page } => {
            let result = async {
                let kw = checked(&mut ctx, &keyword)?;
                let page = services.customs(&kw, page).await?;
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
        } => {
            let result = order_report(
                &mut ctx,
                &services,
                &keyword,
                format.into(),
                wait || out.is_some(),
                out,
                yes,
            )
            .await;
            finish(&ctx, name, src, result)
        }
        Command::ReportStatus { order_no, xml } => {
            let result = services
                .report_status(&order_no, xml)
                .await
                .map(|state| report_done(&order_no, state, None));
            finish(&ctx, name, src, result)
        }
        Command::Sandbox { .. } => exit::RESULTS,
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
    yes: bool,
) -> Result<Done<ReportOut>, ApiError> {
    let kw = checked(ctx, keyword)?;
    if !yes {
        confirm_order(&kw, format.extension())?;
    }
    let order_no = services.create_report(&kw, format).await?;
    eprintln!("corpvet: report ordered: order {order_no}");
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
    Ok(report_done(&order_no, ready, Some(saved.path)))
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
            if ctx.json {
                Envelope {
                    schema_version: SCHEMA_VERSION,
                    command,
                    ok: true,
                    source,
                    paging: done.paging,
                    data: Some(done.data),
                    error: None,
                    warnings: ctx.warnings.clone(),
                }
                .print();
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

fn fail(
    json: bool,
    command: &'static str,
    source: Source,
    e: &ApiError,
    warnings: Vec<String>,
) -> u8 {
    eprintln!("{}", error_line(e));
    if json {
        Envelope::<()> {
            schema_version: SCHEMA_VERSION,
            command,
            ok: false,
            source,
            paging: None,
            data: None,
            error: Some(e.report()),
            warnings,
        }
        .print();
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
        Command::Sandbox { .. } => "sandbox",
    }
}

fn source(mode: Mode, c: &Command) -> Source {
    let (provider, ep) = match c {
        Command::Building { provider, .. } if Provider::from(*provider) == Provider::Juhe => {
            ("juhe", juhe::QUALIFICATION_PATH)
        }
        Command::Building { .. } => ("qcc", endpoint::BUILDING),
        Command::Certs { .. } => ("qcc", endpoint::CERT_SEARCH),
        Command::Cert { .. } => ("qcc", endpoint::CERT_DETAIL),
        Command::Customs { .. } => ("qcc", endpoint::CUSTOMS),
        Command::Report { .. } => ("qcc", endpoint::CREATE_REPORT),
        Command::ReportStatus { .. } => ("qcc", endpoint::REPORT_INFO),
        Command::Sandbox { .. } => ("qcc", ""),
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
