//! `corpvet batch FILE`: vet every company of a list with bounded concurrency behind the
//! rate limiter. The output file holds a row per company from the start (`pending` until
//! vetted) and is rewritten atomically (temporary file + rename) after each one, so it is
//! complete and valid whenever it exists. Run again after an interruption, answers already
//! paid for come from the cache: nothing is billed twice.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use futures_util::stream::{self, StreamExt};
use serde::Serialize;

use crate::domain::verdict::{FlagLevel, VerdictLevel};
use crate::worker::Services;

use super::batch_input::{decode, parse, BatchInput, Entry};
use super::exit;
use super::json::SCHEMA_VERSION;
use super::vet_cmd::{source, vet_company, worst_exit, Shared, VetFlags, Vetted};

#[derive(Debug, Clone, Args)]
pub struct BatchArgs {
    /// One company per line, or a CSV whose first column is the company (UTF-8 or GBK).
    pub file: PathBuf,
    /// Write the results here: `.json` for JSON, anything else CSV (UTF-8 with a BOM).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Companies vetted at once (calls still go through the rate limiter).
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub concurrency: usize,
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
    pub vetted: Option<Vetted>,
    pub note: Option<String>,
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
            vetted: None,
            note: e.note.clone(),
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
            match &r.vetted {
                None if r.status == "invalid_input" => s.invalid += 1,
                None => s.pending += 1,
                Some(v) => {
                    let t = v.total();
                    s.calls_billed += t.billed;
                    s.calls_cached += t.cached;
                    match v.verdict.level {
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
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("corpvet: cannot read {}: {e}", args.file.display());
            return exit::REFUSED;
        }
    };
    let (text, encoding) = decode(&bytes);
    let input = parse(&text, encoding, shared.force);
    report_input(&args.file, &input);
    let opts = args.flags.options(shared.provider, shared.fetch);
    let today = args.flags.day();
    let mut rows: Vec<Row> = input.entries.iter().map(Row::new).collect();
    let out = args.out.as_deref();
    if let Some(p) = out {
        remove_stray_temps(p);
    }
    write_out(out, &rows, &input);
    let todo: Vec<(usize, String)> = input
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.keyword.clone().map(|k| (i, k)))
        .collect();
    let mut progress = Progress::new(todo.len(), !shared.json);
    let mut done = stream::iter(todo)
        .map(|(i, kw)| async move { (i, vet_company(services, &kw, today, &opts).await) })
        .buffer_unordered(args.concurrency.max(1));
    let interrupted = loop {
        tokio::select! {
            next = done.next() => match next {
                Some((i, vetted)) => {
                    if let Some(row) = rows.get_mut(i) {
                        row.status = vetted.verdict.level.code().to_string();
                        row.vetted = Some(vetted);
                    }
                    write_out(out, &rows, &input);
                    progress.tick();
                }
                None => break false,
            },
            _ = tokio::signal::ctrl_c() => break true,
        }
    };
    progress.finish();
    let summary = Summary::of(&rows, &input);
    if shared.json {
        let doc = serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "command": "batch",
            "ok": true,
            "source": source(shared.mode, opts.provider),
            "input": input_doc(&args.file, &input),
            "out": args.out,
            "summary": summary,
            "rows": rows.iter().map(row_doc).collect::<Vec<_>>(),
            "warnings": shared.warnings,
        });
        match serde_json::to_string_pretty(&doc) {
            Ok(t) => println!("{t}"),
            Err(e) => eprintln!("corpvet: cannot encode JSON: {e}"),
        }
    } else {
        if out.is_none() {
            print!("{}", table(&rows));
        }
        println!("{}", summary.line());
        if let Some(p) = out {
            println!("written: {}", p.display());
        }
    }
    if interrupted {
        eprintln!("corpvet: interrupted: run the same command again to finish (answers already paid for are reused)");
        return 130;
    }
    batch_exit(&rows)
}

/// The worst verdict's exit code.
fn batch_exit(rows: &[Row]) -> u8 {
    worst_exit(
        rows.iter()
            .filter_map(|r| r.vetted.as_ref())
            .map(|v| &v.verdict),
    )
}

fn report_input(file: &Path, input: &BatchInput) {
    eprintln!(
        "corpvet: {}: {} companies ({}{})",
        file.display(),
        input.entries.len(),
        input.encoding,
        input
            .header
            .as_ref()
            .map_or(String::new(), |h| format!(", header \"{h}\" skipped"))
    );
    if !input.blank.is_empty() {
        eprintln!(
            "corpvet: skipped {} blank line(s): {}",
            input.blank.len(),
            join(input.blank.iter())
        );
    }
    for d in &input.duplicates {
        eprintln!(
            "corpvet: line {}: {} repeats line {}: skipped",
            d.line, d.raw, d.first
        );
    }
    for e in input.invalid() {
        eprintln!(
            "corpvet: line {}: {}: not sent: {}",
            e.line,
            e.raw,
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
        "companies": input.entries.len(),
        "blank_lines": input.blank,
        "duplicates": input.duplicates,
        "invalid": input.invalid().collect::<Vec<_>>(),
    })
}

