//! Where corpvet keeps its files: the config file (confy's per-user location), the cache
//! database (the per-user cache folder, `XDG_CACHE_HOME` respected) and the state database
//! (history and report orders, `XDG_STATE_HOME`).

use std::path::{Path, PathBuf};

/// The application name confy files the config under.
pub const APP: &str = "corpvet";
/// The config file's base name (`config.toml`).
pub const CONFIG_NAME: &str = "config";

/// `--config PATH` when given, else confy's per-user file (`~/.config/corpvet/config.toml`
/// on Linux).
pub fn config_file(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return Ok(expand_home(&p.to_string_lossy()));
    }
    confy::get_configuration_file_path(APP, CONFIG_NAME)
        .map_err(|e| format!("cannot tell where the config file goes: {e}"))
}

/// `$XDG_CACHE_HOME/corpvet` (or the platform's cache folder).
pub fn cache_dir() -> PathBuf {
    match dirs::cache_dir() {
        Some(d) => d.join(APP),
        None => state_dir().join("cache"),
    }
}

/// `$XDG_STATE_HOME/corpvet`, else the local data folder, else `.corpvet` here.
pub fn state_dir() -> PathBuf {
    match (dirs::state_dir(), dirs::data_local_dir()) {
        (Some(s), _) => s.join(APP),
        (None, Some(d)) => d.join(APP),
        _ => PathBuf::from(".corpvet"),
    }
}

/// The answers cache.
pub fn cache_db() -> PathBuf {
    cache_dir().join("cache.sqlite3")
}

/// Search history, report orders and remembered 110 refusals.
pub fn state_db() -> PathBuf {
    state_dir().join("state.sqlite3")
}

/// `~/x` → `$HOME/x`; anything else unchanged.
pub fn expand_home(p: &str) -> PathBuf {
    if let Some(rest) = p.strip_prefix("~/") {
        if let Some(home) = dirs::home_dir() {
            return home.join(rest);
        }
    }
    if p == "~" {
        if let Some(home) = dirs::home_dir() {
            return home;
        }
    }
    PathBuf::from(p)
}

/// Create `dir` (and parents) readable by the owner only where that is new.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
