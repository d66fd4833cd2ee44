//! Terminal input bytes as key, mouse and paste events: the xterm encodings that tmux, SSH
//! and the common terminals send, decoded as crossterm decodes them (the app matches on
//! crossterm's types), with one difference that is the reason this exists: a bracketed
//! paste is bounded. crossterm holds every byte after `ESC[200~` until `ESC[201~`, with no
//! limit, so a paste whose end marker never comes swallowed every later key, Ctrl-C too.
//! Here a paste ends at its marker, at Ctrl-C, after [`PASTE_IDLE`] without a byte or
//! [`PASTE_LONGEST`] in all, and keeps at most [`PASTE_MAX`] bytes.
//!
//! Pure: time comes in as an argument, so every bound is tested without waiting.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// A lone ESC is the Esc key once this passes without the rest of a sequence.
pub const ESC_WAIT: Duration = Duration::from_millis(40);
/// A paste that has sent nothing for this long is over, end marker or not.
pub const PASTE_IDLE: Duration = Duration::from_millis(500);
/// However it trickles, a paste is over after this long.
pub const PASTE_LONGEST: Duration = Duration::from_secs(10);
/// What a paste keeps; the rest is dropped (and the paste still ends at its marker).
pub const PASTE_MAX: usize = 1 << 20;
/// A control sequence longer than this is noise, not a key.
pub(super) const SEQUENCE_MAX: usize = 64;

const PASTE_END: &[u8] = b"\x1b[201~";

#[derive(Debug, Default)]
pub struct Parser {
    /// Bytes not yet decoded: the start of a sequence or of a UTF-8 character.
    pending: Vec<u8>,
    paste: Option<Paste>,
    last_byte: Option<Instant>,
}

#[derive(Debug)]
struct Paste {
    text: Vec<u8>,
    opened: Instant,
    /// How much of [`PASTE_END`] the latest bytes matched.
    matched: usize,
}

/// What decoding the start of `pending` found.
pub(super) enum Step {
    /// This many bytes made this event (or nothing worth passing on).
    Done(usize, Option<Event>),
    /// A paste starts after this many bytes.
    PasteStart(usize),
    /// The bytes so far could still become a longer sequence.
    Incomplete,
}

impl Parser {
    /// Decode `bytes`, which arrived at `now`, into `out`.
    pub fn feed(&mut self, bytes: &[u8], now: Instant, out: &mut Vec<Event>) {
        self.last_byte = Some(now);
        self.pending.extend_from_slice(bytes);
        self.run(now, out);
    }

    /// Decode `pending` until it is empty or incomplete, pasted text included.
    fn run(&mut self, now: Instant, out: &mut Vec<Event>) {
        loop {
            if self.paste.is_some() {
                let pending = std::mem::take(&mut self.pending);
                let used = self.paste_bytes(&pending, out);
                self.pending = pending;
                self.pending.drain(..used);
                if self.paste.is_some() {
                    return;
                }
            }
            if !self.decode(now, out) {
                return;
            }
        }
    }

    /// When [`Parser::expire`] is due if no byte comes first; `None` when nothing waits.
    pub fn deadline(&self) -> Option<Instant> {
        let last = self.last_byte?;
        match &self.paste {
            Some(paste) => Some((last + PASTE_IDLE).min(paste.opened + PASTE_LONGEST)),
            None if self.pending.is_empty() => None,
            None => Some(last + ESC_WAIT),
        }
    }

    /// The wait is over: a paste ends with what it has, a lone ESC is the Esc key, and a
    /// sequence cut short is read as the keys its bytes are.
    pub fn expire(&mut self, now: Instant, out: &mut Vec<Event>) {
        if self.deadline().is_none_or(|due| now < due) {
            return;
        }
        if let Some(paste) = self.paste.take() {
            out.push(paste_event(paste.text));
            return;
        }
        while !self.pending.is_empty() && self.paste.is_none() {
            if self.pending.remove(0) == 0x1b {
                out.push(key(KeyCode::Esc, KeyModifiers::NONE));
            }
            // Otherwise a UTF-8 character cut short: nothing to read in it.
            self.run(now, out);
        }
    }

