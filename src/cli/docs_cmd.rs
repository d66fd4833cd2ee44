//! `corpvet completions SHELL` and `corpvet man`: generated from the same clap definition
//! the binary parses with, so they never drift from the real flags.

use std::io::Write;

use clap::CommandFactory;

use super::args::Cli;
use super::exit;

/// A completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "corpvet", &mut out);
    write_out(&out)
}

/// The manual page (roff) on stdout.
pub fn man() -> u8 {
    let mut out = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut out) {
        Ok(()) => write_out(&out),
        Err(e) => {
            errln!("corpvet: cannot render the manual page: {e}");
            exit::TRANSPORT
        }
    }
}

/// Write to stdout; a closed pipe or a full disk is an error message, not a panic.
fn write_out(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => exit::RESULTS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::RESULTS,
        Err(e) => {
            errln!("corpvet: cannot write to stdout: {e}");
            exit::TRANSPORT
        }
    }
}
