//! corpvet: vet a Chinese company from the terminal.
//!
//! Folders, each importing only from those above it in this list (`sandbox` beside `api`):
//!
//! | folder | holds | I/O |
//! |---|---|---|
//! | [`api`] | the vendors' protocols: signing, status codes, tolerant wire types, one typed call per endpoint, the report download | network |
//! | [`sandbox`] | an in-process HTTP server speaking the vendors' protocols over made-up data | network (loopback) |
//! | [`domain`] | what the user sees, provider-neutral: qualifications, certificates, customs, report state, the verdict, keywords and credit codes, display-width text | none |
//! | [`config`] | the config file, `CORPVET_*` variables and flags, merged with where each value came from | reads the config file |
//! | [`store`] | what is kept between runs, behind the [`store::Store`] trait ([`store::SqliteStore`] today) | disk |
//! | [`service`] | every use case, once, for every front end; [`service::connect`] wires them from a config | network, disk |
//! | [`cli`] | the subcommands: parse, confirm, print | terminal |
//! | [`mcp`] | `corpvet mcp`: the Model Context Protocol server, tools over the same services | stdio |
//! | [`app`] | the explorer's state and its pure `update(state, event) -> effects` | none |
//! | [`ui`] | the explorer's pure rendering of the state | none |
//! | [`explorer`] | the explorer's runtime: terminal, event loop, job runner, clipboard | terminal, disk |
//!
//! Where each use case lives (the one file that does it):
//!
//! | use case | file |
//! |---|---|
//! | wiring (config → backend → cache → store → services) | `service/connect.rs` |
//! | a lookup: cache, in-flight sharing, 110 cooldown, stale fallback | `service/services.rs` over `service/cache.rs` |
//! | retries and the rate limit | `service/retry.rs`, `service/limiter.rs` |
//! | QCC + Juhe qualifications together (`both`) | `service/services.rs` (`qualifications_from`) |
//! | vet: the fan-out, certificate details, the verdict | `service/vet.rs` (rules in `domain/verdict/`) |
//! | a report: find the order standing, order once with the ledger, poll, download | `service/report.rs`, `service/poll.rs` |
//! | the watchlist and `watch run` | `service/watch.rs` |
//! | search history | `service/history.rs` |
//! | files written whole (batch output, exports) | `service/files.rs` |
//! | the `--json` / MCP result document | `service/envelope.rs` |
//! | the spend report's period and figures | `service/spend/period.rs`, `service/spend/summary.rs` |
//! | an agent's report order in two steps (the one-time token) | `mcp/orders.rs`, `mcp/token.rs` |

pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod explorer;
pub mod mcp;
pub mod sandbox;
pub mod service;
pub mod store;
pub mod ui;
