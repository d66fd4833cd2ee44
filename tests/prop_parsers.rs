//! Property tests (issue 6): every response parser, JSON and XML, and every domain
//! conversion of whatever parses, never panics on arbitrary bytes or on arbitrary damage to
//! the vendor documents' own examples (`tests/fixtures/docs/`): byte flips, truncations,
//! insertions, fields nulled, deleted, retyped or replaced. And the credit-code validator:
//! arbitrary strings never panic; a valid code (its check character computed here,
//! independently of the crate) passes, with or without the spacing and full-width forms
//! people type; one character changed fails the check character.
//!
//! Case counts are modest so the whole file runs in seconds in a debug build.

mod doc_fixtures;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::RngSeed;
use serde_json::{Map, Number, Value};

use corpvet::api::error::ApiError;
use corpvet::api::wire::envelope::{parse_juhe, parse_qcc, parse_qcc_xml};
use corpvet::api::wire::juhe::JuheResult;
use corpvet::api::wire::qcc::{
    BuildingResult, CertificationDetail, CertificationList, CustomsResult, ReportInfo, ReportOrder,
};
use corpvet::api::Reply;
use corpvet::domain::credit_code::{self, CodeCheck, CHARSET};
use corpvet::domain::dates::Judged;
use corpvet::domain::page::Page;
use corpvet::domain::{
    parse_keyword, Certificate, CertificateDetail, CustomsRecord, Qualification, ReportState,
};
use doc_fixtures::{fixture, Doc, Form, FIXTURES};

const CASES: u32 = 128;

