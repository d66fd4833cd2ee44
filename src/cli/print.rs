//! Everything the CLI prints goes through here. For a human, control characters are made
//! spaces ([`text::printable`]: vendor text is data, and an escape in a company name must
//! not drive the terminal); a JSON document escapes them as JSON does. A failed write to
//! stdout is remembered, never a panic: the command then ends with exit 4, or quietly on a
//! closed pipe (`corpvet certs X | head`).

use std::fmt;
use std::io::{self, Write};
use std::sync::OnceLock;

use serde::Serialize;

use crate::cli::exit;
use crate::domain::text;

/// The first failed write to stdout; later output is dropped.
static STDOUT_FAILED: OnceLock<io::ErrorKind> = OnceLock::new();

/// Exit code of a process whose reader went away (128 + SIGPIPE), as a shell reports it.
pub const CLOSED_PIPE: u8 = 141;

/// `print!` for a human, on stdout.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::print::out(format_args!($($arg)*)) };
}

/// `println!` for a human, on stdout.
macro_rules! outln {
    () => { $crate::cli::print::out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::print::out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprint!` for a human, on stderr.
macro_rules! err {
    ($($arg:tt)*) => { $crate::cli::print::err(format_args!($($arg)*)) };
}

/// `eprintln!` for a human, on stderr.
macro_rules! errln {
    () => { $crate::cli::print::err(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::print::err(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Formatted text made printable piece by piece on its way to `inner`.
struct Printable<'a, W: Write> {
    inner: &'a mut W,
    error: Option<io::Error>,
}

impl<W: Write> fmt::Write for Printable<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let clean = text::printable(s, true);
        self.inner.write_all(clean.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

fn write_printable(w: &mut impl Write, args: fmt::Arguments) -> io::Result<()> {
    let mut p = Printable {
        inner: w,
        error: None,
    };
    match fmt::write(&mut p, args) {
        Ok(()) => Ok(()),
        Err(_) => Err(p
            .error
            .unwrap_or_else(|| io::Error::other("a value could not be formatted"))),
    }
}

/// Human text on stdout.
pub fn out(args: fmt::Arguments) {
    write_stdout(|w| write_printable(w, args));
}

/// Human text on stderr (a failure there has nowhere to be said: ignored).
pub fn err(args: fmt::Arguments) {
    let _ = write_printable(&mut io::stderr().lock(), args);
}

/// A progress line on stderr, redrawn in place: the carriage return is ours, the text is
/// made printable like any other.
pub fn progress(args: fmt::Arguments) {
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(b"\r");
    let _ = write_printable(&mut stderr, args);
    let _ = stderr.flush();
}

/// One JSON document on stdout. serde_json escapes C0 characters; DEL, C1 and the
/// separators and overrides [`text::printable`] replaces are escaped too, so the document
/// keeps every character and none reaches the terminal raw.
pub fn json<T: Serialize + ?Sized>(doc: &T) {
    match serde_json::to_string_pretty(doc) {
        Ok(encoded) => {
            let escaped = escape_json(&encoded);
            write_stdout(|w| writeln!(w, "{escaped}"));
        }
        Err(e) => errln!("corpvet: cannot encode JSON: {e}"),
    }
}

/// `encoded` with every character [`text::printable`] would replace written `\uXXXX`. Such
/// characters can only be inside strings (JSON's own syntax is plain ASCII), where the
/// escape means the same character.
fn escape_json(encoded: &str) -> std::borrow::Cow<'_, str> {
    // The newline is JSON's own layout (pretty printing); inside strings it is escaped.
    let escape = |c: char| c != '\n' && text::unprintable(c);
    if !encoded.chars().any(escape) {
        return std::borrow::Cow::Borrowed(encoded);
    }
    let mut out = String::with_capacity(encoded.len() + 16);
    for c in encoded.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn write_stdout(write: impl FnOnce(&mut io::StdoutLock) -> io::Result<()>) {
    if STDOUT_FAILED.get().is_some() {
        return;
    }
    let mut stdout = io::stdout().lock();
    if let Err(e) = write(&mut stdout) {
        let _ = STDOUT_FAILED.set(e.kind());
    }
}

/// Whether a write to stdout has failed (a long command stops sending when nobody reads).
pub fn stdout_failed() -> bool {
    STDOUT_FAILED.get().is_some()
}

/// The process's exit code once the command said `code`: stdout flushed, and a failed write
/// made an error (exit 4, said on stderr), or a quiet exit when the reader went away.
pub fn finish(code: u8) -> u8 {
    write_stdout(|w| w.flush());
    match STDOUT_FAILED.get() {
        None => code,
        Some(io::ErrorKind::BrokenPipe) => CLOSED_PIPE,
        Some(kind) => {
            errln!(
                "corpvet: cannot write the output: {}",
                io::Error::from(*kind)
            );
            exit::TRANSPORT
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_a_terminal_would_obey_and_keeps_the_rest() {
        let doc = serde_json::json!({"name": "A\u{1b}]0;t\u{7}B\u{9b}2J\u{7f}C\u{202e}企业"});
        let encoded = serde_json::to_string(&doc).unwrap();
        let escaped = escape_json(&encoded);
        assert!(!escaped.chars().any(|c| c.is_control()), "{escaped}");
        assert!(escaped.contains("企业"));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn human_text_loses_its_control_characters_but_not_its_lines() {
        let mut out = Vec::new();
        write_printable(
            &mut out,
            format_args!("{}\n", "X\u{1b}]52;c;ZXZpbA==\u{7}\rY\u{9b}Z"),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "X ]52;c;ZXZpbA==  Y Z\n");
    }
}
