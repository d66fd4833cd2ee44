//! Reading a vendor answer: HTTP status, envelope, status code, then the typed `Result`.
//! Anything that is not the documented envelope (an HTML error page, a truncated body)
//! becomes a typed error, never a panic.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeOwned, Error as _, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::api::error::{ApiError, TransportKind};
use crate::api::lenient::{self, value_to_string, value_to_u64};
use crate::api::reply::{Paging, Reply};
use crate::api::status::{self, StatusClass, Vendor};
use crate::api::wire::WireResult;

/// The envelope fields common to both vendors, read leniently.
struct Envelope<T> {
    code: String,
    message: String,
    order_number: Option<String>,
    paging: Option<Paging>,
    result: Payload<T>,
}

/// The `Result` as read: absent; already typed on the fast path (`None` when null); or a
/// tree when the body had to be read the slow, forgiving way (typed only when the status
/// says it is data).
enum Payload<T> {
    Absent,
    Typed(Option<T>),
    Tree(Value),
}

impl<T> Payload<T> {
    fn of_tree(result: Option<Value>) -> Self {
        result.map_or(Payload::Absent, Payload::Tree)
    }

    fn of_wire(result: Option<Option<T>>) -> Self {
        result.map_or(Payload::Absent, Payload::Typed)
    }
}

/// The QCC envelope and its typed `Result` read in one pass: no intermediate tree and no
/// second scan, so a large answer is read once. Any surprise (a `Result` of another shape,
/// as error answers may carry, a duplicate key, trailing bytes) falls back to the
/// forgiving path.
#[derive(Deserialize)]
#[serde(bound(deserialize = "T: WireResult"))]
struct QccWire<T> {
    #[serde(rename = "Status", default, deserialize_with = "lenient::opt_string")]
    status: Option<String>,
    #[serde(rename = "Message", default, deserialize_with = "lenient::string")]
    message: String,
    #[serde(
        rename = "OrderNumber",
        default,
        deserialize_with = "lenient::opt_string"
    )]
    order_number: Option<String>,
    #[serde(rename = "Paging", default)]
    paging: Option<Value>,
    /// `None` when absent, `Some(None)` when null.
    #[serde(rename = "Result", default, deserialize_with = "shaped")]
    result: Option<Option<T>>,
}

/// [`QccWire`] for Juhe's envelope.
#[derive(Deserialize)]
#[serde(bound(deserialize = "T: WireResult"))]
struct JuheWire<T> {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    error_code: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    reason: String,
    #[serde(default, deserialize_with = "shaped")]
    result: Option<Option<T>>,
}

/// A present `Result` of the documented shape, typed in the same pass (`None` for null).
/// Another shape fails the fast path, so the forgiving path reads the status first: an error
/// answer may carry anything in `Result`.
fn shaped<'de, D: Deserializer<'de>, T: WireResult>(d: D) -> Result<Option<Option<T>>, D::Error> {
    struct Shape<T>(PhantomData<T>);
    impl<'de, T: WireResult> Visitor<'de> for Shape<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(if T::IS_ARRAY { "an array" } else { "an object" })
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            if T::IS_ARRAY {
                return Err(A::Error::invalid_type(Unexpected::Map, &self));
            }
            T::deserialize(MapAccessDeserializer::new(map)).map(Some)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            if !T::IS_ARRAY {
                return Err(A::Error::invalid_type(Unexpected::Seq, &self));
            }
            T::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
        }
    }
    d.deserialize_any(Shape(PhantomData)).map(Some)
}

/// The body without a leading UTF-8 byte-order mark (some gateways add one).
fn without_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

/// The body read in one pass. The text is checked to be UTF-8 once, as a whole, rather
/// than string by string as `from_slice` would: a tenth of the reading time of a large
/// answer.
fn one_pass<W: DeserializeOwned>(body: &[u8]) -> serde_json::Result<W> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}

