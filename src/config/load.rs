//! Reading the configuration: defaults, then the file (through confy), then `CORPVET_*`
//! variables, then flags — each later layer wins — remembering where every value came from.
//!
//! A file that does not parse is reported with its line and never rewritten: confy is only
//! asked to load a file that exists, so it never writes a default one over the user's text.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::fields::{all, field};
use super::{paths, Config};

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Default,
    File,
    /// The variable's name.
    Env(&'static str),
    /// The flag's name (`--timeout`).
    Flag(&'static str),
}

impl Origin {
    /// `default`, `file`, `env`, `flag`.
    pub fn kind(self) -> &'static str {
        match self {
            Origin::Default => "default",
            Origin::File => "file",
            Origin::Env(_) => "env",
            Origin::Flag(_) => "flag",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File => f.write_str("file"),
            Origin::Env(name) => write!(f, "env {name}"),
            Origin::Flag(name) => write!(f, "flag {name}"),
        }
    }
}

/// A value given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagOverride {
    /// The dotted key it sets (`network.timeout_secs`).
    pub key: &'static str,
    pub value: String,
    /// How the user spelled it (`--timeout`).
    pub flag: &'static str,
}

/// What to read.
pub struct LoadOptions<'a> {
    /// `--config PATH`; `None` = the per-user file.
    pub path: Option<PathBuf>,
    /// The environment (the process's in production, a map in tests).
    pub env: &'a dyn Fn(&str) -> Option<String>,
    pub flags: Vec<FlagOverride>,
}

/// The effective configuration and how it came to be.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// The file in use (whether or not it exists).
    pub path: PathBuf,
    pub file_found: bool,
    /// Keys that did not come from the defaults; absent keys are defaults.
    pub origins: BTreeMap<String, Origin>,
    /// Things the user should hear about (group-readable file, unknown keys …).
    pub warnings: Vec<String>,
}

