//! Every status code in the five vendor documents' tables, copied here by hand from the
//! documents (not from `src/api/status.rs`): a synthetic envelope carrying it parses to the
//! documented class, the error shows the vendor's Chinese message and an English gloss, and
//! `ApiError::report()` carries the right code, class and retryability.

mod doc_fixtures;

use std::collections::BTreeSet;

use corpvet::api::status::{self, StatusClass, Vendor};
use corpvet::api::wire::envelope::{parse_juhe, parse_qcc, parse_qcc_xml};
use corpvet::api::wire::juhe::JuheResult;
use corpvet::api::wire::qcc::{BuildingResult, ReportInfo};
use corpvet::api::{ApiError, Reply};

use StatusClass::*;

/// Section 7.1 (有效请求状态码) of the building, certificate and customs documents.
const QCC_VALID: &[(&str, &str)] = &[
    ("200", "【有效请求】查询成功"),
    ("201", "【有效请求】查询无结果"),
    ("202", "【有效请求】查询参数错误，请检查"),
    ("205", "【有效请求】等待处理中"),
    ("207", "【有效请求】请求数据的条目数超过上限（5000）"),
    ("208", "【有效请求】此接口不支持此公司类型查询"),
    ("209", "【有效请求】企业数量超过上限"),
    ("213", "【有效请求】参数长度不能小于 2"),
    ("215", "【有效请求】不支持的查询关键字"),
    ("218", "【有效请求】该企业暂不支持空壳扫描"),
    ("219", "【有效请求】该企业暂不支持准入尽调"),
    ("105", "【有效请求】接口已下线停用"),
    ("110", "【有效请求】当前相同查询连续出错，请等 2 小时后重试"),
];

/// Section 7.2 (无效请求状态码) of the building, certificate and customs documents.
const QCC_INVALID: &[(&str, &str)] = &[
    ("101", "【无效请求】当前的 KEY 无效或者还未生效中"),
    ("102", "【无效请求】当前 KEY 已欠费"),
    ("103", "【无效请求】当前 KEY 被暂停使用"),
    ("104", "【无效请求】请求 KEY 异常，请联系管理员"),
    ("106", "【无效请求】非法请求过多，请联系管理员"),
    ("107", "【无效请求】被禁止的 IP 或者签名错误"),
    ("108", "【无效请求】异常请求过多，请联系管理员"),
    ("109", "【无效请求】请求超过每日系统限制"),
    ("111", "【无效请求】接口权限未开通，请联系管理员"),
    ("112", "【无效请求】您的账号剩余使用量已不足或已过期"),
    ("113", "【无效请求】当前接口已被删除，请重新申请"),
    ("114", "【无效请求】当前接口已被禁用，请联系管理员"),
    ("115", "【无效请求】身份验证错误或者已过期"),
    ("116", "【无效请求】请求超过每日调用总量限制"),
    ("117", "【无效请求】当前不支持的请求参数调用量过多"),
    ("118", "【无效请求】当前接口不支持此方式的调用"),
    ("119", "【无效请求】您的帐号出现异常，请联系管理员"),
    ("120", "【无效请求】系统流量异常，请稍后再试"),
    ("121", "【无效请求】数据不能出境"),
    ("199", "【无效请求】系统未知错误，请联系技术客服"),
    ("203", "【无效请求】系统查询有异常，请联系技术人员"),
    ("214", "【无效请求】您还未购买过该接口，请先购买"),
    ("223", "【无效请求】当前接口的计费方式不支持此查询参数"),
];

/// The credit-report document's tables: no 105, 110 (7.1) nor 120, 121 (7.2); adds 500.
const QCC_REPORT_ONLY: &[(&str, &str)] = &[("500", "【无效请求】接口相关的逻辑错误")];
const QCC_NOT_IN_REPORT_DOC: &[&str] = &["105", "110", "120", "121"];

