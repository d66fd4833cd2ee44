//! `corpvet batch FILE`: vet every company of a list with bounded concurrency behind the
//! rate limiter. The output file holds a row per company from the start (`pending` until
//! vetted) and is written whole (temporary file + rename) at the start and at the end, so
//! it is complete and valid whenever it exists; each row finished in between is appended to
//! a journal beside it, which keeps the run linear. Run again after an interruption, the
//! journal's rows are not vetted again and other answers already paid for come from the
//! cache: nothing is billed twice.

use std::path::{Path, PathBuf};

use clap::Args;
use futures_util::stream::{self, StreamExt};
use serde::Serialize;

use crate::config::money::{to_fen, yuan};
use crate::domain::verdict::VerdictLevel;
use crate::service::spend::RunLimits;
use crate::service::Services;

mod journal;
mod output;
mod progress;

use crate::service::files::remove_stray_temps;
use journal::Journal;
pub use output::{csv, CSV_HEADER};
use output::{row_doc, write_out, Finished, Forms};
use progress::{table, Progress};

use super::batch_input::{decode, parse, BatchInput, ColumnChoice, Entry};
use super::exit;
use super::vet_cmd::{worst_exit, Shared, VetFlags};
use crate::service::cache::FetchMode;
use crate::service::envelope::Source;
use crate::service::envelope::SCHEMA_VERSION;
use crate::service::vet::{vet_company, VetOptions};

#[derive(Debug, Clone, Args)]
pub struct BatchArgs {
    /// One company per line, or a CSV (UTF-8, UTF-16 or GBK) whose company column is found
    /// by its header (公司名称, 企业名称, company …) or named by --column; `-` reads stdin.
    pub file: PathBuf,
    /// The company column: its header text, or its number from 1.
    #[arg(long, value_name = "NAME|N", value_parser = ColumnChoice::parse)]
    pub column: Option<ColumnChoice>,
    /// Print what would be sent, how many companies and the most calls it can bill; send
    /// nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the results here: `.json` for JSON, anything else CSV (UTF-8 with a BOM).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Companies vetted at once (calls still go through the rate limiter).
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub concurrency: usize,
    /// Stop before the billable call that would make this run's more than N; the output is
    /// kept, and the same command finishes the rest.
    #[arg(long, value_name = "N")]
    pub max_calls: Option<u64>,
    /// Stop before the call that would make this run spend more than ¥X at `[prices]`.
    #[arg(long, value_name = "YUAN")]
    pub max_yuan: Option<f64>,
    #[command(flatten)]
    pub flags: VetFlags,
}

/// One output row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub line: usize,
    pub input: String,
    /// `pending`, `invalid_input`, or the verdict level's code.
    pub status: String,
    pub note: Option<String>,
    /// The vetted row as the outputs need it; `None` while pending or when refused.
    pub done: Option<Finished>,
}

impl Row {
    fn new(e: &Entry) -> Row {
        Row {
            line: e.line,
            input: e.raw.clone(),
            status: if e.keyword.is_some() {
                "pending".into()
            } else {
                "invalid_input".into()
            },
            note: e.note.clone(),
            done: None,
        }
    }
}

/// The end-of-run tally.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub companies: usize,
    pub clean: usize,
    pub warned: usize,
    pub red: usize,
    pub not_found: usize,
    pub failed: usize,
    pub invalid: usize,
    pub pending: usize,
    pub blank_lines: usize,
    pub duplicate_lines: usize,
    pub calls_billed: u32,
    pub calls_cached: u32,
}

impl Summary {
    fn of(rows: &[Row], input: &BatchInput) -> Summary {
        let mut s = Summary {
            companies: rows.len(),
            blank_lines: input.blank.len(),
            duplicate_lines: input.duplicates.len(),
            ..Summary::default()
        };
        for r in rows {
            match &r.done {
                None if r.status == "invalid_input" => s.invalid += 1,
                None => s.pending += 1,
                Some(d) => {
                    s.calls_billed += d.billed;
                    s.calls_cached += d.cached;
                    match d.exit.level {
                        VerdictLevel::Clean => s.clean += 1,
                        VerdictLevel::Warning => s.warned += 1,
                        VerdictLevel::Red => s.red += 1,
                        VerdictLevel::NothingFound => s.not_found += 1,
                        VerdictLevel::Incomplete => s.failed += 1,
                    }
                }
            }
        }
        s
    }

    fn line(&self) -> String {
        format!(
            "{} companies: {} clean, {} warned, {} red, {} not found, {} failed, {} invalid{}; \
             calls: {} billed, {} from cache; skipped {} blank and {} duplicate lines",
            self.companies,
            self.clean,
            self.warned,
            self.red,
            self.not_found,
            self.failed,
            self.invalid,
            if self.pending > 0 {
                format!(", {} not done", self.pending)
            } else {
                String::new()
            },
            self.calls_billed,
            self.calls_cached,
            self.blank_lines,
            self.duplicate_lines
        )
    }
}

