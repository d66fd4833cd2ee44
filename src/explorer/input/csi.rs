//! The control sequences a terminal sends for keys and the mouse: `ESC [ … final` (CSI)
//! and `ESC O x` (SS3), as xterm encodes them and crossterm decodes them.

use crossterm::event::{Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::parse::{key, Step, SEQUENCE_MAX};

/// `bytes` starts with `ESC [`.
pub(super) fn csi(bytes: &[u8]) -> Step {
    if bytes.get(2) == Some(&b'M') {
        // The oldest mouse encoding: three raw bytes follow.
        return match bytes.get(3..6) {
            Some(&[cb, cx, cy]) => Step::Done(
                6,
                mouse_event(
                    cb.saturating_sub(32),
                    cx.saturating_sub(33).into(),
                    cy.saturating_sub(33).into(),
                    false,
                ),
            ),
            _ => Step::Incomplete,
        };
    }
    let Some(end) = bytes
        .iter()
        .skip(2)
        .position(|b| !(0x20..=0x3f).contains(b))
    else {
        return if bytes.len() > SEQUENCE_MAX {
            Step::Done(bytes.len(), None)
        } else {
            Step::Incomplete
        };
    };
    let end = end + 2;
    if !(0x40..=0x7e).contains(&bytes[end]) {
        // Broken off by a byte no sequence holds: drop what came before it.
        return Step::Done(end, None);
    }
    let params = &bytes[2..end];
    let used = end + 1;
    if params == b"200" && bytes[end] == b'~' {
        return Step::PasteStart(used);
    }
    Step::Done(used, decode(params, bytes[end]))
}

fn decode(params: &[u8], last: u8) -> Option<Event> {
    if let Some(sgr) = params.strip_prefix(b"<") {
        let [cb, cx, cy] = numbers(sgr)[..] else {
            return None;
        };
        let cb = u8::try_from(cb).ok()?;
        let at = |n: u32| u16::try_from(n.saturating_sub(1)).unwrap_or(u16::MAX);
        return match last {
            b'M' => mouse_event(cb, at(cx), at(cy), false),
            b'm' => mouse_event(cb, at(cx), at(cy), true),
            _ => None,
        };
    }
    if params
        .first()
        .is_some_and(|b| !b.is_ascii_digit() && *b != b';')
    {
        // Private answers (`CSI ? … u` and the like) are not keys.
        return None;
    }
    let numbers = numbers(params);
    let modifiers = numbers.get(1).map_or(KeyModifiers::NONE, |&m| modifiers(m));
    let code = match last {
        b'~' => tilde(*numbers.first()?)?,
        b'Z' => return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'I' if params.is_empty() => return Some(Event::FocusGained),
        b'O' if params.is_empty() => return Some(Event::FocusLost),
        other => letter(other)?,
    };
    Some(key(code, modifiers))
}

/// `ESC O x`: the keys an application-mode keypad sends.
pub(super) fn ss3(last: u8) -> Option<Event> {
    letter(last).map(|code| key(code, KeyModifiers::NONE))
}

fn letter(last: u8) -> Option<KeyCode> {
    Some(match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        // `CSI row;col R` is also the answer to a cursor query: F3 only from SS3.
        b'R' => return None,
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

fn tilde(n: u32) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23..=26 => KeyCode::F((n - 12) as u8),
        28 | 29 => KeyCode::F((n - 13) as u8),
        31..=34 => KeyCode::F((n - 14) as u8),
        _ => return None,
    })
}

/// xterm's modifier parameter: one more than a bit set.
fn modifiers(param: u32) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if bits & bit != 0 {
            modifiers |= modifier;
        }
    }
    modifiers
}

/// The `;`-separated numbers of a parameter string (an empty one reads as 1, xterm's default).
fn numbers(params: &[u8]) -> Vec<u32> {
    params
        .split(|&b| b == b';')
        .map(|n| {
            std::str::from_utf8(n)
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(1)
        })
        .collect()
}

/// A mouse report's button byte, as crossterm reads it.
fn mouse_event(cb: u8, column: u16, row: u16, released: bool) -> Option<Event> {
    let number = (cb & 0b0000_0011) | ((cb & 0b1100_0000) >> 4);
    let dragging = cb & 0b0010_0000 != 0;
    let kind = match (number, dragging) {
        (0..=2, false) if released => MouseEventKind::Up(button(number)?),
        (0..=2, false) => MouseEventKind::Down(button(number)?),
        (0..=2, true) => MouseEventKind::Drag(button(number)?),
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3..=5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (0b0000_0100, KeyModifiers::SHIFT),
        (0b0000_1000, KeyModifiers::ALT),
        (0b0001_0000, KeyModifiers::CONTROL),
    ] {
        if cb & bit != 0 {
            modifiers |= modifier;
        }
    }
    Some(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers,
    }))
}

fn button(n: u8) -> Option<MouseButton> {
    match n {
        0 => Some(MouseButton::Left),
        1 => Some(MouseButton::Middle),
        2 => Some(MouseButton::Right),
        _ => None,
    }
}
