//! Construction-qualification grades. The grade is written inside the name (…总承包一级),
//! in either numeral style (一级 or 壹级), so names are normalised before comparing or
//! filtering.

use serde::Serialize;

use super::code::fold_full_width;
use super::text::trim_owned;

/// A qualification grade as the national registry writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 特级
    Special,
    /// 一级
    First,
    /// 二级
    Second,
    /// 三级
    Third,
    /// 甲级
    A,
    /// 乙级
    B,
    /// 丙级
    C,
    /// 综合 (the all-discipline design qualification, above 甲级)
    Comprehensive,
    /// 不分等级 (a category with no grades)
    Ungraded,
    /// No grade marker in the name.
    Unknown,
}

/// The markers in the name, with the grade each stands for.
const MARKERS: [(&str, Grade); 9] = [
    ("特级", Grade::Special),
    ("一级", Grade::First),
    ("二级", Grade::Second),
    ("三级", Grade::Third),
    ("甲级", Grade::A),
    ("乙级", Grade::B),
    ("丙级", Grade::C),
    ("综合", Grade::Comprehensive),
    ("不分等级", Grade::Ungraded),
];

impl Grade {
    pub const ALL: [Grade; 10] = [
        Grade::Special,
        Grade::First,
        Grade::Second,
        Grade::Third,
        Grade::A,
        Grade::B,
        Grade::C,
        Grade::Comprehensive,
        Grade::Ungraded,
        Grade::Unknown,
    ];

    /// The stable machine name (the same string the JSON carries).
    pub fn code(self) -> &'static str {
        match self {
            Grade::Special => "special",
            Grade::First => "first",
            Grade::Second => "second",
            Grade::Third => "third",
            Grade::A => "a",
            Grade::B => "b",
            Grade::C => "c",
            Grade::Comprehensive => "comprehensive",
            Grade::Ungraded => "ungraded",
            Grade::Unknown => "unknown",
        }
    }

    /// The registry's own word; `未知` for no marker.
    pub fn label_zh(self) -> &'static str {
        match MARKERS.iter().find(|(_, g)| *g == self) {
            Some((zh, _)) => zh,
            None => "未知",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Grade::Special => "special grade",
            Grade::First => "grade 1",
            Grade::Second => "grade 2",
            Grade::Third => "grade 3",
            Grade::A => "grade A",
            Grade::B => "grade B",
            Grade::C => "grade C",
            Grade::Comprehensive => "comprehensive",
            Grade::Ungraded => "ungraded",
            Grade::Unknown => "unknown",
        }
    }

    /// Standing for "best grade" comparisons across both scales: 特级 and 综合 head their
    /// scales (5), then 一级/甲级 (4), 二级/乙级 (3), 三级/丙级 (2), 不分等级 (1), unknown (0).
    pub fn rank(self) -> u8 {
        match self {
            Grade::Special | Grade::Comprehensive => 5,
            Grade::First | Grade::A => 4,
            Grade::Second | Grade::B => 3,
            Grade::Third | Grade::C => 2,
            Grade::Ungraded => 1,
            Grade::Unknown => 0,
        }
    }

    /// Reads a user's filter value: a marker in either numeral style (`一级`, `壹级`, `甲`),
    /// the serialized name (`first`, `a`), or a digit (`1`). `None` if it names no grade.
    pub fn parse(input: &str) -> Option<Grade> {
        let folded: String = input.trim().chars().map(fold_full_width).collect();
        let text = normalise_numerals(&folded).to_lowercase();
        if text.is_empty() {
            return None;
        }
        if let Some(g) = Grade::ALL.into_iter().find(|g| g.code() == text) {
            return Some(g);
        }
        match text.as_str() {
            "特" | "特级" => Some(Grade::Special),
            "1" | "一" | "一级" => Some(Grade::First),
            "2" | "二" | "二级" => Some(Grade::Second),
            "3" | "三" | "三级" => Some(Grade::Third),
            "甲" | "甲级" => Some(Grade::A),
            "乙" | "乙级" => Some(Grade::B),
            "丙" | "丙级" => Some(Grade::C),
            "综合" | "综合资质" => Some(Grade::Comprehensive),
            "不分等级" => Some(Grade::Ungraded),
            _ => None,
        }
    }
}

