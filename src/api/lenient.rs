//! Field deserializers that accept what real servers send instead of what the documents
//! promise: `null` anywhere, numbers as strings and strings as numbers, a lone value where a
//! list was expected. None of them fails on a shape it can make sense of.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Any scalar as text; `null`, missing and containers become "" (containers are never
/// text a user should see as a value).
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(value_to_string(Value::deserialize(d)?))
}

/// Like [`string`] but keeps "absent" distinct: `null` or "" become `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = value_to_string(Value::deserialize(d)?);
    Ok((!s.is_empty()).then_some(s))
}

/// A non-negative integer sent as a number, a numeric string, or not at all (→ 0).
pub fn u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(value_to_u64(&Value::deserialize(d)?).unwrap_or(0))
}

/// Like [`u64`], but absent or unreadable stays `None`.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(value_to_u64(&Value::deserialize(d)?))
}

/// A list whose `null`, `""` or absence means empty; elements that cannot be read are
/// skipped rather than failing the whole answer. Any other shape (an object, a number) is
/// an error: the answer is not what the document describes.
pub fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect(),
        Value::Null => Vec::new(),
        Value::String(s) if s.trim().is_empty() => Vec::new(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "expected a list, found {}",
                kind_of(&other)
            )))
        }
    })
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A list of strings where elements may be numbers or null (nulls dropped).
pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .map(value_to_string)
            .filter(|s| !s.is_empty())
            .collect(),
        Value::String(s) if !s.is_empty() => vec![s],
        _ => Vec::new(),
    })
}

/// Text of a scalar JSON value; "" for null and containers.
pub fn value_to_string(v: Value) -> String {
    match v {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null | Value::Array(_) | Value::Object(_) => String::new(),
    }
}

/// A non-negative integer from a number or a numeric string.
pub fn value_to_u64(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
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
}
