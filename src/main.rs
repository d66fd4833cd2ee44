//! The `corpvet` binary: parse arguments and hand over to the CLI or the explorer.

use std::process::ExitCode;

use clap::Parser;
use corpvet::cli::{self, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    let mut cli = Cli::parse();
    match cli.command.take() {
        Some(command) => ExitCode::from(cli::run(cli, command).await),
        None => ExitCode::from(cli::explore().await),
    }
}