/// Financial numerals (壹, 贰 …, also traditional forms) to everyday ones and full-width
/// digits (`１`) to ASCII, so 壹级 and 一级 compare equal. Nothing else changes: names are
/// shown as the registry writes them, full-width brackets included.
pub fn normalise_numerals(text: &str) -> String {
    // Most names need no change: copy them whole rather than char by char.
    if !text.chars().any(|c| fold_numeral(c) != c) {
        return text.to_string();
    }
    text.chars().map(fold_numeral).collect()
}

fn fold_numeral(c: char) -> char {
    match c {
        '壹' => '一',
        '贰' | '貳' | '弍' => '二',
        '叁' | '參' | '叄' | '弎' => '三',
        '肆' => '四',
        '伍' => '五',
        '陆' | '陸' => '六',
        '柒' => '七',
        '捌' => '八',
        '玖' => '九',
        '拾' => '十',
        '０'..='９' => fold_full_width(c),
        other => other,
    }
}

/// The grade of a qualification name: the LAST marker in it wins, because a name such as
/// 工程设计综合资质甲级 mentions 综合 before its actual grade.
pub fn grade_of(name: &str) -> Grade {
    grade_of_normalised(&normalise_numerals(name))
}

/// [`grade_of`] for a name whose numerals are already normalised.
pub(crate) fn grade_of_normalised(name: &str) -> Grade {
    // One backward pass: the first marker found from the end is the last one in the name.
    // (Nine `rfind`s, one per marker, cost a quarter of reading a large answer.)
    name.char_indices()
        .rev()
        .filter(|(_, c)| MARKER_STARTS.contains(c))
        .find_map(|(at, _)| {
            let rest = &name[at..];
            MARKERS
                .iter()
                .find(|(marker, _)| rest.starts_with(marker))
                .map(|(_, grade)| *grade)
        })
        .unwrap_or(Grade::Unknown)
}

/// The first character of each marker, to skip every other position cheaply.
const MARKER_STARTS: [char; 9] = ['特', '一', '二', '三', '甲', '乙', '丙', '综', '不'];

/// [`normalise_numerals`] for an owned name: returned as is when nothing needs folding.
pub(crate) fn normalise_numerals_owned(text: String) -> String {
    if text.chars().any(|c| fold_numeral(c) != c) {
        text.chars().map(fold_numeral).collect()
    } else {
        text
    }
}

/// Splits a joined list of names on `,` `，` `;` `；` (trimmed, empties dropped) and appends
/// them to `names`. A separator inside brackets (（建筑工程，人防工程）) belongs to the name and
/// does not split it, unless the brackets are unbalanced, when a plain split is the safer
/// reading. `、` never splits: it enumerates inside one name. A text that holds one name (the
/// usual case, a `CertNameList` element) is moved rather than copied.
pub(crate) fn split_names_into(joined: String, names: &mut Vec<String>) {
    if !joined.contains(is_name_separator) {
        let name = trim_owned(joined);
        if !name.is_empty() {
            names.push(name);
        }
        return;
    }
    each_name(&joined, |name| names.push(name.to_string()));
}

fn is_name_separator(c: char) -> bool {
    matches!(c, ',' | '，' | ';' | '；')
}

/// Calls `emit` with each trimmed, non-empty name of [`split_names_into`], as slices of
/// `joined`.
fn each_name<'a>(joined: &'a str, mut emit: impl FnMut(&'a str)) {
    let mut push = |part: &'a str| {
        let part = part.trim();
        if !part.is_empty() {
            emit(part);
        }
    };
    if !brackets_balanced(joined) {
        joined.split(is_name_separator).for_each(push);
        return;
    }
    let mut depth: i32 = 0;
    let mut start = 0;
    for (at, c) in joined.char_indices() {
        depth += bracket_step(c);
        if depth == 0 && is_name_separator(c) {
            push(&joined[start..at]);
            start = at + c.len_utf8();
        }
    }
    push(&joined[start..]);
}

/// Every closing bracket has an opening one before it, and all are closed.
fn brackets_balanced(text: &str) -> bool {
    let mut depth: i32 = 0;
    for c in text.chars() {
        depth += bracket_step(c);
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

fn bracket_step(c: char) -> i32 {
    match c {
        '(' | '（' | '[' | '【' => 1,
        ')' | '）' | ']' | '】' => -1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests;
