//! The one stream of inputs the explorer's state machine consumes.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::app::job::WorkerEvent;

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A key press (the runtime drops repeats and releases).
    Key(KeyEvent),
    /// Bracketed paste (Chinese text arrives this way from most input methods' clipboards).
    Paste(String),
    Mouse(MouseEvent),
    Resize {
        width: u16,
        height: u16,
    },
    /// The clock, given to the pure update so it never reads one itself: the machine's
    /// local time (for what the user reads: file names, "ordered 3 min ago") and China's
    /// date (what expiry is judged on).
    Tick {
        now: chrono::NaiveDateTime,
        today: chrono::NaiveDate,
    },
    Worker(WorkerEvent),
    /// What this session has billed and saved so far (the status line shows it).
    Spent(crate::service::spend::SessionSpend),
}
