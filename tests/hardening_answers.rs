//! What a hostile or broken vendor sends (issue 12): a malformed success is never read as
//! "no result". Real binary against hostile servers of our own on loopback.

mod cli_support;
mod hostile;

use cli_support::{live, run};
use hostile::{serve, Reply};

/// A success with no `Result`, and one whose `Result` is an array of arrays.
const MALFORMED: [&str; 2] = [
    r#"{"Status":"200","Message":"查询成功","OrderNumber":"X1"}"#,
    r#"{"Status":"200","Message":"查询成功","Result":[[{"CertNo":"D1"}]]}"#,
];

/// Issue 12, point 20: exit 4 (a malformed answer), never exit 1 ("no result") or a clean
/// verdict.
#[tokio::test(flavor = "multi_thread")]
async fn a_success_without_its_result_is_malformed_not_empty() {
    for body in MALFORMED {
        let vendor = serve(Reply::Body("application/json", body.as_bytes().to_vec())).await;
        let home = tempfile::tempdir().unwrap();
        let base = format!("{}/api/yj", vendor.base);
        let (code, out, err) = run(
            &mut live(home.path(), &base, &vendor.base),
            &["building", "浙江华屹建设集团有限公司", "--provider", "qcc"],
        );
        assert_eq!(code, 4, "{body}\nstdout: {out}\nstderr: {err}");
        assert!(err.contains("Result"), "{err}");
        let (code, out, err) = run(
            &mut live(home.path(), &base, &vendor.base),
            &["vet", "浙江华屹建设集团有限公司"],
        );
        assert_ne!(code, 0, "{out}{err}");
        assert_ne!(code, 1, "{out}{err}");
        assert!(
            !out.contains("NOTHING FOUND") && !out.contains("CLEAN"),
            "{out}"
        );
    }
}

/// Vendor text carrying terminal commands: a window title (OSC 0), a clipboard write
/// (OSC 52), a screen clear (CSI 2J, also as the one-character C1 CSI), CR and BEL.
const EVIL: &str = r"\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007\r\u001b[2J\u009b2J\u0007\u007f";

fn no_raw_controls(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: control characters {bad:?} in\n{text}"
    );
}

/// Issue 12, point 3: no control character from the vendor reaches the terminal, on stdout
/// or stderr, in any human printer; `--json` keeps the text, escaped.
#[tokio::test(flavor = "multi_thread")]
async fn vendor_text_never_drives_the_terminal() {
    let building = format!(
        r#"{{"Status":"200","Message":"ok{EVIL}","OrderNumber":"N{EVIL}","Result":{{"VerifyResult":1,"Data":[{{"CertNo":"D{EVIL}","Category":"施工资质{EVIL}","CertNameList":["建筑{EVIL}"],"SignDate":"2024-01-01","ValidPeriod":"2030-01-01","SignDept":"住建{EVIL}","CertScope":"x"}}]}}}}"#
    );
    let refused = format!(r#"{{"Status":"107","Message":"签名错误{EVIL}"}}"#);
    for body in [building, refused] {
        let vendor = serve(Reply::Body("application/json", body.clone().into_bytes())).await;
        let base = format!("{}/api/yj", vendor.base);
        for args in [
            &["building", "浙江华屹建设集团有限公司", "--provider", "qcc"][..],
            &["customs", "浙江华屹建设集团有限公司"],
            &["certs", "浙江华屹建设集团有限公司"],
            &["cert", "ABC123"],
            &["report-status", "ORDER1"],
            &["vet", "浙江华屹建设集团有限公司"],
        ] {
            let home = tempfile::tempdir().unwrap();
            let (_, out, err) = run(&mut live(home.path(), &base, &vendor.base), args);
            let what = format!("{args:?} on {body}");
            no_raw_controls(&what, &out);
            no_raw_controls(&what, &err);
            let mut json = args.to_vec();
            json.push("--json");
            let (_, out, err) = run(&mut live(home.path(), &base, &vendor.base), &json);
            no_raw_controls(&what, &out);
            no_raw_controls(&what, &err);
            let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
            // The vendor's text is kept in the data: the records of a building answer, the
            // message of a refusal.
            if args[0] == "building" || body.contains("107") {
                let text = doc.to_string();
                assert!(
                    text.contains("\\u001b]0;pwned"),
                    "{what}: the data is kept: {out}"
                );
            }
        }
    }
}
