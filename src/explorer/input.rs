//! Terminal input as the state machine's [`Event`]s, read in a thread of its own so the main
//! loop can see at once whether more input is already queued (and skip a redraw). The bytes
//! are decoded here (`parse`, `csi`), not by crossterm, so a bracketed paste is bounded.

mod csi;
mod parse;
mod tty;

use std::io;

use crossterm::event::{Event as TermEvent, KeyEventKind};
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use crate::app::event::Event;

/// The event the explorer cares about, if any. Only key presses pass: terminals that report
/// releases and repeats would otherwise type every key twice.
pub fn map(event: TermEvent) -> Option<Event> {
    match event {
        TermEvent::Key(key) if key.kind == KeyEventKind::Press => Some(Event::Key(key)),
        TermEvent::Key(_) | TermEvent::FocusGained | TermEvent::FocusLost => None,
        TermEvent::Paste(text) => Some(Event::Paste(text)),
        TermEvent::Mouse(mouse) => Some(Event::Mouse(mouse)),
        TermEvent::Resize(width, height) => Some(Event::Resize { width, height }),
    }
}

/// Reads the terminal and watches its size while it lives.
#[derive(Debug)]
pub struct InputReader {
    _tty: tty::Reader,
    resizes: JoinHandle<()>,
}

impl Drop for InputReader {
    fn drop(&mut self) {
        self.resizes.abort();
    }
}

/// Forward terminal input and size changes to `tx` until the receiver is gone, the reader
/// is dropped, or reading fails (the error is forwarded, then reading ends).
pub fn spawn_reader(tx: UnboundedSender<io::Result<Event>>) -> io::Result<InputReader> {
    let mut window = signal(SignalKind::window_change())?;
    let sizes = tx.clone();
    let resizes = tokio::spawn(async move {
        while window.recv().await.is_some() {
            let event =
                crossterm::terminal::size().map(|(width, height)| Event::Resize { width, height });
            if sizes.send(event).is_err() {
                break;
            }
        }
    });
    Ok(InputReader {
        _tty: tty::Reader::spawn(tx)?,
        resizes,
    })
}

#[cfg(test)]
mod tests;