/// 服务级错误码 and 系统级错误码 of the Juhe document (system codes with their current
/// number; the old `resultcode` column is not what the envelope carries).
const JUHE: &[(&str, &str)] = &[
    ("265000", "网络超时,请稍后再试"),
    ("265001", "参数缺失"),
    ("265002", "参数不合法"),
    ("265003", "请求失败"),
    ("265004", "查询无结果"),
    ("265005", "未知错误"),
    ("10001", "错误的请求KEY"),
    ("10002", "该KEY无请求权限"),
    ("10003", "KEY过期"),
    ("10004", "错误的OPENID"),
    ("10005", "应用未审核超时，请提交认证"),
    ("10007", "未知的请求源"),
    ("10008", "被禁止的IP"),
    ("10009", "被禁止的KEY"),
    ("10011", "当前IP请求超过限制"),
    ("10012", "请求超过次数限制"),
    ("10013", "测试KEY超过请求限制"),
    (
        "10014",
        "系统内部异常(调用充值类业务时，请务必联系客服或通过订单查询接口检测订单，避免造成损失)",
    ),
    ("10020", "接口维护"),
    ("10021", "接口停用"),
];

/// The class each code must have, as `docs/PROTOCOL.md` (status codes) states it, decided
/// from the documents and issue 2, code by code.
fn expected_class(vendor: Vendor, code: &str) -> StatusClass {
    match vendor {
        Vendor::Qcc => match code {
            "200" => Ok,
            "201" => NoResult,
            "205" => Pending,
            // Wrong parameters, a keyword too short, a keyword or parameter not accepted.
            "202" | "213" | "215" | "223" | "117" => BadInput,
            // The vendor cannot answer this query (rows, company type, scans, call method).
            "207" | "208" | "209" | "218" | "219" | "118" => Unsupported,
            "101" | "102" | "103" | "104" | "106" | "108" | "111" | "113" | "114" | "115"
            | "119" | "121" | "214" => KeyOrAccount,
            "107" => Signature,
            "109" | "112" | "116" => Quota,
            "120" => Throttled,
            // Same query failed repeatedly: wait two hours, never retry automatically.
            "110" => Cooldown,
            "199" | "203" | "500" => UpstreamFault,
            "105" => Retired,
            other => panic!("no expectation for QCC {other}"),
        },
        Vendor::Juhe => match code {
            "0" => Ok,
            "265004" => NoResult,
            "265001" | "265002" => BadInput,
            "265000" | "265003" | "265005" | "10014" | "10020" => UpstreamFault,
            "10001" | "10002" | "10003" | "10004" | "10005" | "10007" | "10008" | "10009" => {
                KeyOrAccount
            }
            "10011" => Throttled,
            "10012" | "10013" => Quota,
            "10021" => Retired,
            other => panic!("no expectation for Juhe {other}"),
        },
    }
}

fn class_name(c: StatusClass) -> &'static str {
    match c {
        Ok => "ok",
        NoResult => "no_result",
        Pending => "pending",
        BadInput => "bad_input",
        Unsupported => "unsupported",
        KeyOrAccount => "key_or_account",
        Signature => "signature",
        Quota => "quota",
        Throttled => "throttled",
        Cooldown => "cooldown",
        UpstreamFault => "upstream_fault",
        Retired => "retired",
        Unknown => "unknown",
    }
}

fn expected_retryable(c: StatusClass) -> bool {
    matches!(c, Throttled | UpstreamFault)
}

/// The documents' texts differ only in spaces (a PDF artefact: `KEY无效` / `KEY 无效`).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The library's message is the document's; only Juhe 10014's long parenthetical note
/// (about top-up services) may be left off.
fn juhe_or_qcc_message_matches(code: &str, table: &str, doc: &str) -> bool {
    let (t, d) = (squash(table), squash(doc));
    !t.is_empty() && (t == d || (code == "10014" && d.starts_with(&t)))
}

