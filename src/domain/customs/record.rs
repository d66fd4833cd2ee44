//! One customs registration with its credit level and penalties.

use chrono::NaiveDate;
use serde::Serialize;

use crate::api::wire::qcc;

use super::super::dates::{self, parse_date};
use super::super::text::trim_owned;
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
    /// Takes the wire record by value: its text is moved, not copied (a 5000-record answer
    /// has 80 000 strings).
    pub fn from_wire(w: qcc::CustomsRecord) -> Self {
        let identify_code = trim_owned(w.identify_code);
        CustomsRecord {
            id: trim_owned(w.id),
            customs_office: trim_owned(w.reg_gov),
            trade_type: trim_owned(w.trade_type),
            registered: parse_date(&w.reg_date),
            registered_text: trim_owned(w.reg_date),
            reg_no: trim_owned(w.reg_no),
            admin_area: trim_owned(w.admin_area),
            econo_area: trim_owned(w.econo_area),
            special_area: trim_owned(w.special_area),
            cancelled: w.cancel_flag.contains("注销"),
            cancel_flag: trim_owned(w.cancel_flag),
            annual_report_missing: w.annual_status.contains("未报"),
            annual_status: trim_owned(w.annual_status),
            validity_date: trim_owned(w.validity_date),
            industry_type: trim_owned(w.industry_type),
            e_business_type: trim_owned(w.e_business_type),
            identified: parse_date(&w.identify_date),
            identified_text: trim_owned(w.identify_date),
            level: CreditLevel::from_label(&w.identify_level),
            level_text: trim_owned(w.identify_level),
            aeo: identify_code
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case("AEOCN")),
            identify_code,
            penalties: w.punish_list.into_iter().map(Penalty::from_wire).collect(),
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
