//! `corpvet vet` through the real binary against a sandbox this test starts: each flag from
//! the sandbox company built for it, the exit codes, local refusals that send nothing, and
//! the `--json` shape pinned by a snapshot.

use std::path::Path;
use std::process::Command;

mod cli_support;

use corpvet::sandbox::Sandbox;
use serde_json::Value;

const TODAY: &str = "2026-11-24";

fn corpvet(home: &Path, sandbox: &Sandbox) -> Command {
    let mut c = cli_support::against(home, sandbox);
    c.env("CORPVET_RETRY_BASE_DELAY_MS", "10")
        .env("CORPVET_RATE_LIMIT", "0");
    c
}

/// `vet ARGS --today TODAY --json`: (exit code, the document).
fn vet_json(sandbox: &Sandbox, args: &[&str]) -> (i32, Value) {
    let home = tempfile::tempdir().unwrap();
    let out = corpvet(home.path(), sandbox)
        .arg("vet")
        .args(args)
        .args(["--today", TODAY, "--json"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let doc = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}: {text} {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap_or(-1), doc)
}

fn flag_codes(doc: &Value, level: &str) -> Vec<String> {
    doc["data"]["verdict"]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["level"] == level)
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn each_flag_from_the_company_built_for_it() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let (code, doc) = vet_json(&sandbox, &["宁波甬舟泽汇进出口有限公司"]);
    assert_eq!(code, 6);
    assert_eq!(
        flag_codes(&doc, "red"),
        ["customs_dishonest", "smuggling_penalty"]
    );
    assert!(flag_codes(&doc, "warning").contains(&"customs_penalty".to_string()));

    let (code, doc) = vet_json(&sandbox, &["浙江华屹建设集团有限公司"]);
    assert_eq!(code, 6);
    assert_eq!(flag_codes(&doc, "red"), ["qualification_expired"]);
    assert!(flag_codes(&doc, "warning").contains(&"qualification_expiring".to_string()));

    let (code, doc) = vet_json(&sandbox, &["东莞市宏发五金塑胶制品有限公司"]);
    assert_eq!(code, 6);
    assert_eq!(flag_codes(&doc, "red"), ["customs_dishonest"]);

    let (code, doc) = vet_json(&sandbox, &["广州穗港通达供应链管理有限公司"]);
    assert_eq!(code, 5);
    assert_eq!(flag_codes(&doc, "warning"), ["customs_cancelled"]);

    let (code, doc) = vet_json(&sandbox, &["天津滨海鑫源化工贸易有限公司"]);
    assert_eq!(code, 5);
    assert!(flag_codes(&doc, "warning").contains(&"annual_report_missing".to_string()));

    let (code, doc) = vet_json(&sandbox, &["北京知行远咨询管理有限公司"]);
    assert_eq!(code, 1);
    assert_eq!(doc["data"]["verdict"]["level"], "nothing_found");

    let (code, doc) = vet_json(&sandbox, &["成都天府蜀韵园林绿化工程有限公司"]);
    assert!(
        flag_codes(&doc, "good").contains(&"qualifications_valid".to_string()),
        "{code}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn details_on_request_show_revoked_certificates_and_the_aeo_level() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let many = "深圳市鹏科智联电子股份有限公司";
    let (code, doc) = vet_json(&sandbox, &[many]);
    assert_eq!(code, 5);
    assert_eq!(flag_codes(&doc, "good"), ["advanced_certified"]);
    assert!(flag_codes(&doc, "warning").contains(&"certificates_unchecked".to_string()));
    assert_eq!(
        sandbox
            .counters()
            .requests("ECICertification/GetCertificationDetailById"),
        0
    );

    let (code, doc) = vet_json(&sandbox, &[many, "--details", "--yes"]);
    assert_eq!(code, 6);
    let red = flag_codes(&doc, "red");
    assert_eq!(red, ["certificate_revoked"; 4], "2 撤销 + 2 注销");
    let warn = flag_codes(&doc, "warning");
    assert!(warn.contains(&"issuer_not_valid".to_string()));
    assert!(warn.contains(&"certificate_not_valid".to_string()));
    assert!(!warn.contains(&"certificates_unchecked".to_string()));
    assert_eq!(doc["data"]["verdict"]["counts"]["certificates_checked"], 47);
    assert_eq!(
        sandbox
            .counters()
            .billed("ECICertification/GetCertificationDetailById"),
        47
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_codes_when_nothing_could_be_vetted_and_local_refusals() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let (code, doc) = vet_json(&sandbox, &["额度耗尽测试有限公司"]);
    assert_eq!(code, 3);
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["error"]["code"], "116");
    assert_eq!(doc["data"]["verdict"]["level"], "incomplete");
    let (code, _) = vet_json(&sandbox, &["网关故障测试有限公司"]);
    assert_eq!(code, 4);

    let before = sandbox.counters().snapshot();
    let (code, doc) = vet_json(&sandbox, &["91440300033424790X"]);
    assert_eq!(code, 2);
    assert_eq!(doc["error"]["class"], "invalid_input");
    let (code, doc) = vet_json(&sandbox, &["宁波甬舟泽汇进出口有限公司", "--details"]);
    assert_eq!(code, 2, "non-interactive --details needs --yes");
    assert!(doc["error"]["message"].as_str().unwrap().contains("--yes"));
    assert_eq!(sandbox.counters().snapshot(), before, "nothing sent");
}

/// `fetched_at` and the vendor's order numbers are the only volatile fields.
fn redact(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                if k == "fetched_at" && !x.is_null() {
                    *x = Value::String("[fetched_at]".into());
                } else if k == "order_numbers" {
                    let n = x.as_array().map_or(0, Vec::len);
                    *x = Value::String(format!("[{n} order numbers]"));
                } else {
                    redact(x);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn vet_json_shape_is_pinned() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let (code, mut doc) = vet_json(&sandbox, &["宁波甬舟泽汇进出口有限公司"]);
    assert_eq!(code, 6);
    redact(&mut doc);
    insta::assert_snapshot!(
        "vet_json_ningbo",
        serde_json::to_string_pretty(&doc).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_certificate_page_cap_comes_from_the_config_and_the_flag_wins() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let pages = || {
        sandbox
            .counters()
            .requests("ECICertification/SearchCertification")
    };
    let home = tempfile::tempdir().unwrap();
    let run = |extra_env: Option<&str>, args: &[&str]| {
        let mut c = corpvet(home.path(), &sandbox);
        if let Some(n) = extra_env {
            c.env("CORPVET_CERTIFICATE_PAGES", n);
        }
        c.arg("vet")
            .arg("深圳市鹏科智联电子股份有限公司")
            .args(["--today", TODAY, "--refresh"])
            .args(args)
            .output()
            .unwrap()
    };
    let before = pages();
    run(Some("1"), &[]);
    assert_eq!(pages() - before, 1, "one page of the 47 certificates");
    let before = pages();
    run(Some("1"), &["--max-pages", "2"]);
    assert_eq!(pages() - before, 2, "the flag wins over the config");
    let before = pages();
    run(None, &[]);
    assert_eq!(pages() - before, 3, "default 5 pages: all three");
}

/// Juhe's 5001 qualifications read up to the page cap: the vet says how much it read, warns
/// about the rest, and bills exactly the pages it read.
#[tokio::test(flavor = "multi_thread")]
async fn a_list_cut_short_by_the_page_cap_is_reported_and_billed_per_page() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let billed = || sandbox.counters().billed("bqQualification/query");
    let before = billed();
    let (code, doc) = vet_json(
        &sandbox,
        &[
            "寰宇基建控股集团有限公司",
            "--provider",
            "juhe",
            "--max-pages",
            "3",
        ],
    );
    assert_eq!(billed() - before, 3, "three pages read, three billed");
    assert_eq!(code, 6, "expired qualifications among the 60 read");
    let coverage = &doc["data"]["records"]["coverage"]["qualifications_juhe"];
    assert_eq!(coverage["listed"], 60);
    assert_eq!(coverage["total"], 5001);
    assert!(flag_codes(&doc, "warning").contains(&"list_incomplete".to_string()));
    assert!(!flag_codes(&doc, "good").contains(&"qualifications_valid".to_string()));

    // The table says it too.
    let home = tempfile::tempdir().unwrap();
    let out = corpvet(home.path(), &sandbox)
        .args([
            "vet",
            "寰宇基建控股集团有限公司",
            "--provider",
            "juhe",
            "--max-pages",
            "3",
        ])
        .args(["--today", TODAY])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("60 listed of 5001"), "{text}");
}

/// A POSIX zone whose local date differs from China's right now (UTC−12 until 20:00 in
/// China, UTC+14 after), so a date read from the machine's zone shows.
fn zone_off_by_a_day() -> (&'static str, chrono::NaiveDate) {
    use chrono::Timelike;
    let china = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap());
    let zone = if china.hour() < 20 {
        "Etc/GMT+12"
    } else {
        "Etc/GMT-14"
    };
    (zone, china.date_naive())
}

