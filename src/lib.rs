//! corpvet: vet a Chinese company from the terminal.
//!
//! Layers, each importing only downward:
//! - [`api`]: wire types, signing, clients and status codes for the vendors' APIs (no UI);
//! - [`domain`]: the provider-neutral model a user sees;
//! - [`sandbox`]: an in-process HTTP server speaking the vendors' protocols over realistic data;
//! - [`cli`]: the scriptable command line over the same library.

pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod explorer;
pub mod sandbox;
pub mod service;
pub mod store;
pub mod ui;
