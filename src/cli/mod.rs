//! The scriptable command line: clap subcommands over the same library the explorer uses.
//! Human-readable CJK-aligned tables by default, one versioned JSON document with `--json`.

pub mod args;
pub mod batch_cmd;
pub mod batch_input;
pub mod cache_cmd;
pub mod commands;
pub mod config_cmd;
pub mod confirm;
pub mod exit;
pub mod explore;
pub mod history_cmd;
pub mod human;
pub mod json;
pub mod table;
pub mod vet_cmd;
pub mod watch_cmd;

pub use args::{Cli, Command};
pub use commands::run;
pub use explore::{explore, explore_with};
