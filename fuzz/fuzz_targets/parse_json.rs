//! Any body through the JSON parsers (QCC and Juhe) for every wire type, then the domain
//! conversions of whatever parses. The first byte picks the HTTP status.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

use corpvet::api::wire::envelope::{parse_juhe, parse_qcc};
use corpvet::api::wire::juhe::JuheResult;
use corpvet::api::wire::qcc::{
    BuildingResult, CertificationDetail, CertificationList, CustomsResult, ReportInfo,
    ReportOrder,
};
use corpvet::domain::page::Page;
use corpvet::domain::{Certificate, CertificateDetail, CustomsRecord, Qualification, ReportState};

const STATUSES: [u16; 8] = [200, 200, 200, 200, 404, 429, 500, 502];

fuzz_target!(|data: &[u8]| {
    let Some((first, body)) = data.split_first() else {
        return;
    };
    let status = STATUSES[usize::from(*first) % STATUSES.len()];
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();

    match parse_qcc::<BuildingResult>(status, body) {
        Ok(r) => {
            let items: Vec<_> = r
                .data
                .iter()
                .flat_map(|d| d.data.iter())
                .map(|q| Qualification::from_qcc(q.clone(), today))
                .collect();
            let _ = Page::from_paging(items, r.paging, 1, 20).label();
        }
        Err(e) => drop(e.report()),
    }
    if let Ok(r) = parse_qcc::<CertificationList>(status, body) {
        let items: Vec<_> = r
            .data
            .iter()
            .flat_map(|d| d.iter())
            .map(|c| Certificate::from_wire(c.clone(), today))
            .collect();
        let _ = Page::from_paging(items, r.paging, 1, 20).label();
    }
    if let Ok(r) = parse_qcc::<CertificationDetail>(status, body) {
        if let Some(d) = &r.data {
            let _ = CertificateDetail::from_wire(d, today);
        }
    }
    if let Ok(r) = parse_qcc::<CustomsResult>(status, body) {
        let _: Vec<_> = r
            .data
            .iter()
            .flat_map(|d| d.data.iter())
            .map(|r| CustomsRecord::from_wire(r.clone()))
            .collect();
    }
    let _ = parse_qcc::<ReportOrder>(status, body);
    if let Ok(r) = parse_qcc::<ReportInfo>(status, body) {
        let _ = ReportState::from_reply(&r).label();
    }
    if let Ok(r) = parse_juhe::<JuheResult>(status, body) {
        let _: Vec<_> = r
            .data
            .iter()
            .flat_map(|d| d.items.iter())
            .map(|q| Qualification::from_juhe(q.clone(), today))
            .collect();
    }
});
