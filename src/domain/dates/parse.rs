//! Lenient date parsing: the vendors mix `2021-04-12`, `2021-04-12 00:00:00` and registry
//! styles, and use words (长期 "long-term") or dashes for "no date".

use chrono::NaiveDate;

use crate::domain::code::fold_full_width;

/// Years before this are placeholders for "no date" (.NET's `0001-01-01`, `1900-01-01`).
const FIRST_REAL_YEAR: i32 = 1901;

/// Reads `yyyy-MM-dd`, `yyyy/MM/dd`, `yyyy.MM.dd` (month and day may be one digit),
/// `yyyyMMdd` and `yyyy年M月d日`, each optionally followed by a time (`HH:mm:ss`, ISO `T…`),
/// with surrounding spaces. Anything else (`""`, `"-"`, `"长期"`, an impossible date, a
/// placeholder year before 1901) is `None`: the caller shows the raw text instead.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    // Only non-ASCII text can hold full-width digits to fold.
    let raw = raw.trim();
    let folded: String;
    let text = if raw.is_ascii() {
        raw
    } else {
        folded = raw.chars().map(fold_full_width).collect();
        &folded
    };
    let (date, time) = split_time(text);
    if !is_time_like(time) {
        return None;
    }
    let (y, m, d) = if let Some(ymd) = chinese_ymd(date) {
        ymd
    } else if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        (&date[..4], &date[4..6], &date[6..])
    } else {
        separated_ymd(date)?
    };
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    let year: i32 = digits(y)?;
    if year < FIRST_REAL_YEAR {
        return None;
    }
    NaiveDate::from_ymd_opt(year, digits(m)?, digits(d)?)
}

/// The date part and whatever follows the first space or `T`.
fn split_time(text: &str) -> (&str, &str) {
    match text.find([' ', 'T']) {
        Some(i) => (&text[..i], text[i + 1..].trim()),
        None => (text, ""),
    }
}

/// Empty, or made only of what times are made of (`00:00:00`, `00:00:00.000Z`, `+08:00`).
fn is_time_like(rest: &str) -> bool {
    rest.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-'))
}

fn chinese_ymd(date: &str) -> Option<(&str, &str, &str)> {
    let (y, rest) = date.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest
        .strip_suffix('日')
        .or_else(|| rest.strip_suffix('号'))?;
    Some((y, m, d))
}

fn separated_ymd(date: &str) -> Option<(&str, &str, &str)> {
    let sep = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = date.split(sep);
    let ymd = (parts.next()?, parts.next()?, parts.next()?);
    parts.next().is_none().then_some(ymd)
}

/// ASCII digits only (`str::parse` would also accept a sign).
fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests;
