//! The log of the long-running front ends (the explorer, the MCP server): a file in the
//! state folder, never the screen or stdout (the screen belongs to the UI, stdout to the
//! MCP client). Nothing logged carries a secret or a URL: the clients log endpoints only, the
//! worker logs job kinds, ids and error texts built without URLs.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;

/// A log larger than this is moved aside (`corpvet.log.1`) when a front end starts.
const ROTATE_AT_BYTES: u64 = 5 * 1024 * 1024;

/// Send `tracing` output to `state_dir/name` (`corpvet.log`, `corpvet-mcp.log`) at the
/// level named by `level` (`CORPVET_LOG`: error, warn, info, debug, trace, off; info when
/// unset or unknown).
/// Returns the file's path. A second call in one process changes nothing.
pub fn init(state_dir: &Path, name: &str, level: Option<&str>) -> io::Result<PathBuf> {
    fs::create_dir_all(state_dir)?;
    let path = state_dir.join(name);
    rotate(&path);
    let file = open_append(&path)?;
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false);
    let subscriber = tracing_subscriber::registry()
        .with(layer)
        .with(filter(parse_level(level)));
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        tracing::debug!("a log subscriber was already installed");
    }
    Ok(path)
}

/// corpvet's own events at `level`; the libraries' (HTTP internals may name addresses
/// with their query strings at debug level) at warnings at most.
fn filter(level: LevelFilter) -> Targets {
    Targets::new()
        .with_target(env!("CARGO_CRATE_NAME"), level)
        .with_default(level.min(LevelFilter::WARN))
}

fn parse_level(level: Option<&str>) -> LevelFilter {
    level
        .and_then(|l| l.trim().parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::INFO)
}

/// Keep one previous log so the file never grows without bound.
fn rotate(path: &Path) {
    let big = fs::metadata(path).is_ok_and(|m| m.len() > ROTATE_AT_BYTES);
    if big {
        let _ = fs::rename(path, path.with_extension("log.1"));
    }
}

/// Owner-only where the platform allows: searches name the companies a user is vetting.
fn open_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests;
