//! Wire types mirroring the vendor documents field by field. Every field is lenient (see
//! [`super::lenient`]): real servers send `null`, numbers as strings and extra fields.

pub mod envelope;
pub mod juhe;
pub mod qcc;
pub mod report_xml;
