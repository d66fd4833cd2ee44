//! One customs registration with its credit level and penalties.

use chrono::NaiveDate;
use serde::Serialize;

use crate::api::wire::qcc;

use super::super::dates::{self, parse_date};
use super::{CreditLevel, Penalty, PenaltyNature};

/// A customs registration as a vetter reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomsRecord {
    pub id: String,
    /// 注册海关 (`RegGov`)
    pub customs_office: String,
    /// 经营类别
    pub trade_type: String,
    /// 注册日期
    #[serde(serialize_with = "dates::json::opt_date")]
    pub registered: Option<NaiveDate>,
    /// 注册日期 as sent, for when it does not parse.
    pub registered_text: String,
    /// 海关注册编码
    pub reg_no: String,
    /// 行政地区
    pub admin_area: String,
    /// 经济地区
    pub econo_area: String,
    /// 特殊贸易区域
    pub special_area: String,
    /// 海关注销标志 as sent (正常 / 注销).
    pub cancel_flag: String,
    /// The registration is cancelled (注销).
    pub cancelled: bool,
    /// 年报情况 as sent (已报送 / 未报送).
    pub annual_status: String,
    /// The annual report was not filed (未报送).
    pub annual_report_missing: bool,
    /// 报关有效期 (free text: often empty or 长期).
    pub validity_date: String,
    /// 行业种类
    pub industry_type: String,
    /// 跨境贸易电子商务类型
    pub e_business_type: String,
    /// 认定时间
    #[serde(serialize_with = "dates::json::opt_date")]
    pub identified: Option<NaiveDate>,
    /// 认定时间 as sent.
    pub identified_text: String,
    /// 信用等级 as sent.
    pub level_text: String,
    pub level: CreditLevel,
    /// 认证证书编码
    pub identify_code: String,
    /// The certificate code is an AEO one (starts with `AEOCN`).
    pub aeo: bool,
    pub penalties: Vec<Penalty>,
}

impl CustomsRecord {
    pub fn from_wire(w: &qcc::CustomsRecord) -> Self {
        let t = |s: &str| s.trim().to_string();
        let identify_code = t(&w.identify_code);
        CustomsRecord {
            id: t(&w.id),
            customs_office: t(&w.reg_gov),
            trade_type: t(&w.trade_type),
            registered: parse_date(&w.reg_date),
            registered_text: t(&w.reg_date),
            reg_no: t(&w.reg_no),
            admin_area: t(&w.admin_area),
            econo_area: t(&w.econo_area),
            special_area: t(&w.special_area),
            cancel_flag: t(&w.cancel_flag),
            cancelled: w.cancel_flag.contains("注销"),
            annual_status: t(&w.annual_status),
            annual_report_missing: w.annual_status.contains("未报"),
            validity_date: t(&w.validity_date),
            industry_type: t(&w.industry_type),
            e_business_type: t(&w.e_business_type),
            identified: parse_date(&w.identify_date),
            identified_text: t(&w.identify_date),
            level_text: t(&w.identify_level),
            level: CreditLevel::from_label(&w.identify_level),
            aeo: identify_code.to_uppercase().starts_with("AEOCN"),
            identify_code,
            penalties: w.punish_list.iter().map(Penalty::from_wire).collect(),
        }
    }

    /// All 16 vendor fields as (Chinese label, English label, value) for a detail pane, in
    /// the document's order. Values are as sent; dates show the vendor's text.
    pub fn labelled_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        vec![
            ("注册海关", "customs office", self.customs_office.clone()),
            ("经营类别", "trade type", self.trade_type.clone()),
            ("注册日期", "registered", self.registered_text.clone()),
            ("海关注册编码", "customs reg. no.", self.reg_no.clone()),
            ("行政地区", "admin area", self.admin_area.clone()),
            ("经济地区", "economic area", self.econo_area.clone()),
            (
                "特殊贸易区域",
                "special trade zone",
                self.special_area.clone(),
            ),
            ("海关注销标志", "cancellation", self.cancel_flag.clone()),
            ("年报情况", "annual report", self.annual_status.clone()),
            (
                "报关有效期",
                "declaration validity",
                self.validity_date.clone(),
            ),
            ("行业种类", "industry", self.industry_type.clone()),
            (
                "跨境贸易电子商务类型",
                "cross-border e-commerce",
                self.e_business_type.clone(),
            ),
            ("认定时间", "rated on", self.identified_text.clone()),
            ("信用等级", "credit level", self.level_text.clone()),
            (
                "认证证书编码",
                "AEO certificate no.",
                self.identify_code.clone(),
            ),
            ("内部ID", "id", self.id.clone()),
        ]
    }

    /// What a vetter must notice, most serious first: a red credit level, a cancelled
    /// registration, smuggling and other penalties, a missing annual report.
    pub fn flags(&self) -> Vec<String> {
        let mut flags = Vec::new();
        if self.level.is_red() {
            flags.push(format!(
                "credit level {} ({})",
                self.level.label_zh(),
                self.level.label_en()
            ));
        }
        if self.cancelled {
            flags.push("customs registration cancelled (注销)".to_string());
        }
        let smuggling = self
            .penalties
            .iter()
            .filter(|p| p.nature == PenaltyNature::Smuggling)
            .count();
        if smuggling > 0 {
            flags.push(format!("{smuggling} smuggling case{}", plural_s(smuggling)));
        }
        let others = self.penalties.len() - smuggling;
        if others > 0 {
            flags.push(format!("{others} other customs penalt{}", plural_y(others)));
        }
        if self.annual_report_missing {
            flags.push("annual report not filed (未报送)".to_string());
        }
        flags
    }
}

fn plural_s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn plural_y(n: usize) -> &'static str {
    if n == 1 {
        "y"
    } else {
        "ies"
    }
}

#[cfg(test)]
mod tests;
