//! Certificate status (`证书状态` in the detail map; also `发证机构状态`). Anything but 有效
//! deserves a flag, and revoked or cancelled certificates are red flags.

use super::super::code::serialize_as_code;

/// A certificate's (or issuing body's) status. Serializes as [`CertStatus::code`]; the raw
/// text stays in the detail's fields.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CertStatus {
    /// 有效
    Valid,
    /// 暂停
    Suspended,
    /// 撤销
    Revoked,
    /// 注销
    Cancelled,
    /// 过期 / 失效
    Expired,
    /// A status no list documents, kept as sent (trimmed).
    Other(String),
    /// Absent or empty.
    Unknown,
}

serialize_as_code!(CertStatus);

impl CertStatus {
    /// Reads the registry's word, tolerating prefixes and suffixes (已撤销, 证书暂停, 注销（自愿）)
    /// and English. The specific words are tried before 有效 so that 失效 and 无效 never read
    /// as valid.
    pub fn from_text(raw: &str) -> CertStatus {
        let text = raw.trim();
        if text.is_empty() {
            return CertStatus::Unknown;
        }
        let lower = text.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        if has(&["撤销", "撤消", "revoked", "withdrawn"]) {
            CertStatus::Revoked
        } else if has(&["注销", "cancelled", "canceled"]) {
            CertStatus::Cancelled
        } else if has(&["暂停", "suspended"]) {
            CertStatus::Suspended
        } else if has(&["过期", "失效", "expired"]) {
            CertStatus::Expired
        } else if has(&["无效", "invalid"]) {
            CertStatus::Other(text.to_string())
        } else if has(&["有效", "valid"]) {
            CertStatus::Valid
        } else {
            CertStatus::Other(text.to_string())
        }
    }

    pub fn is_valid(&self) -> bool {
        *self == CertStatus::Valid
    }

    /// Revoked or cancelled: the certificate no longer stands.
    pub fn is_red(&self) -> bool {
        matches!(self, CertStatus::Revoked | CertStatus::Cancelled)
    }

    /// The stable machine name (the same string the JSON carries).
    pub fn code(&self) -> &'static str {
        match self {
            CertStatus::Valid => "valid",
            CertStatus::Suspended => "suspended",
            CertStatus::Revoked => "revoked",
            CertStatus::Cancelled => "cancelled",
            CertStatus::Expired => "expired",
            CertStatus::Other(_) => "other",
            CertStatus::Unknown => "unknown",
        }
    }

    /// The registry's word; an undocumented status shows as sent.
    /// "撤销 (revoked)": the registry's word, then the English.
    pub fn label(&self) -> String {
        format!("{} ({})", self.label_zh(), self.label_en())
    }

    pub fn label_zh(&self) -> &str {
        match self {
            CertStatus::Valid => "有效",
            CertStatus::Suspended => "暂停",
            CertStatus::Revoked => "撤销",
            CertStatus::Cancelled => "注销",
            CertStatus::Expired => "过期",
            CertStatus::Other(text) => text,
            CertStatus::Unknown => "未知",
        }
    }

    pub fn label_en(&self) -> &'static str {
        match self {
            CertStatus::Valid => "valid",
            CertStatus::Suspended => "suspended",
            CertStatus::Revoked => "revoked",
            CertStatus::Cancelled => "cancelled",
            CertStatus::Expired => "expired",
            CertStatus::Other(_) => "other",
            CertStatus::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests;