/// Derived structs also read a JSON array positionally; only an object is an envelope.
fn looks_like_object(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Parse a QCC JSON answer (`{"Status","Message","OrderNumber","Paging","Result"}`).
pub fn parse_qcc<T: WireResult>(http_status: u16, body: &[u8]) -> Result<Reply<T>, ApiError> {
    let body = without_bom(body);
    let fast = looks_like_object(body).then(|| one_pass::<QccWire<T>>(body));
    let env = match fast {
        Some(Ok(wire)) => {
            let Some(code) = wire.status.filter(|c| !c.trim().is_empty()) else {
                return Err(bad_body(http_status, body, "the answer has no Status"));
            };
            Envelope {
                code,
                message: wire.message,
                order_number: wire.order_number,
                paging: wire.paging.as_ref().and_then(paging_of),
                result: Payload::of_wire(wire.result),
            }
        }
        _ => qcc_envelope(json_object(http_status, body)?, http_status, body)?,
    };
    finish(Vendor::Qcc, env)
}

/// Parse a QCC XML answer (`<YJServiceResult><Status/><Message/><Result>…</Result>`).
pub fn parse_qcc_xml<T: WireResult>(http_status: u16, body: &[u8]) -> Result<Reply<T>, ApiError> {
    let body = without_bom(body);
    let obj = match super::report_xml::to_json(body) {
        Ok(obj) => obj,
        Err(detail) => return Err(bad_body(http_status, body, &detail)),
    };
    let env = qcc_envelope(obj, http_status, body)?;
    finish(Vendor::Qcc, env)
}

/// Parse a Juhe answer (`{"error_code","reason","result"}`).
pub fn parse_juhe<T: WireResult>(http_status: u16, body: &[u8]) -> Result<Reply<T>, ApiError> {
    let body = without_bom(body);
    let fast = looks_like_object(body).then(|| one_pass::<JuheWire<T>>(body));
    let (code, message, result) = match fast {
        Some(Ok(wire)) => (wire.error_code, wire.reason, Payload::of_wire(wire.result)),
        _ => {
            let mut obj = json_object(http_status, body)?;
            let code = status_field(&obj, "error_code");
            let message = obj
                .remove("reason")
                .map(value_to_string)
                .unwrap_or_default();
            let result = Payload::of_tree(obj.remove("result"));
            (code, message, result)
        }
    };
    let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
        return Err(bad_body(http_status, body, "the answer has no error_code"));
    };
    let env = Envelope {
        code,
        message,
        order_number: None,
        paging: None,
        result,
    };
    finish(Vendor::Juhe, env)
}

/// A status field's text, or `None` when it is missing, null or blank (no envelope).
fn status_field(obj: &Map<String, Value>, name: &str) -> Option<String> {
    obj.get(name)
        .cloned()
        .map(value_to_string)
        .filter(|s| !s.trim().is_empty())
}

/// QCC's `Paging` object, each number read leniently.
fn paging_of(v: &Value) -> Option<Paging> {
    let p = v.as_object()?;
    Some(Paging {
        page_size: p.get("PageSize").and_then(value_to_u64).unwrap_or(0),
        page_index: p.get("PageIndex").and_then(value_to_u64).unwrap_or(0),
        total_records: p.get("TotalRecords").and_then(value_to_u64).unwrap_or(0),
    })
}

fn qcc_envelope<T>(
    mut obj: Map<String, Value>,
    http_status: u16,
    body: &[u8],
) -> Result<Envelope<T>, ApiError> {
    let Some(code) = status_field(&obj, "Status") else {
        return Err(bad_body(http_status, body, "the answer has no Status"));
    };
    let paging = obj.remove("Paging").as_ref().and_then(paging_of);
    Ok(Envelope {
        code,
        message: obj
            .remove("Message")
            .map(value_to_string)
            .unwrap_or_default(),
        order_number: obj
            .remove("OrderNumber")
            .map(value_to_string)
            .filter(|s| !s.is_empty()),
        paging,
        result: Payload::of_tree(obj.remove("Result")),
    })
}

