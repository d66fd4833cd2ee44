//! What every command prints: the `--json` envelope (with freshness), the human text, the
//! freshness notice on stderr, and the failure document with its exit code.

use serde::Serialize;

use crate::api::ApiError;
use crate::domain::page::Page;
use crate::service::cache::{FetchMode, Freshness};
use crate::service::Mode;
use crate::service::Services;

use super::exit;
use crate::service::envelope::{Envelope, PagingOut, Source};

/// What a successful command produced.
pub struct Done<T> {
    pub data: T,
    pub paging: Option<PagingOut>,
    /// No result (exit 1), though the call succeeded.
    pub empty: bool,
    pub human: String,
}

/// Options every lookup shares.
pub struct Ctx {
    pub json: bool,
    pub force: bool,
    pub mode: Mode,
    pub warnings: Vec<String>,
    /// `--refresh` / `--offline`.
    pub fetch: FetchMode,
    /// Where the answer came from (set by lookups).
    pub fresh: Option<Freshness>,
}

/// A page of results: exit 1 when it is empty, the paging in `--json`.
pub fn page_done<T>(page: Page<T>, human: fn(&Page<T>) -> String) -> Done<Vec<T>> {
    Done {
        empty: page.items.is_empty(),
        paging: Some(PagingOut::of(&page)),
        human: human(&page),
        data: page.items,
    }
}

/// The keyword checked locally (length, credit-code check character) before any call of
/// `endpoint` (a refusal counts in `corpvet spend` as a call saved).
pub async fn checked(
    ctx: &mut Ctx,
    services: &Services,
    endpoint: &'static str,
    raw: &str,
) -> Result<String, ApiError> {
    let kw = services.check_keyword(raw, ctx.force, endpoint).await?;
    if let Some(w) = kw.warning {
        errln!("corpvet: warning: {w}");
        ctx.warnings.push(w);
    }
    Ok(kw.text)
}

/// A 201 on a detail lookup is "no result" (`data: null`, exit 1), not an error.
pub fn no_result_as_empty<T>(
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

pub fn finish<T: Serialize>(
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
                errln!("corpvet: {n}");
            }
            if ctx.json {
                let mut warnings = ctx.warnings.clone();
                if ctx.fresh.as_ref().is_some_and(|f| f.stale) {
                    warnings.extend(notice);
                }
                let envelope = Envelope::success(command, source, done.paging, done.data, warnings);
                match envelope.with_freshness(ctx.fresh.as_ref()) {
                    Ok(doc) => super::print::json(&doc),
                    Err(e) => errln!("corpvet: cannot encode JSON: {e}"),
                }
            } else if done.empty {
                outln!("no result");
            } else {
                out!("{}", done.human);
            }
            code
        }
        Err(e) => fail(ctx.json, command, source, &e, ctx.warnings.clone()),
    }
}

pub fn fail(
    json: bool,
    command: &'static str,
    source: Source,
    e: &ApiError,
    warnings: Vec<String>,
) -> u8 {
    errln!("{}", error_line(e));
    if json {
        super::print::json(&Envelope::failure(command, source, e.report(), warnings));
    }
    exit::for_error(e)
}

/// One clear line: what failed, the vendor's code and words with a gloss, and what to do.
pub fn error_line(e: &ApiError) -> String {
    format!("corpvet: {}", e.with_advice())
}

/// "cached 3 h ago" and friends, for stderr.
pub fn freshness_notice(fresh: &Freshness) -> Option<String> {
    let label = fresh.label(chrono::Utc::now())?;
    Some(match (&fresh.note, fresh.stale) {
        (Some(note), _) => format!("{label}: {note}"),
        (None, true) => format!("{label} (past its lifetime)"),
        (None, false) => format!("{label}; no call made (--refresh fetches it again)"),
    })
}