impl Loaded {
    pub fn origin(&self, key: &str) -> Origin {
        self.origins.get(key).copied().unwrap_or(Origin::Default)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Location(String),

    #[error("the config file {} does not exist (run `corpvet --config {} config init` to create it)", .path.display(), .path.display())]
    Missing { path: PathBuf },

    #[error("cannot read the config file {}: {detail}", .path.display())]
    Read { path: PathBuf, detail: String },

    #[error("{}", parse_text(.path, *.line, *.column, .message, .text))]
    Parse {
        path: PathBuf,
        /// From 1; 0 when the parser did not say.
        line: usize,
        column: usize,
        message: String,
        /// The offending line as written.
        text: String,
    },

    #[error("{}", invalid_text(.key, *.origin, .path.as_deref(), *.line, .problem))]
    Invalid {
        key: String,
        origin: Origin,
        /// The file, when the value came from it.
        path: Option<PathBuf>,
        line: Option<usize>,
        problem: String,
    },
}

const UNTOUCHED: &str =
    "The file was not changed; fix it (every key is documented in config/default.toml).";

fn parse_text(path: &Path, line: usize, column: usize, message: &str, text: &str) -> String {
    let at = if line > 0 {
        format!(" at line {line}, column {column}")
    } else {
        String::new()
    };
    let quoted = if text.is_empty() {
        String::new()
    } else {
        format!("\n    {line} | {text}")
    };
    format!(
        "the config file {} is broken{at}: {message}{quoted}\n{UNTOUCHED}",
        path.display()
    )
}

fn invalid_text(
    key: &str,
    origin: Origin,
    path: Option<&Path>,
    line: Option<usize>,
    problem: &str,
) -> String {
    match (origin, path) {
        (Origin::File, Some(p)) => {
            let at = line.map_or_else(String::new, |l| format!(", line {l}"));
            format!(
                "the config file {}{at}: `{key}`: {problem}\n{UNTOUCHED}",
                p.display()
            )
        }
        (Origin::Env(var), _) => format!("{var} (config `{key}`): {problem}"),
        (Origin::Flag(flag), _) => format!("{flag}: {problem}"),
        _ => format!("config `{key}`: {problem}"),
    }
}

/// Read the configuration: defaults < file < environment < flags.
pub fn load(opts: &LoadOptions<'_>) -> Result<Loaded, ConfigError> {
    let path = paths::config_file(opts.path.as_deref()).map_err(ConfigError::Location)?;
    let mut origins = BTreeMap::new();
    let mut warnings = Vec::new();
    let file_found = path.is_file();
    let mut config = if file_found {
        read_file(&path, &mut origins, &mut warnings)?
    } else if opts.path.is_some() || path.exists() {
        return Err(ConfigError::Missing { path });
    } else {
        Config::default()
    };

    for f in all() {
        let Some(value) = (opts.env)(f.env)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        (f.set)(&mut config, &value).map_err(|problem| ConfigError::Invalid {
            key: f.key.to_string(),
            origin: Origin::Env(f.env),
            path: None,
            line: None,
            problem,
        })?;
        origins.insert(f.key.to_string(), Origin::Env(f.env));
    }

    for o in &opts.flags {
        let Some(f) = field(o.key) else {
            return Err(ConfigError::Invalid {
                key: o.key.to_string(),
                origin: Origin::Flag(o.flag),
                path: None,
                line: None,
                problem: "no such setting".into(),
            });
        };
        (f.set)(&mut config, &o.value).map_err(|problem| ConfigError::Invalid {
            key: f.key.to_string(),
            origin: Origin::Flag(o.flag),
            path: None,
            line: None,
            problem,
        })?;
        origins.insert(f.key.to_string(), Origin::Flag(o.flag));
    }

    Ok(Loaded {
        config,
        path,
        file_found,
        origins,
        warnings,
    })
}

/// The process environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Load an existing file through confy, check every value it sets, note which keys it set.
fn read_file(
    path: &Path,
    origins: &mut BTreeMap<String, Origin>,
    warnings: &mut Vec<String>,
) -> Result<Config, ConfigError> {
    if let Some(w) = permission_warning(path) {
        warnings.push(w);
    }
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let mut config: Config = confy::load_path(path).map_err(|e| match e {
        confy::ConfyError::BadTomlData(de) => parse_error(path, &text, &de),
        other => ConfigError::Read {
            path: path.to_path_buf(),
            detail: other.to_string(),
        },
    })?;
    config.fill_defaults();
    let table: toml::Table = toml::from_str(&text).map_err(|de| parse_error(path, &text, &de))?;
    let mut leaves = Vec::new();
    flatten("", &table, &mut leaves);
    for key in &leaves {
        if let Some(f) = field(key) {
            origins.insert(key.clone(), Origin::File);
            // A value of the right type can still be wrong (a zero timeout, an ftp URL).
            let value = (f.get)(&config);
            if !f.secret {
                let mut scratch = config.clone();
                (f.set)(&mut scratch, &value).map_err(|problem| ConfigError::Invalid {
                    key: key.clone(),
                    origin: Origin::File,
                    path: Some(path.to_path_buf()),
                    line: find_key_line(&text, key),
                    problem,
                })?;
            }
        } else if key.starts_with("ui.theme.") || key.starts_with("ui.keys.") {
            origins.insert(key.clone(), Origin::File);
        } else {
            warnings.push(format!(
                "the config file {} sets `{key}`, which corpvet does not know (ignored)",
                path.display()
            ));
        }
    }
    Ok(config)
}

fn parse_error(path: &Path, text: &str, e: &toml::de::Error) -> ConfigError {
    let (line, column) = e
        .span()
        .map_or((0, 0), |span| line_and_column(text, span.start));
    let mut quoted = if line > 0 {
        text.lines()
            .nth(line - 1)
            .unwrap_or("")
            .trim_end()
            .to_string()
    } else {
        String::new()
    };
    let mut message = e.message().trim().to_string();
    // A key or the secret never reaches an error message, not even a mistyped one.
    if let Some(name) = credential_name(&quoted) {
        quoted = format!("{name} = ****");
        message = "a key or secret must be a quoted string on one line (its value is not \
                   shown)"
            .to_string();
    }
    ConfigError::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message,
        text: quoted,
    }
}

/// The left-hand side of `line` when it sets a key or the secret (`key = …`, `secret = …`,
/// `qcc.secret = …`).
fn credential_name(line: &str) -> Option<String> {
    let (lhs, _) = line.split_once('=')?;
    let lhs = lhs.trim();
    let last = lhs.rsplit('.').next()?.trim().trim_matches(['"', '\'']);
    matches!(last.to_ascii_lowercase().as_str(), "key" | "secret").then(|| lhs.to_string())
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Dotted names of every non-table value.
fn flatten(prefix: &str, table: &toml::Table, out: &mut Vec<String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            _ => out.push(key),
        }
    }
}

/// The line where `dotted` is set, for the common layouts (`[section]` then `name = …`, or
/// `section.name = …`).
fn find_key_line(text: &str, dotted: &str) -> Option<usize> {
    let (section, name) = dotted.rsplit_once('.').unwrap_or(("", dotted));
    let mut current = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(h) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            current = h.trim().to_string();
            continue;
        }
        let Some((lhs, _)) = line.split_once('=') else {
            continue;
        };
        let lhs: String = lhs
            .split('.')
            .map(|p| p.trim().trim_matches('"'))
            .collect::<Vec<_>>()
            .join(".");
        let full = if current.is_empty() {
            lhs
        } else {
            format!("{current}.{lhs}")
        };
        if full == dotted || (section.is_empty() && full == name) {
            return Some(i + 1);
        }
    }
    None
}

/// A config file holds secrets: warn when anyone but the owner may read it.
pub fn permission_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Some(format!(
                "the config file {} can be read by other users (mode {mode:04o}); it may hold \
                 your keys: run `chmod 600 {}`",
                path.display(),
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
}

#[cfg(test)]
mod tests;
