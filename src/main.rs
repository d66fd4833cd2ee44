//! The `corpvet` binary: parse arguments and hand over to the CLI or the explorer.

use std::process::ExitCode;

use clap::Parser;
use corpvet::cli::{self, Cli};

fn main() -> ExitCode {
    // Before any thread exists: the setting applies to the arenas threads create.
    limit_malloc_arenas();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("corpvet: cannot start the async runtime: {e}");
            // A local I/O fault, like the others `exit::for_error` maps.
            return ExitCode::from(cli::exit::TRANSPORT);
        }
    };
    runtime.block_on(async {
        let mut cli = Cli::parse();
        match cli.command.take() {
            Some(command) => ExitCode::from(cli::print::finish(cli::run(cli, command).await)),
            None => ExitCode::from(cli::print::finish(cli::explore().await)),
        }
    })
}

/// glibc gives each thread that allocates an arena of its own, up to 8 per core, and keeps
/// what is freed in each. The explorer's UI thread, tokio's workers and the blocking pool
/// then hold several half-empty heaps: 4 MB more resident after a 5000-row answer
/// (docs/PERFORMANCE.md). Two arenas serve a UI thread and a worker.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only sets an allocator parameter; called before any other thread runs.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