/// `cases` from a fixed seed, so CI is deterministic; `PROPTEST_CASES` and
/// `PROPTEST_RNG_SEED` explore further by hand (e.g. 20000 cases from another seed).
fn config(cases: u32) -> ProptestConfig {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    ProptestConfig {
        cases: env("PROPTEST_CASES").map_or(cases, |n| n as u32),
        rng_seed: RngSeed::Fixed(env("PROPTEST_RNG_SEED").unwrap_or(0x6_2026_1124)),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// The documents' examples and one way to push any body through the right parser.

/// Every (endpoint, format) pair a real client parses.
const ALL_PARSERS: &[(Doc, Form)] = &[
    (Doc::Building, Form::QccJson),
    (Doc::CertSearch, Form::QccJson),
    (Doc::CertDetail, Form::QccJson),
    (Doc::Customs, Form::QccJson),
    (Doc::ReportCreate, Form::QccJson),
    (Doc::ReportCreate, Form::QccXml),
    (Doc::ReportInfo, Form::QccJson),
    (Doc::ReportInfo, Form::QccXml),
    (Doc::Juhe, Form::JuheJson),
    // The XML form is only documented for reports, but nothing stops a server from sending
    // XML for any endpoint: the XML reader must cope with every wire type too.
    (Doc::Building, Form::QccXml),
    (Doc::CertSearch, Form::QccXml),
    (Doc::CertDetail, Form::QccXml),
    (Doc::Customs, Form::QccXml),
];

fn parse<T: corpvet::api::wire::WireResult>(
    form: Form,
    status: u16,
    body: &[u8],
) -> Result<Reply<T>, ApiError> {
    match form {
        Form::QccJson => parse_qcc(status, body),
        Form::QccXml => parse_qcc_xml(status, body),
        Form::JuheJson => parse_juhe(status, body),
    }
}

/// What an error turns into on every front end: the report (CLI JSON, explorer error box),
/// its text and its class. None of it may panic, whatever the body held.
fn use_error(e: &ApiError) {
    let report = e.report();
    let _ = serde_json::to_string(&report).expect("an error report serialises");
    let _ = e.to_string();
    let _ = (e.class_name(), e.advice(), e.retryable(), e.vendor_code());
}

/// Everything the CLI and the worker do with a parsed answer: the domain conversion, the
/// page arithmetic, the JSON output and the labels.
fn use_page<T: serde::Serialize>(page: Page<T>) {
    assert!(page.page >= 1, "pages count from 1");
    assert!(
        page.total >= page.items.len() as u64,
        "the total is never below what arrived"
    );
    let _ = (
        page.page_count(),
        page.has_next(),
        page.has_prev(),
        page.label(),
    );
    serde_json::to_string(&page).expect("a page serialises");
}

/// Parse `body` as `doc` in `form`, then convert whatever parsed into domain types.
/// Returns whether it parsed (for the sanity checks on undamaged input).
fn exercise(doc: Doc, form: Form, status: u16, body: &[u8], today: NaiveDate) -> bool {
    fn done<T>(r: Result<Reply<T>, ApiError>, f: impl FnOnce(Reply<T>)) -> bool {
        match r {
            Ok(reply) => {
                let _ = (reply.status.code, &reply.message, &reply.order_number);
                f(reply);
                true
            }
            Err(e) => {
                use_error(&e);
                false
            }
        }
    }
    match doc {
        Doc::Building => done(parse::<BuildingResult>(form, status, body), |r| {
            let items: Vec<Qualification> = r
                .data
                .iter()
                .flat_map(|d| d.data.iter())
                .map(|q| Qualification::from_qcc(q.clone()))
                .collect();
            use_page(Page::from_paging(items, r.paging, 1, 20).map(|x| Judged::on(x, today)));
        }),
        Doc::CertSearch => done(parse::<CertificationList>(form, status, body), |r| {
            let items: Vec<Certificate> = r
                .data
                .iter()
                .flat_map(|d| d.iter())
                .map(|c| Certificate::from_wire(c.clone()))
                .collect();
            use_page(Page::from_paging(items, r.paging, 3, 20).map(|x| Judged::on(x, today)));
        }),
        Doc::CertDetail => done(parse::<CertificationDetail>(form, status, body), |r| {
            if let Some(d) = &r.data {
                let detail = CertificateDetail::from_wire(d);
                let _ = detail.flags(today);
                serde_json::to_string(&Judged::on(&detail, today)).expect("a detail serialises");
            }
        }),
        Doc::Customs => done(parse::<CustomsResult>(form, status, body), |r| {
            let items: Vec<CustomsRecord> = r
                .data
                .iter()
                .flat_map(|d| d.data.iter())
                .map(|r| CustomsRecord::from_wire(r.clone()))
                .collect();
            use_page(Page::from_paging(items, r.paging, 1, 0));
        }),
        Doc::ReportCreate => done(parse::<ReportOrder>(form, status, body), |r| {
            let _ = r.data.map(|o| o.order_no);
        }),
        Doc::ReportInfo => done(parse::<ReportInfo>(form, status, body), |r| {
            let state = ReportState::from_reply(&r);
            let _ = (state.code(), state.label(), state.is_terminal());
            serde_json::to_string(&state).expect("a report state serialises");
        }),
        Doc::Juhe => done(parse::<JuheResult>(form, status, body), |r| {
            let items: Vec<Qualification> = r
                .data
                .iter()
                .flat_map(|d| d.items.iter())
                .map(|q| Qualification::from_juhe(q.clone()))
                .collect();
            use_page(Page::from_paging(items, r.paging, 2, 20).map(|x| Judged::on(x, today)));
        }),
    }
}

// ---------------------------------------------------------------------------------------
// Damage.

/// One structural change to a JSON document, at a node chosen by `at`.
#[derive(Debug, Clone)]
enum JsonEdit {
    Null,
    Delete,
    /// String ↔ number, number → string, bool → string, array ↔ object, scalar → array.
    SwapType,
    Replace(Value),
    /// Repeat an array's first element (or wrap a scalar in an array) `n` times.
    Repeat(u8),
    /// An extra, unknown key beside the node.
    AddKey(String, Value),
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<u64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        "[0-9０-９\\-/ ]{0,20}".prop_map(Value::String),
        Just(Value::String("9999-99-99 99:99:99".into())),
        Just(Value::String(
            "一级 特级 甲级 乙级 AEO高级认证企业 失信企业".into()
        )),
        Just(Value::String(" \u{3000}\t\n".into())),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((".{0,6}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn json_edit() -> impl Strategy<Value = JsonEdit> {
    prop_oneof![
        3 => Just(JsonEdit::Null),
        3 => Just(JsonEdit::Delete),
        4 => Just(JsonEdit::SwapType),
        3 => json_value().prop_map(JsonEdit::Replace),
        1 => (0u8..60).prop_map(JsonEdit::Repeat),
        1 => ("[A-Za-z]{1,8}", json_value()).prop_map(|(k, v)| JsonEdit::AddKey(k, v)),
    ]
}

/// JSON pointers to every node of `v` (the root included).
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let escaped = k.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{here}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

fn swap_type(v: Value) -> Value {
    match v {
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(n) => Value::Number(n.into()),
            Err(_) => Value::Array(vec![Value::String(s)]),
        },
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Null => Value::Object(Map::new()),
        Value::Array(items) => Value::Object(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect(),
        ),
        Value::Object(map) => Value::Array(map.into_iter().map(|(_, v)| v).collect()),
    }
}

fn apply_json(doc: &mut Value, at: Index, edit: &JsonEdit) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let ptr = at.get(&all).clone();
    if let JsonEdit::Delete = edit {
        if let Some((parent, last)) = ptr.rsplit_once('/') {
            let last = last.replace("~1", "/").replace("~0", "~");
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&last);
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                }
                _ => {}
            }
            return;
        }
    }
    if let JsonEdit::AddKey(k, v) = edit {
        if let Some((parent, _)) = ptr.rsplit_once('/') {
            if let Some(Value::Object(map)) = doc.pointer_mut(parent) {
                map.insert(k.clone(), v.clone());
            }
        }
        return;
    }
    let Some(node) = doc.pointer_mut(&ptr) else {
        return;
    };
    let old = node.take();
    *node = match edit {
        JsonEdit::Null | JsonEdit::Delete => Value::Null,
        JsonEdit::SwapType => swap_type(old),
        JsonEdit::Replace(v) => v.clone(),
        JsonEdit::Repeat(n) => {
            let item = match old {
                Value::Array(items) => items.into_iter().next().unwrap_or(Value::Null),
                other => other,
            };
            Value::Array(vec![item; usize::from(*n)])
        }
        JsonEdit::AddKey(..) => old,
    };
}

