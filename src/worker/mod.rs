//! The only layer that does I/O: it owns the vendor clients (or the in-process sandbox),
//! turns wire answers into domain types, and runs the explorer's jobs in the background.

pub mod backend;
pub mod cache;
pub mod job;
pub mod limiter;
pub mod poll;
pub mod request;
pub mod retry;
pub mod runner;
pub mod services;
pub mod vet;

pub use backend::{Backend, Mode};
pub use job::{Job, JobId, VetOutcome, WorkerEvent};
pub use request::{Request, Response};
pub use services::Services;
