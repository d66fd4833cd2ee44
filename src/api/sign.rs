//! QCC request signing: `Token = upper-hex MD5(key + Timespan + secret)`.
//!
//! The secret never leaves this function; callers read the clock once per request and pass
//! the same `timespan` to both the header and the token.

use md5::{Digest, Md5};

/// Upper-case hex MD5 of `key + timespan + secret`, as the QCC documents prescribe.
pub fn token(key: &str, timespan: i64, secret: &str) -> String {
    let mut hasher = Md5::new();
    hasher.update(key.as_bytes());
    hasher.update(timespan.to_string().as_bytes());
    hasher.update(secret.as_bytes());
    upper_hex(&hasher.finalize())
}

fn upper_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0x0f) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests;