    /// Decode `pending` until it is empty, incomplete, or a paste opens (true).
    fn decode(&mut self, now: Instant, out: &mut Vec<Event>) -> bool {
        while !self.pending.is_empty() {
            match step(&self.pending) {
                Step::Incomplete => return false,
                Step::Done(used, event) => {
                    out.extend(event);
                    self.pending.drain(..used);
                }
                Step::PasteStart(used) => {
                    self.pending.drain(..used);
                    self.paste = Some(Paste {
                        text: Vec::new(),
                        opened: now,
                        matched: 0,
                    });
                    return true;
                }
            }
        }
        false
    }

    /// Take pasted bytes from the start of `bytes`; returns how many were taken. The
    /// paste ends at its end marker or at Ctrl-C (which is then passed on as a key).
    fn paste_bytes(&mut self, bytes: &[u8], out: &mut Vec<Event>) -> usize {
        let Some(paste) = self.paste.as_mut() else {
            return 0;
        };
        for (i, &byte) in bytes.iter().enumerate() {
            if byte == PASTE_END[paste.matched] {
                paste.matched += 1;
                if paste.matched == PASTE_END.len() {
                    let paste = self.paste.take().expect("open");
                    out.push(paste_event(paste.text));
                    return i + 1;
                }
                continue;
            }
            let partial = std::mem::take(&mut paste.matched);
            push_capped(&mut paste.text, &PASTE_END[..partial]);
            if byte == 0x03 {
                let paste = self.paste.take().expect("open");
                out.push(paste_event(paste.text));
                out.push(key(KeyCode::Char('c'), KeyModifiers::CONTROL));
                return i + 1;
            }
            if byte == PASTE_END[0] {
                paste.matched = 1;
            } else {
                push_capped(&mut paste.text, &[byte]);
            }
        }
        bytes.len()
    }
}

fn push_capped(text: &mut Vec<u8>, bytes: &[u8]) {
    let room = PASTE_MAX.saturating_sub(text.len());
    text.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

fn paste_event(text: Vec<u8>) -> Event {
    Event::Paste(String::from_utf8_lossy(&text).into_owned())
}

pub(super) fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Decode one event from the start of `bytes` (not empty).
fn step(bytes: &[u8]) -> Step {
    match bytes[0] {
        0x1b => match bytes.get(1) {
            None => Step::Incomplete,
            Some(b'[') => super::csi::csi(bytes),
            Some(b'O') => match bytes.get(2) {
                None => Step::Incomplete,
                Some(&last) => Step::Done(3, super::csi::ss3(last)),
            },
            // ESC ESC: the first is the Esc key.
            Some(0x1b) => Step::Done(1, Some(key(KeyCode::Esc, KeyModifiers::NONE))),
            Some(_) => match plain(&bytes[1..]) {
                Step::Done(used, Some(Event::Key(mut k))) => {
                    k.modifiers |= KeyModifiers::ALT;
                    Step::Done(used + 1, Some(Event::Key(k)))
                }
                other => other,
            },
        },
        _ => plain(bytes),
    }
}

/// A control byte or one UTF-8 character, as crossterm reads it in raw mode.
fn plain(bytes: &[u8]) -> Step {
    let none = KeyModifiers::NONE;
    let event = |code| Step::Done(1, Some(key(code, none)));
    let ctrl = |c: u8| {
        Step::Done(
            1,
            Some(key(KeyCode::Char(c as char), KeyModifiers::CONTROL)),
        )
    };
    match bytes[0] {
        b'\r' => event(KeyCode::Enter),
        b'\t' => event(KeyCode::Tab),
        0x7f => event(KeyCode::Backspace),
        0x00 => ctrl(b' '),
        c @ 0x01..=0x1a => ctrl(c - 0x01 + b'a'),
        c @ 0x1c..=0x1f => ctrl(c - 0x1c + b'4'),
        0x1b => event(KeyCode::Esc),
        lead => {
            let len = match lead {
                0x00..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                // A byte that cannot start a character: dropped.
                _ => return Step::Done(1, None),
            };
            if bytes.len() < len {
                return if bytes[1..].iter().all(|b| b & 0xc0 == 0x80) {
                    Step::Incomplete
                } else {
                    Step::Done(1, None)
                };
            }
            match std::str::from_utf8(&bytes[..len])
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(c) => {
                    let modifiers = if c.is_uppercase() {
                        KeyModifiers::SHIFT
                    } else {
                        KeyModifiers::NONE
                    };
                    Step::Done(len, Some(key(KeyCode::Char(c), modifiers)))
                }
                None => Step::Done(1, None),
            }
        }
    }
}

#[cfg(test)]
mod tests;
