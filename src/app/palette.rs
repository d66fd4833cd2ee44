//! The explorer's colours by role, as the config file's `[ui.theme]` names them. Plain data
//! the state carries; the renderer turns it into styles.

use ratatui::style::Color;

/// The colour of each role the config file's `[ui.theme]` names (`accent`, `border`, `error`,
/// `label`, `ok`, `warn`). Badges keep fixed colours: they must stay readable on any palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub accent: Color,
    /// Unfocused borders and dim text.
    pub border: Color,
    pub error: Color,
    pub label: Color,
    pub ok: Color,
    pub warn: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            accent: Color::Cyan,
            border: Color::DarkGray,
            error: Color::Red,
            label: Color::Blue,
            ok: Color::Green,
            warn: Color::Yellow,
        }
    }
}

impl Palette {
    /// The palette from `role → colour name` pairs (`red`, `darkgray`, `#ff8800`, `208`).
    /// Unknown roles and unreadable colours keep the default and are reported back, so a typo
    /// in the config file is a warning, not a failure.
    pub fn from_names<'a>(
        names: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Palette, Vec<String>) {
        let mut p = Palette::default();
        let mut problems = Vec::new();
        for (role, name) in names {
            let slot = match role {
                "accent" => &mut p.accent,
                "border" => &mut p.border,
                "error" => &mut p.error,
                "label" => &mut p.label,
                "ok" => &mut p.ok,
                "warn" => &mut p.warn,
                other => {
                    problems.push(format!("ui.theme.{other}: no such colour role"));
                    continue;
                }
            };
            match name.trim().parse::<Color>() {
                Ok(c) => *slot = c,
                Err(_) => problems.push(format!(
                    "ui.theme.{role}: {name:?} is not a colour (a name such as red or \
                     darkgray, #rrggbb, or 0-255); using the default"
                )),
            }
        }
        (p, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_colour_names_set_roles_and_typos_only_warn() {
        let (p, problems) = Palette::from_names([
            ("accent", "magenta"),
            ("warn", "#ff8800"),
            ("ok", "chartreuse-ish"),
            ("shadow", "black"),
        ]);
        assert_eq!(p.accent, Color::Magenta);
        assert_eq!(p.warn, Color::Rgb(0xff, 0x88, 0x00));
        assert_eq!(p.ok, Palette::default().ok, "unreadable: default kept");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn the_default_palette_is_the_config_files_default() {
        let names: Vec<(&str, &str)> = crate::config::DEFAULT_THEME.to_vec();
        let (p, problems) = Palette::from_names(names);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(p, Palette::default());
    }
}
