//! Everything the explorer knows, as plain data. Fields are public so the renderer and the
//! tests can read them; only [`crate::app::update`] changes them.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use tui_input::Input;

use crate::api::error::ErrorReport;
use crate::app::job::JobId;
use crate::domain::qualification::Provider;
use crate::domain::report::ReportFormat;
use crate::service::cache::Freshness;
use crate::service::{Mode, Request};

pub use super::overview::VetSession;

use super::keymap::Context;
use super::overview::SourceStatus;
use super::palette::Palette;
use super::registry::{DetailFetch, Lookup, Purpose, Registry};
use super::remap::Remap;
use super::report::ReportOrder;
use super::search::History;
use crate::domain::verdict::SourceId;

/// What the runtime knows at start-up.
#[derive(Debug, Clone)]
pub struct Init {
    pub mode: Mode,
    pub today: NaiveDate,
    pub now: NaiveDateTime,
    /// Where `d` saves reports (shown to the user; the worker does the writing).
    pub download_dir: PathBuf,
    /// Where `e` / `E` write exports.
    pub export_dir: PathBuf,
    /// Mouse capture at start (off by default so terminal text selection works).
    pub mouse: bool,
    /// `NO_COLOR`: no colours at all, text markers carry the meaning.
    pub no_color: bool,
    pub default_provider: Provider,
    /// Earlier searches, oldest first.
    pub history: Vec<String>,
    /// The local clock's offset from UTC. Cached answers are stamped in UTC and ticks bring
    /// local time; with this the age is worked out without reading a time zone in `update`.
    pub utc_offset: FixedOffset,
    /// A line for the status bar at start (a configuration note), if any.
    pub notice: Option<String>,
    /// Colours by role, from the config file (`NO_COLOR` still wins).
    pub palette: Palette,
    /// The tab the explorer opens on: the Overview, so the first search vets in one go.
    pub start_tab: Tab,
    /// Command keys the user rebound in `[ui.keys]`.
    pub keys: Remap,
    /// The config's default provider is `both`: the Overview asks QCC and Juhe.
    pub vet_both_providers: bool,
    /// A report order's price at `[prices]`, in fen (0: none set), named in the confirm.
    pub report_price_fen: i64,
}

/// The lookup tabs, in the order of their digit keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    /// The verdict over every source at once (issue 5).
    Overview,
    Qualifications,
    Certificates,
    Customs,
    Report,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Overview,
        Tab::Qualifications,
        Tab::Certificates,
        Tab::Customs,
        Tab::Report,
    ];

    pub fn index(self) -> usize {
        match self {
            Tab::Overview => 0,
            Tab::Qualifications => 1,
            Tab::Certificates => 2,
            Tab::Customs => 3,
            Tab::Report => 4,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview 总览",
            Tab::Qualifications => "Qualifications 资质",
            Tab::Certificates => "Certificates 证书",
            Tab::Customs => "Customs 海关",
            Tab::Report => "Report 报告",
        }
    }

    /// The word used in export file names.
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            Tab::Qualifications => "qualifications",
            Tab::Certificates => "certificates",
            Tab::Customs => "customs",
            Tab::Report => "report",
        }
    }

    /// What the tab lists, in English, for empty states ("No certificates found for …").
    pub fn noun(self) -> &'static str {
        match self {
            Tab::Overview => "sources",
            Tab::Qualifications => "qualifications",
            Tab::Certificates => "certificates",
            Tab::Customs => "customs records",
            Tab::Report => "report",
        }
    }
}

/// Which vendor call a lookup tab makes. Qualifications come from either provider, and the
/// two answers are kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Qualifications(Provider),
    Certificates,
    Customs,
}

/// Where the user is within one tab's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// Upstream page, from 1.
    pub page: u32,
    pub selected: usize,
    /// Detail pane scroll, in lines.
    pub scroll: u16,
}