/// One change to raw bytes, at a position chosen by `at`.
#[derive(Debug, Clone)]
enum ByteEdit {
    Flip(u8),
    Truncate,
    Insert(Vec<u8>),
    Delete(u8),
    /// Cut inside a multi-byte character on purpose: the position is moved to the next
    /// non-ASCII byte.
    CutInsideChar,
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        3 => (0u8..8).prop_map(|bit| ByteEdit::Flip(1 << bit)),
        3 => Just(ByteEdit::Truncate),
        2 => prop_oneof![
            prop::collection::vec(any::<u8>(), 1..8),
            prop::sample::select(vec![
                b"{".to_vec(), b"}".to_vec(), b"[".to_vec(), b"\"".to_vec(), b"\\u".to_vec(),
                b"<".to_vec(), b"</".to_vec(), b"&amp".to_vec(), b"<![CDATA[".to_vec(),
                b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>".to_vec(), "中".as_bytes().to_vec(),
                b"\xef\xbb\xbf".to_vec(), b"\0".to_vec(), b"1e999999".to_vec(),
                b"-0".to_vec(), b"null".to_vec(),
            ]),
        ].prop_map(ByteEdit::Insert),
        2 => (1u8..32).prop_map(ByteEdit::Delete),
        2 => Just(ByteEdit::CutInsideChar),
    ]
}

fn apply_bytes(body: &mut Vec<u8>, at: Index, edit: &ByteEdit) {
    let len = body.len();
    let i = if len == 0 { 0 } else { at.index(len) };
    match edit {
        ByteEdit::Flip(mask) => {
            if let Some(b) = body.get_mut(i) {
                *b ^= mask;
            }
        }
        ByteEdit::Truncate => body.truncate(i),
        ByteEdit::Insert(bytes) => {
            let tail = body.split_off(i.min(len));
            body.extend_from_slice(bytes);
            body.extend(tail);
        }
        ByteEdit::Delete(n) => {
            let end = (i + usize::from(*n)).min(len);
            body.drain(i.min(len)..end);
        }
        ByteEdit::CutInsideChar => {
            if let Some(j) = body[i.min(len)..].iter().position(|b| *b >= 0x80) {
                body.truncate(i + j + 1);
            }
        }
    }
}

/// One change to an XML body's structure: an element's text replaced (unescaped, so it
/// may itself carry markup), or a tag dropped or renamed.
#[derive(Debug, Clone)]
enum XmlEdit {
    Text(String),
    DropTag,
    RenameTag(String),
}

fn xml_edit() -> impl Strategy<Value = XmlEdit> {
    prop_oneof![
        3 => prop_oneof![
            ".{0,16}",
            Just(String::new()),
            Just("<Result><Result/></Result>".to_string()),
            Just("&unknown;".to_string()),
            Just("<![CDATA[ 200 ]]>".to_string()),
            Just("<OrderNo>1</OrderNo><OrderNo>2</OrderNo>".to_string()),
        ].prop_map(XmlEdit::Text),
        1 => Just(XmlEdit::DropTag),
        1 => "[A-Za-z:]{0,10}".prop_map(XmlEdit::RenameTag),
    ]
}

