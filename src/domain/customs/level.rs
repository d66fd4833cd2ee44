//! Customs credit levels. The labels changed with each regulation (总署令第237号 2018, 第251号
//! 2021, 第282号 2026); records keep whichever label was current when they were rated, so
//! every label maps to one scale.

use super::super::code::{fold_full_width, serialize_as_code};

/// A customs credit level on the current scale. Serializes as [`CreditLevel::code`]; the
/// label as sent travels in `CustomsRecord::level_text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CreditLevel {
    /// 高级认证企业 (AEO advanced)
    AdvancedCertified,
    /// 认证企业; 一般认证企业 under 237号 (AEO general)
    Certified,
    /// 常规企业; 一般信用企业 (237号), 注册登记和备案企业 / 一般信用 (251号)
    General,
    /// 失信企业
    Dishonest,
    /// 严重失信企业 (282号)
    SeriouslyDishonest,
    /// A label no regulation uses, kept as sent.
    Unknown(String),
    /// No level given.
    None,
}

serialize_as_code!(CreditLevel);

impl CreditLevel {
    /// Maps any historical label, tolerating spaces, full-width brackets and qualifiers such
    /// as 一般信用企业（常规）. More specific words are tried first: 严重失信 before 失信, 高级认证
    /// before 认证.
    pub fn from_label(raw: &str) -> CreditLevel {
        // Most labels need no folding: read them as they are, without a copy.
        let needs_folding = raw
            .chars()
            .any(|c| c.is_whitespace() || fold_full_width(c) != c);
        let folded: String;
        let text = if needs_folding {
            folded = raw
                .chars()
                .map(fold_full_width)
                .filter(|c| !c.is_whitespace())
                .collect();
            folded.as_str()
        } else {
            raw
        };
        if text.is_empty() {
            return CreditLevel::None;
        }
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        if has(&["严重失信"]) {
            CreditLevel::SeriouslyDishonest
        } else if has(&["失信"]) {
            CreditLevel::Dishonest
        } else if has(&["高级认证"]) {
            CreditLevel::AdvancedCertified
        } else if has(&["认证企业", "一般认证"]) {
            CreditLevel::Certified
        } else if has(&["一般信用", "注册登记和备案", "常规"]) {
            CreditLevel::General
        } else {
            CreditLevel::Unknown(raw.trim().to_string())
        }
    }

    /// The stable machine name (the same string the JSON carries).
    pub fn code(&self) -> &'static str {
        match self {
            CreditLevel::AdvancedCertified => "advanced_certified",
            CreditLevel::Certified => "certified",
            CreditLevel::General => "general",
            CreditLevel::Dishonest => "dishonest",
            CreditLevel::SeriouslyDishonest => "seriously_dishonest",
            CreditLevel::Unknown(_) => "unknown",
            CreditLevel::None => "none",
        }
    }

    /// The label under the current regulation (总署令第282号); an unknown label as sent.
    pub fn label_zh(&self) -> &str {
        match self {
            CreditLevel::AdvancedCertified => "高级认证企业",
            CreditLevel::Certified => "认证企业",
            CreditLevel::General => "常规企业",
            CreditLevel::Dishonest => "失信企业",
            CreditLevel::SeriouslyDishonest => "严重失信企业",
            CreditLevel::Unknown(text) => text,
            CreditLevel::None => "未认定",
        }
    }

    pub fn label_en(&self) -> &'static str {
        match self {
            CreditLevel::AdvancedCertified => "advanced certified (AEO)",
            CreditLevel::Certified => "certified (AEO general)",
            CreditLevel::General => "general credit",
            CreditLevel::Dishonest => "dishonest",
            CreditLevel::SeriouslyDishonest => "seriously dishonest",
            CreditLevel::Unknown(_) => "unrecognised level",
            CreditLevel::None => "not rated",
        }
    }

    /// Position on the scale, best 4 … worst 0; `None` for an unknown or missing level, which
    /// sorts below every known one (`Option` orders `None` first), the cautious reading.
    pub fn rank(&self) -> Option<u8> {
        match self {
            CreditLevel::AdvancedCertified => Some(4),
            CreditLevel::Certified => Some(3),
            CreditLevel::General => Some(2),
            CreditLevel::Dishonest => Some(1),
            CreditLevel::SeriouslyDishonest => Some(0),
            CreditLevel::Unknown(_) | CreditLevel::None => None,
        }
    }

    /// 失信企业 and 严重失信企业: red flags.
    pub fn is_red(&self) -> bool {
        matches!(
            self,
            CreditLevel::Dishonest | CreditLevel::SeriouslyDishonest
        )
    }

    /// Either AEO certification level: a good sign.
    pub fn is_good(&self) -> bool {
        matches!(
            self,
            CreditLevel::AdvancedCertified | CreditLevel::Certified
        )
    }
}

#[cfg(test)]
mod tests;