fn all_qcc() -> Vec<(&'static str, &'static str)> {
    QCC_VALID
        .iter()
        .chain(QCC_INVALID)
        .chain(QCC_REPORT_ONLY)
        .copied()
        .collect()
}

fn qcc_json(code: &str, message: &str) -> Vec<u8> {
    serde_json::json!({"Status": code, "Message": message, "OrderNumber": null, "Result": null})
        .to_string()
        .into_bytes()
}

fn qcc_xml(code: &str, message: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><YJServiceResult><Status>{code}</Status>\
         <Message>{message}</Message><Result/></YJServiceResult>"
    )
    .into_bytes()
}

fn juhe_json(code: &str, message: &str, as_number: bool) -> Vec<u8> {
    let code = if as_number {
        serde_json::json!(code.parse::<u64>().unwrap())
    } else {
        serde_json::json!(code)
    };
    serde_json::json!({"error_code": code, "reason": message, "result": null})
        .to_string()
        .into_bytes()
}

/// Check one parsed answer against the code's documented meaning.
fn check<T: std::fmt::Debug>(
    what: &str,
    vendor: Vendor,
    code: &str,
    doc_message: &str,
    sent_message: &str,
    r: Result<Reply<T>, ApiError>,
) {
    let class = expected_class(vendor, code);
    let table_matches = |m: &str| juhe_or_qcc_message_matches(code, m, doc_message);
    match class {
        Ok | NoResult | Pending => {
            let reply = r.unwrap_or_else(|e| panic!("{what}: {code} is an answer, got {e:?}"));
            assert_eq!(reply.status.class, class, "{what}");
            assert_eq!(reply.status.code, code, "{what}");
            assert_eq!(reply.status.vendor, vendor, "{what}");
            assert!(
                table_matches(reply.status.message),
                "{what}: {:?}",
                reply.status.message
            );
            assert!(!reply.status.gloss.trim().is_empty(), "{what}");
            assert_eq!(reply.message, sent_message, "{what}");
            assert_eq!(reply.data.is_some(), class == Ok, "{what}");
        }
        _ => {
            let e = match r {
                Err(e) => e,
                other => panic!("{what}: {code} is an error, got {other:?}"),
            };
            let ApiError::Status { info, message } = &e else {
                panic!("{what}: expected ApiError::Status, got {e:?}");
            };
            assert_eq!(info.class, class, "{what}");
            assert_eq!(info.code, code, "{what}");
            assert_eq!(info.vendor, vendor, "{what}");
            assert!(table_matches(info.message), "{what}: {:?}", info.message);
            let gloss = info.gloss.trim();
            assert!(
                !gloss.is_empty()
                    && gloss.is_ascii()
                    && gloss.chars().any(|c| c.is_ascii_alphabetic()),
                "{what}: gloss {gloss:?} is not an English gloss"
            );
            // The text names the code, shows the vendor's Chinese message and the gloss.
            let text = e.to_string();
            let shown = if sent_message.is_empty() {
                info.message
            } else {
                sent_message
            };
            assert!(!message.is_empty(), "{what}");
            assert!(text.contains(code), "{what}: {text}");
            assert!(text.contains(shown), "{what}: {text} lacks {shown}");
            assert!(text.contains(gloss), "{what}: {text}");
            assert_eq!(e.status_class(), Some(class), "{what}");
            assert_eq!(e.vendor_code(), Some(code), "{what}");
            assert_eq!(e.retryable(), expected_retryable(class), "{what}");

            let report = e.report();
            assert_eq!(report.code.as_deref(), Some(code), "{what}");
            assert_eq!(report.class, class_name(class), "{what}");
            assert_eq!(report.retryable, expected_retryable(class), "{what}");
            assert!(
                report.message.contains(shown),
                "{what}: {:?}",
                report.message
            );
            assert_eq!(report.gloss.as_deref(), Some(info.gloss), "{what}");
            assert!(
                report.advice.as_deref().is_some_and(|a| !a.is_empty()),
                "{what}: no advice"
            );
            // The report is what `--json` prints: it serializes with these names.
            let json = serde_json::to_value(&report).unwrap();
            assert_eq!(json["code"], code, "{what}");
            assert_eq!(json["class"], class_name(class), "{what}");
            assert_eq!(json["retryable"], expected_retryable(class), "{what}");
        }
    }
}

