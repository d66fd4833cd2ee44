//! Customs administrative penalties (`PunishList`): their nature separates a paperwork
//! violation from smuggling.

use chrono::NaiveDate;
use serde::Serialize;

use crate::api::wire::qcc;

use super::super::code::serialize_as_code;
use super::super::dates::{self, parse_date};
use super::super::text::trim_owned;

/// 案件性质. Serializes as [`PenaltyNature::code`]; the text as sent is in `nature_text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PenaltyNature {
    /// 违规 (违反海关监管规定): a violation of customs supervision rules.
    Violation,
    /// 走私, 走私行为, 涉嫌走私 …
    Smuggling,
    /// Anything else, kept as sent (trimmed; may be empty).
    Other(String),
}

serialize_as_code!(PenaltyNature);

impl PenaltyNature {
    /// Smuggling is tried first: a case text may mention both.
    pub fn from_text(raw: &str) -> PenaltyNature {
        let text = raw.trim();
        if text.contains("走私") {
            PenaltyNature::Smuggling
        } else if text.contains("违规") || text.contains("违反") {
            PenaltyNature::Violation
        } else {
            PenaltyNature::Other(text.to_string())
        }
    }

    /// The stable machine name (the same string the JSON carries).
    pub fn code(&self) -> &'static str {
        match self {
            PenaltyNature::Violation => "violation",
            PenaltyNature::Smuggling => "smuggling",
            PenaltyNature::Other(_) => "other",
        }
    }

    pub fn label_zh(&self) -> &str {
        match self {
            PenaltyNature::Violation => "违规",
            PenaltyNature::Smuggling => "走私",
            PenaltyNature::Other(text) => text,
        }
    }

    pub fn label_en(&self) -> &'static str {
        match self {
            PenaltyNature::Violation => "violation",
            PenaltyNature::Smuggling => "smuggling",
            PenaltyNature::Other(_) => "other",
        }
    }

    /// Smuggling is the serious kind.
    pub fn is_red(&self) -> bool {
        *self == PenaltyNature::Smuggling
    }
}

/// One customs penalty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Penalty {
    /// 序号 (the vendor's row number).
    pub no: String,
    /// 行政处罚决定书编号
    pub decision_no: String,
    /// 当事人
    pub party: String,
    #[serde(serialize_with = "dates::json::opt_date")]
    pub date: Option<NaiveDate>,
    /// The date as sent, for when it does not parse.
    pub date_text: String,
    pub nature: PenaltyNature,
    pub nature_text: String,
}

impl Penalty {
    pub fn from_wire(w: qcc::Penalty) -> Self {
        Penalty {
            no: trim_owned(w.no),
            decision_no: trim_owned(w.decision_no),
            party: trim_owned(w.party),
            date: parse_date(&w.punish_date),
            date_text: trim_owned(w.punish_date),
            nature: PenaltyNature::from_text(&w.case_prop),
            nature_text: trim_owned(w.case_prop),
        }
    }
}

#[cfg(test)]
mod tests;
