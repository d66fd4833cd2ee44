//! What the terminal shows: the progress line on stderr and, without `--out`, the table.

use std::io::IsTerminal;
use std::time::Instant;

use super::Row;

/// The rows as an aligned table (no `--out`).
pub(super) fn table(rows: &[Row]) -> String {
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let (red, warn, failed) = r.done.as_ref().map_or_else(
                || {
                    (
                        String::new(),
                        String::new(),
                        r.note.clone().unwrap_or_default(),
                    )
                },
                |d| {
                    (
                        d.red.to_string(),
                        d.warnings.to_string(),
                        d.first_flag.clone(),
                    )
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
    crate::cli::table::render(
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
pub(super) struct Progress {
    total: usize,
    done: usize,
    started: Instant,
    show: bool,
}

impl Progress {
    pub(super) fn new(total: usize, human: bool) -> Self {
        Progress {
            total,
            done: 0,
            started: Instant::now(),
            show: human && std::io::stderr().is_terminal() && total > 0,
        }
    }

    pub(super) fn tick(&mut self) {
        self.done += 1;
        if !self.show {
            return;
        }
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let rate = self.done as f64 / secs;
        let eta = (self.total - self.done.min(self.total)) as f64 / rate.max(0.001);
        let width = 24;
        let filled = width * self.done / self.total.max(1);
        crate::cli::print::progress(format_args!(
            "[{}{}] {}/{}  {:.1}/s  ETA {:.0}s ",
            "#".repeat(filled),
            " ".repeat(width - filled),
            self.done,
            self.total,
            rate,
            eta
        ));
    }

    pub(super) fn finish(&self) {
        if self.show {
            errln!();
        }
    }
}
