//! The tab row's labels: digit, name, and at a glance what each tab holds for the company (a
//! count, a spinner, or ✗ after an error), short names when narrow; and which tab a click on
//! the row lands on.

use ratatui::layout::Rect;

use crate::app::records::List;
use crate::app::registry::Lookup;
use crate::app::report::Stage;
use crate::app::state::{State, Tab};
use crate::domain::text;

/// Columns between two tabs.
pub const GAP: usize = 2;

fn short(tab: Tab) -> &'static str {
    match tab {
        Tab::Overview => "总览",
        Tab::Qualifications => "资质",
        Tab::Certificates => "证书",
        Tab::Customs => "海关",
        Tab::Report => "报告",
    }
}

/// What the tab holds for the searched company, e.g. " 47", " ⠋", " ✗".
fn badge(state: &State, tab: Tab) -> String {
    let Some(company) = state.company.clone() else {
        return String::new();
    };
    if tab == Tab::Overview {
        return match &state.vet {
            Some(v) if v.company == company && state.vet_busy() => format!(" {}", state.spinner()),
            Some(v) if v.company == company => {
                use crate::domain::verdict::VerdictLevel as L;
                let mark = match v.verdict.level {
                    L::Red => "✗",
                    L::Warning => "!",
                    L::Clean => "✓",
                    L::NothingFound => "∅",
                    L::Incomplete => "?",
                };
                format!(" {mark}")
            }
            _ => String::new(),
        };
    }
    if tab == Tab::Report {
        return match state.current_report().map(|r| &r.stage) {
            Some(Stage::Ordering { .. } | Stage::Polling { .. }) => format!(" {}", state.spinner()),
            Some(Stage::Ready { .. }) => " ✓".into(),
            Some(Stage::Stopped { .. }) => " ✗".into(),
            None => String::new(),
        };
    }
    let Some(key) = state.key_of(tab) else {
        return String::new();
    };
    let answer = match state.registry.lookups.get(&key) {
        Some(Lookup::Loading { .. }) => return format!(" {}", state.spinner()),
        Some(Lookup::Failed { .. }) => return " ✗".into(),
        Some(Lookup::Ready(a)) => &a.response,
        None => return String::new(),
    };
    match List::from_response(answer) {
        Some(list) => format!(" ({})", list.total()),
        None => String::new(),
    }
}

/// Each tab and its label, long names when they all fit in `width`, short ones otherwise.
pub fn labels(state: &State, width: usize) -> Vec<(Tab, String)> {
    let long: Vec<(Tab, String)> = Tab::ALL
        .iter()
        .map(|t| {
            let provider = if *t == Tab::Qualifications {
                format!("·{}", state.provider.label())
            } else {
                String::new()
            };
            (
                *t,
                format!(
                    "{} {}{provider}{}",
                    t.index() + 1,
                    t.title(),
                    badge(state, *t)
                ),
            )
        })
        .collect();
    let total: usize = long.iter().map(|(_, l)| text::width(l) + GAP).sum();
    if total <= width {
        return long;
    }
    Tab::ALL
        .iter()
        .map(|t| {
            (
                *t,
                format!("{} {}{}", t.index() + 1, short(*t), badge(state, *t)),
            )
        })
        .collect()
}

/// The tab drawn at column `x` of the tab row.
pub fn hit(area: Rect, x: u16, state: &State) -> Option<Tab> {
    let mut start = usize::from(area.x) + 1;
    let x = usize::from(x);
    for (tab, label) in labels(state, usize::from(area.width).saturating_sub(1)) {
        let end = start + text::width(&label);
        if x >= start && x < end {
            return Some(tab);
        }
        start = end + GAP;
    }
    None
}