fn apply_xml(body: &str, at: Index, edit: &XmlEdit) -> String {
    match edit {
        XmlEdit::Text(text) => {
            // The text spans: between a '>' and the next '<'.
            let spans: Vec<(usize, usize)> = body
                .match_indices('>')
                .filter_map(|(i, _)| body[i + 1..].find('<').map(|j| (i + 1, i + 1 + j)))
                .collect();
            if spans.is_empty() {
                return body.to_string();
            }
            let (a, b) = *at.get(&spans);
            format!("{}{}{}", &body[..a], text, &body[b..])
        }
        XmlEdit::DropTag | XmlEdit::RenameTag(_) => {
            let tags: Vec<(usize, usize)> = body
                .match_indices('<')
                .filter_map(|(i, _)| body[i..].find('>').map(|j| (i, i + j + 1)))
                .collect();
            if tags.is_empty() {
                return body.to_string();
            }
            let (a, b) = *at.get(&tags);
            let replacement = match edit {
                XmlEdit::RenameTag(name) => {
                    let closing = body[a..].starts_with("</");
                    format!("<{}{}>", if closing { "/" } else { "" }, name)
                }
                _ => String::new(),
            };
            format!("{}{}{}", &body[..a], replacement, &body[b..])
        }
    }
}

fn http_status() -> impl Strategy<Value = u16> {
    prop_oneof![
        6 => Just(200u16),
        1 => prop::sample::select(vec![0u16, 100, 204, 301, 400, 401, 403, 404, 429, 500, 502, 503, 504]),
        1 => any::<u16>(),
    ]
}

fn today() -> impl Strategy<Value = NaiveDate> {
    // 1990..2060, plus the extremes chrono allows.
    prop_oneof![
        8 => (0i64..25_567).prop_map(|d| {
            NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(d)
        }),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
    ]
}

// ---------------------------------------------------------------------------------------
// The parsers.

#[test]
fn every_fixture_parses_undamaged() {
    // The sanity anchor for the properties below: undamaged, each example parses, so the
    // mutations start from documents that reach the domain conversions.
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    for (name, doc, form) in FIXTURES {
        let body = fixture(name);
        assert!(
            exercise(*doc, *form, 200, &body, day),
            "{name} should parse"
        );
    }
}

