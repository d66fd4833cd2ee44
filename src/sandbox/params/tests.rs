use super::*;
use axum::http::HeaderValue;

#[test]
fn query_wins_names_ignore_case_and_blanks_are_absent() {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-www-form-urlencoded; charset=utf-8"),
    );
    let p = Params::parse(
        Some("SearchKey=%E4%BC%81%E6%9F%A5%E6%9F%A5+&blank=%20"),
        &headers,
        b"searchKey=other&keyNo=abc",
    );
    assert_eq!(p.text("searchkey"), Some("企查查"));
    assert_eq!(p.text("keyno"), Some("abc"));
    assert_eq!(p.text("blank"), None);
    assert_eq!(p.positive("pageSize", 10), Ok(10));
}

#[test]
fn json_bodies_are_not_parameters() {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let p = Params::parse(None, &headers, b"keyNo=abc");
    assert_eq!(p.text("keyNo"), None);
}

#[test]
fn numbers_must_be_positive_integers() {
    let p = Params::parse(Some("a=0&b=x&c=3&d=-1"), &HeaderMap::new(), b"");
    assert_eq!(p.positive("a", 1), Err(()));
    assert_eq!(p.positive("b", 1), Err(()));
    assert_eq!(p.positive("c", 1), Ok(3));
    assert_eq!(p.positive("d", 1), Err(()));
}

#[test]
fn pages_past_the_end_are_none() {
    let items = [1, 2, 3, 4, 5];
    assert_eq!(page(&items, 1, 2), Some(&items[0..2]));
    assert_eq!(page(&items, 3, 2), Some(&items[4..5]));
    assert_eq!(page(&items, 4, 2), None);
    assert_eq!(page(&items, 0, 2), None);
    assert_eq!(page::<i32>(&[], 1, 10), None);
    assert_eq!(page(&items, usize::MAX, usize::MAX), None);
}
