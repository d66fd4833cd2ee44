//! What the pure update asks the runtime to do.

use crate::app::job::Job;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Hand a job to the background worker.
    Worker(Job),
    /// Copy text to the system clipboard through OSC 52 (works over SSH and in tmux).
    Copy(String),
    /// Turn mouse capture on or off.
    SetMouse(bool),
    Quit,
}
