//! The vendors' envelopes: QCC's `{Status, Message, OrderNumber, Paging, Result}` (JSON, or
//! the report calls' `YJServiceResult` XML) and Juhe's `{reason, result, error_code}`.

use quick_xml::escape::escape;
use serde::Serialize;
use serde_json::{Map, Value};

use super::ids;
use super::reply::{self, Reply};
use crate::api::status::{lookup, Vendor};

/// The QCC table's message for `code` (every code the sandbox sends is in the table).
pub fn qcc_message(code: &str) -> &'static str {
    lookup(Vendor::Qcc, code).map_or("", |s| s.message)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

/// `Paging` as in the documents.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Paging {
    pub page_size: usize,
    pub page_index: usize,
    pub total_records: usize,
}

/// How one QCC endpoint dresses its answers, following its own document's example.
#[derive(Debug, Clone, Copy)]
pub struct Qcc {
    /// First path segment; upper-cased it prefixes `OrderNumber`.
    pub controller: &'static str,
    /// The envelope has `Paging` (certificate search, customs).
    pub paged: bool,
    /// The envelope has `OrderNumber` (every data call; the report calls' examples have none).
    pub order_number: bool,
    pub format: Format,
}

impl Qcc {
    /// An answer without data (`Result` null, `Paging` null) and the table's message.
    pub fn status(&self, code: &str) -> Reply {
        self.answer(code, qcc_message(code), Value::Null, None)
    }

    /// Status 200 with data.
    pub fn ok(&self, message: &str, result: Value, paging: Option<Paging>) -> Reply {
        self.answer("200", message, result, paging)
    }

    /// QCC bills every 有效 answer that carries a result or an empty state: 200 and 201.
    fn answer(&self, code: &str, message: &str, result: Value, paging: Option<Paging>) -> Reply {
        let billed = code == "200" || code == "201";
        match self.format {
            Format::Json => Reply::vendor(
                reply::JSON,
                self.json(code, message, result, paging),
                billed,
            ),
            Format::Xml => Reply::vendor(reply::XML, self.xml(code, message, &result), billed),
        }
    }

    fn json(&self, code: &str, message: &str, result: Value, paging: Option<Paging>) -> String {
        let mut map = Map::new();
        map.insert("Status".into(), code.into());
        map.insert("Message".into(), message.into());
        if self.order_number {
            map.insert(
                "OrderNumber".into(),
                ids::order_number(self.controller).into(),
            );
        }
        if self.paged {
            let paging = paging
                .and_then(|p| serde_json::to_value(p).ok())
                .unwrap_or(Value::Null);
            map.insert("Paging".into(), paging);
        }
        map.insert("Result".into(), result);
        Value::Object(map).to_string()
    }

    /// The documents' XML form, one element per line; a null `Result` is left out.
    fn xml(&self, code: &str, message: &str, result: &Value) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<YJServiceResult \
             xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n",
        );
        element(&mut out, "Status", &Value::from(code));
        element(&mut out, "Message", &Value::from(message));
        if self.order_number {
            element(
                &mut out,
                "OrderNumber",
                &Value::from(ids::order_number(self.controller)),
            );
        }
        if !result.is_null() {
            element(&mut out, "Result", result);
        }
        out.push_str("</YJServiceResult>\n");
        out
    }
}

/// `<name>value</name>`; objects nest one element per key, arrays repeat the element.
fn element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Object(map) => {
            out.push_str(&format!("<{name}>\n"));
            for (key, inner) in map {
                element(out, key, inner);
            }
            out.push_str(&format!("</{name}>\n"));
        }
        Value::Array(items) => items.iter().for_each(|item| element(out, name, item)),
        Value::String(s) => out.push_str(&format!("<{name}>{}</{name}>\n", escape(s.as_str()))),
        Value::Null => out.push_str(&format!("<{name}></{name}>\n")),
        other => out.push_str(&format!("<{name}>{other}</{name}>\n")),
    }
}

/// A Juhe answer; `reason` is the document's text for `code`. Juhe bills success (0) and
/// "no result" (265004).
pub fn juhe(code: u32, result: Value) -> Reply {
    let reason = lookup(Vendor::Juhe, &code.to_string()).map_or("未知错误", |s| s.message);
    let mut map = Map::new();
    map.insert("reason".into(), reason.into());
    map.insert("result".into(), result);
    map.insert("error_code".into(), code.into());
    Reply::vendor(
        reply::JSON,
        Value::Object(map).to_string(),
        code == 0 || code == 265_004,
    )
}

#[cfg(test)]
mod tests;
