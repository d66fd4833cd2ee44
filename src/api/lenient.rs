//! Field deserializers that accept what real servers send instead of what the documents
//! promise: `null` anywhere, numbers as strings and strings as numbers, unknown shapes where
//! a scalar was expected. They stream (no intermediate `serde_json::Value` per field), so a
//! 5000-record answer costs what reading it costs.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Any scalar as text; `null`, missing and containers become "" (containers are never
/// text a user should see as a value).
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(TextVisitor)
}

/// Like [`string`] but keeps "absent" distinct: `null` or "" become `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = d.deserialize_any(TextVisitor)?;
    Ok((!s.is_empty()).then_some(s))
}

/// A non-negative integer sent as a number, a numeric string, or not at all (→ 0).
pub fn u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(d.deserialize_any(CountVisitor)?.unwrap_or(0))
}

/// Like [`u64`], but absent or unreadable stays `None`.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(CountVisitor)
}

/// A list whose `null`, `""` or absence means empty; elements that are not records (a
/// `null`, a string) are skipped rather than failing the whole answer. Any other shape (an
/// object, a number) is an error: the answer is not what the document describes.
pub fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    d.deserialize_any(ListVisitor(PhantomData))
}

/// A list of strings where elements may be numbers or null (nulls and empties dropped); a
/// lone string is a list of one.
pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(StringsVisitor)
}

/// One scalar read as text (the element type of [`strings`] and of text maps).
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(Text)
    }
}

/// An element of a lenient list: `Some` for a record, `None` for anything else.
struct Record<T>(Option<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Record<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RecordVisitor(PhantomData))
    }
}

/// Skip whatever a container holds.
fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Scalars become their text; null and containers become "".
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar")
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        Ok(serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string()))
    }
    fn visit_unit<E>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_none<E>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<String, A::Error> {
        drain_seq(seq).map(|()| String::new())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
        drain_map(map).map(|()| String::new())
    }
}

/// Non-negative integers from numbers or numeric text; anything else is `None`.
struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a count")
    }
    fn visit_u64<E>(self, v: u64) -> Result<Option<u64>, E> {
        Ok(Some(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Option<u64>, E> {
        Ok(u64::try_from(v).ok())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Option<u64>, E> {
        Ok((v.is_finite() && v >= 0.0).then_some(v as u64))
    }
    fn visit_str<E>(self, v: &str) -> Result<Option<u64>, E> {
        Ok(v.trim().parse().ok())
    }
    fn visit_bool<E>(self, _: bool) -> Result<Option<u64>, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Option<u64>, E> {
        Ok(None)
    }
    fn visit_none<E>(self) -> Result<Option<u64>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<u64>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<u64>, A::Error> {
        drain_seq(seq).map(|()| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<u64>, A::Error> {
        drain_map(map).map(|()| None)
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(Record(item)) = seq.next_element::<Record<T>>()? {
            out.extend(item);
        }
        Ok(out)
    }
    fn visit_unit<E>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        if v.trim().is_empty() {
            Ok(Vec::new())
        } else {
            Err(E::custom("expected a list, found text"))
        }
    }
}

struct RecordVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for RecordVisitor<T> {
    type Value = Record<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Record<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|t| Record(Some(t)))
    }
    /// A list where a record belongs (`[[…]]`) is a list of another shape: malformed, not
    /// a row to skip, or the whole list would read as empty.
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Record<T>, A::Error> {
        Err(serde::de::Error::custom("a list where a record belongs"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Record<T>, E> {
        Ok(Record(None))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Record<T>, E> {
        Ok(Record(None))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Record<T>, E> {
        Ok(Record(None))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Record<T>, E> {
        Ok(Record(None))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Record<T>, E> {
        Ok(Record(None))
    }
    fn visit_unit<E>(self) -> Result<Record<T>, E> {
        Ok(Record(None))
    }
    fn visit_none<E>(self) -> Result<Record<T>, E> {
        Ok(Record(None))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Record<T>, D::Error> {
        d.deserialize_any(self)
    }
}

struct StringsVisitor;

impl<'de> Visitor<'de> for StringsVisitor {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of text")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut out = Vec::new();
        while let Some(Text(s)) = seq.next_element::<Text>()? {
            if !s.is_empty() {
                out.push(s);
            }
        }
        Ok(out)
    }
    fn visit_str<E>(self, v: &str) -> Result<Vec<String>, E> {
        Ok(if v.is_empty() {
            Vec::new()
        } else {
            vec![v.to_owned()]
        })
    }
    fn visit_string<E>(self, v: String) -> Result<Vec<String>, E> {
        Ok(if v.is_empty() { Vec::new() } else { vec![v] })
    }
    fn visit_bool<E>(self, _: bool) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_unit<E>(self) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E>(self) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<String>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<String>, A::Error> {
        drain_map(map).map(|()| Vec::new())
    }
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
mod tests;
