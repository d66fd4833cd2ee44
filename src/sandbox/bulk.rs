//! A conglomerate's thousands of building-qualification records (`bulkQualifications` in
//! `companies.json`), made when they are asked for, so a sandbox that never serves them
//! holds none of them. They are the same on every call: record `i` depends on `i` alone.
//!
//! QCC answers building qualifications in one piece (no paging) up to 5000 rows and 207
//! beyond; these companies let the explorer, the CLI and the benchmarks meet both.

use chrono::{Days, NaiveDate};

use super::data::Qualification;

/// Kinds of qualification: the category, the certificate-number letter, and the names
/// with the grades each is issued in.
const KINDS: [(&str, char, &[&str], &[&str]); 4] = [
    (
        "施工资质",
        'D',
        &[
            "建筑工程施工总承包",
            "市政公用工程施工总承包",
            "公路工程施工总承包",
            "水利水电工程施工总承包",
            "机电工程施工总承包",
            "钢结构工程专业承包",
            "地基基础工程专业承包",
            "建筑装修装饰工程专业承包",
            "环保工程专业承包",
            "桥梁工程专业承包",
        ],
        &["特级", "一级", "二级", "三级", "壹级", "贰级"],
    ),
    (
        "设计资质",
        'A',
        &[
            "工程设计建筑行业（建筑工程）",
            "工程设计市政行业（给水工程、排水工程）",
            "工程设计电力行业",
            "建筑装饰工程设计专项",
        ],
        &["甲级", "乙级"],
    ),
    (
        "勘察资质",
        'B',
        &["工程勘察专业类岩土工程", "工程勘察专业类工程测量"],
        &["甲级", "乙级", "丙级"],
    ),
    (
        "监理资质",
        'E',
        &["房屋建筑工程监理", "市政公用工程监理"],
        &["甲级", "乙级"],
    ),
];

/// Issuing departments, national and provincial.
const DEPTS: [&str; 6] = [
    "住房和城乡建设部",
    "北京市住房和城乡建设委员会",
    "上海市住房和城乡建设管理委员会",
    "广东省住房和城乡建设厅",
    "四川省住房和城乡建设厅",
    "湖北省住房和城乡建设厅",
];

/// Record `i` of a bulk company. Issue dates spread over 2019–2026 and the certificates
/// last five years, so some have expired, some expire within 90 days of the dataset's
/// "today" (2026-11-24) and most are valid.
pub fn qualification(i: usize) -> Qualification {
    let (category, letter, specialties, grades) = KINDS[i % KINDS.len()];
    // One to four names, never the same specialty twice.
    let count = (1 + i % 4).min(specialties.len());
    let names: Vec<String> = (0..count)
        .map(|k| {
            let specialty = specialties[(i / KINDS.len() + k) % specialties.len()];
            let grade = grades[(i + 3 * k) % grades.len()];
            format!("{specialty}{grade}")
        })
        .collect();
    let first_day = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    let signed = first_day + Days::new((i as u64 * 37) % 2890);
    let expires = signed + Days::new(5 * 365);
    Qualification {
        cert_no: format!("{letter}{:09}", 100_000_000 + i * 7 + 3),
        category: category.to_string(),
        cert_scope: names.join(","),
        cert_name_list: names,
        sign_date: signed.format("%Y-%m-%d").to_string(),
        valid_period: expires.format("%Y-%m-%d").to_string(),
        sign_dept: DEPTS[i % DEPTS.len()].to_string(),
    }
}

/// The first `n` records.
pub fn qualifications(n: usize) -> Vec<Qualification> {
    (0..n).map(qualification).collect()
}
