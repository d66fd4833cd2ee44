//! Sources that could not be checked, the counts, and the headline.

use super::{
    Counts, Evidence, Flag, FlagCode, FlagLevel, SourceId, SourceState, VerdictLevel, VetInput,
};

/// A warning for each paged list the page cap cut short: what was not read was not checked.
pub(super) fn coverage_flags(input: &VetInput, flags: &mut Vec<Flag>) {
    for (&s, coverage) in &input.coverage {
        let unread = coverage.unread();
        if unread == 0 {
            continue;
        }
        let (listed, total) = (coverage.listed, coverage.total);
        flags.push(
            Flag::new(
                FlagLevel::Warning,
                FlagCode::ListIncomplete,
                format!(
                    "{}: {listed} of {total} records read; the other {unread} are beyond the pages fetched and were not checked",
                    s.label_en()
                ),
                format!(
                    "{}共 {total} 条，只读取了 {listed} 条；其余 {unread} 条在未取的页中，未核查",
                    s.label_zh()
                ),
            )
            .with(Evidence {
                source: s,
                index: None,
                penalty: None,
                id: None,
                field: "total",
                label: "总数",
                value: total.to_string(),
            }),
        );
    }
}

pub(super) fn failure_flags(input: &VetInput, flags: &mut Vec<Flag>) {
    for report in input.source_reports() {
        let Some(error) = &report.error else {
            continue;
        };
        let s = report.source;
        let (en, zh) = if report.state == SourceState::Partial {
            (
                format!(
                    "{} only partly checked ({} records): {}",
                    s.label_en(),
                    report.records,
                    error.message
                ),
                format!(
                    "{}仅部分核查（{} 条）：{}",
                    s.label_zh(),
                    report.records,
                    error.message
                ),
            )
        } else {
            (
                format!("{} could not be checked: {}", s.label_en(), error.message),
                format!("{}无法核查：{}", s.label_zh(), error.message),
            )
        };
        flags.push(
            Flag::new(FlagLevel::Warning, FlagCode::SourceFailed, en, zh).with(Evidence {
                source: s,
                index: None,
                penalty: None,
                id: None,
                field: "error",
                label: "错误",
                value: error.code.clone().unwrap_or_else(|| error.class.clone()),
            }),
        );
    }
}

pub(super) fn counts(input: &VetInput, flags: &[Flag]) -> Counts {
    let quals = [&input.qualifications_qcc, &input.qualifications_juhe]
        .iter()
        .map(|o| o.found().map_or(0, Vec::len))
        .sum();
    let set = input.certificates.found();
    let customs = input.customs.found();
    let level = |l: FlagLevel| flags.iter().filter(|f| f.level == l).count();
    Counts {
        qualifications: quals,
        certificates: set.map_or(0, |s| s.items.len()),
        certificates_total: set.map_or(0, |s| s.total.max(s.items.len() as u64)),
        certificates_checked: set.map_or(0, |s| {
            s.items
                .iter()
                .filter(|c| c.status.is_some() || input.details.contains_key(&c.id))
                .count()
        }),
        customs_records: customs.map_or(0, Vec::len),
        penalties: customs.map_or(0, |rs| rs.iter().map(|r| r.penalties.len()).sum()),
        red: level(FlagLevel::Red),
        warning: level(FlagLevel::Warning),
        good: level(FlagLevel::Good),
    }
}

pub(super) fn headline(
    level: VerdictLevel,
    counts: &Counts,
    unchecked: &[SourceId],
) -> (String, String) {
    let (mut en, mut zh) = match level {
        VerdictLevel::Red => (
            format!(
                "RED FLAGS: {} red, {} warning(s)",
                counts.red, counts.warning
            ),
            format!(
                "存在重大风险：{} 项红色，{} 项警告",
                counts.red, counts.warning
            ),
        ),
        VerdictLevel::Warning => (
            format!("WARNINGS: {} warning(s), no red flag", counts.warning),
            format!("需要注意：{} 项警告，无红色风险", counts.warning),
        ),
        VerdictLevel::Clean => (
            "CLEAN: nothing of concern found".to_string(),
            "未发现问题".to_string(),
        ),
        VerdictLevel::NothingFound => (
            "NOTHING FOUND: no source has any record of this company (not the same as clean)"
                .to_string(),
            "未查到任何记录（不等于没有问题）".to_string(),
        ),
        VerdictLevel::Incomplete => (
            "COULD NOT VET: no source could be checked".to_string(),
            "无法核查：所有数据源均失败".to_string(),
        ),
    };
    if !unchecked.is_empty() && level != VerdictLevel::Incomplete {
        let en_list: Vec<&str> = unchecked.iter().map(|s| s.label_en()).collect();
        let zh_list: Vec<&str> = unchecked.iter().map(|s| s.label_zh()).collect();
        en.push_str(&format!("; could not check: {}", en_list.join(", ")));
        zh.push_str(&format!("；无法核查：{}", zh_list.join("、")));
    }
    (en, zh)
}
