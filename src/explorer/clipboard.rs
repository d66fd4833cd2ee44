//! Copying through the terminal with OSC 52, so `y` works over SSH with no clipboard tool on
//! the server.
//!
//! Inside tmux the sequence reaches the outer terminal only when tmux lets applications set
//! the clipboard: `set -g set-clipboard on` in `~/.tmux.conf` (tmux's default, `external`,
//! drops it). tmux then also keeps the text as its newest paste buffer (`prefix ]` pastes
//! it). The outer terminal must allow OSC 52 too (most do; some ask, some need a setting).

use std::io::{self, Write};

use crossterm::clipboard::CopyToClipboard;
use crossterm::QueueableCommand;

/// Queue the copy sequence on `out` and flush it.
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.queue(CopyToClipboard::to_clipboard_from(text))?;
    out.flush()
}

#[cfg(test)]
mod tests;
