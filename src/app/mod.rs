//! The explorer's pure core: state, the events it consumes, the effects it asks for, and
//! the `update` function between them. No I/O here; the runtime (`crate::explorer`) feeds
//! events in and carries effects out, and the renderer above it draws the state. Nothing
//! here imports the renderer: the screen's [`layout`] and the text of the panes that scroll
//! ([`view`]) live here, so the update can hit-test clicks and bound scrolling with them.

pub mod details;
pub mod download;
pub mod effect;
pub mod event;
pub mod export;
pub mod filter;
pub mod history;
pub mod job;
pub mod keymap;
pub mod layout;
pub mod lookups;
pub mod navigation;
pub mod overview;
pub mod palette;
pub mod records;
pub mod registry;
pub mod remap;
pub mod report;
pub mod search;
pub mod state;
pub mod update;
pub mod view;

pub use effect::Effect;
pub use event::Event;
pub use state::{Init, State, Tab};
pub use update::update;
