//! Terminal input as the state machine's [`Event`]s, read in a task of its own so the main
//! loop can see at once whether more input is already queued (and skip a redraw).

use std::io;

use crossterm::event::{Event as TermEvent, EventStream, KeyEventKind};
use futures_util::StreamExt;
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

/// Forward terminal input to `tx` until the receiver is gone or reading fails (the error is
/// forwarded, then the task ends).
pub fn spawn_reader(tx: UnboundedSender<io::Result<Event>>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut stream = EventStream::new();
        loop {
            let next = tokio::select! {
                () = tx.closed() => break,
                next = stream.next() => next,
            };
            let forwarded = match next {
                None => break,
                Some(Ok(event)) => match map(event) {
                    Some(event) => tx.send(Ok(event)),
                    None => Ok(()),
                },
                Some(Err(e)) => {
                    let _ = tx.send(Err(e));
                    break;
                }
            };
            if forwarded.is_err() {
                break;
            }
        }
    })
}

#[cfg(test)]
mod tests;
