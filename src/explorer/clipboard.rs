//! Copying through the terminal with OSC 52, so `y` works over SSH with no clipboard tool on
//! the server.
//!
//! Inside tmux the sequence reaches the outer terminal only when tmux lets applications set
//! the clipboard: `set -g set-clipboard on` in `~/.tmux.conf` (tmux's default, `external`,
//! drops it). So inside tmux the text is also loaded into tmux's paste buffer with
//! `tmux load-buffer -` (`prefix ]` pastes it), and the status line says where it went. The
//! outer terminal must allow OSC 52 too (most do; some ask, some need a setting).

use std::io::{self, Write};

use crossterm::clipboard::CopyToClipboard;
use crossterm::QueueableCommand;

/// Queue the copy sequence on `out` and flush it.
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.queue(CopyToClipboard::to_clipboard_from(text))?;
    out.flush()
}

/// Whether the explorer runs inside tmux.
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

/// `tmux load-buffer -` with `text`, so `prefix ]` pastes it whatever `set-clipboard` says;
/// then whether tmux passes copies on to the outer terminal (`set-clipboard on`). Blocking:
/// run it off the UI thread.
pub fn load_tmux_buffer(text: &str) -> Result<bool, String> {
    use std::process::{Command, Stdio};
    let mut child = Command::new("tmux")
        .args(["load-buffer", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tmux: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot hand the text to tmux: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("tmux did not finish: {e}"))?;
    if !out.status.success() {
        let why = crate::domain::text::one_line(&String::from_utf8_lossy(&out.stderr));
        return Err(format!("tmux load-buffer failed: {why}"));
    }
    let option = Command::new("tmux")
        .args(["show-options", "-gsv", "set-clipboard"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    Ok(option == "on")
}

#[cfg(test)]
mod tests;
