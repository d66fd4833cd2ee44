//! The search bar: line editing, paste, history, and the local checks that keep a typo from
//! costing a billed call.

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use crate::domain::credit_code::{self, CodeCheck};
use crate::domain::keyword::parse_keyword;

use super::effect::Effect;
use super::job::Job;
use super::lookups;
use super::state::{Focus, Level, Message, State, Tab};

/// Searches, oldest first, each once; ↑/↓ walk them with the line being typed kept aside.
#[derive(Debug, Clone, Default)]
pub struct History {
    entries: Vec<String>,
    /// The entry shown, while walking.
    cursor: Option<usize>,
    /// What was typed before walking started.
    draft: String,
}

impl History {
    pub fn new(entries: Vec<String>) -> History {
        let mut h = History::default();
        for e in entries {
            h.push(&e);
        }
        h
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Adds `entry` as the newest, dropping an earlier copy.
    pub fn push(&mut self, entry: &str) {
        let entry = entry.trim();
        if entry.is_empty() {
            return;
        }
        self.entries.retain(|e| e != entry);
        self.entries.push(entry.to_string());
        self.cursor = None;
    }

    /// One step back in time; `current` is what the bar holds now.
    pub fn older(&mut self, current: &str) -> Option<String> {
        let last = self.entries.len().checked_sub(1)?;
        let i = match self.cursor {
            None => {
                self.draft = current.to_string();
                last
            }
            Some(i) => i.saturating_sub(1),
        };
        self.cursor = Some(i);
        self.entries.get(i).cloned()
    }

    /// One step forward; past the newest entry the draft comes back.
    pub fn newer(&mut self) -> Option<String> {
        let i = self.cursor?;
        if i + 1 < self.entries.len() {
            self.cursor = Some(i + 1);
            self.entries.get(i + 1).cloned()
        } else {
            self.cursor = None;
            Some(std::mem::take(&mut self.draft))
        }
    }

    /// Typing ends a walk.
    pub fn stop(&mut self) {
        self.cursor = None;
    }
}

fn set_text(input: &mut Input, text: String) {
    *input = Input::new(text);
}

/// Focus the search bar. After a search its text is selected, so typing a new name
/// replaces the old one instead of appending to it (moving the caret keeps it).
pub fn focus(state: &mut State) {
    state.focus = Focus::Search;
    state.drill = None;
    state.search_selected = !state.input.value().is_empty();
}

/// A key the keymap did not claim: it edits the line.
pub fn edit(state: &mut State, key: KeyEvent) {
    if std::mem::take(&mut state.search_selected) {
        let typed = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(_) if typed => state.input = Input::default(),
            KeyCode::Backspace | KeyCode::Delete => {
                state.input = Input::default();
                edited(state);
                return;
            }
            _ => {}
        }
    }
    if let Some(request) = to_input_request(&TermEvent::Key(key)) {
        if state.input.handle(request).is_some_and(|c| c.value) {
            edited(state);
        }
    }
}

/// Pasted text goes into the search bar at the caret, on one line.
pub fn paste(state: &mut State, text: &str) {
    state.focus = Focus::Search;
    if std::mem::take(&mut state.search_selected) {
        state.input = Input::default();
    }
    let line = crate::domain::text::one_line(text);
    for c in line.chars() {
        state.input.handle(InputRequest::InsertChar(c));
    }
    edited(state);
}

fn edited(state: &mut State) {
    state.history.stop();
    state.search_note = None;
    state.force_candidate = None;
}

pub fn history_prev(state: &mut State) {
    state.search_selected = false;
    let current = state.input.value().to_string();
    if let Some(text) = state.history.older(&current) {
        set_text(&mut state.input, text);
        state.search_note = None;
    }
}

pub fn history_next(state: &mut State) {
    state.search_selected = false;
    if let Some(text) = state.history.newer() {
        set_text(&mut state.input, text);
        state.search_note = None;
    }
}