/// A row for JSON: the verdict and cost, not every record.
fn row_doc(r: &Row) -> serde_json::Value {
    serde_json::json!({
        "line": r.line,
        "input": r.input,
        "status": r.status,
        "note": r.note,
        "verdict": r.vetted.as_ref().map(|v| &v.verdict),
        "calls": r.vetted.as_ref().map(|v| &v.calls),
    })
}

/// The CSV columns.
pub const CSV_HEADER: [&str; 16] = [
    "line",
    "input",
    "verdict",
    "red",
    "warnings",
    "good",
    "flags",
    "qualifications",
    "certificates",
    "certificates_total",
    "certificates_checked",
    "customs_records",
    "penalties",
    "failed_sources",
    "calls_billed",
    "calls_cached",
];

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV text (UTF-8 with a BOM, so spreadsheet programs read the Chinese).
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&CSV_HEADER.join(","));
    out.push_str("\r\n");
    for r in rows {
        let mut cells = vec![r.line.to_string(), r.input.clone(), r.status.clone()];
        match &r.vetted {
            Some(v) => {
                let c = &v.verdict.counts;
                let flags: Vec<String> = v
                    .verdict
                    .flags
                    .iter()
                    .map(|f| format!("[{}] {}", f.level.code(), f.en))
                    .collect();
                let failed: Vec<&str> = v.verdict.unchecked.iter().map(|s| s.code()).collect();
                let t = v.total();
                cells.extend([
                    c.red.to_string(),
                    c.warning.to_string(),
                    c.good.to_string(),
                    flags.join("; "),
                    c.qualifications.to_string(),
                    c.certificates.to_string(),
                    c.certificates_total.to_string(),
                    c.certificates_checked.to_string(),
                    c.customs_records.to_string(),
                    c.penalties.to_string(),
                    failed.join(";"),
                    t.billed.to_string(),
                    t.cached.to_string(),
                ]);
            }
            None => {
                let mut rest = vec![String::new(); CSV_HEADER.len() - 3];
                rest[3] = r.note.clone().unwrap_or_default();
                cells.extend(rest);
            }
        }
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Write the output file whole: a temporary file beside it, then a rename.
fn write_out(out: Option<&Path>, rows: &[Row], input: &BatchInput) {
    let Some(path) = out else {
        return;
    };
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let text = if json {
        let doc = serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "command": "batch",
            "summary": Summary::of(rows, input),
            "rows": rows.iter().map(row_doc).collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    } else {
        csv(rows)
    };
    if let Err(e) = write_atomically(path, text.as_bytes()) {
        eprintln!("corpvet: cannot write {}: {e}", path.display());
    }
}

/// Temporary files an earlier, killed run may have left beside `path`.
fn remove_stray_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix) && n.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Temporary file in the same folder (same file system), flushed, then renamed over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The rows as an aligned table (no `--out`).
fn table(rows: &[Row]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let (red, warn, failed) = r.vetted.as_ref().map_or_else(
                || {
                    (
                        String::new(),
                        String::new(),
                        r.note.clone().unwrap_or_default(),
                    )
                },
                |v| {
                    let c = &v.verdict.counts;
                    let first = v
                        .verdict
                        .flags
                        .iter()
                        .find(|f| f.level != FlagLevel::Good)
                        .map_or(String::new(), |f| f.en.clone());
                    (c.red.to_string(), c.warning.to_string(), first)
                },
            );
            vec![
                r.line.to_string(),
                r.input.clone(),
                r.status.clone(),
                red,
                warn,
                failed,
            ]
        })
        .collect();
    super::table::render(
        &[
            "line",
            "company",
            "verdict",
            "red",
            "warn",
            "first flag / note",
        ],
        &body,
        48,
    )
}

/// done/total, rate and ETA on stderr, only when stderr is a terminal.
struct Progress {
    total: usize,
    done: usize,
    started: Instant,
    show: bool,
}

impl Progress {
    fn new(total: usize, human: bool) -> Self {
        Progress {
            total,
            done: 0,
            started: Instant::now(),
            show: human && std::io::stderr().is_terminal() && total > 0,
        }
    }

    fn tick(&mut self) {
        self.done += 1;
        if !self.show {
            return;
        }
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let rate = self.done as f64 / secs;
        let eta = (self.total - self.done.min(self.total)) as f64 / rate.max(0.001);
        let width = 24;
        let filled = width * self.done / self.total.max(1);
        eprint!(
            "\r[{}{}] {}/{}  {:.1}/s  ETA {:.0}s ",
            "#".repeat(filled),
            " ".repeat(width - filled),
            self.done,
            self.total,
            rate,
            eta
        );
    }

    fn finish(&self) {
        if self.show {
            eprintln!();
        }
    }
}
