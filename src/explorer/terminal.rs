//! Taking over the terminal and giving it back. Every way out — a normal quit, an error, a
//! signal, a panic — leaves the user's shell as it was: raw mode off, the main screen back,
//! mouse capture and bracketed paste off, the cursor visible.

use std::io::{self, Write};
use std::sync::Once;

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::ExecutableCommand;

/// Holds the terminal in explorer mode; dropping it restores the terminal.
#[derive(Debug)]
pub struct TerminalGuard {
    mouse: bool,
}

/// Raw mode, the alternate screen, bracketed paste (so pasted Chinese text arrives whole),
/// and mouse capture only when asked for. A failure part-way restores what was done.
pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
    install_panic_hook();
    // The guard exists before the first change so an error below still restores.
    let mut guard = TerminalGuard { mouse: false };
    enable_raw_mode()?;
    let mut out = io::stdout();
    out.execute(EnterAlternateScreen)?;
    out.execute(EnableBracketedPaste)?;
    guard.set_mouse(mouse)?;
    Ok(guard)
}

impl TerminalGuard {
    /// Turn mouse capture on (click and wheel reach the explorer) or off (the terminal's own
    /// text selection works again).
    pub fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        if on == self.mouse {
            return Ok(());
        }
        let mut out = io::stdout();
        if on {
            out.execute(EnableMouseCapture)?;
        } else {
            out.execute(DisableMouseCapture)?;
        }
        self.mouse = on;
        Ok(())
    }

    pub fn mouse(&self) -> bool {
        self.mouse
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        if let Err(e) = restore() {
            tracing::warn!(error = %e, "could not fully restore the terminal");
        }
    }
}

/// Undo everything [`enter`] may have done, each step tried even when one fails; returns
/// the first error. Harmless on a terminal that was never entered.
pub fn restore() -> io::Result<()> {
    let mut out = io::stdout();
    let steps = [
        out.execute(DisableMouseCapture).map(drop),
        out.execute(DisableBracketedPaste).map(drop),
        out.execute(LeaveAlternateScreen).map(drop),
        disable_raw_mode(),
        out.execute(Show).map(drop),
        out.flush(),
    ];
    steps.into_iter().collect()
}

/// Restore the terminal before the panic message prints, so it is readable and the shell
/// usable. Installed once, chaining whatever hook was there before. Only a panic on the
/// thread that entered the terminal (the one drawing it) restores: tokio catches a panic in
/// a background task and the explorer goes on, so its screen must stay as it is.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let ui_thread = std::thread::current().id();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().id() == ui_thread {
                let _ = restore();
            }
            previous(info);
        }));
    });
}