#[test]
fn every_qcc_code_in_json_envelopes() {
    for (code, doc_message) in all_qcc() {
        // The vendor's own message, as the table gives it.
        let r = parse_qcc::<BuildingResult>(200, &qcc_json(code, doc_message));
        check("json", Vendor::Qcc, code, doc_message, doc_message, r);
        // No message at all: the table's message is shown.
        let r = parse_qcc::<BuildingResult>(200, &qcc_json(code, ""));
        check("json, no message", Vendor::Qcc, code, doc_message, "", r);
        // The status as a number, with spaces.
        let body = format!(r#"{{"Status": {code}, "Message": "{doc_message}", "Result": null}}"#);
        let r = parse_qcc::<BuildingResult>(200, body.as_bytes());
        check(
            "json, numeric status",
            Vendor::Qcc,
            code,
            doc_message,
            doc_message,
            r,
        );
        let body =
            format!(r#"{{"Status": " {code} ", "Message": "{doc_message}", "Result": null}}"#);
        let r = parse_qcc::<BuildingResult>(200, body.as_bytes());
        check(
            "json, padded status",
            Vendor::Qcc,
            code,
            doc_message,
            doc_message,
            r,
        );
    }
}

#[test]
fn every_qcc_code_in_xml_envelopes() {
    for (code, doc_message) in all_qcc() {
        let r = parse_qcc_xml::<ReportInfo>(200, &qcc_xml(code, doc_message));
        check("xml", Vendor::Qcc, code, doc_message, doc_message, r);
        let r = parse_qcc_xml::<ReportInfo>(200, &qcc_xml(code, ""));
        check("xml, no message", Vendor::Qcc, code, doc_message, "", r);
    }
}

#[test]
fn every_juhe_code() {
    for (code, doc_message) in JUHE {
        for as_number in [true, false] {
            let what = if as_number { "number" } else { "string" };
            let r = parse_juhe::<JuheResult>(200, &juhe_json(code, doc_message, as_number));
            check(what, Vendor::Juhe, code, doc_message, doc_message, r);
        }
        let r = parse_juhe::<JuheResult>(200, &juhe_json(code, "", true));
        check("no reason", Vendor::Juhe, code, doc_message, "", r);
    }
    // 0 is success (the document's example: `"reason": "success", "error_code": 0`).
    let r = parse_juhe::<JuheResult>(200, &juhe_json("0", "success", true)).unwrap();
    assert_eq!((r.status.code, r.status.class), ("0", Ok));
    assert_eq!(r.data, Some(JuheResult::default()));
}

/// An error status on an HTTP error status (QCC answers some faults with HTTP 500 and the
/// envelope) is still the vendor's typed status.
#[test]
fn status_envelopes_on_http_error_statuses_are_still_read() {
    for (code, doc_message) in [
        ("500", "【无效请求】接口相关的逻辑错误"),
        ("120", "【无效请求】系统流量异常，请稍后再试"),
    ] {
        for http in [500, 502, 429] {
            let r = parse_qcc::<ReportInfo>(http, &qcc_json(code, doc_message));
            check(
                &format!("HTTP {http}"),
                Vendor::Qcc,
                code,
                doc_message,
                doc_message,
                r,
            );
        }
    }
    let r = parse_juhe::<JuheResult>(503, &juhe_json("10020", "接口维护", true));
    check("HTTP 503", Vendor::Juhe, "10020", "接口维护", "接口维护", r);
}

/// A code no document lists is an error of class Unknown that shows the vendor's words.
#[test]
fn undocumented_codes_are_unknown_errors() {
    for (vendor, body) in [
        (Vendor::Qcc, qcc_json("777", "奇怪的错误")),
        (Vendor::Qcc, qcc_json("210", "奇怪的错误")),
        (Vendor::Juhe, juhe_json("265099", "奇怪的错误", true)),
        (Vendor::Juhe, juhe_json("10010", "奇怪的错误", false)),
    ] {
        let e = match vendor {
            Vendor::Qcc => parse_qcc::<BuildingResult>(200, &body).map(|_| ()),
            Vendor::Juhe => parse_juhe::<JuheResult>(200, &body).map(|_| ()),
        }
        .unwrap_err();
        assert!(matches!(e, ApiError::UnknownStatus { .. }), "{e:?}");
        assert_eq!(e.status_class(), Some(Unknown));
        assert!(e.to_string().contains("奇怪的错误"), "{e}");
        let r = e.report();
        assert_eq!((r.class.as_str(), r.retryable), ("unknown", false));
        assert!(r.code.is_some());
    }
    // The vendors' code spaces are separate: QCC's 200 is not a Juhe code, Juhe's 0 not QCC's.
    assert!(parse_juhe::<JuheResult>(200, &juhe_json("200", "x", true)).is_err());
    assert!(parse_qcc::<BuildingResult>(200, &qcc_json("0", "x")).is_err());
}

/// The library's tables hold exactly the documented codes (plus Juhe's success 0) and their
/// documented messages.
#[test]
fn the_library_tables_are_exactly_the_documents_tables() {
    let documented: BTreeSet<&str> = all_qcc().iter().map(|(c, _)| *c).collect();
    let listed: BTreeSet<&str> = status::all(Vendor::Qcc).iter().map(|s| s.code).collect();
    assert_eq!(listed, documented);
    for (code, doc_message) in all_qcc() {
        let info = status::lookup(Vendor::Qcc, code).unwrap();
        assert_eq!(squash(info.message), squash(doc_message), "{code}");
    }
    let mut documented: BTreeSet<&str> = JUHE.iter().map(|(c, _)| *c).collect();
    documented.insert("0");
    let listed: BTreeSet<&str> = status::all(Vendor::Juhe).iter().map(|s| s.code).collect();
    assert_eq!(listed, documented);
    for (code, doc_message) in JUHE {
        let info = status::lookup(Vendor::Juhe, code).unwrap();
        assert!(
            juhe_or_qcc_message_matches(code, info.message, doc_message),
            "{code}: {:?}",
            info.message
        );
    }
    assert_eq!(
        QCC_VALID.len() + QCC_INVALID.len() + QCC_REPORT_ONLY.len(),
        37
    );
    assert_eq!(JUHE.len(), 20);
}

/// The status rows of one document: `code message` lines in its section 7 (QCC) or its
/// error-code section (Juhe), message lines cut by the PDF joined back.
fn table_rows(text: &str, qcc: bool) -> Vec<(String, String)> {
    let start = if qcc {
        text.find("7、请求状态码").expect("section 7")
    } else {
        text.rfind("2、错误码参照").expect("error codes")
    };
    let end = text[start..]
        .find("8、技术支持")
        .map_or(text.len(), |e| start + e);
    let mut rows: Vec<(String, String)> = Vec::new();
    for line in text[start..end].lines() {
        let line = line.trim();
        let mut parts = line.splitn(2, |c: char| c.is_whitespace());
        let (first, rest) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or("").trim(),
        );
        let is_code = !first.is_empty()
            && first.chars().all(|c| c.is_ascii_digit())
            && (3..=6).contains(&first.len())
            && !rest.is_empty();
        if is_code {
            // Juhe rows end with the old resultcode column.
            let message = if qcc {
                rest.to_string()
            } else {
                rest.rsplit_once(|c: char| c.is_whitespace())
                    .filter(|(_, old)| old.chars().all(|c| c.is_ascii_digit()))
                    .map_or(rest, |(m, _)| m.trim())
                    .to_string()
            };
            rows.push((first.to_string(), message));
        } else if qcc && line == "重试" {
            // 110's message is cut before its last word.
            rows.last_mut().unwrap().1.push_str(line);
        }
    }
    rows
}

/// Cross-check of the hand-copied lists above against the documents themselves (kept in
/// the repository, so this always runs).
#[test]
fn the_hand_copied_lists_match_the_documents() {
    let dir = doc_fixtures::vendor_docs_dir();
    let read = |f: &str| {
        let path = dir.join(f);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    };
    let general: Vec<(&str, &str)> = QCC_VALID.iter().chain(QCC_INVALID).copied().collect();
    for file in [
        "qcc-building-qualification.txt",
        "qcc-certificates.txt",
        "qcc-customs-credit.txt",
    ] {
        let rows = table_rows(&read(file), true);
        let got: Vec<(String, String)> = rows.iter().map(|(c, m)| (c.clone(), squash(m))).collect();
        let want: Vec<(String, String)> = general
            .iter()
            .map(|(c, m)| (c.to_string(), squash(m)))
            .collect();
        assert_eq!(got, want, "{file}");
    }
    let rows = table_rows(&read("qcc-credit-report.txt"), true);
    let got: Vec<(String, String)> = rows.iter().map(|(c, m)| (c.clone(), squash(m))).collect();
    let want: Vec<(String, String)> = general
        .iter()
        .chain(QCC_REPORT_ONLY)
        .filter(|(c, _)| !QCC_NOT_IN_REPORT_DOC.contains(c))
        .map(|(c, m)| (c.to_string(), squash(m)))
        .collect();
    assert_eq!(got, want, "qcc-credit-report.txt");
    let rows = table_rows(&read("juhe-building-qualification.txt"), false);
    let got: Vec<(String, String)> = rows.iter().map(|(c, m)| (c.clone(), squash(m))).collect();
    let want: Vec<(String, String)> = JUHE
        .iter()
        .map(|(c, m)| (c.to_string(), squash(m)))
        .collect();
    assert_eq!(got, want, "juhe-building-qualification.txt");
}

/// Real answers word their messages unlike the tables ("参数长度不能小于2", ASCII
/// parentheses) and carry codes of older tables (204, 206, 216, 221, 222, 299): the class
/// comes from the code alone, and the user reads the vendor's own words whatever the code.
#[test]
fn the_class_comes_from_the_code_and_the_vendor_s_own_words_are_shown() {
    for (code, message, class) in [
        ("213", "参数长度不能小于2", BadInput),
        ("207", "请求数据的条目数超过上限(5000)", Unsupported),
        ("120", "系统繁忙 稍后再试", Throttled),
        // A message that reads like another code's does not change the class.
        ("201", "【无效请求】当前 KEY 已欠费", NoResult),
    ] {
        match parse_qcc::<BuildingResult>(200, &qcc_json(code, message)) {
            Result::Ok(reply) => assert_eq!(reply.status.class, class, "{code}"),
            Err(e) => {
                assert_eq!(e.status_class(), Some(class), "{code}");
                assert!(e.to_string().contains(message), "{code}: {e}");
                assert_eq!(e.report().message, message, "{code}");
            }
        }
    }
    for code in ["204", "206", "216", "221", "222", "299"] {
        let message = format!("【无效请求】旧表 {code}");
        let e = parse_qcc::<BuildingResult>(200, &qcc_json(code, &message)).unwrap_err();
        assert_eq!(e.status_class(), Some(Unknown), "{code}");
        assert!(e.to_string().contains(&message), "{code}: {e}");
        assert_eq!(e.report().code.as_deref(), Some(code));
        assert!(!e.retryable(), "{code}: an unknown code is never retried");
    }
}
