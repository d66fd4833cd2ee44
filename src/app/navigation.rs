//! Moving around: the selection, the detail scroll, pane focus and the mouse. Page sizes and
//! click targets come from the same layout the renderer uses.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::effect::Effect;
use super::layout::{self, Areas};
use super::records;
use super::state::{Focus, Overlay, State, Tab};
use super::view;

pub fn screen_rect(state: &State) -> Rect {
    Rect::new(0, 0, state.width, state.height)
}

pub fn screen(state: &State) -> Areas {
    layout::areas(screen_rect(state), state)
}

/// Rows the list shows at once (for PgUp/PgDn), at least 1.
fn list_rows(state: &State) -> usize {
    layout::list_rows(screen(state).list).max(1)
}

/// Move the selection by `delta` rows, clamped to the list.
pub fn move_by(state: &mut State, delta: isize) {
    if state.tab == Tab::Overview {
        return super::overview::move_by(state, delta);
    }
    let len = records::current_page(state).map_or(0, |p| p.len());
    let tab = state.tab;
    if let Some(v) = state.view_mut(tab) {
        let last = len.saturating_sub(1);
        let next = if delta < 0 {
            v.selected.saturating_sub(delta.unsigned_abs())
        } else {
            v.selected.saturating_add(delta.unsigned_abs())
        };
        let next = next.min(last);
        if next != v.selected {
            v.scroll = 0;
        }
        v.selected = next;
    }
}

pub fn move_pages(state: &mut State, pages: isize) {
    let rows = isize::try_from(list_rows(state)).unwrap_or(1);
    move_by(state, pages.saturating_mul(rows));
}

pub fn move_to(state: &mut State, end: bool) {
    move_by(state, if end { isize::MAX } else { isize::MIN });
}

/// Lines the detail (or drill-down) pane shows, and how far it can scroll.
fn detail_limits(state: &State) -> (u16, u16) {
    let area = layout::inner(screen(state).detail);
    let content = view::detail::line_count(state, usize::from(area.width));
    let content = u16::try_from(content).unwrap_or(u16::MAX);
    (area.height, content.saturating_sub(area.height))
}

/// Scroll the detail pane (or the drill-down) by `delta` lines.
pub fn scroll(state: &mut State, delta: i32) {
    let (_, max) = detail_limits(state);
    let apply = |s: u16| -> u16 {
        let next = i64::from(s) + i64::from(delta);
        u16::try_from(next.clamp(0, i64::from(max))).unwrap_or(0)
    };
    if state.drill.is_some() && state.tab == Tab::Certificates {
        state.drill_scroll = apply(state.drill_scroll);
    } else {
        let tab = state.tab;
        if let Some(v) = state.view_mut(tab) {
            v.scroll = apply(v.scroll);
        }
    }
}

pub fn scroll_half(state: &mut State, down: bool) {
    let (height, _) = detail_limits(state);
    let half = i32::from((height / 2).max(1));
    scroll(state, if down { half } else { -half });
}

/// Tab / Shift-Tab: search → list → detail → search (the Report tab has no detail pane).
pub fn cycle_focus(state: &mut State, forward: bool) {
    let has_detail = !matches!(state.tab, Tab::Report | Tab::Overview);
    let order: &[Focus] = if has_detail {
        &[Focus::Search, Focus::List, Focus::Detail]
    } else {
        &[Focus::Search, Focus::List]
    };
    let i = order.iter().position(|f| *f == state.focus).unwrap_or(0);
    let n = order.len();
    let next = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    match order.get(next).copied().unwrap_or(Focus::List) {
        Focus::Search => super::search::focus(state),
        focus => {
            state.focus = focus;
            state.search_selected = false;
        }
    }
}

/// Mouse: a click selects a row or focuses a pane, the wheel scrolls. Only when enabled.
pub fn mouse(state: &mut State, ev: MouseEvent) -> Vec<Effect> {
    if !state.mouse {
        return Vec::new();
    }
    let a = screen(state);
    let (x, y) = (ev.column, ev.row);
    if let Some(Overlay::Help { scroll }) = &state.overlay {
        let scroll = *scroll;
        let next = match ev.kind {
            MouseEventKind::ScrollDown => scroll
                .saturating_add(1)
                .min(view::help::max_scroll(state, screen_rect(state))),
            MouseEventKind::ScrollUp => scroll.saturating_sub(1),
            _ => scroll,
        };
        state.overlay = Some(Overlay::Help { scroll: next });
        return Vec::new();
    }
    if state.overlay.is_some() {
        return Vec::new();
    }
    match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if layout::contains(a.search, x, y) {
                state.focus = Focus::Search;
            } else if layout::contains(a.tabs, x, y) {
                if let Some(tab) = view::tabs::hit(a.tabs, x, state) {
                    return super::lookups::switch_tab(state, tab);
                }
            } else if layout::contains(a.list, x, y) && state.tab == Tab::Overview {
                state.focus = Focus::List;
            } else if layout::contains(a.list, x, y) && state.tab != Tab::Report {
                state.focus = Focus::List;
                click_row(state, a.list, y);
            } else if layout::contains(a.detail, x, y) {
                state.focus = Focus::Detail;
            }
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = ev.kind == MouseEventKind::ScrollDown;
            if layout::contains(a.list, x, y) {
                move_by(state, if down { 1 } else { -1 });
            } else if layout::contains(a.detail, x, y) {
                scroll(state, if down { 3 } else { -3 });
            }
        }
        _ => {}
    }
    Vec::new()
}

fn click_row(state: &mut State, list: Rect, y: u16) {
    // Border, then the header row.
    let first = list.y.saturating_add(2);
    if y < first {
        return;
    }
    let rows = layout::list_rows(list);
    let selected = state.view(state.tab).selected;
    let offset = layout::list_offset(selected, rows);
    let target = offset + usize::from(y - first);
    let len = records::current_page(state).map_or(0, |p| p.len());
    if target < len {
        let tab = state.tab;
        if let Some(v) = state.view_mut(tab) {
            if v.selected != target {
                v.scroll = 0;
            }
            v.selected = target;
        }
    }
}
