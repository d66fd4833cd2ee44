//! Recent searches, kept between sessions as a plain file: one search a line, oldest first.
//! (A later issue moves this into the SQLite cache.)

use std::path::Path;

use crate::service::files::write_atomically;

/// At most this many searches are kept.
pub const MAX_ENTRIES: usize = 200;

/// The saved searches, oldest first, without blanks or repeats (a repeat counts at its
/// latest place). A missing or unreadable file is an empty history.
pub fn load(path: &Path) -> Vec<String> {
    match std::fs::read(path) {
        Ok(bytes) => tidy(String::from_utf8_lossy(&bytes).lines().map(str::to_string)),
        Err(e) => {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(path = %path.display(), error = %e, "cannot read the search history");
            }
            Vec::new()
        }
    }
}

/// Write `entries` (oldest first), tidied the same way, replacing the file atomically.
pub fn save(path: &Path, entries: &[String]) -> Result<(), String> {
    let entries = tidy(entries.iter().cloned());
    let mut text = entries.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    write_atomically(path, text.as_bytes())
}

/// Trim, drop blanks and line breaks, keep each search once at its latest place, keep the
/// newest [`MAX_ENTRIES`].
fn tidy(entries: impl Iterator<Item = String>) -> Vec<String> {
    let all: Vec<String> = entries
        .map(|e| e.replace(['\r', '\n'], " ").trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut newest_first: Vec<String> = all
        .into_iter()
        .rev()
        .filter(|e| seen.insert(e.clone()))
        .take(MAX_ENTRIES)
        .collect();
    newest_first.reverse();
    newest_first
}

#[cfg(test)]
mod tests;
