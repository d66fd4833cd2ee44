//! Key bindings from the config file (`[ui.keys]`): the user may give the command keys of
//! normal mode other keys. The overlays' keys (confirm, help, history), Ctrl-C and the search
//! bar's keys are fixed, so a rebinding can never make a billed order easier to trigger or
//! swallow typed text.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyModifiers};

use super::keymap::{Action, Key};

/// The config names of the rebindable actions (the keys of `[ui.keys]`).
pub const REBINDABLE: [(&str, Action); 15] = [
    ("copy", Action::Copy),
    ("download", Action::Download),
    ("export_csv", Action::ExportCsv),
    ("export_json", Action::ExportJson),
    ("filter", Action::Filter),
    ("help", Action::Help),
    ("history", Action::OpenHistory),
    ("next_page", Action::NextPage),
    ("order_report", Action::OrderReport),
    ("prev_page", Action::PrevPage),
    ("quit", Action::Quit),
    ("refresh", Action::Refresh),
    ("search", Action::FocusSearch),
    ("toggle_mouse", Action::ToggleMouse),
    ("toggle_provider", Action::ToggleProvider),
];

/// The user's key for each rebindable action (`None`: the table's own key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Remap([Option<Key>; REBINDABLE.len()]);

impl Remap {
    /// Read `[ui.keys]`. Unknown names and unreadable keys are reported and ignored, so a
    /// typo never leaves the explorer without its keys.
    pub fn from_config(keys: &BTreeMap<String, String>) -> (Remap, Vec<String>) {
        let mut remap = Remap::default();
        let mut problems = Vec::new();
        for (name, text) in keys {
            // Written by `config init` before `/` filtered lists: the old default, not a
            // choice, and kept it would take `s` away from the search bar.
            if name == "search" && text.trim() == "/" {
                continue;
            }
            let Some(slot) = REBINDABLE.iter().position(|(n, _)| n == name) else {
                problems.push(format!("[ui.keys] {name}: no such action (ignored)"));
                continue;
            };
            match parse_key(text) {
                Some(key) => remap.0[slot] = Some(key),
                None => problems.push(format!(
                    "[ui.keys] {name} = {text:?}: not a key (write e.g. \"x\", \"ctrl-r\", \"F5\")"
                )),
            }
        }
        (remap, problems)
    }

    /// The key the user chose for `action`, if any.
    pub fn key_for(&self, action: Action) -> Option<Key> {
        REBINDABLE
            .iter()
            .position(|(_, a)| *a == action)
            .and_then(|i| self.0[i])
    }
}

/// `x`, `X`, `/`, `ctrl-r` (or `C-r`), `alt-x`, `F5`, `Enter`, `Esc`, `Tab`, `Space`,
/// `PgUp`, `PgDn`, `Home`, `End`, `Up`, `Down`, `Left`, `Right`.
pub fn parse_key(text: &str) -> Option<Key> {
    let text = text.trim();
    let (mods, rest) = if let Some(r) = strip_prefix_ci(text, &["ctrl-", "ctrl+", "c-"]) {
        (KeyModifiers::CONTROL, r)
    } else if let Some(r) = strip_prefix_ci(text, &["alt-", "alt+", "m-"]) {
        (KeyModifiers::ALT, r)
    } else {
        (KeyModifiers::NONE, text)
    };
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => {
            if mods == KeyModifiers::NONE {
                KeyCode::Char(c)
            } else {
                KeyCode::Char(c.to_ascii_lowercase())
            }
        }
        _ => named(rest)?,
    };
    Some(Key { code, mods })
}

fn strip_prefix_ci<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| {
        let head = text.get(..p.len())?;
        head.eq_ignore_ascii_case(p).then(|| &text[p.len()..])
    })
}

fn named(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "space" => KeyCode::Char(' '),
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        f if f.starts_with('f') => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
