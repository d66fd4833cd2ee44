//! The vet fan-out against the sandbox: every source asked at once, every certificate page
//! up to the cap, a failing source captured without stopping the others, the cache making a
//! repeat free, and details fetched only on request.

use std::sync::Arc;

use corpvet::api::qcc::endpoint;
use corpvet::api::settings::ApiSettings;
use corpvet::domain::provider::ProviderChoice;
use corpvet::domain::verdict::{vet, FlagCode, Outcome, SourceId, VerdictLevel};
use corpvet::sandbox::Sandbox;
use corpvet::service::cache::{CachePolicy, LookupCache};
use corpvet::service::vet::{
    details_billable, details_to_fetch, fan_out, fetch_details, VetOptions,
};
use corpvet::service::{Backend, Services};
use corpvet::store::prelude::*;

const MANY_CERTS: &str = "深圳市鹏科智联电子股份有限公司";
const TRADER: &str = "宁波甬舟泽汇进出口有限公司";
const QUOTA: &str = "额度耗尽测试有限公司";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn backend(sandbox: &Sandbox) -> Backend {
    let settings = ApiSettings {
        qcc_base_url: sandbox.qcc_base_url(),
        juhe_base_url: sandbox.juhe_base_url(),
        ..ApiSettings::default()
    };
    Backend::for_sandbox_urls(&settings).unwrap()
}

fn cached(backend: Backend) -> Services {
    let cache = LookupCache::new(
        Arc::new(SqliteStore::in_memory().unwrap()),
        CachePolicy::default(),
        "sandbox",
        "sandbox",
    );
    Services::new(backend).with_cache(cache)
}

#[tokio::test]
async fn every_page_up_to_the_cap_and_a_repeat_is_free() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let services = cached(backend(&sandbox));
    let got = fan_out(&services, MANY_CERTS, &VetOptions::default()).await;
    let set = got.input.certificates.found().expect("certificates");
    assert_eq!((set.items.len(), set.total, set.pages), (47, 47, 3));
    assert_eq!(got.input.qualifications_qcc, Outcome::NotFound);
    assert_eq!(got.input.qualifications_juhe, Outcome::NotAsked);
    assert_eq!(got.input.customs.found().map(Vec::len), Some(1));
    assert_eq!(got.calls[&SourceId::Certificates].billed, 3);
    assert_eq!(sandbox.counters().billed(endpoint::CERT_SEARCH), 3);
    let v = vet(&got.input, today());
    assert_eq!(v.level, VerdictLevel::Warning);
    assert!(v
        .flags
        .iter()
        .any(|f| f.code == FlagCode::AdvancedCertified));
    let unchecked = v
        .flags
        .iter()
        .find(|f| f.code == FlagCode::CertificatesUnchecked)
        .unwrap();
    assert!(unchecked.en.starts_with("47 of 47"), "{}", unchecked.en);

    let again = fan_out(&services, MANY_CERTS, &VetOptions::default()).await;
    assert_eq!(again.total().billed, 0);
    assert_eq!(again.total().cached, 5);
    assert_eq!(sandbox.counters().billed_total(), 5, "nothing billed twice");

    let capped = VetOptions {
        max_pages: 2,
        ..VetOptions::default()
    };
    let got = fan_out(&services, MANY_CERTS, &capped).await;
    let set = got.input.certificates.found().unwrap();
    assert_eq!((set.items.len(), set.total, set.pages), (40, 47, 2));
}

#[tokio::test]
async fn a_failing_source_never_stops_the_others() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let mut b = backend(&sandbox);
    b.juhe = None;
    let services = Services::new(b);
    let opts = VetOptions {
        provider: ProviderChoice::Both,
        ..VetOptions::default()
    };
    let got = fan_out(&services, TRADER, &opts).await;
    assert!(got.input.qualifications_juhe.error().is_some());
    assert_eq!(got.input.qualifications_qcc, Outcome::NotFound);
    assert!(got.input.customs.found().is_some());
    let v = vet(&got.input, today());
    assert_eq!(v.level, VerdictLevel::Red);
    assert_eq!(v.unchecked, [SourceId::QualificationsJuhe]);

    let got = fan_out(&services, QUOTA, &VetOptions::default()).await;
    let v = vet(&got.input, today());
    assert_eq!(v.level, VerdictLevel::Incomplete);
    assert_eq!(got.first_error_source(), Some(SourceId::QualificationsQcc));
    assert_eq!(
        got.input.customs.error().unwrap().code.as_deref(),
        Some("116")
    );
}

