//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::provider::ProviderChoice;

use super::batch_cmd::BatchArgs;
use super::cache_cmd::CacheAction;
use super::config_cmd::ConfigAction;
use super::spend_cmd::SpendArgs;
use super::store_cmd::StoreAction;
use super::vet_cmd::VetArgs;
use super::watch_cmd::WatchAction;
use crate::domain::report::ReportFormat;

#[derive(Debug, Parser)]
#[command(
    name = "corpvet",
    version,
    about = "Vet a Chinese company from the terminal: construction qualifications, certificates, \
             customs credit and credit reports (QCC and Juhe).",
    after_help = "Without a subcommand corpvet opens the explorer (a terminal UI).\n\
                  Credentials come from the config file (`corpvet config init`; `corpvet config path` \
                  says where) or CORPVET_QCC_KEY, CORPVET_QCC_SECRET and CORPVET_JUHE_KEY; \
                  with none set, corpvet runs against its built-in sandbox (made-up data, nothing billed).\n\
                  Answers are stored and reused within their lifetime: --refresh calls anyway, \
                  --offline never calls.\n\
                  Exit codes: 0 results, 1 no result, 2 input refused locally (nothing sent), \
                  3 the vendor answered with an error status, 4 transport failure; \
                  vet, batch and watch run: 5 warnings only, 6 at least one red flag."
)]
pub struct Cli {
    /// Print one versioned JSON document on stdout instead of a table.
    #[arg(long, global = true)]
    pub json: bool,

    /// Send a credit code even if its check character looks wrong.
    #[arg(long, global = true)]
    pub force: bool,

    /// Read the configuration from this file instead of the per-user one.
    #[arg(long, global = true, value_name = "PATH", env = "CORPVET_CONFIG")]
    pub config: Option<PathBuf>,

    /// Call the vendor even when a stored answer is still fresh (the new answer is stored).
    #[arg(long, global = true, conflicts_with = "offline")]
    pub refresh: bool,

    /// Answer from stored answers only: make no call, and say what is missing.
    #[arg(long, global = true)]
    pub offline: bool,

    /// Seconds a whole vendor call may take (overrides network.timeout_secs and
    /// CORPVET_TIMEOUT).
    #[arg(long, global = true, value_name = "SECS")]
    pub timeout: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Pdf,
    Word,
}

impl From<FormatArg> for ReportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Pdf => ReportFormat::Pdf,
            FormatArg::Word => ReportFormat::Word,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Construction qualifications (资质资格) of a company.
    Building {
        /// Company name, registration number or unified social credit code.
        keyword: String,
        /// Default: lookup.default_provider in the configuration (qcc).
        #[arg(long, value_enum)]
        provider: Option<ProviderChoice>,
        /// Page (Juhe pages by 20; QCC answers in one page).
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Certificates (企业证书) of a company, one page.
    Certs {
        /// Company name.
        name: String,
        /// Certificate category (certCategory), e.g. C_9.
        #[arg(long)]
        category: Option<String>,
        #[arg(long, default_value_t = 1)]
        page: u32,
        /// 1–20.
        #[arg(long, default_value_t = 20)]
        page_size: u32,
        /// Fuzzy name match (isExactlySame=false).
        #[arg(long)]
        fuzzy: bool,
    },
    /// The full detail of one certificate (an Id from `certs`).
    Cert { id: String },
    /// Customs import/export credit (进出口信用) and penalties.
    Customs {
        keyword: String,
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Order a credit report (BILLED), optionally wait for it and download it.
    Report {
        keyword: String,
        #[arg(long, value_enum, default_value = "pdf")]
        format: FormatArg,
        /// Poll until the report is ready.
        #[arg(long)]
        wait: bool,
        /// Download the ready report into this folder (implies --wait).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Order without asking (required when stdin is not a terminal).
        #[arg(long)]
        yes: bool,
        /// Order again even if the same report was ordered within the last hour.
        #[arg(long)]
        new: bool,
    },
    /// The state of a report order.
    ReportStatus {
        order_no: String,
        /// Ask for the XML form (dtype=xml).
        #[arg(long)]
        xml: bool,
    },
    /// The configuration: `config path`, `config show`, `config init`.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Stored answers: `cache stats`, `cache clear`.
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
    /// The store in use (this user's files, or the team database with `store.url`):
    /// `store status`, `store migrate`.
    Store {
        #[command(subcommand)]
        action: StoreAction,
    },
    /// Recent searches, newest first.
    History {
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Report orders with their state and file, newest first.
    Reports {
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// What the account spent: calls, billable calls and ¥ in a period, by day, user,
    /// endpoint or company, and the questions the cache answered without a call.
    Spend(SpendArgs),
    /// Serve the Model Context Protocol on stdin/stdout for an AI assistant: the lookups,
    /// vet, the ledgers and a two-step report order, with every guard of the CLI (the same
    /// configuration, store, cache, rate limit and budgets; calls recorded as "USER (mcp)").
    Mcp,
    /// Vet a company: qualifications, certificates and customs at once, with a verdict
    /// (exit 0 clean, 5 warnings, 6 red flags).
    Vet(VetArgs),
    /// Vet every company of a file (one per line, or a CSV's first column); resumable.
    Batch(BatchArgs),
    /// A watchlist: `watch add|rm|ls`, and `watch run` to re-vet and show what changed.
    Watch {
        #[command(subcommand)]
        action: WatchAction,
    },
    /// Run the vendor sandbox as a standalone HTTP server.
    Sandbox {
        /// Port on 127.0.0.1 (0 = any free port).
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Print a shell completion script: `corpvet completions bash > ~/.local/share/bash-completion/completions/corpvet`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `corpvet man > ~/.local/share/man/man1/corpvet.1`.
    Man,
}
