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
