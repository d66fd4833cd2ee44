//! Customs rules: credit level (red 失信/严重失信, good 高级认证), 注销, penalties (走私 red,
//! any other a warning), 未报送.

use crate::domain::customs::PenaltyNature;

use super::{Evidence, Flag, FlagCode, FlagLevel, SourceId, VetInput};

pub(super) fn customs_flags(input: &VetInput, flags: &mut Vec<Flag>) {
    let src = SourceId::Customs;
    for (i, r) in input.customs.found().into_iter().flatten().enumerate() {
        let office = if r.customs_office.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.customs_office)
        };
        let level_evidence = || {
            Evidence::row(src, i, &r.id, "level")
                .label("信用等级")
                .value(r.level_text.clone())
        };
        if r.level.is_red() {
            flags.push(
                Flag::new(
                    FlagLevel::Red,
                    FlagCode::CustomsDishonest,
                    format!(
                        "Customs credit level {} ({}){office}",
                        r.level_text,
                        r.level.label_en()
                    ),
                    format!("海关信用等级：{}{office}", r.level_text),
                )
                .with(level_evidence()),
            );
        }
        if r.level == crate::domain::customs::CreditLevel::AdvancedCertified {
            let code = if r.identify_code.is_empty() {
                String::new()
            } else {
                format!(", {}", r.identify_code)
            };
            flags.push(
                Flag::new(
                    FlagLevel::Good,
                    FlagCode::AdvancedCertified,
                    format!("Customs 高级认证企业 (AEO advanced certified){code}"),
                    format!("海关高级认证企业{code}"),
                )
                .with(level_evidence()),
            );
        }
        if r.cancelled {
            flags.push(
                Flag::new(
                    FlagLevel::Warning,
                    FlagCode::CustomsCancelled,
                    format!(
                        "Customs registration {} is cancelled (注销){office}",
                        r.reg_no
                    ),
                    format!("海关注册编码 {} 已注销{office}", r.reg_no),
                )
                .with(
                    Evidence::row(src, i, &r.id, "cancel_flag")
                        .label("海关注销标志")
                        .value(r.cancel_flag.clone()),
                ),
            );
        }
        for (p, pen) in r.penalties.iter().enumerate() {
            let smuggling = pen.nature == PenaltyNature::Smuggling;
            let (level, code) = if smuggling {
                (FlagLevel::Red, FlagCode::SmugglingPenalty)
            } else {
                (FlagLevel::Warning, FlagCode::CustomsPenalty)
            };
            let nature = if pen.nature_text.is_empty() {
                "未注明".to_string()
            } else {
                pen.nature_text.clone()
            };
            let mut evidence = Evidence::row(src, i, &pen.decision_no, "nature")
                .label("案件性质")
                .value(nature.clone());
            evidence.penalty = Some(p);
            flags.push(
                Flag::new(
                    level,
                    code,
                    format!(
                        "Customs penalty: {nature} ({}), decision {} on {}",
                        pen.nature.label_en(),
                        pen.decision_no,
                        pen.date_text
                    ),
                    format!(
                        "海关行政处罚：{nature}（{}，{}）",
                        pen.decision_no, pen.date_text
                    ),
                )
                .with(evidence),
            );
        }
        if r.annual_report_missing {
            flags.push(
                Flag::new(
                    FlagLevel::Warning,
                    FlagCode::AnnualReportMissing,
                    format!(
                        "Customs annual report not filed ({}){office}",
                        r.annual_status
                    ),
                    format!("海关年报情况：{}{office}", r.annual_status),
                )
                .with(
                    Evidence::row(src, i, &r.id, "annual_status")
                        .label("年报情况")
                        .value(r.annual_status.clone()),
                ),
            );
        }
    }
}
