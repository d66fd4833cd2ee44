//! The vetting memo (issue 14): what was checked, when, by whom, what was found with its
//! evidence, what was not read, and the vendor's reference for every answer it rests on.
//! One content model ([`Block`]s, built once from a [`Vetted`]) and two renderings:
//! Markdown (for git and any viewer) and one self-contained HTML file (inline CSS, no
//! scripts, fonts or images; a print style sheet for A4). The format follows the file's
//! extension.

mod content;
mod html;
mod markdown;

use std::path::{Path, PathBuf};

use super::backend::Mode;
use super::vet::Vetted;
use crate::store::OrderRecord;

pub use content::build;

/// One piece of the memo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    /// Made-up data: on every page, so a printout cannot pass for a real vetting.
    Watermark(String),
    Heading(String),
    Para(String),
    /// A line that must stand out (a red flag, a failed source).
    Alert(String),
    Facts(Vec<(String, String)>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// What the memo says about itself.
#[derive(Debug, Clone)]
pub struct Meta {
    pub mode: Mode,
    /// When it was written, China time (`2026-12-02 14:05`).
    pub written: String,
    /// Who wrote it (`[user] name`).
    pub by: String,
    /// The newest credit-report order for the company, if the ledger holds one.
    pub report: Option<OrderRecord>,
    /// The company's unified social credit code where known, and where it comes from.
    pub credit_code: Option<(String, &'static str)>,
}

/// What the memo of `vetted` says about itself, written by `by` now: the credit report
/// ordered for the company and its credit code (as searched, as a certificate's holder
/// record names it, or as the store has it tied to the name).
pub async fn meta(services: &super::Services, vetted: &Vetted, by: &str) -> Meta {
    let keyword = &vetted.keyword;
    let as_searched = crate::domain::credit_code::normalise(keyword);
    let holder = || {
        vetted
            .records
            .details
            .values()
            .filter_map(|d| d.holder())
            .find(|(name, _)| {
                crate::domain::keyword::normalise(name)
                    == crate::domain::keyword::normalise(keyword)
            })
            .map(|(_, code)| code)
    };
    let valid = matches!(
        crate::domain::credit_code::check(&as_searched),
        crate::domain::CodeCheck::Valid { .. }
    );
    let credit_code = if valid {
        Some((as_searched, "as searched"))
    } else if let Some(code) = holder() {
        Some((code, "as a certificate's holder record gives it"))
    } else {
        services
            .identity_of(keyword)
            .await
            .map(|code| (code, "as an earlier answer tied it to this name"))
    };
    Meta {
        mode: services.mode(),
        written: super::clock::china_now_label(),
        by: by.to_string(),
        report: services.latest_order(keyword).await,
        credit_code,
    }
}

/// The two formats, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

impl Format {
    pub fn of(path: &Path) -> Result<Format, String> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Ok(Format::Markdown),
            Some("html" | "htm") => Ok(Format::Html),
            _ => Err(format!(
                "{}: a dossier is .md (Markdown) or .html (one file that prints to PDF)",
                path.display()
            )),
        }
    }
}

/// The memo as text in `format`.
pub fn render(blocks: &[Block], format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(blocks),
        Format::Html => html::render(blocks),
    }
}

/// The memo of `keyword` from what the store holds (no call: every answer is read offline,
/// and a source with nothing stored is said not read), written to `path`. The explorer's
/// Overview writes its company's memo this way.
pub async fn from_store(
    services: &super::Services,
    keyword: &str,
    provider: crate::domain::provider::ProviderChoice,
    max_pages: u32,
    by: &str,
    path: &Path,
) -> Result<PathBuf, String> {
    Format::of(path)?;
    let opts = super::vet::VetOptions {
        provider,
        max_pages,
        fetch: super::cache::FetchMode::Offline,
    };
    let fetched = super::vet::fan_out(services, keyword, &opts).await;
    let vetted = super::vet::judged(fetched.input, fetched.calls, super::clock::china_today());
    write(path, &vetted, &meta(services, &vetted, by).await)
}

/// Write the memo of `vetted` to `path` (whole or not at all), in the format its extension
/// names; returns the path written.
pub fn write(path: &Path, vetted: &Vetted, meta: &Meta) -> Result<PathBuf, String> {
    let format = Format::of(path)?;
    let text = render(&build(vetted, meta), format);
    super::files::write_atomically(path, text.as_bytes())?;
    Ok(path.to_path_buf())
}
