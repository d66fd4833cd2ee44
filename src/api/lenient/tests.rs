use super::*;
use serde::Deserialize;

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct Probe {
    #[serde(deserialize_with = "string")]
    s: String,
    #[serde(deserialize_with = "u64")]
    n: u64,
    #[serde(deserialize_with = "strings")]
    list: Vec<String>,
    #[serde(deserialize_with = "opt_string")]
    o: Option<String>,
}

fn probe(json: &str) -> Probe {
    serde_json::from_str(json).unwrap()
}

#[test]
fn tolerates_nulls_numbers_as_strings_and_missing_fields() {
    let p = probe(r#"{"s": null, "n": "42", "list": null, "o": ""}"#);
    assert_eq!((p.s.as_str(), p.n, p.list.len(), p.o), ("", 42, 0, None));
    let p = probe(r#"{"s": 7, "n": 3, "list": ["a", 1, null], "extra": {"x": 1}}"#);
    assert_eq!(
        (p.s.as_str(), p.n, p.list),
        ("7", 3, vec!["a".into(), "1".into()])
    );
    let p = probe("{}");
    assert_eq!((p.s.as_str(), p.n), ("", 0));
    let p = probe(r#"{"n": "not a number", "s": [1], "list": "solo"}"#);
    assert_eq!((p.s.as_str(), p.n, p.list), ("", 0, vec!["solo".into()]));
}