/// `corpvet batch`.
pub async fn run(shared: Shared, services: &Services, args: BatchArgs) -> u8 {
    let input = match read_input(&args, shared.force) {
        Ok(input) => input,
        Err(e) => {
            errln!("corpvet: {}: {e}; nothing was sent", args.file.display());
            return exit::REFUSED;
        }
    };
    report_input(&args.file, &input);
    let opts = args.flags.options(&shared);
    if args.dry_run {
        return dry_run(services, &input, &opts).await;
    }
    let today = args.flags.day();
    let mut rows: Vec<Row> = input.entries.iter().map(Row::new).collect();
    let out = args.out.as_deref();
    if let Some(p) = out {
        remove_stray_temps(p);
        if opts.fetch == FetchMode::Refresh {
            journal::discard(p);
        }
        let restored = journal::replay(p, &mut rows);
        if restored > 0 {
            errln!(
                "corpvet: {restored} companies were vetted by an earlier run of this command \
                 (its journal {}): not vetted again",
                journal::path_for(p).display()
            );
        }
    }
    // Checked before the first billed call: a place that cannot be written spends nothing.
    let mut journal = match open_out(out, &rows, &input) {
        Ok(j) => j,
        Err(e) => {
            errln!("corpvet: {e}; nothing was sent");
            return exit::REFUSED;
        }
    };
    services.spend().limit_run(RunLimits {
        max_calls: args.max_calls,
        max_fen: args.max_yuan.map(to_fen),
    });
    let todo: Vec<(usize, String)> = input
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| rows[*i].done.is_none())
        .filter_map(|(i, e)| e.keyword.clone().map(|k| (i, k)))
        .collect();
    let mut progress = Progress::new(todo.len(), !shared.json);
    let mut done = stream::iter(todo)
        .map(|(i, kw)| async move { (i, vet_company(services, &kw, today, &opts).await) })
        .buffer_unordered(args.concurrency.max(1));
    let mut write_failed = None;
    let mut account = None;
    let mut budget = None;
    let forms = Forms::of(out, shared.json);
    let interrupted = loop {
        tokio::select! {
            next = done.next() => match next {
                Some((i, vetted)) => {
                    // Over a budget: this company stays to do (its answers are kept, so
                    // the next run pays for them once), and the run stops.
                    if let Some(e) = services.spend().reached() {
                        budget = Some(e);
                        break false;
                    }
                    if let Some(row) = rows.get_mut(i) {
                        row.status = vetted.verdict.level.code().to_string();
                        row.done = Some(Finished::of(&vetted, forms));
                    }
                    progress.tick();
                    // Stop at the first failed write: every answer after it would be paid
                    // for and not kept.
                    if let (Some(j), Some(row)) = (journal.as_mut(), rows.get(i)) {
                        if let Err(e) = j.append(i, row) {
                            write_failed = Some(e);
                            break false;
                        }
                    }
                    // The vendor refused the account: every other company would get the
                    // same answer, and repeating it risks a ban.
                    if let Some(e) = services.account_refusal() {
                        account = Some(e);
                        break false;
                    }
                }
                None => break false,
            },
            _ = tokio::signal::ctrl_c() => break true,
        }
    };
    drop(done);
    progress.finish();
    if let Err(e) = write_out(out, &rows, &input) {
        write_failed.get_or_insert(e);
    }
    let complete = rows.iter().all(|r| r.status != "pending");
    if let (Some(j), true, None) = (journal, complete, &write_failed) {
        j.remove();
    }
    let summary = Summary::of(&rows, &input);
    if shared.json {
        let doc = serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "command": "batch",
            "ok": true,
            "source": Source::vet(shared.mode, opts.provider),
            "input": input_doc(&args.file, &input),
            "out": args.out,
            "summary": summary,
            "rows": rows.iter().map(row_doc).collect::<Vec<_>>(),
            "warnings": shared.warnings,
        });
        super::print::json(&doc);
    } else {
        if out.is_none() {
            out!("{}", table(&rows));
        }
        outln!("{}", summary.line());
        if let Some(p) = out {
            outln!("written: {}", p.display());
        }
    }
    if let Some(e) = account {
        errln!(
            "corpvet: {}. {} The run stopped sending at once; the output is kept and the same \
             command finishes the rest once that is fixed (answers already paid for are reused)",
            e,
            e.advice()
        );
        return exit::VENDOR_ERROR;
    }
    if let Some(e) = budget {
        errln!(
            "corpvet: {e}. The run stopped before passing it; the output is kept, and the same \
             command finishes the rest (answers already paid for are reused)"
        );
        return exit::REFUSED;
    }
    if let Some(e) = write_failed {
        errln!(
            "corpvet: {e}: stopped sending; the answers already paid for are in the cache, so \
             the same command with a writable --out finishes without paying for them again"
        );
        return exit::TRANSPORT;
    }
    if interrupted {
        errln!(
            "corpvet: interrupted: run the same command again to finish \
             (answers already paid for are reused)"
        );
        return 130;
    }
    batch_exit(&rows)
}

