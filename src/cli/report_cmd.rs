//! `corpvet report` (order, or follow the order already standing; poll; download) and
//! `corpvet report-status`. What to send and when is the service's ([`Services::order_report`]);
//! this file asks for the confirmation and prints.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::api::qcc::endpoint;
use crate::api::{ApiError, StatusClass};
use crate::domain::report::{ReportFormat, ReportState};
use crate::service::poll::{poll_report, PollPolicy};
use crate::service::report::{
    standing_note, uncertain_error, unknown_order_note, Order, ReportOut,
};
use crate::service::Services;

use super::args::Command;
use super::confirm::confirm_order;
use super::human;
use super::output::{checked, finish, Ctx, Done};
use crate::service::envelope::{Envelope, Source};

/// Run `report` or `report-status`.
pub async fn run(
    ctx: &mut Ctx,
    services: &Services,
    command: Command,
    (name, src): (&'static str, Source),
) -> u8 {
    match command {
        Command::Report {
            keyword,
            format,
            wait,
            out,
            yes,
            new,
        } => {
            let wait = wait || out.is_some();
            let result = order(
                ctx,
                services,
                &keyword,
                format.into(),
                wait,
                out,
                (yes, new),
            )
            .await;
            finish(ctx, name, src, result)
        }
        Command::ReportStatus { order_no, xml } => {
            let result = services.report_status(&order_no, xml).await;
            if let Err(e @ ApiError::Status { info, .. }) = &result {
                if info.class == StatusClass::NoResult {
                    return unknown_order(ctx, (name, src), &order_no, e);
                }
            }
            let result = result.map(|state| report_done(&order_no, state, None));
            finish(ctx, name, src, result)
        }
        _ => super::exit::RESULTS,
    }
}

fn report_done(order_no: &str, state: ReportState, file: Option<PathBuf>) -> Done<ReportOut> {
    let data = ReportOut::new(order_no, state, file);
    let mut human = human::report_state(order_no, &data.state, data.download_url.as_deref());
    if let Some(f) = &data.file {
        human.push_str(&format!("saved: {}\n", f.display()));
    }
    Done {
        empty: false,
        paging: None,
        human,
        data,
    }
}

/// Follow the order standing for this company and format, or confirm and order ONCE; then
/// optionally poll and download.
async fn order(
    ctx: &mut Ctx,
    services: &Services,
    keyword: &str,
    format: ReportFormat,
    wait: bool,
    out: Option<PathBuf>,
    (yes, new): (bool, bool),
) -> Result<Done<ReportOut>, ApiError> {
    let kw = checked(ctx, services, endpoint::CREATE_REPORT, keyword).await?;
    let standing = if new {
        None
    } else {
        services.standing_order(&kw, format).await
    };
    let order = match standing {
        Some(order @ Order::Standing { .. }) => order,
        // Nothing stands, or an order is being sent right now (another process) or was lost:
        // the service decides, waiting to follow one in flight, after the user confirmed.
        _ => {
            if !yes {
                confirm_order(
                    &kw,
                    format.extension(),
                    services.spend().prices.fen(endpoint::CREATE_REPORT),
                )?;
            }
            services.order_report(&kw, format, new).await?
        }
    };
    let (order_no, known) = match &order {
        Order::Placed { order_no } => {
            errln!("corpvet: report ordered: order {order_no}");
            (order_no.clone(), ReportState::Pending)
        }
        Order::Standing { record, order_no } => {
            let note = standing_note(record, order_no, "pass --new");
            errln!("corpvet: {note}");
            ctx.warnings.push(note);
            (order_no.clone(), order.known_state())
        }
        Order::Uncertain(record) => return Err(uncertain_error(record, "pass --new")),
    };
    let file = match &order {
        Order::Standing { record, .. } => record.file.clone().map(PathBuf::from),
        _ => None,
    };
    if !wait {
        return Ok(report_done(&order_no, known, file));
    }
    let state = poll_report(services, &order_no, &PollPolicy::default(), |p| {
        match &p.state {
            Ok(state) => errln!(
                "corpvet: poll {}: {} ({}s)",
                p.polls,
                state.label(),
                p.elapsed.as_secs()
            ),
            Err(e) => errln!("corpvet: poll {}: {e} (will retry)", p.polls),
        }
    })
    .await?;
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
        .download_report(&order_no, report_url, &dir, &file_name, |p| {
            if show {
                let total = p.total.map_or_else(|| "?".to_string(), |t| t.to_string());
                super::print::progress(format_args!(
                    "corpvet: downloading {} / {total} bytes",
                    p.received
                ));
            }
        })
        .await?;
    if show {
        errln!();
    }
    Ok(report_done(&order_no, ready, Some(saved.path)))
}

/// QCC does not know the order (201): say so, exit 1 ("no result"), never "pending".
fn unknown_order(
    ctx: &Ctx,
    (name, src): (&'static str, Source),
    order_no: &str,
    e: &ApiError,
) -> u8 {
    errln!(
        "corpvet: {} ({e})",
        unknown_order_note(order_no, "`corpvet reports`")
    );
    if ctx.json {
        super::print::json(&Envelope::failure(
            name,
            src,
            e.report(),
            ctx.warnings.clone(),
        ));
    }
    super::exit::NO_RESULT
}
