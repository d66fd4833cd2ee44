//! `corpvet vet KEYWORD`: the fan-out and verdict for scripts. Exit 0 clean, 5 warnings
//! only, 6 at least one red flag; 1 nothing found, 2 refused locally, 3/4 when no source
//! could be checked (by the first failure's kind).

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use crate::api::error::ErrorReport;
use crate::api::qcc::endpoint;
use crate::api::ApiError;
use crate::domain::provider::ProviderChoice;
use crate::domain::text::{pad, width};
use crate::domain::verdict::{Flag, SourceId, SourceState, Verdict, VerdictLevel};
use crate::service::cache::FetchMode;
use crate::service::details::vet_with_details;
use crate::service::dossier::{meta, write};
use crate::service::vet::{Calls, VetOptions, Vetted};
use crate::service::{Mode, Services};

use super::exit;
use crate::service::envelope::{Envelope, Source};

/// Exit code: the verdict has warnings and no red flag.
pub const WARNINGS: u8 = 5;
/// Exit code: at least one red flag.
pub const RED: u8 = 6;

/// Options every vetting command shares (vet, batch, watch run).
#[derive(Debug, Clone, Args)]
pub struct VetFlags {
    /// Qualification provider(s); default: lookup.default_provider in the configuration.
    #[arg(long, value_enum)]
    pub provider: Option<ProviderChoice>,
    /// At most this many pages (20 a page) of each paged source: certificates, Juhe
    /// qualifications, customs. A list cut short is flagged.
    /// Default: lookup.certificate_pages in the configuration (5).
    #[arg(long, value_name = "N")]
    pub max_pages: Option<u32>,
    /// Judge expiry dates as of this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    pub today: Option<NaiveDate>,
}

impl VetFlags {
    pub fn options(&self, shared: &Shared) -> VetOptions {
        VetOptions {
            provider: self.provider.unwrap_or(shared.provider),
            max_pages: self.max_pages.unwrap_or(shared.max_pages).max(1),
            fetch: shared.fetch,
        }
    }

    pub fn day(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(crate::service::clock::china_today)
    }
}

#[derive(Debug, Clone, Args)]
pub struct VetArgs {
    /// Company name, registration number or unified social credit code (certificates are
    /// searched by name only).
    pub keyword: String,
    #[command(flatten)]
    pub flags: VetFlags,
    /// Also fetch every certificate's detail (its status): one BILLED call each, asked first.
    #[arg(long)]
    pub details: bool,
    /// Fetch the details without asking (required when stdin is not a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Also write a vetting memo here: `.md` (Markdown) or `.html` (one file that prints
    /// to PDF), with the evidence and the vendor's order number for every answer.
    #[arg(long, value_name = "PATH")]
    pub dossier: Option<PathBuf>,
}

/// What `run` needs from the command line and the configuration.
pub struct Shared {
    pub json: bool,
    pub force: bool,
    pub mode: Mode,
    pub warnings: Vec<String>,
    pub fetch: FetchMode,
    pub provider: ProviderChoice,
    /// `lookup.certificate_pages` from the configuration.
    pub max_pages: u32,
    /// Who is vetting (`[user] name`), named in a dossier.
    pub user: String,
}

/// The exit code of a verdict.
pub fn exit_code(v: &Verdict) -> u8 {
    match v.level {
        VerdictLevel::Red => RED,
        VerdictLevel::Warning => WARNINGS,
        VerdictLevel::Clean => exit::RESULTS,
        VerdictLevel::NothingFound => exit::NO_RESULT,
        VerdictLevel::Incomplete => v
            .sources
            .iter()
            .find_map(|s| s.error.as_ref())
            .map_or(exit::TRANSPORT, exit_for_report),
    }
}

/// What the exit code of a run needs of one verdict: its level, and the exit code of the
/// failure a verdict that could not be reached rests on. Kept (and journaled) by batch
/// instead of the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExitFacts {
    pub level: VerdictLevel,
    pub failure: Option<u8>,
}

impl ExitFacts {
    pub fn of(v: &Verdict) -> Self {
        ExitFacts {
            level: v.level,
            failure: v
                .sources
                .iter()
                .find_map(|s| s.error.as_ref())
                .map(exit_for_report),
        }
    }
}

/// The exit code of many verdicts: red beats warnings beats failures (3/4 by kind);
/// otherwise 0.
pub fn worst_exit(verdicts: impl Iterator<Item = ExitFacts> + Clone) -> u8 {
    let has = |level| verdicts.clone().any(|v| v.level == level);
    if has(VerdictLevel::Red) {
        return RED;
    }
    if has(VerdictLevel::Warning) {
        return WARNINGS;
    }
    verdicts
        .filter(|v| v.level == VerdictLevel::Incomplete)
        .find_map(|v| v.failure)
        .unwrap_or(exit::RESULTS)
}

/// 2 refused locally, 4 transport, 3 any vendor status.
pub fn exit_for_report(e: &ErrorReport) -> u8 {
    match e.class.as_str() {
        "invalid_input" | "cancelled" => exit::REFUSED,
        "transport" | "bad_answer" | "io" => exit::TRANSPORT,
        _ => exit::VENDOR_ERROR,
    }
}