proptest! {
    #![proptest_config(config(CASES))]

    /// Arbitrary bytes, through every parser, with any HTTP status.
    #[test]
    fn arbitrary_bytes_never_panic(
        body in prop::collection::vec(any::<u8>(), 0..512),
        status in http_status(),
        day in today(),
    ) {
        for (doc, form) in ALL_PARSERS {
            exercise(*doc, *form, status, &body, day);
        }
    }

    /// Arbitrary text that looks a little like an envelope (so it gets past the first
    /// checks more often than random bytes do).
    #[test]
    fn envelope_shaped_text_never_panics(
        status_field in json_value(),
        result in json_value(),
        paging in json_value(),
        message in json_value(),
        http in http_status(),
        day in today(),
    ) {
        let qcc = serde_json::json!({
            "Status": status_field, "Message": message, "Paging": paging, "Result": result,
        });
        let juhe = serde_json::json!({
            "error_code": qcc["Status"], "reason": qcc["Message"], "result": qcc["Result"],
        });
        let qcc = serde_json::to_vec(&qcc).unwrap();
        let juhe = serde_json::to_vec(&juhe).unwrap();
        for (doc, form) in ALL_PARSERS {
            let body = if *form == Form::JuheJson { &juhe } else { &qcc };
            exercise(*doc, *form, http, body, day);
        }
    }

    /// The documents' JSON examples with fields nulled, deleted, retyped, replaced,
    /// repeated or added, then possibly damaged byte by byte.
    #[test]
    fn damaged_json_examples_never_panic(
        which in any::<Index>(),
        edits in prop::collection::vec((any::<Index>(), json_edit()), 1..6),
        bytes in prop::collection::vec((any::<Index>(), byte_edit()), 0..3),
        status in http_status(),
        day in today(),
    ) {
        let json: Vec<_> = FIXTURES.iter().filter(|f| f.2 != Form::QccXml).collect();
        let (name, doc, form) = **which.get(&json);
        let mut value: Value = serde_json::from_slice(&fixture(name)).unwrap();
        for (at, edit) in &edits {
            apply_json(&mut value, *at, edit);
        }
        let mut body = serde_json::to_vec_pretty(&value).unwrap();
        for (at, edit) in &bytes {
            apply_bytes(&mut body, *at, edit);
        }
        exercise(doc, form, status, &body, day);
    }

    /// Every example, JSON and XML, damaged byte by byte only.
    #[test]
    fn byte_damaged_examples_never_panic(
        which in any::<Index>(),
        edits in prop::collection::vec((any::<Index>(), byte_edit()), 1..8),
        status in http_status(),
        day in today(),
    ) {
        let (name, doc, form) = *which.get(FIXTURES);
        let mut body = fixture(name);
        for (at, edit) in &edits {
            apply_bytes(&mut body, *at, edit);
        }
        exercise(doc, form, status, &body, day);
        // A body meant for one endpoint arriving at another (a proxy mix-up).
        for (other_doc, other_form) in ALL_PARSERS {
            exercise(*other_doc, *other_form, status, &body, day);
        }
    }

    /// The XML examples with element text replaced by anything (markup included), tags
    /// dropped or renamed, then possibly damaged byte by byte.
    #[test]
    fn damaged_xml_examples_never_panic(
        which in any::<Index>(),
        edits in prop::collection::vec((any::<Index>(), xml_edit()), 1..5),
        bytes in prop::collection::vec((any::<Index>(), byte_edit()), 0..2),
        status in http_status(),
        day in today(),
    ) {
        let xml: Vec<_> = FIXTURES.iter().filter(|f| f.2 == Form::QccXml).collect();
        let (name, doc, form) = **which.get(&xml);
        let mut text = String::from_utf8(fixture(name)).unwrap();
        for (at, edit) in &edits {
            text = apply_xml(&text, *at, edit);
        }
        let mut body = text.into_bytes();
        for (at, edit) in &bytes {
            apply_bytes(&mut body, *at, edit);
        }
        exercise(doc, form, status, &body, day);
    }

    /// Deep nesting: serde_json's recursion limit, and the XML reader's depth limit,
    /// answer with an error rather than a stack overflow (10 000 nested XML elements used
    /// to abort the process; the documents nest 3 deep).
    #[test]
    fn deep_nesting_never_panics(
        depth in prop_oneof![1usize..64, 64usize..50_000],
        shape in 0u8..4,
    ) {
        let body = match shape {
            0 => format!(
                "<YJServiceResult><Status>200</Status><Result>{}{}</Result></YJServiceResult>",
                "<a>".repeat(depth),
                "</a>".repeat(depth)
            ),
            1 => format!(
                "{{\"Status\":\"200\",\"Result\":{}{}}}",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
            // Inside a record's field, where the lenient field readers run.
            2 => format!(
                "{{\"Status\":\"200\",\"Result\":{{\"Data\":[{{\"CertNo\":{}1{}}}]}},\
                 \"result\":{{\"items\":[{{\"organ\":{}1{}}}]}},\"error_code\":0}}",
                "[".repeat(depth),
                "]".repeat(depth),
                "[".repeat(depth),
                "]".repeat(depth)
            ),
            _ => format!(
                "{{\"Status\":\"200\",\"Result\":{}1{}}}",
                "{\"a\":".repeat(depth),
                "}".repeat(depth)
            ),
        };
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        for (doc, form) in ALL_PARSERS {
            exercise(*doc, *form, 200, body.as_bytes(), day);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The credit-code validator.

/// GB 32100-2015, computed here without the crate: weights 3^i mod 31 over the first 17
/// characters; the check value is (31 − sum mod 31) mod 31.
fn check_char(first17: &[u8]) -> u8 {
    let charset = CHARSET.as_bytes();
    assert_eq!(charset.len(), 31);
    let mut weight = 1u32;
    let mut sum = 0u32;
    for b in first17 {
        let v = charset.iter().position(|c| c == b).unwrap() as u32;
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    charset[((31 - sum % 31) % 31) as usize]
}

fn valid_code() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARSET.as_bytes().to_vec()), 17).prop_map(
        |mut first17| {
            let c = check_char(&first17);
            first17.push(c);
            String::from_utf8(first17).unwrap()
        },
    )
}

/// The full-width form of an ASCII character (what some Chinese input methods type).
fn full_width(c: char) -> char {
    char::from_u32(c as u32 + 0xFEE0).unwrap()
}

#[test]
fn known_codes_match_the_independent_check() {
    // Codes from the documents and the sandbox: the independent check agrees with them.
    for code in [
        "91320594088140947F",
        "913307830859910682",
        "91440300033424790Y",
        "91330206792126460X",
        "913101153221040135",
    ] {
        assert_eq!(
            check_char(&code.as_bytes()[..17]),
            code.as_bytes()[17],
            "{code}"
        );
        assert!(
            matches!(credit_code::check(code), CodeCheck::Valid { .. }),
            "{code}"
        );
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Any string at all: the validator and the keyword vetting answer, never panic.
    #[test]
    fn arbitrary_strings_never_panic(s in ".{0,40}", force in any::<bool>()) {
        let _ = credit_code::check(&s);
        let _ = credit_code::normalise(&s);
        let _ = credit_code::forbidden_letters(&s);
        let _ = credit_code::looks_like_registration_number(&s);
        match parse_keyword(&s, force) {
            Ok(k) => prop_assert!(!k.text.is_empty()),
            Err(e) => use_error(&e),
        }
    }

    /// Strings close to a code (18 characters from a code-like alphabet, with letters a
    /// code never uses, lower case, full-width forms and separators).
    #[test]
    fn code_shaped_strings_never_panic(s in "[0-9A-Za-z０-９Ａ-Ｚ \\-—\u{3000}]{15,22}") {
        let _ = credit_code::check(&s);
        let _ = credit_code::forbidden_letters(&s);
        let _ = parse_keyword(&s, false);
    }

    /// A code whose check character is computed independently passes, also as typed with
    /// lower case, spaces, hyphens and full-width characters.
    #[test]
    fn valid_codes_pass(code in valid_code(), spaced in any::<bool>(), wide in any::<bool>()) {
        prop_assert!(
            matches!(credit_code::check(&code), CodeCheck::Valid { .. }),
            "{} should be valid", code
        );
        let mut typed = String::new();
        for (i, c) in code.to_lowercase().chars().enumerate() {
            if spaced && i > 0 && i % 6 == 0 {
                typed.push(if i == 6 { ' ' } else { '-' });
            }
            typed.push(if wide { full_width(c) } else { c });
        }
        prop_assert!(
            matches!(credit_code::check(&typed), CodeCheck::Valid { .. }),
            "{:?} should be valid", typed
        );
        let k = parse_keyword(&typed, false).expect("a valid code is accepted");
        prop_assert_eq!(k.text, code);
    }

    /// One character changed to another from the code alphabet: the check character
    /// fails, and it names the one the first 17 imply. Every weight is non-zero mod 31
    /// (a prime), so every single substitution is caught.
    #[test]
    fn one_changed_character_fails(
        code in valid_code(),
        pos in 0usize..18,
        replacement in prop::sample::select(CHARSET.as_bytes().to_vec()),
    ) {
        let mut bytes = code.clone().into_bytes();
        prop_assume!(bytes[pos] != replacement);
        bytes[pos] = replacement;
        let changed = String::from_utf8(bytes.clone()).unwrap();
        let expected = check_char(&bytes[..17]) as char;
        prop_assert_eq!(
            credit_code::check(&changed),
            CodeCheck::BadCheckDigit { expected, found: bytes[17] as char },
            "{} (from {})", changed, code
        );
        // Refused locally unless forced: nothing is sent or billed.
        prop_assert!(parse_keyword(&changed, false).is_err());
        prop_assert!(parse_keyword(&changed, true).is_ok());
    }

    /// A letter a code never uses (I, O, S, V, Z) in a valid code: not a code any more,
    /// and named as a look-alike when the rest is mostly digits.
    #[test]
    fn forbidden_letters_are_not_codes(
        code in valid_code(),
        pos in 0usize..18,
        letter in prop::sample::select(vec!['I', 'O', 'S', 'V', 'Z']),
    ) {
        let mut chars: Vec<char> = code.chars().collect();
        chars[pos] = letter;
        let changed: String = chars.iter().collect();
        prop_assert_eq!(credit_code::check(&changed), CodeCheck::NotACode);
        let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
        if digits >= 10 {
            prop_assert!(credit_code::forbidden_letters(&changed).contains(&letter));
        }
    }
}
