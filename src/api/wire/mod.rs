//! Wire types mirroring the vendor documents field by field. Every field is lenient (see
//! [`super::lenient`]): real servers send `null`, numbers as strings and extra fields.

pub mod envelope;
pub mod juhe;
pub mod qcc;
pub mod report_xml;

use serde::de::DeserializeOwned;

/// A success's `Result` as the document gives it: an object, or (certificate search) an
/// array. Another shape, or none at all, is a malformed answer, never an empty one.
pub trait WireResult: DeserializeOwned + Default {
    /// `true` for an array, `false` for an object.
    const IS_ARRAY: bool;
}

impl<T: DeserializeOwned> WireResult for Vec<T> {
    const IS_ARRAY: bool = true;
}
