//! What the explorer needs to know about this user and this machine, with per-user defaults
//! (nothing is written anywhere until the explorer runs).

use std::path::{Path, PathBuf};

use crate::domain::qualification::Provider;
use crate::service::poll::PollPolicy;
use crate::ui::theme::Palette;

/// Settings for one explorer session. Start from [`ExplorerOptions::from_env`] and override
/// what the command line or the config file says.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplorerOptions {
    /// Where `d` puts downloaded reports.
    pub download_dir: PathBuf,
    /// Where `e` writes exported lists.
    pub export_dir: PathBuf,
    /// Capture the mouse from the start (off by default: it breaks text selection over SSH).
    pub mouse: bool,
    /// Draw without color (the `NO_COLOR` convention); text markers carry the meaning.
    pub no_color: bool,
    /// The qualification provider the Qualifications tab starts on.
    pub default_provider: Provider,
    /// Recent searches, one a line: read at start when `history` is `None`, written on exit.
    pub history_file: PathBuf,
    /// Recent searches from the state store, oldest first; when set, used instead of the
    /// history file (the store also holds searches made with the CLI).
    pub history: Option<Vec<String>>,
    /// A line the status bar shows at start (a note about the configuration).
    pub notice: Option<String>,
    /// Colours by role (`[ui.theme]` in the config file).
    pub palette: Palette,
    /// Command keys rebound in the config's `[ui.keys]`.
    pub keys: crate::app::remap::Remap,
    /// The config's default provider is `both`: the Overview asks QCC and Juhe.
    pub vet_both_providers: bool,
    /// A report order's price at `[prices]`, in fen (0: none set).
    pub report_price_fen: i64,
    /// Who is vetting (`[user] name`), named in a dossier.
    pub user: String,
    /// The Overview's cap on certificate pages (20 certificates a page).
    pub vet_max_pages: u32,
    /// Where the log file goes (`corpvet.log`).
    pub state_dir: PathBuf,
    /// How report orders are polled.
    pub poll: PollPolicy,
}

impl ExplorerOptions {
    /// Defaults for the current user, reading `NO_COLOR` from the process environment.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok(), &UserDirs::current())
    }

    /// Defaults from `get` (an environment) and `dirs` (the user's folders), for tests.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>, dirs: &UserDirs) -> Self {
        let download_dir = dirs.download_dir();
        let state_dir = dirs.state_dir();
        ExplorerOptions {
            export_dir: download_dir.clone(),
            download_dir,
            mouse: false,
            // https://no-color.org: set and not empty.
            no_color: get("NO_COLOR").is_some_and(|v| !v.is_empty()),
            default_provider: Provider::Qcc,
            history_file: state_dir.join("history"),
            history: None,
            notice: None,
            palette: Palette::default(),
            keys: Default::default(),
            vet_both_providers: false,
            report_price_fen: 0,
            user: String::new(),
            vet_max_pages: crate::domain::verdict::DEFAULT_MAX_PAGES,
            state_dir,
            poll: PollPolicy::default(),
        }
    }
}

/// The user's folders as the platform names them; any of them may be unknown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserDirs {
    pub downloads: Option<PathBuf>,
    pub home: Option<PathBuf>,
    pub state: Option<PathBuf>,
    pub data_local: Option<PathBuf>,
    pub cwd: Option<PathBuf>,
}

impl UserDirs {
    pub fn current() -> Self {
        UserDirs {
            downloads: dirs::download_dir(),
            home: dirs::home_dir(),
            state: dirs::state_dir(),
            data_local: dirs::data_local_dir(),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// `~/Downloads/corpvet`, as the config documents (made on the first download when
    /// missing); the current folder only when there is no home folder at all.
    pub fn download_dir(&self) -> PathBuf {
        match (&self.downloads, &self.home) {
            (Some(d), _) => d.join("corpvet"),
            (None, Some(h)) => h.join("Downloads").join("corpvet"),
            _ => self.cwd_or_dot(),
        }
    }

    /// `$XDG_STATE_HOME/corpvet` (Linux), else the local data folder, else `.corpvet` in the
    /// current folder.
    pub fn state_dir(&self) -> PathBuf {
        match (&self.state, &self.data_local) {
            (Some(s), _) => s.join("corpvet"),
            (None, Some(d)) => d.join("corpvet"),
            _ => self.cwd_or_dot().join(".corpvet"),
        }
    }

    fn cwd_or_dot(&self) -> PathBuf {
        self.cwd
            .clone()
            .unwrap_or_else(|| Path::new(".").to_path_buf())
    }
}

#[cfg(test)]
mod tests;
