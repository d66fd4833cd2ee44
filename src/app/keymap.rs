//! The one table of key bindings. Dispatch, the `?` overlay and the status-line hints all
//! read it, so what the help says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::remap::Remap;

/// Everything a key can ask for. Context-dependent meaning (Enter on a certificate opens it,
/// on the Report tab it orders) is resolved by the scope a binding lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Run the lookup for what is typed in the search bar.
    Submit,
    /// Leave the search bar for the list (insert → normal mode).
    LeaveInsert,
    HistoryPrev,
    HistoryNext,
    FocusSearch,
    NextPane,
    PrevPane,
    /// 1–5: the tab is the digit pressed.
    JumpTab,
    ToggleProvider,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPage,
    PrevPage,
    /// Enter on a row: drill into a certificate, or focus the detail.
    Open,
    ScrollDown,
    ScrollUp,
    HalfPageDown,
    HalfPageUp,
    /// Esc: cancel the request in flight, close the drill-down or the error box.
    Cancel,
    OrderReport,
    CancelReport,
    ResumeReport,
    Download,
    Copy,
    CopyJson,
    ExportJson,
    ExportCsv,
    /// r / R: run the active tab's lookup (or the open certificate's detail) again with a
    /// call, bypassing the cache (billed); after an error, simply run it again.
    Refresh,
    /// Ctrl-R: the recent searches overlay.
    OpenHistory,
    /// Enter in the history overlay: search the chosen company.
    PickHistory,
    Help,
    ToggleMouse,
    /// In the confirm dialog.
    ChoosePdf,
    ChooseWord,
    ToggleFormat,
    Confirm,
    Dismiss,
    /// `a` in the export dialog: export the rows held, not the pages missing.
    ExportHeld,
    /// `/` in a list: type a filter for the rows loaded (no call).
    Filter,
    /// Enter while typing a filter: keep it, back to the list.
    FilterDone,
    /// Esc while typing a filter: every row again.
    FilterClear,
    /// D on the Overview: fetch every unchecked certificate's detail (asks first, billed).
    FetchDetails,
    /// w: the searched company on or off the watchlist.
    ToggleWatch,
    /// M on the Overview: write the vetting memo (dossier) of the company shown.
    WriteDossier,
}

/// A key as written in the table: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

impl Key {
    /// Normalises a terminal key event: Shift is implied by an upper-case character and by
    /// BackTab, and terminals disagree on whether they report it.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: ev.code,
            mods,
        }
    }

    /// How the key is written in hints and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("C-{base}")
        } else {
            base
        }
    }
}

/// Where a binding applies. Checked in table order: the first binding whose scope holds and
/// whose key matches wins, so specific scopes come before general ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, even while typing or in a dialog.
    Always,
    /// The report confirm dialog is open.
    Confirm,
    /// The certificate-details confirm dialog is open.
    ConfirmDetails,
    /// The "send a credit code that looks mistyped?" dialog is open.
    ConfirmForce,
    /// The "pages not fetched: fetch them for the export?" dialog is open.
    ConfirmExport,
    /// The help overlay is open.
    Help,
    /// The recent searches overlay is open (Ctrl-R).
    History,
    /// Typing in the search bar (insert mode).
    Insert,
    /// Typing a `/` filter for the list.
    Filter,
    /// The Report tab's pane (normal mode).
    Report,
    /// The Overview tab (normal mode): the flags list.
    Overview,
    /// A certificate's drill-down is open.
    Drill,
    /// The result list has focus on the Certificates tab.
    CertList,
    /// The result list has focus.
    List,
    /// The detail pane has focus.
    Detail,
    /// Any pane of a lookup tab (not the Report tab) in normal mode: copy, export, retry.
    Results,
    /// Any pane in normal mode.
    Normal,
}