/// The file (or stdin for `-`) read, decoded and parsed; or why it is not a list.
fn read_input(args: &BatchArgs, force: bool) -> Result<BatchInput, String> {
    let bytes = if args.file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        bytes
    } else {
        std::fs::read(&args.file).map_err(|e| format!("cannot read the file: {e}"))?
    };
    let (text, encoding) = decode(&bytes)?;
    parse(&text, encoding, args.column.as_ref(), force)
}

/// `--dry-run`: each keyword that would be sent, the count, and the most calls they can
/// bill (fewer for answers already stored). Nothing is sent.
/// What a run would send and cost, sending nothing: the most it can bill (every page up to
/// the cap read) and what it is expected to bill (the first pages not already stored), in
/// ¥ at `[prices]` when set.
async fn dry_run(services: &Services, input: &BatchInput, opts: &VetOptions) -> u8 {
    let prices = &services.spend().prices;
    let (mut most, mut most_fen, mut expected, mut expected_fen) = (0, 0, 0, 0);
    let mut companies = 0;
    for e in &input.entries {
        if let (Some(kw), Some(kind)) = (&e.keyword, e.kind) {
            companies += 1;
            for (endpoint, n) in opts.most_calls_by_endpoint(kind) {
                most += n;
                most_fen += i64::from(n) * prices.fen(endpoint);
            }
            for request in opts.first_requests(kw, kind) {
                if !services.is_stored(&request).await {
                    expected += 1;
                    expected_fen += prices.fen(request.cache_key().endpoint);
                }
            }
            outln!("line {}: {kw}", e.line);
        }
    }
    let priced = |fen: i64| {
        if prices.any() {
            format!(" ({})", yuan(fen))
        } else {
            String::new()
        }
    };
    outln!(
        "dry run: {companies} companies would be vetted: at most {most} billed calls{} if every \
         page up to the cap is read, about {expected}{} after the answers already stored (the \
         first page of each source); {} refused lines are not sent; nothing was sent",
        priced(most_fen),
        priced(expected_fen),
        input.invalid().count()
    );
    if !prices.any() {
        outln!("no prices set: fill in [prices] with your contract's ¥ per call to see ¥");
    }
    exit::RESULTS
}

/// The output written whole with every row as it stands, and the journal opened: both
/// before the first call, so a place that cannot be written costs nothing.
fn open_out(
    out: Option<&Path>,
    rows: &[Row],
    input: &BatchInput,
) -> Result<Option<Journal>, String> {
    write_out(out, rows, input)?;
    out.map(Journal::open).transpose()
}

/// The worst verdict's exit code.
fn batch_exit(rows: &[Row]) -> u8 {
    worst_exit(rows.iter().filter_map(|r| r.done.as_ref()).map(|d| d.exit))
}

fn report_input(file: &Path, input: &BatchInput) {
    errln!(
        "corpvet: {}: {} companies ({}, companies in {}{})",
        file.display(),
        input.entries.len(),
        input.encoding,
        input.column,
        input
            .header
            .as_ref()
            .map_or(String::new(), |h| format!("; header row \"{h}\" skipped"))
    );
    if !input.blank.is_empty() {
        errln!(
            "corpvet: skipped {} blank line(s): {}",
            input.blank.len(),
            join(input.blank.iter())
        );
    }
    for d in &input.duplicates {
        errln!(
            "corpvet: line {}: {} repeats line {}: skipped",
            d.line,
            d.raw,
            d.first
        );
    }
    for e in input.invalid() {
        // On one line: a refused cell may hold the very line break it was refused for.
        errln!(
            "corpvet: line {}: {}: not sent: {}",
            e.line,
            crate::domain::text::one_line(&e.raw),
            e.note.as_deref().unwrap_or("")
        );
    }
}

fn join<T: ToString>(items: impl Iterator<Item = T>) -> String {
    items.map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

fn input_doc(file: &Path, input: &BatchInput) -> serde_json::Value {
    serde_json::json!({
        "file": file,
        "encoding": input.encoding,
        "header": input.header,
        "column": input.column,
        "companies": input.entries.len(),
        "blank_lines": input.blank,
        "duplicates": input.duplicates,
        "invalid": input.invalid().collect::<Vec<_>>(),
    })
}
