//! The `dtype=xml` form of the report endpoints, read with a real XML parser (quick-xml) and
//! turned into the same JSON shape as the JSON form, so one code path types both.

use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{Map, Value};

/// The documented form nests three deep. A hostile body nesting thousands deep would build
/// a value tree whose (recursive) drop and typing overflow the stack: refuse it early.
const MAX_DEPTH: usize = 32;

/// `<YJServiceResult><Status/><Message/><Result><A/><B/></Result></YJServiceResult>` as
/// `{"Status":…, "Message":…, "Result":{"A":…, "B":…}}`. Namespaces and attributes are
/// ignored; an empty `<Result/>` is `null`.
pub fn to_json(body: &[u8]) -> Result<Map<String, Value>, String> {
    // Text is trimmed once per element at its end tag: trimming per event would eat the
    // spaces around an entity (`A &amp; B`).
    let mut reader = Reader::from_reader(body);
    let mut stack: Vec<(String, Map<String, Value>, String)> = Vec::new();
    let mut root: Option<(String, Value)> = None;
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("the XML nests deeper than {MAX_DEPTH} levels"));
                }
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                stack.push((name, Map::new(), String::new()));
            }
            Event::Empty(empty) => {
                let name = String::from_utf8_lossy(empty.local_name().as_ref()).into_owned();
                match stack.last_mut() {
                    Some((_, children, _)) => {
                        children.insert(name, Value::Null);
                    }
                    None => root = Some((name, Value::Null)),
                }
            }
            Event::Text(text) => {
                let t = text
                    .decode()
                    .map_err(|e| format!("undecodable XML text: {e}"))?;
                let t =
                    quick_xml::escape::unescape(&t).map_err(|e| format!("bad XML escape: {e}"))?;
                if let Some((_, _, acc)) = stack.last_mut() {
                    acc.push_str(&t);
                }
            }
            Event::CData(cdata) => {
                if let Some((_, _, acc)) = stack.last_mut() {
                    acc.push_str(&String::from_utf8_lossy(&cdata));
                }
            }
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let resolved = match name.as_str() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    _ => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_default(),
                };
                if let Some((_, _, acc)) = stack.last_mut() {
                    acc.push_str(&resolved);
                }
            }
            Event::End(_) => {
                let Some((name, children, text)) = stack.pop() else {
                    return Err("unbalanced XML end tag".into());
                };
                let text = text.trim().to_string();
                let value = if !children.is_empty() {
                    Value::Object(children)
                } else if text.is_empty() && name == "Result" {
                    Value::Null
                } else {
                    Value::String(text)
                };
                match stack.last_mut() {
                    Some((_, parent, _)) => {
                        parent.insert(name, value);
                    }
                    None => root = Some((name, value)),
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !stack.is_empty() {
        return Err("the XML was cut off (unclosed elements)".into());
    }
    match root {
        Some((name, Value::Object(map))) if name == "YJServiceResult" => Ok(map),
        Some((name, _)) => Err(format!("unexpected XML root element <{name}>")),
        None => Err("no XML document".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_form() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<YJServiceResult xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<Status>200</Status><Message>查询成功</Message>
<Result><ReportStatus>S</ReportStatus><ReportUrl>/api/rpt/retrieve?code=a&amp;b=1</ReportUrl></Result>
</YJServiceResult>"#;
        let m = to_json(xml.as_bytes()).unwrap();
        assert_eq!(m["Status"], "200");
        assert_eq!(m["Result"]["ReportUrl"], "/api/rpt/retrieve?code=a&b=1");
    }

    #[test]
    fn empty_result_and_broken_documents() {
        let m =
            to_json(b"<YJServiceResult><Status>205</Status><Message/><Result/></YJServiceResult>")
                .unwrap();
        assert_eq!(m["Result"], Value::Null);
        assert!(to_json(b"<YJServiceResult><Status>200</Status><Res").is_err());
        assert!(to_json(b"<html><body>502</body></html>").is_err());
        assert!(to_json(b"").is_err());
    }

    #[test]
    fn refuses_deep_nesting_instead_of_overflowing_the_stack() {
        let mut xml = String::from("<YJServiceResult><Status>200</Status><Result>");
        xml.push_str(&"<a>".repeat(20_000));
        let err = to_json(xml.as_bytes()).unwrap_err();
        assert!(err.contains("deeper"), "{err}");
    }
}
