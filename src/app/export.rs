//! Copy (`y`, `Y`) and export (`e` JSON, `E` CSV) of what the user is looking at.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::app::job::{ExportEvent, Job};
use crate::domain::certificate::Certificate;
use crate::domain::dates::Judged;
use crate::service::sheet;

use super::effect::Effect;
use super::records::{self, List, PageView, Record};
use super::registry::{DetailFetch, Lookup};
use super::state::{Level, State, Tab};

mod verdict;
mod whole;

pub use whole::PendingExport;

/// `y`: the focused value (the report URL on the Report tab, the verdict as JSON on the
/// Overview, else the selected row's key).
pub fn copy_value(state: &mut State) -> Vec<Effect> {
    if state.tab == Tab::Overview {
        let Some(vet) = state.vet.as_ref() else {
            state.say(Level::Info, "no verdict yet: search a company first");
            return Vec::new();
        };
        let json = verdict::json(vet, state.today);
        state.say(
            Level::Info,
            "copied the verdict as JSON (as vet --json gives it)",
        );
        return vec![Effect::Copy(json)];
    }
    if state.tab == Tab::Report {
        let Some(url) = state
            .current_report()
            .and_then(|r| r.url())
            .map(str::to_string)
        else {
            state.say(Level::Info, "no report URL yet");
            return Vec::new();
        };
        state.say(Level::Info, format!("copied {url}"));
        return vec![Effect::Copy(url)];
    }
    if let Some(detail) = open_detail(state) {
        let number = detail
            .get("证书编号")
            .map(str::to_string)
            .unwrap_or_else(|| detail.id.clone());
        state.say(Level::Info, format!("copied certificate number {number}"));
        return vec![Effect::Copy(number)];
    }
    let Some(record) = records::selected(state) else {
        state.say(Level::Info, "nothing selected to copy");
        return Vec::new();
    };
    let (value, name) = (record.key_value(), record.key_name());
    state.say(Level::Info, format!("copied {name} {value}"));
    vec![Effect::Copy(value)]
}

/// `Y`: the whole selected record (or the open certificate detail) as JSON.
pub fn copy_json(state: &mut State) -> Vec<Effect> {
    if let Some(detail) = open_detail(state) {
        let json =
            serde_json::to_string_pretty(&Judged::on(detail, state.today)).unwrap_or_default();
        state.say(Level::Info, "copied the certificate detail as JSON");
        return vec![Effect::Copy(json)];
    }
    let Some(record) = records::selected(state) else {
        state.say(Level::Info, "nothing selected to copy");
        return Vec::new();
    };
    let json = record.to_json(state.today);
    state.say(Level::Info, "copied the record as JSON");
    vec![Effect::Copy(json)]
}

fn open_detail(state: &State) -> Option<&crate::domain::certificate::CertificateDetail> {
    if state.tab != Tab::Certificates {
        return None;
    }
    match state.detail(state.drill.as_deref()?)? {
        DetailFetch::Ready(d) => Some(d),
        _ => None,
    }
}

/// `e` / `E`: write the whole list (every page, through the `/` filter) to the export
/// folder; pages not fetched yet are offered first.
pub fn export(state: &mut State, csv: bool) -> Vec<Effect> {
    if state.tab == Tab::Overview {
        return export_verdict(state, csv);
    }
    let tab = state.tab;
    let Some((all, missing)) = whole::gathered_shown(state, tab) else {
        state.say(Level::Info, "nothing to export: no list on this tab yet");
        return Vec::new();
    };
    if missing.is_empty() {
        return write_list(state, tab, &all, csv, "");
    }
    let status = |c: &Certificate| records::shown_status(state, c);
    let held = PageView::from_response(&all).map_or(0, |p| {
        p.filtered(state.filter(tab), state.today, &status).len()
    });
    let total = records::List::from_response(&all).map_or(0, |l| l.total());
    state.overlay = Some(super::state::Overlay::ConfirmExport {
        csv,
        held,
        total,
        missing: missing.len(),
    });
    Vec::new()
}

/// `y` in the export dialog: fetch the pages not held, one after another, then write.
pub fn fetch_and_export(state: &mut State) -> Vec<Effect> {
    let Some(super::state::Overlay::ConfirmExport { csv, .. }) = state.overlay.take() else {
        return Vec::new();
    };
    let tab = state.tab;
    let (Some(company), Some((source, pages))) =
        (state.company.clone(), whole::list_of(state, tab))
    else {
        return Vec::new();
    };
    whole::forget_failures(state, source, pages);
    state.pending_export = Some(PendingExport {
        tab,
        source,
        company,
        pages,
        csv,
    });
    continue_export(state)
}

