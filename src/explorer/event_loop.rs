//! The explorer's runtime: one loop merges terminal input, worker answers, a clock tick and
//! termination signals into [`Event`]s for the pure `update`, carries out the [`Effect`]s it
//! returns, and redraws when something changed and no more input is waiting.

use std::io::{self, BufWriter, Stdout};
use std::sync::Arc;
use std::time::Duration;

use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::QueueableCommand;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use tokio::sync::mpsc::{self, error::TryRecvError, UnboundedReceiver, UnboundedSender};
use tokio::time::MissedTickBehavior;

use crate::app::effect::Effect;
use crate::app::event::Event;
use crate::app::job::{Job, WorkerEvent};
use crate::app::state::{Init, State, Tab};
use crate::app::update::update;
use crate::explorer::runner::{self, RunnerOptions, WorkerHandle};
use crate::service::Services;

use super::options::ExplorerOptions;
use super::signals::Signals;
use super::terminal::{self, TerminalGuard};
use super::{clipboard, history, input};
use crate::service::logging;

/// The clock the spinner and the report timer run on.
const TICK: Duration = Duration::from_millis(100);
/// When nothing runs in the background, a tick redraws only this often (so anything shown
/// from the clock is at most a second stale, and an idle explorer costs nothing).
const IDLE_REDRAW_TICKS: u64 = 10;
/// One frame is written in one go, not as many small writes.
const OUTPUT_BUFFER: usize = 64 * 1024;

type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Open the explorer on this terminal and run it until the user quits (or SIGTERM/SIGHUP).
/// The terminal is restored on every way out, errors and panics included; the search
/// history is saved on the way out.
pub async fn run(services: Arc<Services>, opts: ExplorerOptions) -> io::Result<()> {
    let level = std::env::var("CORPVET_LOG").ok();
    if let Err(e) = logging::init(&opts.state_dir, "corpvet.log", level.as_deref()) {
        // Printed before the alternate screen opens, so it is seen after the explorer ends.
        eprintln!(
            "corpvet: cannot write the log in {}: {e}",
            opts.state_dir.display()
        );
    }
    tracing::info!(mode = ?services.mode(), "explorer starting");
    let local = chrono::Local::now();
    let now = local.naive_local();
    let history = match &opts.history {
        Some(entries) => entries.clone(),
        None => history::load(&opts.history_file),
    };
    let mut state = State::new(Init {
        mode: services.mode(),
        today: crate::service::clock::china_today(),
        now,
        download_dir: opts.download_dir.clone(),
        export_dir: opts.export_dir.clone(),
        mouse: opts.mouse,
        no_color: opts.no_color,
        default_provider: opts.default_provider,
        history,
        utc_offset: *local.offset(),
        notice: opts.notice.clone(),
        palette: opts.palette,
        start_tab: Tab::Overview,
        keys: opts.keys,
        vet_both_providers: opts.vet_both_providers,
        report_price_fen: opts.report_price_fen,
    });
    let figures = Arc::clone(&services);
    let worker = runner::spawn(
        services,
        RunnerOptions {
            download_dir: opts.download_dir.clone(),
            poll: opts.poll,
            vet_max_pages: opts.vet_max_pages,
            user: opts.user.clone(),
        },
    );

    let result = run_on_terminal(&mut state, worker, figures, opts.mouse).await;

    // After the terminal is restored: seen in the shell the explorer returns to.
    for note in crate::app::report::parting_notes(&state) {
        eprintln!("corpvet: {}", crate::domain::text::printable(&note, true));
        tracing::info!("{note}");
    }
    if let Err(e) = history::save(&opts.history_file, state.history_entries()) {
        tracing::warn!(error = %e, "cannot save the search history");
    }
    match &result {
        Ok(()) => tracing::info!("explorer closed"),
        Err(e) => tracing::error!(error = %e, "explorer stopped on a terminal error"),
    }
    result
}

/// Take over the terminal, loop, and give the terminal back (the guard's drop) however the
/// loop ends.
async fn run_on_terminal(
    state: &mut State,
    worker: WorkerHandle,
    services: Arc<Services>,
    mouse: bool,
) -> io::Result<()> {
    let guard = terminal::enter(mouse)?;
    let backend = CrosstermBackend::new(BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout()));
    let mut term = Terminal::new(backend)?;
    // The screen cleared without `Terminal::clear`, which asks the terminal where its
    // cursor is (`ESC[6n`) and fails when no answer comes (a slow SSH link, some pty
    // harnesses); a full-screen explorer needs no such answer.
    ratatui::backend::Backend::clear(term.backend_mut())?;
    let WorkerHandle { jobs, events } = worker;
    let mut runtime = Runtime {
        term,
        guard,
        jobs,
        services,
        quit: false,
    };
    let result = runtime.event_loop(state, events).await;
    drop(runtime);
    result
}

