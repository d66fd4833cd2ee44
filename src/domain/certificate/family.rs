//! Certificate families, read from the vendor's free-text type description (`TypeDesc`);
//! the `cnca…` type codes are not documented, the descriptions are.

use serde::Serialize;

/// What kind of certification a certificate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertFamily {
    /// ISO 9001 质量管理体系
    Quality,
    /// ISO 14001 环境管理体系
    Environment,
    /// ISO 45001 (formerly OHSAS 18001) 职业健康安全管理体系
    OccupationalHealth,
    /// ISO 27001 信息安全管理体系
    InformationSecurity,
    /// 知识产权管理体系 (GB/T 29490)
    IntellectualProperty,
    /// China Compulsory Certification (CCC, 强制性产品认证)
    Ccc,
    /// Voluntary product certification
    Product,
    /// Service certification
    Service,
    Other,
}

impl CertFamily {
    /// Reads a `TypeDesc`. Standard numbers are checked first, then specific words before
    /// general ones: 强制性产品认证 is CCC, not merely a product; 环境标志产品 is a product,
    /// not an environmental management system.
    pub fn from_type_desc(desc: &str) -> CertFamily {
        let d = desc.to_uppercase();
        let has = |words: &[&str]| words.iter().any(|w| d.contains(w));
        // ISO numbers and their Chinese national equivalents (GB/T 22080, 28001, 24001, 19001).
        if has(&["27001", "22080"]) {
            CertFamily::InformationSecurity
        } else if has(&["45001", "18001", "28001"]) {
            CertFamily::OccupationalHealth
        } else if has(&["14001", "24001"]) {
            CertFamily::Environment
        } else if has(&["9001", "9000"]) {
            CertFamily::Quality
        } else if has(&["知识产权"]) {
            CertFamily::IntellectualProperty
        } else if has(&["信息安全"]) {
            CertFamily::InformationSecurity
        } else if has(&["职业健康"]) {
            CertFamily::OccupationalHealth
        } else if has(&["CCC", "3C", "强制性"]) {
            CertFamily::Ccc
        } else if has(&["产品"]) {
            CertFamily::Product
        } else if has(&["环境"]) {
            CertFamily::Environment
        } else if has(&["质量"]) {
            CertFamily::Quality
        } else if has(&["服务"]) {
            CertFamily::Service
        } else {
            CertFamily::Other
        }
    }

    /// The stable machine name (the same string the JSON carries).
    pub fn code(self) -> &'static str {
        match self {
            CertFamily::Quality => "quality",
            CertFamily::Environment => "environment",
            CertFamily::OccupationalHealth => "occupational_health",
            CertFamily::InformationSecurity => "information_security",
            CertFamily::IntellectualProperty => "intellectual_property",
            CertFamily::Ccc => "ccc",
            CertFamily::Product => "product",
            CertFamily::Service => "service",
            CertFamily::Other => "other",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            CertFamily::Quality => "quality (ISO 9001)",
            CertFamily::Environment => "environment (ISO 14001)",
            CertFamily::OccupationalHealth => "occupational health (ISO 45001)",
            CertFamily::InformationSecurity => "information security (ISO 27001)",
            CertFamily::IntellectualProperty => "intellectual property",
            CertFamily::Ccc => "CCC compulsory",
            CertFamily::Product => "product",
            CertFamily::Service => "service",
            CertFamily::Other => "other",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            CertFamily::Quality => "质量管理体系",
            CertFamily::Environment => "环境管理体系",
            CertFamily::OccupationalHealth => "职业健康安全管理体系",
            CertFamily::InformationSecurity => "信息安全管理体系",
            CertFamily::IntellectualProperty => "知识产权管理体系",
            CertFamily::Ccc => "强制性产品认证",
            CertFamily::Product => "产品认证",
            CertFamily::Service => "服务认证",
            CertFamily::Other => "其他",
        }
    }
}

#[cfg(test)]
mod tests;