/// `a` in the export dialog: write the rows held, saying what is left out.
pub fn export_held(state: &mut State) -> Vec<Effect> {
    let Some(super::state::Overlay::ConfirmExport { csv, missing, .. }) = state.overlay.take()
    else {
        return Vec::new();
    };
    let tab = state.tab;
    let Some((all, _)) = whole::gathered_shown(state, tab) else {
        return Vec::new();
    };
    let note = format!(" ({missing} page(s) not fetched are left out)");
    write_list(state, tab, &all, csv, &note)
}

/// After a page answered: fetch the next missing page of a pending export, or write it.
pub fn continue_export(state: &mut State) -> Vec<Effect> {
    let Some(pending) = state.pending_export.clone() else {
        return Vec::new();
    };
    if state.company.as_deref() != Some(pending.company.as_str()) {
        state.pending_export = None;
        return Vec::new();
    }
    let Some((all, missing)) = whole::gathered(state, pending.source, pending.pages) else {
        state.pending_export = None;
        return Vec::new();
    };
    let left = missing.len();
    let next = missing.first().map(|(p, lookup)| (*p, lookup.cloned()));
    match next {
        None => {
            state.pending_export = None;
            write_list(state, pending.tab, &all, pending.csv, "")
        }
        Some((_, Some(Lookup::Loading { .. }))) => Vec::new(),
        Some((page, Some(Lookup::Failed { error }))) => {
            state.pending_export = None;
            let note = format!(
                " (page {page} failed: {}; {left} page(s) left out)",
                error.message
            );
            write_list(state, pending.tab, &all, pending.csv, &note)
        }
        Some((page, _)) => {
            let key = whole::page_request(state, &pending, page);
            let id = state.next_job_id();
            state.registry.send(id, key.clone());
            state.say(
                Level::Info,
                format!("fetching page {page} for the export ({left} left) · Esc stops"),
            );
            vec![Effect::Worker(Job::Fetch {
                id,
                request: key,
                mode: crate::service::cache::FetchMode::Normal,
            })]
        }
    }
}

/// Write `all` (through the tab's `/` filter) as CSV or JSON; `note` ends the message.
fn write_list(
    state: &mut State,
    tab: Tab,
    all: &crate::service::Response,
    csv: bool,
    note: &str,
) -> Vec<Effect> {
    let Some(page) = PageView::from_response(all) else {
        return Vec::new();
    };
    let today = state.today;
    let status = |c: &Certificate| records::shown_status(state, c);
    let page = page.filtered(state.filter(tab), today, &status);
    let rows = page.len();
    let contents = if csv {
        to_csv(&page, today, &status)
    } else {
        page.to_json(today, &status)
    };
    let company = state.company.clone().unwrap_or_default();
    let path = export_path(state, tab, &company, csv);
    state.say(
        Level::Info,
        format!("writing {rows} row(s) to {}…{note}", path.display()),
    );
    vec![Effect::Worker(Job::Export { path, contents })]
}

/// `e` / `E` on the Overview: the verdict as JSON, or its flags as CSV.
fn export_verdict(state: &mut State, csv: bool) -> Vec<Effect> {
    let Some(vet) = state.vet.as_ref() else {
        state.say(Level::Info, "nothing to export: search a company first");
        return Vec::new();
    };
    let contents = if csv {
        verdict::flags_csv(vet)
    } else {
        verdict::json(vet, state.today)
    };
    let path = export_path(state, Tab::Overview, &vet.company.clone(), csv);
    state.say(Level::Info, format!("writing {}…", path.display()));
    vec![Effect::Worker(Job::Export { path, contents })]
}

/// `M` on the Overview: the vetting memo of the company shown, as one HTML file that prints
/// to PDF (`corpvet vet --dossier` writes Markdown too), from the answers held: no call.
pub fn write_dossier(state: &mut State) -> Vec<Effect> {
    let Some(vet) = state.vet.as_ref() else {
        state.say(Level::Info, "no memo to write: search a company first");
        return Vec::new();
    };
    let company = vet.company.clone();
    let path = export_path(state, Tab::Overview, &company, false).with_extension("html");
    state.say(
        Level::Info,
        format!("writing the memo to {}…", path.display()),
    );
    vec![Effect::Worker(Job::Dossier {
        path,
        company,
        both_providers: state.vet_both_providers,
    })]
}