/// `y` in the "looks mistyped" dialog: send that keyword as it is (billed).
pub fn force(state: &mut State) -> Vec<Effect> {
    let Some(super::state::Overlay::ConfirmForce { keyword, .. }) = state.overlay.take() else {
        return Vec::new();
    };
    state.input = Input::new(keyword.clone());
    state.force_candidate = Some(keyword);
    submit(state)
}

/// Enter in the search bar: vet the keyword, then run the active tab's lookup for it.
pub fn submit(state: &mut State) -> Vec<Effect> {
    state.search_selected = false;
    let raw = state.input.value().trim().to_string();
    let force = std::mem::take(&mut state.force_candidate).as_deref() == Some(raw.as_str());
    let keyword = match parse_keyword(&raw, force) {
        Ok(k) => k,
        Err(e) => {
            let text = match credit_code::check(&raw) {
                CodeCheck::BadCheckDigit { expected, found } => {
                    let reason = format!(
                        "{} looks like a credit code but its check character should be \
                         {expected}, not {found}: likely a typo. Nothing was sent.",
                        credit_code::normalise(&raw)
                    );
                    // Sending it anyway is billed: a dialog confirmed with y, never Enter.
                    state.overlay = Some(super::state::Overlay::ConfirmForce {
                        keyword: raw.clone(),
                        reason: reason.clone(),
                    });
                    format!("{reason} y sends it anyway (billed); n edits it.")
                }
                _ => match e {
                    crate::api::ApiError::InvalidInput { reason } => {
                        format!("Not sent: {reason}.")
                    }
                    other => format!("Not sent: {other}."),
                },
            };
            state.search_note = Some(Message {
                text: text.clone(),
                level: Level::Warn,
            });
            state.say(Level::Warn, text);
            // A bad check character may still be sent from its dialog: not a call saved yet.
            if raw.is_empty() || state.overlay.is_some() {
                return Vec::new();
            }
            return vec![Effect::Worker(Job::NoteRefused {
                endpoints: asked_by(state),
                keyword: raw,
            })];
        }
    };
    state.force_candidate = None;
    // A doubt that did not stop the search goes to the status line instead.
    state.search_note = None;
    state.history.push(&raw);
    state.error = None;
    let company = keyword.text;
    if state.company.as_deref() != Some(company.as_str()) {
        state.company = Some(company.clone());
        state.views = Default::default();
        state.filters = Default::default();
        state.drill = None;
    }
    state.focus = Focus::List;
    match keyword.warning {
        Some(w) => state.say(Level::Warn, w),
        None => state.say(Level::Info, format!("{company} ({})", keyword.kind.label())),
    }
    // An order standing in the ledger for this company shows on the Report tab.
    let mut effects = super::report::find_standing(state, &company);
    if state.tab == Tab::Report {
        state.say(
            Level::Info,
            format!("{company}: press o to order a credit report (billed, asks first)"),
        );
        return effects;
    }
    if state.tab == Tab::Overview {
        effects.extend(super::overview::run(state));
        return effects;
    }
    // Enter is an explicit request: a failed lookup of this list is tried again.
    lookups::forget_failure(state);
    effects.extend(lookups::run(state, state.tab));
    effects
}

/// The calls a search from here would make: the Overview's three sources, or the tab's own.
fn asked_by(state: &State) -> Vec<&'static str> {
    use crate::api::{juhe::QUALIFICATION_PATH, qcc::endpoint};
    let qualifications = match state.provider {
        crate::domain::qualification::Provider::Qcc => endpoint::BUILDING,
        crate::domain::qualification::Provider::Juhe => QUALIFICATION_PATH,
    };
    match state.tab {
        Tab::Overview => vec![qualifications, endpoint::CERT_SEARCH, endpoint::CUSTOMS],
        Tab::Qualifications => vec![qualifications],
        Tab::Certificates => vec![endpoint::CERT_SEARCH],
        Tab::Customs => vec![endpoint::CUSTOMS],
        Tab::Report => vec![endpoint::CREATE_REPORT],
    }
}
