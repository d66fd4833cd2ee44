//! The terminal explorer's runtime: it owns the terminal, the clock and the worker, and
//! feeds the pure state machine in [`crate::app`], drawing with [`crate::ui`].
//!
//! `corpvet` with no subcommand calls [`run`] with [`ExplorerOptions::from_env`] (adjusted
//! by the config file and flags).

mod clipboard;
mod event_loop;
pub mod history;
mod input;
mod options;
pub mod runner;
mod signals;
pub mod terminal;

pub use event_loop::run;
pub use options::{ExplorerOptions, UserDirs};