fn finish<T: WireResult>(vendor: Vendor, env: Envelope<T>) -> Result<Reply<T>, ApiError> {
    let code = env.code.trim();
    let Some(info) = status::lookup(vendor, code) else {
        return Err(ApiError::UnknownStatus {
            vendor,
            code: code.to_string(),
            message: env.message,
        });
    };
    let data = match info.class {
        StatusClass::Ok => Some(success_data(vendor, env.result)?),
        StatusClass::NoResult | StatusClass::Pending => None,
        _ => {
            return Err(ApiError::Status {
                info: *info,
                message: if env.message.is_empty() {
                    info.message.to_string()
                } else {
                    env.message
                },
            })
        }
    };
    Ok(Reply {
        status: *info,
        message: env.message,
        order_number: env.order_number,
        paging: env.paging,
        data,
    })
}

/// A success's data: `null` is empty; no `Result` at all, or one of another shape, is a
/// malformed answer.
fn success_data<T: WireResult>(vendor: Vendor, result: Payload<T>) -> Result<T, ApiError> {
    let field = match vendor {
        Vendor::Qcc => "Result",
        Vendor::Juhe => "result",
    };
    let shape_error = |e: &dyn fmt::Display| {
        decode(format!(
            "the {field} does not have the documented shape: {e}"
        ))
    };
    match result {
        Payload::Absent => Err(decode(format!(
            "the answer says success but has no {field}"
        ))),
        Payload::Typed(typed) => Ok(typed.unwrap_or_default()),
        Payload::Tree(Value::Null) => Ok(T::default()),
        Payload::Tree(tree) if !of_shape::<T>(&tree) => Err(shape_error(&format!(
            "expected {}, got {}",
            if T::IS_ARRAY { "an array" } else { "an object" },
            kind_of(&tree)
        ))),
        Payload::Tree(tree) => serde_json::from_value(tree).map_err(|e| shape_error(&e)),
    }
}

fn of_shape<T: WireResult>(v: &Value) -> bool {
    if T::IS_ARRAY {
        v.is_array()
    } else {
        v.is_object()
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The body as a JSON object, or the right error: an HTTP failure when the status was not
/// 2xx and the body is no envelope; a decode failure otherwise.
fn json_object(http_status: u16, body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(obj)) => Ok(obj),
        Ok(_) => Err(bad_body(
            http_status,
            body,
            "the answer is JSON but not an object",
        )),
        Err(e) if e.is_eof() => Err(bad_body(
            http_status,
            body,
            "the answer was cut off (truncated JSON)",
        )),
        Err(e) => Err(bad_body(
            http_status,
            body,
            &format!("malformed JSON ({e})"),
        )),
    }
}

fn bad_body(http_status: u16, body: &[u8], detail: &str) -> ApiError {
    if !(200..300).contains(&http_status) {
        return ApiError::transport(
            TransportKind::Http,
            format!("HTTP {http_status}{}", describe_page(body)),
        );
    }
    let page = describe_page(body);
    decode(if page.is_empty() {
        detail.to_string()
    } else {
        format!("{detail}{page}")
    })
}

fn decode(detail: impl Into<String>) -> ApiError {
    ApiError::transport(TransportKind::Decode, detail)
}

/// ": an HTML page titled “…”" for HTML bodies, so a gateway error reads plainly.
pub(crate) fn describe_page(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    let lower = text.to_ascii_lowercase();
    if !(lower.contains("<html") || lower.contains("<!doctype html")) {
        return String::new();
    }
    let title = lower
        .find("<title>")
        .and_then(|start| {
            let from = start + "<title>".len();
            lower[from..]
                .find("</title>")
                .map(|len| text[from..from + len].trim().to_string())
        })
        .filter(|t| !t.is_empty());
    match title {
        Some(t) => format!(
            ": an HTML page titled \"{}\"",
            t.chars().take(80).collect::<String>()
        ),
        None => ": an HTML page".to_string(),
    }
}

#[cfg(test)]
mod tests;
