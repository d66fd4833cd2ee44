//! The Overview tab: the verdict at the top, each source's state, then the flags (red,
//! warning, good, each with a text marker that reads without colour) with the selected
//! flag's evidence under them. Sections fill in as the sources answer.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::layout::{inner, list_offset};
use crate::app::overview::SourceStatus;
use crate::app::state::{State, Tab};
use crate::domain::text;
use crate::domain::verdict::{FlagLevel, VerdictLevel};

use super::theme::Theme;
use super::wrapped::wrapped;

fn level_style(theme: &Theme, level: FlagLevel) -> Style {
    match level {
        FlagLevel::Red => theme.error(),
        FlagLevel::Warning => theme.warn(),
        FlagLevel::Good => theme.ok(),
    }
}

fn word(level: FlagLevel) -> &'static str {
    match level {
        FlagLevel::Red => "RED ",
        FlagLevel::Warning => "WARN",
        FlagLevel::Good => "GOOD",
    }
}

/// The marker and style of an overall verdict.
pub fn verdict_marker(level: VerdictLevel) -> &'static str {
    match level {
        VerdictLevel::Red => "✗",
        VerdictLevel::Warning => "!",
        VerdictLevel::Clean => "✓",
        VerdictLevel::NothingFound => "∅",
        VerdictLevel::Incomplete => "?",
    }
}

