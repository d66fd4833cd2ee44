//! The provider-neutral model a user sees: what a qualification, certificate, customs record
//! or report order *means*, independent of which vendor sent it and how.
//!
//! Pure by design: no clock, no I/O. Anything that depends on the date takes `today` as a
//! parameter so the app layer stays testable. Every type serializes to stable snake_case
//! JSON for `--json` output; human labels come from methods.

mod code;

pub mod certificate;
pub mod credit_code;
pub mod customs;
pub mod dates;
pub mod grade;
pub mod keyword;
pub mod page;
pub mod provider;
pub mod qualification;
pub mod report;
pub mod text;
pub mod verdict;

pub use certificate::{CertFamily, CertStatus, Certificate, CertificateDetail};
pub use credit_code::CodeCheck;
pub use customs::{CreditLevel, CustomsRecord, Penalty, PenaltyNature};
pub use dates::Expiry;
pub use grade::Grade;
pub use keyword::{parse_keyword, Keyword, KeywordKind};
pub use page::Page;
pub use qualification::{Provider, Qualification};
pub use report::{ReportFormat, ReportState};
