//! Every use case, once, for every front end: look up (cache, in-flight sharing, retries,
//! rate limit, 110 cooldown, stale fallback), vet, order → poll → download with the ledger,
//! watch and history. The CLI and the explorer only present what these return and ask for
//! confirmation. This layer and `store` are where corpvet does I/O.

pub mod backend;
pub mod cache;
pub mod circuit;
pub mod clock;
pub mod connect;
pub mod details;
pub mod dossier;
pub mod envelope;
pub mod files;
pub mod history;
pub mod limiter;
pub mod logging;
pub mod poll;
pub mod report;
pub mod request;
pub mod retry;
pub mod services;
pub mod sheet;
pub mod spend;
pub mod vet;
pub mod watch;

pub use backend::{Backend, Mode};
pub use connect::{connect, Connected};
pub use request::{Request, Response};
pub use services::Services;