fn verdict_style(theme: &Theme, level: VerdictLevel) -> Style {
    match level {
        VerdictLevel::Red | VerdictLevel::Incomplete => theme.error(),
        VerdictLevel::Warning | VerdictLevel::NothingFound => theme.warn(),
        VerdictLevel::Clean => theme.ok(),
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let star = match &state.company {
        Some(c) if state.watched.contains(c) => " ★",
        _ => "",
    };
    let title = match &state.company {
        Some(c) => format!(" Overview 总览 · {c}{star} "),
        None => " Overview 总览 ".to_string(),
    };
    let width = usize::from(area.width.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(text::truncate(&title, width));
    frame.render_widget(block, area);
    let body = inner(area);
    let width = usize::from(body.width);
    if width == 0 || body.height == 0 {
        return;
    }
    let vet = match (&state.vet, &state.company) {
        (Some(v), Some(c)) if v.company == *c => v,
        (_, Some(_)) => {
            let lines = wrapped(
                "Enter in the search bar (/) vets this company: every source at once.",
                width,
                theme.dim(),
            );
            frame.render_widget(Paragraph::new(lines), body);
            return;
        }
        _ => {
            let lines = wrapped(
                "Search a company (/ then type, Enter): qualifications, certificates and \
                 customs credit are asked at once and a verdict is drawn as they answer.",
                width,
                theme.dim(),
            );
            frame.render_widget(Paragraph::new(lines), body);
            return;
        }
    };
    let v = &vet.verdict;
    let mut top: Vec<Line<'static>> = Vec::new();
    let statuses = vet.statuses(&state.registry);
    let waiting = statuses
        .iter()
        .filter(|(_, s)| *s == SourceStatus::Loading)
        .count();
    if waiting == statuses.len() {
        top.push(Line::styled(
            format!("{} vetting… waiting for every source", state.spinner()),
            theme.dim(),
        ));
    } else if waiting > 0 && matches!(v.level, VerdictLevel::Clean | VerdictLevel::NothingFound) {
        // Nothing wrong yet is not clean: a source still answering may hold a red flag.
        let coming: Vec<&str> = statuses
            .iter()
            .filter(|(_, s)| *s == SourceStatus::Loading)
            .map(|(source, _)| source.label_en())
            .collect();
        top.extend(wrapped(
            &format!(
                "{} no red flag so far; still answering: {}",
                state.spinner(),
                coming.join(", ")
            ),
            width,
            theme.accent().add_modifier(ratatui::style::Modifier::BOLD),
        ));
        top.extend(wrapped(
            "  尚无红色警示；仍在等待其余来源",
            width,
            theme.plain(),
        ));
    } else {
        let partial = if waiting > 0 {
            format!(" (so far: {waiting} source(s) still answering)")
        } else {
            String::new()
        };
        let style = verdict_style(theme, v.level).add_modifier(ratatui::style::Modifier::BOLD);
        top.extend(wrapped(
            &format!("{} {}{partial}", verdict_marker(v.level), v.headline_en),
            width,
            style,
        ));
        top.extend(wrapped(
            &format!("  {}", v.headline_zh),
            width,
            theme.plain(),
        ));
    }
    // Expiry is judged on this day (China's calendar), whatever the machine's zone.
    top.push(Line::styled(
        format!("  as of {}, China time · 北京时间", state.today),
        theme.dim(),
    ));
    if let Some(run) = &vet.details {
        top.extend(wrapped(
            &format!("{} {}", state.spinner(), run.progress()),
            width,
            theme.accent(),
        ));
    }
    top.push(Line::default());
    for (source, status) in &statuses {
        let name = text::pad(
            &format!("{} {}", source.label_zh(), source.label_en()),
            36.min(width / 2),
        );
        let (what, style) = match status {
            SourceStatus::Loading => (format!("{} loading…", state.spinner()), theme.dim()),
            SourceStatus::Found(n) => (format!("{n} found"), theme.plain()),
            SourceStatus::Listed { listed, total } => {
                (format!("{listed} of {total} listed"), theme.plain())
            }
            SourceStatus::NotFound => ("not found".to_string(), theme.dim()),
            SourceStatus::Failed(e) => (
                match &e.code {
                    Some(code) => format!("✗ failed: code {code} · {}", e.class),
                    None => format!("✗ failed: {}", e.class),
                },
                theme.error(),
            ),
        };
        let line = text::truncate(&format!("{name} {what}"), width);
        let split = text::width(&name).min(text::width(&line));
        let (head, tail) = split_at_width(&line, split);
        top.push(Line::from(vec![
            Span::styled(head, theme.label()),
            Span::styled(tail, style),
        ]));
        // A failure in full, wrapped, as the tabs show it: the vendor's words, the gloss,
        // what to do (issue 11, point 6: it was the Chinese text alone, cut off).
        if let SourceStatus::Failed(e) = status {
            let inner = width.saturating_sub(2);
            let indent = |l: Line<'static>| {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(l.spans);
                Line::from(spans)
            };
            top.extend(
                wrapped(&e.message, inner, theme.error())
                    .into_iter()
                    .map(indent),
            );
            if let Some(g) = e.gloss.as_ref().filter(|g| **g != e.message) {
                top.extend(wrapped(g, inner, theme.plain()).into_iter().map(indent));
            }
            if let Some(a) = &e.advice {
                let advice = format!("What to do: {a}");
                top.extend(wrapped(&advice, inner, theme.dim()).into_iter().map(indent));
            }
        }
    }
    let flags = &v.flags;
    if !flags.is_empty() {
        top.push(Line::default());
        top.push(Line::styled(
            format!(
                "Flags 风险提示 ({}) · Enter jumps to the record",
                flags.len()
            ),
            theme.bold(),
        ));
    }
    let body_h = usize::from(body.height);
    let top_h = top.len().min(body_h);
    let top_area = Rect {
        height: u16::try_from(top_h).unwrap_or(0),
        ..body
    };
    frame.render_widget(Paragraph::new(top), top_area);
    let rest_h = body_h.saturating_sub(top_h);
    if flags.is_empty() || rest_h == 0 {
        return;
    }
    // The selected flag's evidence takes the last line when there is room for it.
    let evidence_h = usize::from(rest_h >= 3);
    let rows = rest_h.saturating_sub(evidence_h);
    let selected = state.view(Tab::Overview).selected.min(flags.len() - 1);
    let offset = list_offset(selected, rows);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, flag) in flags.iter().enumerate().skip(offset).take(rows) {
        let pointer = if i == selected { "›" } else { " " };
        let row = text::truncate(
            &format!(
                "{pointer}{} {} {} · {}",
                flag.level.marker(),
                word(flag.level),
                flag.en,
                flag.zh
            ),
            width,
        );
        let style = if i == selected {
            level_style(theme, flag.level).patch(theme.selected())
        } else {
            level_style(theme, flag.level)
        };
        lines.push(Line::styled(row, style));
    }
    if evidence_h > 0 {
        let ev = flags
            .get(selected)
            .and_then(|f| f.evidence.first())
            .map_or_else(
                || "evidence: (a count, no single record)".to_string(),
                |e| format!("evidence: {}", e.describe()),
            );
        while lines.len() < rows {
            lines.push(Line::default());
        }
        lines.push(Line::styled(text::truncate(&ev, width), theme.dim()));
    }
    let rest = Rect {
        y: body.y.saturating_add(top_area.height),
        height: u16::try_from(rest_h).unwrap_or(0),
        ..body
    };
    frame.render_widget(Paragraph::new(lines), rest);
}

/// `s` split after `cols` display columns.
fn split_at_width(s: &str, cols: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = text::width(c.encode_utf8(&mut [0; 4]));
        if used + w > cols {
            return (s[..i].to_string(), s[i..].to_string());
        }
        used += w;
    }
    (s.to_string(), String::new())
}
