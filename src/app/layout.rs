//! Where each part of the screen goes, for any size. The update uses it for mouse clicks and
//! page sizes and the renderer draws into it, so a click lands on the row it was drawn on.
//! All arithmetic saturates: the screen may be 1×1.

use ratatui::layout::Rect;

use super::state::{Focus, State, Tab};

/// Below this width the detail pane goes under the list (or replaces it): side by side, a
/// narrower list cuts the Chinese names it exists to show.
pub const WIDE: u16 = 120;

/// The parts of the screen. A part that does not fit is an empty rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub search: Rect,
    pub tabs: Rect,
    /// Everything between the tabs and the status line.
    pub body: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub hints: Rect,
}

fn take_top(r: &mut Rect, h: u16) -> Rect {
    let h = h.min(r.height);
    let top = Rect { height: h, ..*r };
    r.y = r.y.saturating_add(h);
    r.height = r.height.saturating_sub(h);
    top
}

fn take_bottom(r: &mut Rect, h: u16) -> Rect {
    let h = h.min(r.height);
    r.height = r.height.saturating_sub(h);
    Rect {
        y: r.y.saturating_add(r.height),
        height: h,
        ..*r
    }
}

/// The search bar's height: a bordered box when there is room, one bare line otherwise.
pub fn search_height(total: u16) -> u16 {
    match total {
        0..=3 => 0,
        4..=11 => 1,
        _ => 3,
    }
}

pub fn areas(area: Rect, state: &State) -> Areas {
    let mut rest = area;
    let mut a = Areas {
        status: take_bottom(&mut rest, 1),
        ..Areas::default()
    };
    if area.height >= 8 {
        a.hints = take_bottom(&mut rest, 1);
    }
    a.search = take_top(&mut rest, search_height(area.height));
    if area.height >= 5 {
        a.tabs = take_top(&mut rest, 1);
    }
    a.body = rest;
    let whole_body = matches!(state.tab, Tab::Report | Tab::Overview)
        || (state.drill.is_some() && state.tab == Tab::Certificates);
    if whole_body {
        if matches!(state.tab, Tab::Report | Tab::Overview) {
            a.list = rest;
        } else {
            a.detail = rest;
        }
        return a;
    }
    if rest.width >= WIDE {
        let list_w = rest.width.saturating_mul(3) / 5;
        a.list = Rect {
            width: list_w,
            ..rest
        };
        a.detail = Rect {
            x: rest.x.saturating_add(list_w),
            width: rest.width.saturating_sub(list_w),
            ..rest
        };
    } else if rest.height >= 14 {
        let list_h = rest.height.saturating_add(1) / 2;
        a.list = take_top(&mut rest, list_h);
        a.detail = rest;
    } else if state.focus == Focus::Detail {
        a.detail = rest;
    } else {
        a.list = rest;
    }
    a
}

/// Inside a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// Rows of records the list shows (inside its border, under the header row).
pub fn list_rows(list: Rect) -> usize {
    usize::from(inner(list).height.saturating_sub(1))
}

/// The first record shown, so that `selected` is on screen.
pub fn list_offset(selected: usize, rows: usize) -> usize {
    if rows == 0 {
        return selected;
    }
    (selected + 1).saturating_sub(rows)
}

/// A box of at most `w`×`h` centred in `r`.
pub fn centered(r: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(r.width);
    let h = h.min(r.height);
    Rect {
        x: r.x.saturating_add((r.width - w) / 2),
        y: r.y.saturating_add((r.height - h) / 2),
        width: w,
        height: h,
    }
}

/// Whether `(x, y)` lies in `r`.
pub fn contains(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && y >= r.y && x < r.x.saturating_add(r.width) && y < r.y.saturating_add(r.height)
}
