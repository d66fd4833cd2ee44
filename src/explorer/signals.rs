//! SIGTERM, SIGHUP (the SSH connection or the tmux pane went away), and SIGINT and SIGQUIT
//! sent from outside (in raw mode Ctrl-C and Ctrl-\ arrive as keys, not signals) end the
//! explorer the same way `q` does, so the terminal is restored and the history saved.

use std::io;

/// The termination signals the explorer listens for.
pub struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hangup: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    quit: tokio::signal::unix::Signal,
}

impl Signals {
    pub fn new() -> io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Signals {
                term: signal(SignalKind::terminate())?,
                hangup: signal(SignalKind::hangup())?,
                interrupt: signal(SignalKind::interrupt())?,
                quit: signal(SignalKind::quit())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// Wait for the next signal; returns its name for the log.
    pub async fn recv(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.term.recv() => "SIGTERM",
                _ = self.hangup.recv() => "SIGHUP",
                _ = self.interrupt.recv() => "SIGINT",
                _ = self.quit.recv() => "SIGQUIT",
            }
        }
        #[cfg(not(unix))]
        std::future::pending().await
    }
}