/// What carrying out effects needs: the screen, the terminal modes, the worker's inbox.
struct Runtime {
    term: Term,
    guard: TerminalGuard,
    jobs: UnboundedSender<Job>,
    /// Read on each tick for the session's billed calls and ¥.
    services: Arc<Services>,
    /// Set by [`Effect::Quit`] (the state's `should_quit` says the same).
    quit: bool,
}

impl Runtime {
    async fn event_loop(
        &mut self,
        state: &mut State,
        mut worker_events: UnboundedReceiver<WorkerEvent>,
    ) -> io::Result<()> {
        let (input_tx, mut input_rx) = mpsc::unbounded_channel();
        let reader = input::spawn_reader(input_tx)?;
        let result = self
            .select_loop(state, &mut input_rx, &mut worker_events)
            .await;
        drop(reader);
        result
    }

    async fn select_loop(
        &mut self,
        state: &mut State,
        input_rx: &mut UnboundedReceiver<io::Result<Event>>,
        worker_events: &mut UnboundedReceiver<WorkerEvent>,
    ) -> io::Result<()> {
        let mut signals = Signals::new()?;
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
        let mut ticks: u64 = 0;
        // The size first, so the state lays out for the real terminal.
        let (width, height) = crossterm::terminal::size()?;
        let mut dirty = self.apply(state, Event::Resize { width, height })?;
        dirty |= self.apply(state, tick_event())?;

        loop {
            if self.done(state) {
                return Ok(());
            }
            // Draw only once the queues are empty: a burst of input costs one frame.
            if dirty && input_rx.is_empty() && worker_events.is_empty() {
                draw(&mut self.term, state)?;
                dirty = false;
            }
            let event = tokio::select! {
                biased;
                name = signals.recv() => {
                    tracing::info!(signal = name, "quitting on a signal");
                    return Ok(());
                }
                next = input_rx.recv() => match next {
                    Some(Ok(event)) => event,
                    Some(Err(e)) => return Err(e),
                    None => return Err(io::Error::other("terminal input closed")),
                },
                Some(event) = worker_events.recv() => Event::Worker(event),
                _ = tick.tick() => {
                    ticks += 1;
                    let mut changed = self.apply(state, tick_event())?;
                    let spent = self.services.session_spend();
                    if spent != state.spent {
                        changed |= self.apply(state, Event::Spent(spent))?;
                    }
                    dirty |= changed || state.busy() || ticks.is_multiple_of(IDLE_REDRAW_TICKS);
                    continue;
                }
            };
            dirty |= self.apply(state, event)?;
            dirty |= self.drain(state, input_rx, worker_events)?;
        }
    }

    fn done(&self, state: &State) -> bool {
        self.quit || state.should_quit()
    }

    /// Feed whatever is already queued to `update` without waiting. Returns whether anything
    /// was applied.
    fn drain(
        &mut self,
        state: &mut State,
        input_rx: &mut UnboundedReceiver<io::Result<Event>>,
        worker_events: &mut UnboundedReceiver<WorkerEvent>,
    ) -> io::Result<bool> {
        let mut any = false;
        while !self.done(state) {
            let event = match input_rx.try_recv() {
                Ok(Ok(event)) => event,
                Ok(Err(e)) => return Err(e),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => {
                    match worker_events.try_recv() {
                        Ok(event) => Event::Worker(event),
                        Err(_) => break,
                    }
                }
            };
            any |= self.apply(state, event)?;
        }
        Ok(any)
    }

    /// Run one event through `update` and carry out its effects. Returns whether the screen
    /// may have changed (every event but a tick does; a tick only when it had an effect).
    fn apply(&mut self, state: &mut State, event: Event) -> io::Result<bool> {
        let is_tick = matches!(event, Event::Tick { .. });
        let effects = update(state, event);
        let changed = !is_tick || !effects.is_empty();
        for effect in effects {
            match effect {
                Effect::Worker(job) => {
                    if self.jobs.send(job).is_err() {
                        tracing::error!("the worker has stopped; a job was dropped");
                    }
                }
                Effect::Copy(text) => {
                    clipboard::copy(self.term.backend_mut(), &text)?;
                    tracing::info!(chars = text.chars().count(), "copied to the clipboard");
                    if clipboard::in_tmux() && self.jobs.send(Job::TmuxBuffer { text }).is_err() {
                        tracing::error!("the worker has stopped; the tmux copy was dropped");
                    }
                }
                Effect::SetMouse(on) => self.guard.set_mouse(on)?,
                Effect::Quit => self.quit = true,
            }
        }
        Ok(changed)
    }
}

/// One frame, inside a synchronized update so the terminal shows it whole.
fn draw(term: &mut Term, state: &State) -> io::Result<()> {
    term.backend_mut().queue(BeginSynchronizedUpdate)?;
    term.draw(|frame| crate::ui::render(frame, state))?;
    term.backend_mut().queue(EndSynchronizedUpdate)?;
    io::Write::flush(term.backend_mut())
}

fn tick_event() -> Event {
    Event::Tick {
        now: chrono::Local::now().naive_local(),
        today: crate::service::clock::china_today(),
    }
}
