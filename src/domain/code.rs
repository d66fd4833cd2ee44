//! Enums that carry free vendor text (`Other(String)`, `Unknown(String)`) cannot derive a
//! plain-string serialization, yet `--json` consumers need one stable string per variant.
//! These enums implement `code()` and serialize as that code; the raw text always travels
//! in a sibling `*_text` field (or the detail map) so nothing is lost.

/// Implements `serde::Serialize` as `self.code()`.
macro_rules! serialize_as_code {
    ($ty:ty) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }
    };
}

pub(crate) use serialize_as_code;

/// Full-width ASCII forms (U+FF01–U+FF5E, e.g. `９`, `Ａ`, `（`) and the ideographic space
/// folded to ASCII: Chinese input methods produce them and vendors never expect them.
pub(crate) fn fold_full_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests;
