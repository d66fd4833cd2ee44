//! The Report tab: what was ordered, how the order stands (elapsed time, last status), the
//! URL when ready, and the download's progress.

use std::time::Duration;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::download::Download;
use crate::app::report::{ReportOrder, Stage};
use crate::app::state::{Focus, State};
use crate::domain::text;

use super::theme::Theme;
use super::wrapped::wrapped;
use crate::app::layout::inner;

/// `m:ss` (or `h:mm:ss`).
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// Bytes in B, KB or MB.
pub fn bytes(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 1024 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

/// A text progress bar that reads the same without colour.
pub fn bar(received: u64, total: Option<u64>, width: usize) -> String {
    match total.filter(|t| *t > 0) {
        Some(t) => {
            let ratio = (received as f64 / t as f64).clamp(0.0, 1.0);
            let filled = (ratio * width as f64).round() as usize;
            format!(
                "[{}{}] {:>3}%  {} of {}",
                "█".repeat(filled),
                "░".repeat(width.saturating_sub(filled)),
                (ratio * 100.0).round() as u64,
                bytes(received),
                bytes(t)
            )
        }
        None => format!("{} received", bytes(received)),
    }
}

fn elapsed(state: &State, order: &ReportOrder) -> Duration {
    (state.now - order.ordered_at)
        .to_std()
        .unwrap_or(Duration::ZERO)
}

fn lines(state: &State, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut say = |s: &str, style: Style| {
        if s.is_empty() {
            out.push(Line::default());
        } else {
            out.extend(wrapped(s, width, style));
        }
    };
    let Some(company) = state.company.as_deref() else {
        say(
            "Search a company first (/ then type), then o orders its credit report.",
            theme.dim(),
        );
        return out;
    };
    let Some(order) = state.current_report() else {
        say(&format!("No report ordered for {company}."), theme.plain());
        say("", theme.plain());
        say(
            "o orders a QCC credit report (PDF or Word). Every order is BILLED: you confirm first, and it is sent once.",
            theme.warn(),
        );
        return out;
    };
    let format = order.format.extension().to_uppercase();
    say(&format!("{format} report for {company}"), theme.bold());
    if let Some(no) = order.order_no() {
        say(&format!("order no. {no}"), theme.dim());
    }
    say("", theme.plain());
    match &order.stage {
        Stage::Ordering { .. } => {
            say(
                &format!(
                    "{} Placing the order… ({} elapsed)",
                    state.spinner(),
                    clock(elapsed(state, order))
                ),
                theme.accent(),
            );
            say("An order cannot be taken back once sent.", theme.dim());
        }
        Stage::Polling {
            last,
            polls,
            elapsed: took,
            ..
        } => {
            let shown = elapsed(state, order).max(*took);
            let status = last
                .as_ref()
                .map_or_else(|| "waiting for the first answer".to_string(), |s| s.label());
            say(
                &format!(
                    "{} Being prepared · {} elapsed · {polls} checks · last status: {status}",
                    state.spinner(),
                    clock(shown)
                ),
                theme.accent(),
            );
            say("Keep working meanwhile. x stops polling (the order stands; r resumes, not billed).", theme.dim());
        }
        Stage::Ready {
            url, finished_at, ..
        } => {
            let took = (*finished_at - order.ordered_at)
                .to_std()
                .unwrap_or(Duration::ZERO);
            say(&format!("✓ Ready after {}", clock(took)), theme.ok());
            say(&format!("URL: {url}"), theme.plain());
            say("", theme.plain());
            say(
                &format!(
                    "d downloads into {} · y copies the URL",
                    state.download_dir.display()
                ),
                theme.dim(),
            );
        }
        Stage::Stopped {
            reason,
            error,
            resumable,
            ..
        } => {
            say(&format!("✗ {reason}"), theme.error());
            if let Some(e) = error {
                if let Some(g) = &e.gloss {
                    say(g, theme.error());
                }
                if let Some(a) = &e.advice {
                    say(a, theme.plain());
                }
            }
            if *resumable {
                say("r polls the same order again (not billed).", theme.dim());
            } else {
                say("o orders again (billed again).", theme.dim());
            }
        }
    }
    match &order.download {
        Some(Download::Running {
            received, total, ..
        }) => {
            let bar_w = width.saturating_sub(40).clamp(4, 30);
            say("", theme.plain());
            say(
                &format!("Downloading {}", bar(*received, *total, bar_w)),
                theme.accent(),
            );
        }
        Some(Download::Done(path)) => {
            say("", theme.plain());
            say(&format!("✓ saved {}", path.display()), theme.ok());
        }
        Some(Download::Failed(e)) => {
            say("", theme.plain());
            say(&format!("✗ download failed: {}", e.message), theme.error());
        }
        None => {}
    }
    let others: Vec<String> = state
        .reports
        .iter()
        .filter(|r| r.company != company)
        .map(|r| format!("{} — {}", r.company, stage_word(&r.stage)))
        .collect();
    if !others.is_empty() {
        say("", theme.plain());
        say(
            "Other orders this session (search the company to see one):",
            theme.dim(),
        );
        for o in others {
            say(&format!("  {o}"), theme.dim());
        }
    }
    out
}

fn stage_word(stage: &Stage) -> &'static str {
    match stage {
        Stage::Ordering { .. } => "ordering",
        Stage::Polling { .. } => "being prepared",
        Stage::Ready { .. } => "ready",
        Stage::Stopped { .. } => "stopped",
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let title = text::truncate(
        " Credit report 信用报告 ",
        usize::from(area.width).saturating_sub(2),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(state.focus != Focus::Search))
        .title(title);
    let body = inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(lines(state, usize::from(body.width), theme)),
        body,
    );
}