#[tokio::test(flavor = "multi_thread")]
async fn expiry_is_judged_on_china_s_date_whatever_the_machine_s_zone() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let (zone, china_today) = zone_off_by_a_day();
    let out = corpvet(home.path(), &sandbox)
        .env("TZ", zone)
        .args(["vet", "浙江华屹建设集团有限公司", "--json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["data"]["today"],
        china_today.format("%Y-%m-%d").to_string(),
        "TZ={zone}"
    );
    let human = corpvet(home.path(), &sandbox)
        .env("TZ", zone)
        .args(["vet", "浙江华屹建设集团有限公司", "--offline"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains(&format!("as of {china_today}, China time")),
        "{text}"
    );
}

/// Asked of both providers, the two lists are lined up by certificate number: where Juhe's
/// copy disagrees (the sandbox's 武汉江城 lacks one, dates one a year early, grades one
/// higher) each difference is a warning with both records; where they agree it is said once.
#[tokio::test(flavor = "multi_thread")]
async fn qcc_and_juhe_lined_up_by_certificate_number() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let (_, doc) = vet_json(
        &sandbox,
        &["武汉江城工程监理咨询有限公司", "--provider", "both"],
    );
    let flags = doc["data"]["verdict"]["flags"].as_array().unwrap();
    let disagree: Vec<&Value> = flags
        .iter()
        .filter(|f| f["code"] == "providers_disagree")
        .collect();
    let text: Vec<&str> = disagree.iter().map(|f| f["en"].as_str().unwrap()).collect();
    assert_eq!(disagree.len(), 3, "{text:#?}");
    assert!(
        text.iter()
            .any(|t| t.contains("A242015520") && t.contains("Juhe does not")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|t| t.contains("E142008816")
            && t.contains("2028-05-18")
            && t.contains("2027-05-18")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("B242011903") && t.contains("grades")),
        "{text:#?}"
    );
    for f in &disagree {
        assert_eq!(f["level"], "warning");
    }
    let both = disagree
        .iter()
        .find(|f| f["en"].as_str().unwrap().contains("expiry"))
        .unwrap();
    let sources: Vec<&str> = both["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["qualifications_qcc", "qualifications_juhe"]);
    assert!(!flags.iter().any(|f| f["code"] == "providers_agree"));

    let (_, doc) = vet_json(
        &sandbox,
        &["浙江华屹建设集团有限公司", "--provider", "both"],
    );
    let flags = doc["data"]["verdict"]["flags"].as_array().unwrap();
    let agree: Vec<&str> = flags
        .iter()
        .filter(|f| f["code"] == "providers_agree")
        .map(|f| f["en"].as_str().unwrap())
        .collect();
    assert_eq!(agree, ["QCC and Juhe agree on 4 qualifications"]);
    assert!(!flags.iter().any(|f| f["code"] == "providers_disagree"));
    // One provider: nothing to line up.
    let (_, doc) = vet_json(&sandbox, &["武汉江城工程监理咨询有限公司"]);
    let flags = doc["data"]["verdict"]["flags"].as_array().unwrap();
    assert!(!flags
        .iter()
        .any(|f| f["code"].as_str().unwrap().starts_with("providers_")));
}