impl Default for View {
    fn default() -> Self {
        View {
            page: 1,
            selected: 0,
            scroll: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The search bar; typing goes to it (insert mode).
    Search,
    List,
    Detail,
    /// Typing a `/` filter for the list.
    Filter,
}

/// A box that takes the keys while open.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    ConfirmReport {
        company: String,
        format: ReportFormat,
        /// An earlier order for the same company, if any (ordering again bills again).
        previous: Option<String>,
    },
    /// D on the Overview: fetch every unchecked certificate's detail (billed one by one).
    ConfirmDetails {
        company: String,
        /// Details not fetched yet.
        count: usize,
        /// Of those, how many have no fresh stored answer (each a billed call).
        billable: usize,
    },
    /// A keyword that looks like a credit code with a wrong check character: sent only
    /// with `y` (billed, and most likely a typo).
    ConfirmForce {
        /// The keyword as it would be sent.
        keyword: String,
        /// Why it looks wrong.
        reason: String,
    },
    /// `e` / `E` with pages of the list not fetched: fetch them (billed unless stored) or
    /// export the rows held.
    ConfirmExport {
        csv: bool,
        /// Rows held now (through the `/` filter).
        held: usize,
        /// The vendor's total.
        total: u64,
        /// Pages not fetched.
        missing: usize,
    },
    /// Ctrl-R: recent searches, newest first, narrowed by what is typed.
    History {
        /// Index into the filtered list.
        selected: usize,
        /// Typed text; an entry is listed when it contains it (case-insensitive).
        filter: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// The status line's last message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
}

/// A dismissable error box: the vendor's words, the gloss and the advice.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBox {
    pub title: String,
    pub report: ErrorReport,
}

/// The explorer's whole state.
#[derive(Debug, Clone)]
pub struct State {
    pub mode: Mode,
    pub today: NaiveDate,
    pub now: NaiveDateTime,
    pub download_dir: PathBuf,
    pub export_dir: PathBuf,
    pub mouse: bool,
    pub no_color: bool,
    pub palette: Palette,
    pub provider: Provider,
    pub input: Input,
    /// The search bar's text is selected (focused again after a search): typing replaces it.
    pub search_selected: bool,
    /// An export waiting for the pages it fetches.
    pub pending_export: Option<super::export::PendingExport>,
    /// The `/` filter being typed.
    pub filter_input: Input,
    pub history: History,
    /// A problem with what is typed (too short, a bad check character), shown under it.
    pub search_note: Option<Message>,
    /// A credit code the user confirmed with `y` in the "looks mistyped" dialog: sent as typed.
    pub force_candidate: Option<String>,
    pub focus: Focus,
    pub tab: Tab,
    /// Command keys rebound in `[ui.keys]`.
    pub keys: Remap,
    /// The Overview asks both qualification providers.
    pub vet_both_providers: bool,
    /// A report order's price, in fen (0: none set).
    pub report_price_fen: i64,
    /// The company searched last (the keyword as sent).
    pub company: Option<String>,
    /// Every job in flight and every lookup kept or failed (answers are kept for the whole
    /// session: each was billed).
    pub registry: Registry,
    /// Per tab, by [`Tab::index`] (the Overview's `selected` is the selected flag).
    pub views: [View; 5],
    /// Each tab's `/` filter: only rows holding this text are shown (empty: all).
    pub filters: [String; 5],
    /// The Overview's fan-out for the searched company, if one ran.
    pub vet: Option<VetSession>,
    /// Companies on the watchlist, as far as this session knows (the store is the truth).
    pub watched: std::collections::HashSet<String>,
    /// The certificate id whose detail is open (the drill-down).
    pub drill: Option<String>,
    pub drill_scroll: u16,
    pub reports: Vec<ReportOrder>,
    pub overlay: Option<Overlay>,
    pub error: Option<ErrorBox>,
    pub message: Option<Message>,
    /// Ticks seen: drives the spinner.
    pub ticks: u64,
    /// What this session has billed and saved.
    pub spent: crate::service::spend::SessionSpend,
    pub width: u16,
    pub height: u16,
    pub next_id: JobId,
    pub quit: bool,
    pub utc_offset: FixedOffset,
}

