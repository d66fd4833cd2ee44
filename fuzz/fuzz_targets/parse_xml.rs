//! Any body through the XML parser (`dtype=xml`) for the report wire types and the others.
#![no_main]

use libfuzzer_sys::fuzz_target;

use corpvet::api::wire::envelope::parse_qcc_xml;
use corpvet::api::wire::qcc::{BuildingResult, CertificationList, ReportInfo, ReportOrder};
use corpvet::domain::ReportState;

fuzz_target!(|body: &[u8]| {
    let _ = parse_qcc_xml::<ReportOrder>(200, body).map_err(|e| e.report());
    if let Ok(r) = parse_qcc_xml::<ReportInfo>(200, body) {
        let _ = ReportState::from_reply(&r).label();
    }
    let _ = parse_qcc_xml::<BuildingResult>(502, body);
    let _ = parse_qcc_xml::<CertificationList>(200, body);
});