/// What the keymap needs to know about the state to pick the scopes in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    pub confirm: bool,
    pub confirm_details: bool,
    pub confirm_force: bool,
    pub confirm_export: bool,
    pub help: bool,
    pub history: bool,
    pub insert: bool,
    pub filter: bool,
    pub report_tab: bool,
    pub overview_tab: bool,
    pub drill: bool,
    pub certificates_tab: bool,
    pub list_focus: bool,
    pub detail_focus: bool,
    pub qualifications_tab: bool,
    /// Enter on the selected row would make a billed call (no answer held for it).
    pub billed_open: bool,
    /// `P` would make a billed call (the other provider's answer is not held).
    pub billed_provider: bool,
    /// The user's keys from `[ui.keys]`.
    pub remap: Remap,
}

impl Scope {
    pub fn applies(self, c: &Context) -> bool {
        let confirm = c.confirm || c.confirm_details || c.confirm_force || c.confirm_export;
        let overlay = confirm || c.help || c.history;
        let normal = !overlay && !c.insert && !c.filter;
        // A pane that fills the body: no result list, no detail pane.
        let whole = c.report_tab || c.overview_tab;
        match self {
            Scope::Always => true,
            Scope::Confirm => c.confirm,
            Scope::ConfirmDetails => c.confirm_details,
            Scope::ConfirmForce => c.confirm_force,
            Scope::ConfirmExport => c.confirm_export,
            Scope::Help => c.help && !confirm,
            Scope::History => c.history && !confirm && !c.help,
            Scope::Insert => c.insert && !overlay,
            Scope::Filter => c.filter && !overlay,
            Scope::Report => normal && c.report_tab,
            Scope::Overview => normal && c.overview_tab,
            Scope::Drill => normal && c.drill && !whole,
            Scope::CertList => normal && c.list_focus && c.certificates_tab && !c.drill,
            Scope::List => normal && c.list_focus && !whole && !c.drill,
            Scope::Detail => normal && c.detail_focus && !whole && !c.drill,
            Scope::Results => normal && !whole,
            Scope::Normal => normal,
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
    /// A short word for the status-line hints, when the binding earns a place there.
    pub hint: Option<&'static str>,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
        hint,
    }
}

use Action as A;
use Scope as S;

/// Every binding, most specific scope first.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(S::Always, &[ctrl('c')], A::Quit, "quit", None),
    // The confirm dialogs: a billed call needs an explicit y; Enter never confirms (it is
    // one key away everywhere else, and a stray one must not spend money).
    b(S::Confirm, &[ch('p')], A::ChoosePdf, "choose PDF", Some("pdf")),
    b(S::Confirm, &[ch('w')], A::ChooseWord, "choose Word", Some("word")),
    b(S::Confirm, &[code(KeyCode::Left), code(KeyCode::Right), code(KeyCode::Tab)], A::ToggleFormat, "switch format", None),
    b(S::Confirm, &[ch('y')], A::Confirm, "order the report (billed)", Some("order")),
    b(S::Confirm, &[code(KeyCode::Esc), ch('q'), ch('n')], A::Dismiss, "cancel, order nothing", Some("cancel")),
    b(S::ConfirmDetails, &[ch('y')], A::Confirm, "fetch the certificate details (billed)", Some("fetch")),
    b(S::ConfirmDetails, &[code(KeyCode::Esc), ch('q'), ch('n')], A::Dismiss, "cancel, fetch nothing", Some("cancel")),
    b(S::ConfirmForce, &[ch('y')], A::Confirm, "send it anyway (billed; most likely a typo)", Some("send")),
    b(S::ConfirmForce, &[code(KeyCode::Esc), ch('q'), ch('n')], A::Dismiss, "send nothing, edit the keyword", Some("edit")),
    b(S::ConfirmExport, &[ch('y')], A::Confirm, "fetch the missing pages (billed unless stored), then export all", Some("fetch all")),
    b(S::ConfirmExport, &[ch('a')], A::ExportHeld, "export the rows held only", Some("held only")),
    b(S::ConfirmExport, &[code(KeyCode::Esc), ch('q'), ch('n')], A::Dismiss, "export nothing", Some("cancel")),
    b(S::Help, &[code(KeyCode::Esc), ch('?'), ch('q'), code(KeyCode::Enter), code(KeyCode::F(1))], A::Dismiss, "close help", Some("close")),
    b(S::Help, &[ch('j'), code(KeyCode::Down)], A::ScrollDown, "scroll help down", Some("scroll")),
    b(S::Help, &[ch('k'), code(KeyCode::Up)], A::ScrollUp, "scroll help up", None),
    // Recent searches (Ctrl-R): j/k move, Enter searches, other characters narrow the list.
    b(S::History, &[code(KeyCode::Esc), ctrl('r'), ctrl('g')], A::Dismiss, "close the history", Some("close")),
    b(S::History, &[code(KeyCode::Enter)], A::PickHistory, "search the chosen company", Some("search")),
    b(S::History, &[ch('j'), code(KeyCode::Down), ctrl('n')], A::Down, "next (older) search", Some("move")),
    b(S::History, &[ch('k'), code(KeyCode::Up), ctrl('p')], A::Up, "previous (newer) search", None),
    // Typing: only these keys are commands, everything else edits the line.
    b(S::Insert, &[code(KeyCode::Enter)], A::Submit, "look up the company on the active tab", Some("search")),
    b(S::Insert, &[code(KeyCode::Up)], A::HistoryPrev, "previous search", Some("history")),
    b(S::Insert, &[code(KeyCode::Down)], A::HistoryNext, "next search", None),
    b(S::Insert, &[ctrl('r')], A::OpenHistory, "recent searches (type to narrow)", Some("recent")),
    b(S::Insert, &[code(KeyCode::Esc)], A::LeaveInsert, "stop typing, go to the list", Some("list")),
    b(S::Insert, &[code(KeyCode::Tab)], A::NextPane, "next pane", None),
    b(S::Insert, &[code(KeyCode::BackTab)], A::PrevPane, "previous pane", None),
    b(S::Insert, &[code(KeyCode::F(1))], A::Help, "help (? types a question mark here)", Some("help")),
    // Typing a filter: these keys are commands, everything else edits it.
    b(S::Filter, &[code(KeyCode::Enter)], A::FilterDone, "keep the filter, back to the list", Some("keep")),
    b(S::Filter, &[code(KeyCode::Esc)], A::FilterClear, "clear the filter: every row again", Some("clear")),
    b(S::Filter, &[code(KeyCode::Down), ctrl('n')], A::Down, "next row", Some("move")),
    b(S::Filter, &[code(KeyCode::Up), ctrl('p')], A::Up, "previous row", None),
    // The Report tab.
    b(S::Report, &[ch('o'), code(KeyCode::Enter)], A::OrderReport, "order a credit report (billed, asks first)", Some("order")),
    b(S::Report, &[ch('x'), code(KeyCode::Esc)], A::CancelReport, "stop polling / downloading", Some("stop")),
    b(S::Report, &[ch('r')], A::ResumeReport, "resume polling a stopped order", None),
    b(S::Report, &[ch('d')], A::Download, "download the ready report", Some("download")),
    b(S::Report, &[ch('y')], A::Copy, "copy the report URL", Some("copy URL")),
    // The Overview: the verdict's flags.
    b(S::Overview, &[ch('j'), code(KeyCode::Down)], A::Down, "next flag", Some("move")),
    b(S::Overview, &[ch('k'), code(KeyCode::Up)], A::Up, "previous flag", None),
    b(S::Overview, &[ch('g'), code(KeyCode::Home)], A::Top, "first flag", None),
    b(S::Overview, &[ch('G'), code(KeyCode::End)], A::Bottom, "last flag", None),
    b(S::Overview, &[code(KeyCode::Enter), ch('l'), code(KeyCode::Right)], A::Open, "jump to the flag's record on its tab", Some("jump")),
    b(S::Overview, &[ch('D')], A::FetchDetails, "fetch every unchecked certificate's status (billed, asks first; Esc stops)", Some("details")),
    b(S::Overview, &[ch('y')], A::Copy, "copy the verdict as JSON (as vet --json gives it)", Some("copy")),
    b(S::Overview, &[ch('e')], A::ExportJson, "export the verdict as JSON", Some("export")),
    b(S::Overview, &[ch('E')], A::ExportCsv, "export the flags as CSV", None),
    b(S::Overview, &[ch('M')], A::WriteDossier, "write the vetting memo (an HTML file that prints to PDF) from the answers held; no call", None),
    // A certificate's detail.
    b(S::Drill, &[code(KeyCode::Esc), code(KeyCode::Backspace), ch('h'), code(KeyCode::Left)], A::Cancel, "back to the list", Some("back")),
    b(S::Drill, &[ch('j'), code(KeyCode::Down), ch('J')], A::ScrollDown, "scroll down", Some("scroll")),
    b(S::Drill, &[ch('k'), code(KeyCode::Up), ch('K')], A::ScrollUp, "scroll up", None),
    b(S::Drill, &[ctrl('d'), code(KeyCode::PageDown)], A::HalfPageDown, "half a page down", None),
    b(S::Drill, &[ctrl('u'), code(KeyCode::PageUp)], A::HalfPageUp, "half a page up", None),
    b(S::Drill, &[ch('r'), ch('R')], A::Refresh, "fetch the detail again (a new, billed call)", None),
    b(S::CertList, &[code(KeyCode::Enter), ch('l'), code(KeyCode::Right)], A::Open, "open the certificate's detail (status; billed once)", Some("open (billed)")),
    // The result list.
    b(S::List, &[ch('j'), code(KeyCode::Down)], A::Down, "next row", Some("move")),
    b(S::List, &[ch('k'), code(KeyCode::Up)], A::Up, "previous row", None),
    b(S::List, &[code(KeyCode::PageDown)], A::PageDown, "a screen down", None),
    b(S::List, &[code(KeyCode::PageUp)], A::PageUp, "a screen up", None),
    b(S::List, &[ch('g'), code(KeyCode::Home)], A::Top, "first row", None),
    b(S::List, &[ch('G'), code(KeyCode::End)], A::Bottom, "last row", None),
    b(S::List, &[ch('n'), ch(']')], A::NextPage, "next upstream page", Some("page")),
    b(S::List, &[ch('p'), ch('[')], A::PrevPage, "previous upstream page", None),
    b(S::List, &[code(KeyCode::Enter), ch('l'), code(KeyCode::Right)], A::Open, "show the record's detail", None),
    b(S::List, &[ch('J')], A::ScrollDown, "scroll the detail down", None),
    b(S::List, &[ch('K')], A::ScrollUp, "scroll the detail up", None),
    // The detail pane.
    b(S::Detail, &[ch('j'), code(KeyCode::Down), ch('J')], A::ScrollDown, "scroll down", Some("scroll")),
    b(S::Detail, &[ch('k'), code(KeyCode::Up), ch('K')], A::ScrollUp, "scroll up", None),
    b(S::Detail, &[ctrl('d'), code(KeyCode::PageDown)], A::HalfPageDown, "half a page down", None),
    b(S::Detail, &[ctrl('u'), code(KeyCode::PageUp)], A::HalfPageUp, "half a page up", None),
    b(S::Detail, &[ch('h'), code(KeyCode::Left)], A::PrevPane, "back to the list", None),
    b(S::Results, &[ch('/')], A::Filter, "filter the rows loaded (no call; Esc clears)", Some("filter")),
    // Anywhere in normal mode.
    b(S::Normal, &[ch('s'), ch('/')], A::FocusSearch, "search bar: a new company (name or code)", Some("search")),
    b(S::Normal, &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5')], A::JumpTab, "tab: 1 Overview, 2 Quals, 3 Certs, 4 Customs, 5 Report", Some("tabs")),
    b(S::Normal, &[ch('w')], A::ToggleWatch, "watch / unwatch the company (★; corpvet watch run)", Some("watch")),
    b(S::Normal, &[ch('P')], A::ToggleProvider, "qualifications provider: QCC ⇄ Juhe (billed unless held)", Some("provider (billed)")),
    b(S::Normal, &[code(KeyCode::Tab)], A::NextPane, "next pane", None),
    b(S::Normal, &[code(KeyCode::BackTab)], A::PrevPane, "previous pane", None),
    b(S::Normal, &[code(KeyCode::Esc)], A::Cancel, "cancel the request in flight / close a box", None),
    b(S::Results, &[ch('r'), ch('R')], A::Refresh, "refresh: look it up again, not from the cache (billed)", None),
    b(S::Results, &[ch('y')], A::Copy, "copy the selected value", Some("copy")),
    b(S::Results, &[ch('Y')], A::CopyJson, "copy the selected record as JSON", None),
    b(S::Results, &[ch('e')], A::ExportJson, "export this list as JSON", Some("export")),
    b(S::Results, &[ch('E')], A::ExportCsv, "export this list as CSV", None),
    b(S::Normal, &[ch('o')], A::OrderReport, "order a credit report (billed, asks first)", None),
    b(S::Normal, &[ctrl('r')], A::OpenHistory, "recent searches (type to narrow)", None),
    b(S::Normal, &[ch('m')], A::ToggleMouse, "mouse on/off (off keeps text selection)", None),
    b(S::Normal, &[ch('?'), code(KeyCode::F(1))], A::Help, "help for this pane", Some("help")),
    b(S::Normal, &[ch('q')], A::Quit, "quit", Some("quit")),
];

/// A binding's keys with the user's choice (`[ui.keys]`) in place of its first key. Only
/// normal-mode command keys can be rebound: the overlays', Ctrl-C and the search bar's stay.
pub fn keys_of(binding: &Binding, remap: &Remap) -> Vec<Key> {
    let fixed = matches!(
        binding.scope,
        Scope::Always
            | Scope::Confirm
            | Scope::ConfirmDetails
            | Scope::Help
            | Scope::History
            | Scope::Insert
    );
    match remap.key_for(binding.action).filter(|_| !fixed) {
        Some(key) => std::iter::once(key)
            .chain(binding.keys.iter().skip(1).copied().filter(|k| *k != key))
            .collect(),
        None => binding.keys.to_vec(),
    }
}

/// The action a key triggers in this context, if any.
pub fn lookup(ctx: &Context, key: &KeyEvent) -> Option<Action> {
    let key = Key::from_event(key);
    BINDINGS
        .iter()
        .filter(|b| b.scope.applies(ctx))
        .find(|b| keys_of(b, &ctx.remap).contains(&key))
        .map(|b| b.action)
}

/// The bindings in force in this context, each key listed under the binding that wins it
/// (a key shadowed by a more specific scope is not listed again).
pub fn active(ctx: &Context) -> Vec<(Vec<Key>, &'static Binding)> {
    let mut seen: Vec<Key> = Vec::new();
    let mut out = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.scope.applies(ctx)) {
        let keys: Vec<Key> = keys_of(binding, &ctx.remap)
            .into_iter()
            .filter(|k| !seen.contains(k))
            .collect();
        if keys.is_empty() {
            continue;
        }
        seen.extend(keys.iter().copied());
        out.push((keys, binding));
    }
    out
}

/// Short hints for the status line: `key word` pairs of the bindings in force that have one.
pub fn hints(ctx: &Context) -> Vec<(String, &'static str)> {
    active(ctx)
        .into_iter()
        .filter_map(|(keys, b)| {
            // A key that bills only when nothing is held says so only then.
            let word = match (b.action, b.hint?) {
                (Action::Open, "open (billed)") if !ctx.billed_open => "open",
                (Action::ToggleProvider, _) if !(ctx.billed_provider && ctx.qualifications_tab) => {
                    return None
                }
                (_, word) => word,
            };
            let label = if b.action == Action::JumpTab {
                "1-5".to_string()
            } else {
                keys.first()?.label()
            };
            Some((label, word))
        })
        .collect()
}
