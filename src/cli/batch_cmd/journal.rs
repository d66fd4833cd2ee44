//! The journal of finished rows: one JSON line per row, appended beside the output file
//! (`.NAME.journal`) as each company is vetted. Rewriting the whole output after every row
//! made a run quadratic; the journal keeps it linear and loses no finished row to a kill.
//! The next run of the same command folds it in (rows whose line and text still match are
//! not vetted again) and the end of a complete run removes it. `--refresh` starts afresh.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::output::Finished;
use super::Row;

/// One finished row as journaled.
#[derive(Serialize, Deserialize)]
struct Entry {
    row: usize,
    line: usize,
    input: String,
    status: String,
    done: Finished,
}

pub(super) struct Journal {
    path: PathBuf,
    file: File,
}

/// `.NAME.journal` beside the output file `out`.
pub(super) fn path_for(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.journal"))
}

/// Fill the rows an earlier run finished from its journal; how many. A line that does not
/// read (the last one a killed run was writing) or no longer matches its row is passed over.
pub(super) fn replay(out: &Path, rows: &mut [Row]) -> usize {
    let Ok(file) = File::open(path_for(out)) else {
        return 0;
    };
    let mut restored = 0;
    for line in BufReader::new(file).lines() {
        let Ok(line) = line else { break };
        let Ok(e) = serde_json::from_str::<Entry>(&line) else {
            continue;
        };
        if let Some(r) = rows.get_mut(e.row) {
            if r.line == e.line && r.input == e.input && r.done.is_none() {
                r.status = e.status;
                r.done = Some(e.done);
                restored += 1;
            }
        }
    }
    restored
}

/// Forget an earlier run's journal (`--refresh`).
pub(super) fn discard(out: &Path) {
    let _ = std::fs::remove_file(path_for(out));
}

impl Journal {
    /// Open for appending; the error names the file.
    pub(super) fn open(out: &Path) -> Result<Journal, String> {
        let path = path_for(out);
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(Journal { path, file })
    }

    /// Append row `i`, finished; one write, so a kill leaves at most one partial line.
    pub(super) fn append(&mut self, i: usize, r: &Row) -> Result<(), String> {
        let Some(done) = &r.done else {
            return Ok(());
        };
        let entry = Entry {
            row: i,
            line: r.line,
            input: r.input.clone(),
            status: r.status.clone(),
            done: done.clone(),
        };
        let mut text = serde_json::to_string(&entry).map_err(|e| e.to_string())?;
        text.push('\n');
        self.file
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }

    /// The run is complete and its output written: the journal has served.
    pub(super) fn remove(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
