//! Colours and emphasis in one place. With `NO_COLOR` every style drops its colour (bold and
//! reverse stay: they are not colour), and text markers carry the meaning instead.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

pub use crate::app::palette::Palette;
use crate::app::view::{Role, ViewLine};
use crate::domain::dates::Expiry;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
    palette: Palette,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        Theme::with_palette(no_color, Palette::default())
    }

    /// The explorer's theme: its palette, without colour under `NO_COLOR`.
    pub fn for_state(state: &crate::app::State) -> Theme {
        Theme::with_palette(state.no_color, state.palette)
    }

    pub fn with_palette(no_color: bool, palette: Palette) -> Theme {
        Theme {
            color: !no_color,
            palette,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn plain(&self) -> Style {
        Style::new()
    }

    pub fn dim(&self) -> Style {
        self.fg(self.palette.border)
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }

    pub fn warn(&self) -> Style {
        self.fg(self.palette.warn)
    }

    pub fn ok(&self) -> Style {
        self.fg(self.palette.ok)
    }

    pub fn accent(&self) -> Style {
        self.fg(self.palette.accent)
    }

    /// Keys in hints and help.
    pub fn key(&self) -> Style {
        self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }

    /// A Chinese field label.
    pub fn label(&self) -> Style {
        self.fg(self.palette.label).add_modifier(Modifier::BOLD)
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }

    pub fn active_tab(&self) -> Style {
        self.fg(self.palette.accent)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED)
    }

    pub fn sandbox_badge(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn live_badge(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn mode_badge(&self, insert: bool) -> Style {
        match (self.color, insert) {
            (true, true) => Style::new().fg(Color::Black).bg(Color::Green),
            (true, false) => Style::new().fg(Color::Black).bg(Color::Cyan),
            (false, _) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// The style of a run of the given role.
    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Plain => self.plain(),
            Role::Dim => self.dim(),
            Role::Bold => self.bold(),
            Role::Error => self.error(),
            Role::Warn => self.warn(),
            Role::Ok => self.ok(),
            Role::Accent => self.accent(),
            Role::Key => self.key(),
            Role::Label => self.label(),
            Role::Expiry(e) => self.expiry(&e),
        }
    }

    /// Content lines, styled.
    pub fn lines(&self, lines: Vec<ViewLine>) -> Vec<Line<'static>> {
        lines
            .into_iter()
            .map(|runs| {
                Line::from(
                    runs.into_iter()
                        .map(|r| Span::styled(r.text, self.role(r.role)))
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    }

    /// Expired red, expiring yellow, valid green.
    pub fn expiry(&self, e: &Expiry) -> Style {
        match e {
            Expiry::Expired { .. } => self.error(),
            Expiry::Expiring { .. } => self.warn().add_modifier(Modifier::BOLD),
            Expiry::Valid { .. } => self.ok(),
            Expiry::Unknown => self.dim(),
        }
    }
}

/// The expiry badge text: the marker (meaning without colour) and a short label.
pub fn expiry_badge(e: &Expiry) -> String {
    let label = match e {
        Expiry::Expired { .. } => "expired".to_string(),
        Expiry::Expiring { days_left: 0 } => "today".to_string(),
        Expiry::Expiring { days_left } => format!("{days_left}d left"),
        Expiry::Valid { .. } => "valid".to_string(),
        Expiry::Unknown => "no date".to_string(),
    };
    format!("{} {label}", e.marker())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_colours_style_the_theme_and_no_color_wins() {
        let (p, _) = Palette::from_names([("accent", "magenta")]);
        let t = Theme::with_palette(false, p);
        assert_eq!(t.key().fg, Some(Color::Magenta));
        assert_eq!(Theme::with_palette(true, p).key().fg, None, "NO_COLOR wins");
    }
}