/// `corpvet vet`.
pub async fn run(shared: Shared, services: &Services, args: VetArgs) -> u8 {
    let opts = args.flags.options(&shared);
    let src = || Source::vet(shared.mode, opts.provider);
    let mut warnings = shared.warnings.clone();
    let checked = services
        .check_keyword(&args.keyword, shared.force, endpoint::CERT_SEARCH)
        .await;
    let keyword = match checked {
        Ok(k) => k,
        Err(e) => return refuse(shared.json, src(), &e, warnings),
    };
    if let Some(w) = keyword.warning {
        errln!("corpvet: warning: {w}");
        warnings.push(w);
    }
    if args.details && !args.yes && !std::io::stdin().is_terminal() {
        let e = ApiError::invalid(
            "--details fetches one BILLED call per certificate: stdin is not a terminal, so pass --yes to confirm",
        );
        return refuse(shared.json, src(), &e, warnings);
    }
    if let Some(path) = &args.dossier {
        // Checked before any call: a memo that cannot be written is known up front.
        if let Err(e) = crate::service::dossier::Format::of(path) {
            return refuse(shared.json, src(), &ApiError::invalid(e), warnings);
        }
    }
    let today = args.flags.day();
    let confirm = |n, billable| args.yes || confirm_details(n, billable);
    let (vetted, more) = vet_with_details(
        services,
        &keyword.text,
        today,
        &opts,
        args.details.then_some(confirm),
    )
    .await;
    for w in more {
        errln!("corpvet: warning: {w}");
        warnings.push(w);
    }
    let code = exit_code(&vetted.verdict);
    if shared.json {
        super::print::json(&Envelope::vet(
            shared.mode,
            opts.provider,
            &vetted,
            warnings,
        ));
    } else {
        out!("{}", human(&vetted));
    }
    if let Some(path) = &args.dossier {
        let meta = meta(services, &vetted, &shared.user).await;
        match write(path, &vetted, &meta) {
            Ok(p) => errln!("corpvet: dossier written: {}", p.display()),
            Err(e) => {
                errln!("corpvet: {e}");
                return exit::TRANSPORT;
            }
        }
    }
    code
}

fn refuse(json: bool, src: Source, e: &ApiError, warnings: Vec<String>) -> u8 {
    super::output::fail(json, "vet", src, e, warnings)
}

/// Ask on stderr; anything but y/yes declines.
fn confirm_details(n: usize, billable: usize) -> bool {
    err!(
        "Fetch the status of {n} certificate(s)? {billable} BILLED call(s); {} already stored. [y/N] ",
        n - billable.min(n)
    );
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim().to_lowercase().as_str(), "y" | "yes")
}

fn level_tag(f: &Flag) -> &'static str {
    match f.level {
        crate::domain::verdict::FlagLevel::Red => "RED ",
        crate::domain::verdict::FlagLevel::Warning => "WARN",
        crate::domain::verdict::FlagLevel::Good => "GOOD",
    }
}

fn calls_label(c: Option<&Calls>) -> String {
    match c {
        None => String::new(),
        Some(c) => {
            let mut parts = Vec::new();
            if c.billed > 0 {
                parts.push(format!("{} billed", c.billed));
            }
            if c.cached > 0 {
                parts.push(format!("{} cached", c.cached));
            }
            if c.stale {
                parts.push("STALE".into());
            }
            parts.join(", ")
        }
    }
}

/// The human report: verdict, flags with evidence, per-source status, cost.
pub fn human(v: &Vetted) -> String {
    let verdict = &v.verdict;
    let mut out = format!(
        "{}  (as of {}, China time)\n{}\n{}\n",
        v.keyword, v.today, verdict.headline_en, verdict.headline_zh
    );
    if !verdict.flags.is_empty() {
        out.push('\n');
    }
    for f in &verdict.flags {
        out.push_str(&format!(
            "  {} {}  {}\n",
            f.level.marker(),
            level_tag(f),
            f.en
        ));
        out.push_str(&format!("          {}\n", f.zh));
        for e in &f.evidence {
            out.push_str(&format!("          ↳ {}\n", e.describe()));
        }
    }
    out.push_str("\nsources:\n");
    let w = verdict
        .sources
        .iter()
        .map(|s| width(s.source.label_en()))
        .max()
        .unwrap_or(0);
    for s in &verdict.sources {
        let state = match s.state {
            SourceState::Found | SourceState::Partial => {
                let mut t = match v.records.coverage.get(&s.source) {
                    Some(c) if c.unread() > 0 => format!("{} listed of {}", s.records, c.total),
                    _ => format!("{} found", s.records),
                };
                if s.source == SourceId::Certificates {
                    t = format!(
                        "{} listed of {}, {} checked",
                        verdict.counts.certificates,
                        verdict.counts.certificates_total,
                        verdict.counts.certificates_checked
                    );
                }
                if let Some(e) = &s.error {
                    t.push_str(&format!(" (partial: {})", e.message));
                }
                t
            }
            SourceState::NotFound => "no record".to_string(),
            SourceState::Failed => format!(
                "FAILED: {}",
                s.error.as_ref().map_or("", |e| e.message.as_str())
            ),
            SourceState::NotAsked => "not asked".to_string(),
        };
        let cost = calls_label(v.calls.get(&s.source));
        let cost = if cost.is_empty() {
            String::new()
        } else {
            format!("  [{cost}]")
        };
        out.push_str(&format!(
            "  {}  {state}{cost}\n",
            pad(s.source.label_en(), w)
        ));
    }
    let total = v.total();
    out.push_str(&format!(
        "calls: {} billed, {} from cache\n",
        total.billed, total.cached
    ));
    out
}
