//! `corpvet config init`: ask for the keys (the secret without echo) and write the file with
//! mode 0600 through confy. An existing file is replaced only when the user says so, and its
//! old text is kept beside it as `config.toml.bak`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{Config, Credential};
use crate::api::settings::mask;
use crate::domain::provider::ProviderChoice;

/// How `init` talks to the user; the terminal in production, a script in tests.
pub trait Prompt {
    /// Ask with the answer echoed; an empty answer means "keep".
    fn ask(&mut self, question: &str) -> Result<String, String>;
    /// Ask without echo.
    fn ask_secret(&mut self, question: &str) -> Result<String, String>;
    /// A yes/no question; anything but yes is no.
    fn confirm(&mut self, question: &str) -> Result<bool, String>;
}

/// What `init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitOutcome {
    Written {
        path: PathBuf,
        /// The previous file's copy, when one was replaced.
        backup: Option<PathBuf>,
    },
    /// The user kept the existing file.
    Kept { path: PathBuf },
}

/// Ask and write. `current` seeds the answers (the existing file's values when it parses).
pub fn init(
    path: &Path,
    current: Option<Config>,
    prompt: &mut dyn Prompt,
) -> Result<InitOutcome, String> {
    let exists = path.exists();
    if exists
        && !prompt.confirm(&format!(
            "{} already exists. Replace it (the old file is kept as {})? [y/N] ",
            path.display(),
            backup_path(path).display()
        ))?
    {
        return Ok(InitOutcome::Kept {
            path: path.to_path_buf(),
        });
    }
    let mut config = current.unwrap_or_default();
    let hint = |c: &Credential| {
        if c.is_set() {
            format!(" [{}; Enter keeps it]", mask(c.expose()))
        } else {
            " [Enter: none]".to_string()
        }
    };

    let key = prompt.ask(&format!("QCC key{}: ", hint(&config.qcc.key)))?;
    if !key.trim().is_empty() {
        config.qcc.key = Credential::new(key);
    }
    let secret = prompt.ask_secret(&format!(
        "QCC secret key (not shown){}: ",
        hint(&config.qcc.secret)
    ))?;
    if !secret.trim().is_empty() {
        config.qcc.secret = Credential::new(secret);
    }
    let juhe = prompt.ask(&format!("Juhe key{}: ", hint(&config.juhe.key)))?;
    if !juhe.trim().is_empty() {
        config.juhe.key = Credential::new(juhe);
    }
    loop {
        let p = prompt.ask(&format!(
            "Default qualification provider (qcc, juhe, both) [{}]: ",
            config.lookup.default_provider.name()
        ))?;
        if p.trim().is_empty() {
            break;
        }
        match ProviderChoice::parse(&p) {
            Ok(choice) => {
                config.lookup.default_provider = choice;
                break;
            }
            Err(e) => eprintln!("{e}"),
        }
    }
    let shown = if config.reports.download_dir.is_empty() {
        "~/Downloads/corpvet".to_string()
    } else {
        config.reports.download_dir.clone()
    };
    let dir = prompt.ask(&format!("Folder for downloaded reports [{shown}]: "))?;
    if !dir.trim().is_empty() {
        config.reports.download_dir = dir.trim().to_string();
    }

    let backup = if exists {
        let b = backup_path(path);
        std::fs::copy(path, &b).map_err(|e| {
            format!(
                "cannot keep a copy of {} as {}: {e}",
                path.display(),
                b.display()
            )
        })?;
        restrict(&b);
        Some(b)
    } else {
        None
    };
    write(path, &config)?;
    Ok(InitOutcome::Written {
        path: path.to_path_buf(),
        backup,
    })
}

/// `config.toml` → `config.toml.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// The keys of `config` that differ from the defaults, as a TOML table: the file then says
/// only what the user chose, and `config show` tells those apart from defaults.
fn differences(config: &Config) -> Result<toml::Table, String> {
    fn prune(table: &mut toml::Table, defaults: &toml::Table) {
        table.retain(|k, v| match (v, defaults.get(k)) {
            (toml::Value::Table(t), Some(toml::Value::Table(d))) => {
                prune(t, d);
                !t.is_empty()
            }
            (v, Some(d)) => v != d,
            (_, None) => true,
        });
    }
    let err = |e: toml::ser::Error| format!("cannot encode the configuration: {e}");
    let mut table = toml::Table::try_from(config).map_err(err)?;
    let defaults = toml::Table::try_from(Config::default()).map_err(err)?;
    prune(&mut table, &defaults);
    Ok(table)
}

/// Write the keys of `config` that differ from the defaults to `path` with mode 0600
/// (confy sets the mode before writing a byte).
pub fn write(path: &Path, config: &Config) -> Result<(), String> {
    let config = differences(config)?;
    let config = &config;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        super::paths::create_private_dir(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    #[cfg(unix)]
    let stored = {
        use std::os::unix::fs::PermissionsExt;
        confy::store_path_perms(path, config, std::fs::Permissions::from_mode(0o600))
    };
    #[cfg(not(unix))]
    let stored = confy::store_path(path, config);
    stored.map_err(|e| {
        let cause = std::error::Error::source(&e).map_or_else(String::new, |c| format!(": {c}"));
        format!("cannot write {}: {e}{cause}", path.display())
    })
}

fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Questions on stderr, answers from stdin; the secret is read in raw mode (no echo) when
/// stdin is a terminal.
pub struct TerminalPrompt;

impl TerminalPrompt {
    fn line() -> Result<String, String> {
        let mut s = String::new();
        let n = std::io::stdin()
            .lock()
            .read_line(&mut s)
            .map_err(|e| format!("cannot read the answer: {e}"))?;
        if n == 0 {
            return Err("no answer (end of input): nothing was written".into());
        }
        Ok(s.trim_end_matches(['\r', '\n']).to_string())
    }

    fn say(question: &str) {
        let mut err = std::io::stderr();
        let _ = write!(err, "{question}");
        let _ = err.flush();
    }
}

impl Prompt for TerminalPrompt {
    fn ask(&mut self, question: &str) -> Result<String, String> {
        Self::say(question);
        Self::line()
    }

    fn ask_secret(&mut self, question: &str) -> Result<String, String> {
        Self::say(question);
        if !std::io::stdin().is_terminal() {
            return Self::line();
        }
        let answer = read_hidden().map_err(|e| format!("cannot read the secret: {e}"));
        eprintln!();
        answer
    }

    fn confirm(&mut self, question: &str) -> Result<bool, String> {
        Self::say(question);
        let a = Self::line()?;
        Ok(matches!(a.trim().to_lowercase().as_str(), "y" | "yes"))
    }
}

/// Leaves raw mode however the read ends.
struct RawMode;

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Read one line in raw mode: nothing is echoed; Backspace edits, Enter ends, Ctrl-C aborts.
fn read_hidden() -> std::io::Result<String> {
    use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    crossterm::terminal::enable_raw_mode()?;
    let _raw = RawMode;
    let mut s = String::new();
    loop {
        match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => return Ok(s),
                KeyCode::Char('c' | 'd') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::Interrupted,
                        "interrupted: nothing was written",
                    ))
                }
                KeyCode::Char(c) => s.push(c),
                KeyCode::Backspace => {
                    s.pop();
                }
                _ => {}
            },
            Event::Paste(p) => s.push_str(p.trim_end_matches(['\r', '\n'])),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
