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
    let text: String = raw.trim().chars().map(fold_full_width).collect();
    let (date, time) = split_time(&text);
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
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn every_documented_and_registry_format() {
        let want = ymd(2021, 4, 12);
        for s in [
            "2021-04-12",
            "2021-04-12 00:00:00",
            "2021-04-12T00:00:00",
            "2021-04-12T08:30:00.000+08:00",
            "2021/04/12",
            "2021.04.12",
            "20210412",
            "2021年4月12日",
            "2021年04月12日",
            "2021-4-12",
            "  2021-04-12  ",
            "２０２１－０４－１２",
        ] {
            assert_eq!(parse_date(s), want, "{s:?}");
        }
    }

    #[test]
    fn no_date_words_and_garbage_are_none() {
        for s in [
            "",
            " ",
            "-",
            "--",
            "—",
            "长期",
            "长期有效",
            "永久",
            "无",
            "null",
            "2021",
            "2021-04",
            "2021-04-12-01",
            "2021-13-01",
            "2021-02-30",
            "21-04-12",
            "2021-+4-12",
            "2021-04-12 garbage",
            "20211312",
            "0001-01-01T00:00:00",
            "1900-01-01",
            "2021年4月",
            "2021/04-12",
        ] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
    }

    #[test]
    fn far_future_sentinels_stay_dates() {
        assert_eq!(parse_date("9999-12-31"), ymd(9999, 12, 31));
        assert_eq!(parse_date("2024-02-29"), ymd(2024, 2, 29));
    }
}