#[tokio::test]
async fn details_only_on_request_and_their_status_counts() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let services = cached(backend(&sandbox));
    let mut got = fan_out(&services, TRADER, &VetOptions::default()).await;
    assert_eq!(sandbox.counters().requests(endpoint::CERT_DETAIL), 0);
    assert_eq!(details_to_fetch(&got.input).len(), 1);
    assert_eq!(details_billable(&services, &got.input).await, 1);
    let fetched = fetch_details(&services, &mut got.input, Default::default()).await;
    assert_eq!((fetched.calls.billed, fetched.failed.len()), (1, 0));
    assert!(details_to_fetch(&got.input).is_empty());
    // A status stored earlier counts in the next vet at once, without a call (issue 11,
    // point 1): nothing is left to fetch, and the read is counted as from the cache.
    let before = sandbox.counters().requests(endpoint::CERT_DETAIL);
    let again = fan_out(&services, TRADER, &VetOptions::default()).await;
    assert!(details_to_fetch(&again.input).is_empty());
    assert_eq!(again.input.details, got.input.details);
    assert_eq!(sandbox.counters().requests(endpoint::CERT_DETAIL), before);
    assert!(again.calls[&SourceId::Certificates].cached >= 1);
    let v = vet(&again.input, today());
    let codes: Vec<_> = v.flags.iter().map(|f| f.code).collect();
    assert!(codes.contains(&FlagCode::CertificateNotValid), "{codes:?}");
    assert!(!codes.contains(&FlagCode::CertificatesUnchecked));
    assert!(codes.contains(&FlagCode::SmugglingPenalty));
}

/// A paged list the page cap cuts short is said to be: the vet reads what the cap allows,
/// and the verdict warns that the rest was not checked, never calling the list all valid.
#[tokio::test]
async fn a_list_cut_short_by_the_page_cap_is_said_to_be() {
    let sandbox = Sandbox::start(0).await.unwrap();
    let services = cached(backend(&sandbox));
    let opts = VetOptions {
        provider: ProviderChoice::Both,
        max_pages: 2,
        ..VetOptions::default()
    };
    // QCC answers 207 for more than 5000 rows; Juhe pages the same 5001.
    let got = fan_out(&services, "寰宇基建控股集团有限公司", &opts).await;
    assert_eq!(
        got.input
            .qualifications_qcc
            .error()
            .unwrap()
            .code
            .as_deref(),
        Some("207")
    );
    assert_eq!(got.input.qualifications_juhe.found().unwrap().len(), 40);
    let coverage = &got.input.coverage[&SourceId::QualificationsJuhe];
    assert_eq!(
        (coverage.listed, coverage.total, coverage.unread()),
        (40, 5001, 4961)
    );
    assert!(coverage.stopped.is_none());
    let v = vet(&got.input, today());
    let cut: Vec<_> = v
        .flags
        .iter()
        .filter(|f| f.code == FlagCode::ListIncomplete)
        .collect();
    assert_eq!(cut.len(), 1);
    assert!(cut[0].en.contains("40 of 5001"), "{}", cut[0].en);
    assert!(!v
        .flags
        .iter()
        .any(|f| f.code == FlagCode::QualificationsValid));

    // QCC's largest answer comes whole: nothing to say about coverage.
    let got = fan_out(
        &services,
        "中国华夏建设工程集团有限公司",
        &VetOptions::default(),
    )
    .await;
    assert_eq!(got.input.qualifications_qcc.found().unwrap().len(), 5000);
    assert!(got.input.coverage.is_empty());
}