impl State {
    pub fn new(init: Init) -> State {
        State {
            mode: init.mode,
            today: init.today,
            now: init.now,
            download_dir: init.download_dir,
            export_dir: init.export_dir,
            mouse: init.mouse,
            no_color: init.no_color,
            palette: init.palette,
            provider: init.default_provider,
            input: Input::default(),
            search_selected: false,
            pending_export: None,
            filter_input: Input::default(),
            history: History::new(init.history),
            search_note: None,
            force_candidate: None,
            focus: Focus::Search,
            tab: init.start_tab,
            keys: init.keys,
            vet_both_providers: init.vet_both_providers,
            report_price_fen: init.report_price_fen,
            company: None,
            registry: Registry::default(),
            views: [View::default(); 5],
            filters: Default::default(),
            vet: None,
            watched: std::collections::HashSet::new(),
            drill: None,
            drill_scroll: 0,
            reports: Vec::new(),
            overlay: None,
            error: None,
            message: init.notice.map(|text| Message {
                text,
                level: Level::Info,
            }),
            ticks: 0,
            spent: Default::default(),
            // Until the runtime reports the real size.
            width: 80,
            height: 24,
            next_id: 1,
            quit: false,
            utc_offset: init.utc_offset,
        }
    }

    /// The runtime stops after the frame in which this turns true.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn mouse_enabled(&self) -> bool {
        self.mouse
    }

    /// Searches to save for the next session, oldest first.
    pub fn history_entries(&self) -> &[String] {
        self.history.entries()
    }

    /// Typing goes to the search bar.
    pub fn insert_mode(&self) -> bool {
        self.focus == Focus::Search
    }

    /// The lookup the active tab makes, if it is a lookup tab.
    pub fn source(&self, tab: Tab) -> Option<Source> {
        match tab {
            Tab::Qualifications => Some(Source::Qualifications(self.provider)),
            Tab::Certificates => Some(Source::Certificates),
            Tab::Customs => Some(Source::Customs),
            Tab::Overview | Tab::Report => None,
        }
    }

    pub fn view(&self, tab: Tab) -> View {
        self.views.get(tab.index()).copied().unwrap_or_default()
    }

    /// The `/` filter of `tab` (empty: none).
    pub fn filter(&self, tab: Tab) -> &str {
        self.filters.get(tab.index()).map_or("", String::as_str)
    }

    pub fn view_mut(&mut self, tab: Tab) -> Option<&mut View> {
        self.views.get_mut(tab.index())
    }

    /// The lookup of what the active tab shows now.
    pub fn current_key(&self) -> Option<Request> {
        self.key_of(self.tab)
    }

    /// The lookup of what `tab` shows now (or would, were it active).
    pub fn key_of(&self, tab: Tab) -> Option<Request> {
        let source = self.source(tab)?;
        let company = self.company.as_deref()?;
        Some(super::lookups::request_for(
            source,
            company,
            self.view(tab).page,
        ))
    }

    /// Where the active tab's lookup stands, if it was asked.
    pub fn current_lookup(&self) -> Option<&Lookup> {
        self.registry.lookups.get(&self.current_key()?)
    }

    /// The certificate detail of `id`, where it stands.
    pub fn detail(&self, id: &str) -> Option<DetailFetch<'_>> {
        self.registry.detail(id)
    }

    /// Anything running in the background (drives the status-line spinner).
    pub fn busy(&self) -> bool {
        self.registry.busy()
    }

    /// Any job of the Overview's vet still running (sources, the `D` count or fetch).
    pub fn vet_busy(&self) -> bool {
        self.registry.jobs.values().any(|p| {
            matches!(
                p,
                Purpose::Vet(_) | Purpose::CountDetails | Purpose::FetchDetails
            )
        })
    }

    /// Every source the Overview's vet asked has answered.
    pub fn vet_complete(&self) -> bool {
        !self
            .registry
            .jobs
            .values()
            .any(|p| matches!(p, Purpose::Vet(_)))
    }

    /// The Overview's sources with what each shows now.
    pub fn vet_statuses(&self) -> Vec<(SourceId, SourceStatus)> {
        self.vet
            .as_ref()
            .map(|v| v.statuses(&self.registry))
            .unwrap_or_default()
    }

    /// The report order for the searched company.
    pub fn current_report(&self) -> Option<&ReportOrder> {
        let company = self.company.as_deref()?;
        self.reports.iter().find(|r| r.company == company)
    }

    /// The spinner frame for this tick.
    pub fn spinner(&self) -> &'static str {
        const FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
        FRAMES[(self.ticks % FRAMES.len() as u64) as usize]
    }

    /// The keymap context of the focused pane (what `?` and the hints describe).
    pub fn key_context(&self) -> Context {
        Context {
            confirm: matches!(self.overlay, Some(Overlay::ConfirmReport { .. })),
            confirm_details: matches!(self.overlay, Some(Overlay::ConfirmDetails { .. })),
            confirm_force: matches!(self.overlay, Some(Overlay::ConfirmForce { .. })),
            confirm_export: matches!(self.overlay, Some(Overlay::ConfirmExport { .. })),
            overview_tab: self.tab == Tab::Overview,
            help: matches!(self.overlay, Some(Overlay::Help { .. })),
            history: matches!(self.overlay, Some(Overlay::History { .. })),
            insert: self.insert_mode(),
            filter: self.focus == Focus::Filter,
            report_tab: self.tab == Tab::Report,
            drill: self.drill.is_some() && self.tab == Tab::Certificates,
            certificates_tab: self.tab == Tab::Certificates,
            list_focus: self.focus == Focus::List,
            detail_focus: self.focus == Focus::Detail,
            qualifications_tab: self.tab == Tab::Qualifications,
            billed_open: self.open_would_bill(),
            billed_provider: self.provider_switch_would_bill(),
            remap: self.keys,
        }
    }

    /// Enter on the selected certificate would call for its detail (none held yet; the
    /// store may still answer it free).
    fn open_would_bill(&self) -> bool {
        match super::records::selected(self) {
            Some(super::records::Record::Certificate(c)) => {
                !matches!(self.detail(&c.id), Some(DetailFetch::Ready(_)))
            }
            _ => false,
        }
    }

    /// `P` would call for the other provider's qualifications (none held yet).
    fn provider_switch_would_bill(&self) -> bool {
        let Some(company) = self.company.as_deref() else {
            return false;
        };
        let other = match self.provider {
            Provider::Qcc => Provider::Juhe,
            Provider::Juhe => Provider::Qcc,
        };
        let key = super::lookups::request_for(Source::Qualifications(other), company, 1);
        self.registry.answer(&key).is_none()
    }

    /// The context beneath any overlay: what the help overlay lists.
    pub fn pane_context(&self) -> Context {
        Context {
            confirm: false,
            confirm_details: false,
            confirm_force: false,
            confirm_export: false,
            help: false,
            history: false,
            ..self.key_context()
        }
    }

    /// The last tick's time in UTC (ticks bring local time).
    pub fn now_utc(&self) -> DateTime<Utc> {
        let offset = chrono::TimeDelta::seconds(i64::from(self.utc_offset.local_minus_utc()));
        self.now
            .checked_sub_signed(offset)
            .unwrap_or(self.now)
            .and_utc()
    }

    /// How old the active tab's answer is, when it did not come from a call just made:
    /// `("cached 3 h ago", false)` or `("STALE: fetched 2 d ago", true)`. Worked out from
    /// the last tick, so it ages while the explorer is open.
    pub fn age_note(&self) -> Option<(String, bool)> {
        let answer = self.registry.answer(&self.current_key()?)?;
        self.age_of(answer.freshness.as_ref()?)
    }

    /// [`State::age_note`] for the open certificate's detail.
    pub fn detail_age_note(&self) -> Option<(String, bool)> {
        let id = self.drill.clone()?;
        let answer = self.registry.answer(&Request::CertificateDetail { id })?;
        self.age_of(answer.freshness.as_ref()?)
    }

    fn age_of(&self, fresh: &Freshness) -> Option<(String, bool)> {
        if !fresh.cached && !fresh.stale {
            return None;
        }
        let age = fresh.age_by(self.now_utc());
        Some(if fresh.stale {
            (format!("STALE: fetched {age}"), true)
        } else {
            (format!("cached {age}"), false)
        })
    }

    /// Recent searches, newest first, that contain `filter` (case-insensitive).
    pub fn history_matches(&self, filter: &str) -> Vec<&str> {
        let needle = filter.trim().to_lowercase();
        self.history
            .entries()
            .iter()
            .rev()
            .filter(|e| needle.is_empty() || e.to_lowercase().contains(&needle))
            .map(String::as_str)
            .collect()
    }

    pub(crate) fn next_job_id(&mut self) -> JobId {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1).max(1);
        id
    }

    pub(crate) fn say(&mut self, level: Level, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            level,
        });
    }
}
