//! The vendor documents' examples under `tests/fixtures/docs/`, and which endpoint and
//! format each one is, shared by the example tests and the parser properties.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs")
}

/// The five vendor documents: the in-repo copy in `tests/fixtures/vendor-docs/`, or the
/// folder `CORPVET_API_DOCS` names. Missing documents fail the caller; it never skips.
pub fn vendor_docs_dir() -> PathBuf {
    let dir = std::env::var_os("CORPVET_API_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/vendor-docs"
            ))
        });
    assert!(
        dir.join("qcc-building-qualification.txt").is_file(),
        "the vendor documents are not at {}: they belong in tests/fixtures/vendor-docs/ \
         (see its README.md), or set CORPVET_API_DOCS to a folder holding them",
        dir.display()
    );
    dir
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Which endpoint's answer a fixture is, i.e. which wire type it parses into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Building,
    CertSearch,
    CertDetail,
    Customs,
    ReportCreate,
    ReportInfo,
    Juhe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    QccJson,
    QccXml,
    JuheJson,
}

pub const FIXTURES: &[(&str, Doc, Form)] = &[
    ("qcc_building_getlist.json", Doc::Building, Form::QccJson),
    ("qcc_certs_search.json", Doc::CertSearch, Form::QccJson),
    ("qcc_certs_detail.json", Doc::CertDetail, Form::QccJson),
    ("qcc_customs_getlist.json", Doc::Customs, Form::QccJson),
    ("qcc_report_create.json", Doc::ReportCreate, Form::QccJson),
    ("qcc_report_create.xml", Doc::ReportCreate, Form::QccXml),
    ("qcc_report_info.json", Doc::ReportInfo, Form::QccJson),
    ("qcc_report_info.xml", Doc::ReportInfo, Form::QccXml),
    ("juhe_building_query.json", Doc::Juhe, Form::JuheJson),
];
