//! The scriptable command line: clap subcommands over the same library the explorer uses.
//! Human-readable CJK-aligned tables by default, one versioned JSON document with `--json`.

pub mod args;
pub mod commands;
pub mod confirm;
pub mod exit;
pub mod explore;
pub mod human;
pub mod json;
pub mod table;

pub use args::{Cli, Command};
pub use commands::run;
pub use explore::explore;
