//! A tool's answer as MCP carries it: the envelope as structured content and as its JSON
//! text; a failure as a tool error whose text is the CLI's plain message and advice. Vendor
//! text is data: every string is made printable before it leaves, so an escape sequence in
//! a company name cannot drive the terminal an agent's user watches.

use rmcp::model::{CallToolResult, ContentBlock};
use serde::Serialize;
use serde_json::Value;

use crate::api::ApiError;
use crate::domain::text;
use crate::service::envelope::{Envelope, Source};
use crate::service::Mode;

/// Why a tool call produced no answer.
pub enum Failure {
    /// Refused or failed the way the CLI would say it (the vendor's status, a local
    /// refusal, the network): the error report and the source asked.
    Api(ApiError, Source),
    /// The arguments do not fit the tool's schema.
    Arguments(String),
    /// A failure with what the tool had to say before it (a keyword check's warning, a
    /// hint), in place of the server's own warnings.
    Warned(Box<Failure>, Vec<String>),
}

impl Failure {
    pub fn warned(self, warnings: Vec<String>) -> Failure {
        Failure::Warned(Box::new(self), warnings)
    }
}

impl From<(ApiError, Source)> for Failure {
    fn from((e, source): (ApiError, Source)) -> Self {
        Failure::Api(e, source)
    }
}

/// A successful tool result: `doc` is an envelope.
pub fn success(mut doc: Value) -> CallToolResult {
    printable(&mut doc);
    let mut result = CallToolResult::structured(doc.clone());
    result.content = vec![ContentBlock::text(doc.to_string())];
    result
}

/// A tool error: the plain message (with the vendor's words and an English gloss) and the
/// advice first, for an agent that reads text; the failure envelope as structured content.
pub fn failure(
    tool: &'static str,
    failure: Failure,
    mode: Mode,
    warnings: Vec<String>,
) -> CallToolResult {
    let (failure, warnings) = match failure {
        Failure::Warned(inner, told) => (*inner, told),
        other => (other, warnings),
    };
    let (line, source, report) = match failure {
        Failure::Api(e, source) => (e.with_advice(), source, e.report()),
        Failure::Arguments(why) => {
            let e = ApiError::invalid(format!("the arguments do not fit the tool: {why}"));
            (e.with_advice(), Source::local(mode), e.report())
        }
        Failure::Warned(inner, _) => return self::failure(tool, *inner, mode, warnings),
    };
    let doc = Envelope::failure(tool, source, report, warnings);
    let mut doc = serde_json::to_value(&doc).unwrap_or(Value::Null);
    printable(&mut doc);
    let mut result = CallToolResult::structured_error(doc.clone());
    result.content = vec![
        ContentBlock::text(text::printable(&line, true).into_owned()),
        ContentBlock::text(doc.to_string()),
    ];
    result
}

/// An envelope as the tool's answer; one that cannot be encoded (never expected) is said,
/// not hidden.
pub fn encode<T: Serialize>(envelope: Envelope<T>) -> Result<Value, Failure> {
    let mode = envelope.source.mode;
    serde_json::to_value(envelope).map_err(|e| encoding(e, mode))
}

pub fn encoding(e: serde_json::Error, mode: Mode) -> Failure {
    Failure::Api(
        ApiError::invalid(format!("the answer could not be encoded as JSON: {e}")),
        Source::local(mode),
    )
}

/// Every string in `v` made printable (control characters, bidirectional overrides and
/// the like become spaces; newlines stay).
fn printable(v: &mut Value) {
    match v {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(clean) = text::printable(s, true) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(printable),
        Value::Object(map) => {
            // Keys too: a map keyed by certificate id carries vendor text in its keys.
            let entries = std::mem::take(map);
            for (key, mut value) in entries {
                printable(&mut value);
                map.insert(text::printable(&key, true).into_owned(), value);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_text_leaves_printable() {
        let doc = serde_json::json!({
            "data": [{"name": "恶意\u{1b}[2J公司\u{202e}"}],
            "details": {"id\u{202e}1": true},
            "ok": true
        });
        let result = success(doc);
        let data = result.structured_content.unwrap();
        assert_eq!(data["data"][0]["name"], "恶意 [2J公司 ");
        assert_eq!(data["details"]["id 1"], true, "{data}");
        let Some(text) = result.content[0].as_text() else {
            panic!("no text content")
        };
        assert!(!text.text.contains('\u{1b}'));
        assert!(!text.text.contains('\u{202e}'));
    }
}
