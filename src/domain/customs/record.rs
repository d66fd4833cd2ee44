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
mod tests {
    use super::*;

    /// The `Data[0]` of the QCC customs document's example.
    fn doc_example() -> qcc::CustomsRecord {
        serde_json::from_str(
            r#"{
                "Id": "xxxxxxxxxxxxx",
                "RegGov": "营口海关",
                "TradeType": "进出口货物收发货人",
                "RegDate": "1997-10-28",
                "RegNo": "2108950466",
                "AdminArea": "辽宁省营口市",
                "EconoArea": "一般经济区域",
                "SpecialArea": "非特殊区域",
                "CancelFlag": "正常",
                "AnnualStatus": "未报送",
                "ValidityDate": "",
                "IndustryType": "",
                "EBusinessType": "",
                "IdentifyDate": "2022-04-12",
                "IdentifyLevel": "一般信用企业",
                "IdentifyCode": "",
                "PunishList": [
                    {"No": "1", "DecisionNo": "xxxxxxxxxxxxxxx号", "Party": "xxxxxxxxxxxx公司",
                     "PunishDate": "2018-09-05", "CaseProp": "违规"}
                ]
            }"#,
        )
        .unwrap()
    }

    #[test]
    fn from_the_documented_example() {
        let r = CustomsRecord::from_wire(&doc_example());
        assert_eq!(r.customs_office, "营口海关");
        assert_eq!(r.registered, NaiveDate::from_ymd_opt(1997, 10, 28));
        assert_eq!(r.reg_no, "2108950466");
        assert!(!r.cancelled);
        assert!(r.annual_report_missing);
        assert_eq!(r.identified, NaiveDate::from_ymd_opt(2022, 4, 12));
        assert_eq!(r.level, CreditLevel::General);
        assert_eq!(r.level_text, "一般信用企业");
        assert!(!r.aeo);
        assert_eq!(r.penalties.len(), 1);
        assert_eq!(r.penalties[0].nature, PenaltyNature::Violation);
        assert_eq!(
            r.flags(),
            [
                "1 other customs penalty",
                "annual report not filed (未报送)"
            ]
        );
    }

    #[test]
    fn cancelled_aeo_and_red_flags() {
        let mut w = doc_example();
        w.cancel_flag = "注销".into();
        w.annual_status = "已报送".into();
        w.identify_level = "失信企业".into();
        w.identify_code = " aeocn1234567890 ".into();
        w.punish_list[0].case_prop = "走私行为".into();
        w.punish_list.push(w.punish_list[0].clone());
        w.punish_list.push(qcc::Penalty {
            case_prop: "违规".into(),
            ..Default::default()
        });
        let r = CustomsRecord::from_wire(&w);
        assert!(r.cancelled && !r.annual_report_missing && r.aeo);
        assert_eq!(r.identify_code, "aeocn1234567890");
        assert_eq!(
            r.flags(),
            [
                "credit level 失信企业 (dishonest)",
                "customs registration cancelled (注销)",
                "2 smuggling cases",
                "1 other customs penalty",
            ]
        );
    }

    #[test]
    fn sixteen_labelled_fields_in_document_order() {
        let r = CustomsRecord::from_wire(&doc_example());
        let f = r.labelled_fields();
        assert_eq!(f.len(), 16);
        assert_eq!(f[0], ("注册海关", "customs office", "营口海关".to_string()));
        assert_eq!(f[13].2, "一般信用企业");
        assert_eq!(f[15].2, "xxxxxxxxxxxxx");
        let mut zh: Vec<_> = f.iter().map(|(zh, _, _)| *zh).collect();
        zh.dedup();
        assert_eq!(zh.len(), 16);
    }

    #[test]
    fn empty_record_does_not_panic() {
        let r = CustomsRecord::from_wire(&qcc::CustomsRecord::default());
        assert_eq!(r.level, CreditLevel::None);
        assert!(r.flags().is_empty());
        assert_eq!(r.labelled_fields().len(), 16);
    }

    #[test]
    fn serializes_level_as_a_code_beside_its_text() {
        let v = serde_json::to_value(CustomsRecord::from_wire(&doc_example())).unwrap();
        assert_eq!(v["level"], "general");
        assert_eq!(v["level_text"], "一般信用企业");
        assert_eq!(v["registered"], "1997-10-28");
        assert_eq!(v["penalties"][0]["nature"], "violation");
    }
}
