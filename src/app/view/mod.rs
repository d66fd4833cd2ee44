//! What the panes say, as text with a meaning per run but no colour: the renderer styles
//! it, and the update counts its lines to bound scrolling, so both see the same content.

pub mod detail;
pub mod drill;
pub mod fields;
pub mod help;
pub mod tabs;

use crate::domain::dates::Expiry;

/// What a run of text is, for the theme to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    Dim,
    Bold,
    Error,
    Warn,
    Ok,
    Accent,
    /// A key in the help.
    Key,
    /// A field label.
    Label,
    /// A date coloured by how close it is to expiring.
    Expiry(Expiry),
}

/// A run of text in one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub role: Role,
}

/// One screen line: its runs left to right (none for an empty line).
pub type ViewLine = Vec<Run>;

pub fn run(text: impl Into<String>, role: Role) -> Run {
    Run {
        text: text.into(),
        role,
    }
}

/// A line of one run.
pub fn line(text: impl Into<String>, role: Role) -> ViewLine {
    vec![run(text, role)]
}