/// `corpvet-<tab>-<company>-<yyyyMMdd-HHmmss>.<ext>` in the export folder.
pub fn export_path(state: &State, tab: Tab, company: &str, csv: bool) -> PathBuf {
    let stamp = state.now.format("%Y%m%d-%H%M%S");
    let ext = if csv { "csv" } else { "json" };
    let name = format!(
        "corpvet-{}-{}-{stamp}.{ext}",
        tab.slug(),
        file_safe(company)
    );
    state.export_dir.join(name)
}

/// A company name as a file name part: no path separators, control characters or
/// characters Windows refuses.
fn file_safe(s: &str) -> String {
    let cleaned: String = s
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    if cleaned.is_empty() {
        "company".into()
    } else {
        cleaned
    }
}

/// The list as a CSV file for a spreadsheet (the one writer: [`sheet::csv_document`]),
/// header row first.
fn to_csv(
    page: &PageView<'_>,
    today: NaiveDate,
    status: &dyn Fn(&Certificate) -> String,
) -> String {
    let rows: Vec<Vec<String>> = page
        .records()
        .iter()
        .map(|r| csv_row(r, today, status))
        .collect();
    let header: Vec<String> = match page.list {
        List::Qualifications(_) => QUAL_HEADER.iter().map(|s| s.to_string()).collect(),
        List::Certificates(_) => CERT_HEADER.iter().map(|s| s.to_string()).collect(),
        List::Customs(p) => p
            .items
            .first()
            .map(|r| Record::Customs(r).fields(today))
            .map(|f| {
                f.iter()
                    .map(|(_, en, _)| en.to_string())
                    .chain(["penalties".to_string(), "penalty list".to_string()])
                    .collect()
            })
            .unwrap_or_else(|| vec!["customs office".to_string()]),
    };
    sheet::csv_document(header, rows)
}

const QUAL_HEADER: [&str; 10] = [
    "certificate no.",
    "category",
    "names",
    "best grade",
    "issued",
    "expires",
    "expiry",
    "issuer",
    "provider",
    "record id",
];

const CERT_HEADER: [&str; 10] = [
    "certificate number",
    "type",
    "family",
    "product",
    "starts",
    "ends",
    "status",
    "issuers",
    "type code",
    "id",
];

fn csv_row(
    record: &Record<'_>,
    today: NaiveDate,
    status: &dyn Fn(&Certificate) -> String,
) -> Vec<String> {
    let values = |r: &Record<'_>| -> Vec<String> {
        r.fields(today).into_iter().map(|(_, _, v)| v).collect()
    };
    match record {
        Record::Qualification(q) => {
            let mut v = values(record);
            v.insert(2, q.names.join("; "));
            v
        }
        Record::Certificate(c) => {
            let mut v = values(record);
            if let Some(cell) = CERT_HEADER
                .iter()
                .position(|h| *h == "status")
                .and_then(|at| v.get_mut(at))
            {
                *cell = status(c);
            }
            v
        }
        Record::Customs(r) => {
            let mut v = values(record);
            v.push(r.penalties.len().to_string());
            v.push(
                r.penalties
                    .iter()
                    .map(|p| format!("{} {} {}", p.date_text, p.decision_no, p.nature_text))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            v
        }
    }
}

/// The runtime wrote (or failed to write) an export.
/// The export feature's answer.
pub fn on_worker(state: &mut State, ev: ExportEvent) -> Vec<Effect> {
    match ev {
        ExportEvent::Exported { path, result } => exported(state, path, result),
        ExportEvent::TmuxBuffer { result } => in_tmux_buffer(state, result),
    }
    Vec::new()
}

/// Where a copy went inside tmux, said after the copy's own message.
fn in_tmux_buffer(state: &mut State, result: Result<bool, String>) {
    let copied = state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .filter(|t| t.starts_with("copied"))
        .unwrap_or_else(|| "copied".to_string());
    // Short enough for the status line at 80 columns; the README says how to let tmux pass
    // copies to the terminal's clipboard (`set -g set-clipboard on`).
    match result {
        // Where it went first: a long copied value is cut off at the end of the line.
        Ok(true) => state.say(Level::Info, format!("clipboard + tmux buffer: {copied}")),
        Ok(false) => state.say(
            Level::Info,
            format!("tmux buffer only (prefix ]): {copied}"),
        ),
        Err(e) => state.say(
            Level::Error,
            format!("{copied}, but tmux did not take it: {e}"),
        ),
    }
}

fn exported(state: &mut State, path: PathBuf, result: Result<(), String>) {
    match result {
        Ok(()) => state.say(Level::Info, format!("wrote {}", path.display())),
        Err(e) => state.say(
            Level::Error,
            format!("could not write {}: {e}", path.display()),
        ),
    }
}
