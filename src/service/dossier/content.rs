//! The memo's content, once, for both renderings: the company, the as-of date, the verdict
//! and each flag with its evidence, every source with when, by whom and from where it was
//! answered (and the vendor's order numbers), the records as tables, and what was not read.

use chrono::NaiveDate;

use crate::domain::dates::Expires;
use crate::domain::verdict::{FlagLevel, Outcome, SourceId, SourceState};
use crate::service::backend::Mode;
use crate::service::vet::{Calls, Vetted};

use super::{Block, Meta};

fn s(text: impl Into<String>) -> String {
    text.into()
}

fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".into(), |d| d.to_string())
}

fn table(header: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        header: header.iter().map(|h| s(*h)).collect(),
        rows,
    }
}

/// The memo of `v`.
pub fn build(v: &Vetted, meta: &Meta) -> Vec<Block> {
    let verdict = &v.verdict;
    let mut out = vec![Block::Title(format!(
        "Vetting memo 核查备忘录: {}",
        v.keyword
    ))];
    if meta.mode == Mode::Sandbox {
        out.push(Block::Watermark(s(
            "SANDBOX: made-up data, not a vetting of a real company · 沙盒演示数据，非真实核查结果",
        )));
    }
    out.push(Block::Facts(vec![
        (s("Company 公司 (as searched)"), v.keyword.clone()),
        (
            s("Credit code 统一社会信用代码"),
            match &meta.credit_code {
                Some((code, from)) => format!("{code} ({from})"),
                None => s("not known from these answers 未知"),
            },
        ),
        (
            s("As of 核查日期"),
            format!("{} (China time 北京时间)", v.today),
        ),
        (
            s("Written 生成时间"),
            format!("{} by {}", meta.written, meta.by),
        ),
        (
            s("Data 数据来源"),
            match meta.mode {
                Mode::Sandbox => s("the built-in SANDBOX (made-up, nothing billed)"),
                Mode::Live => s("live vendor answers (QCC 企查查, Juhe 聚合数据)"),
            },
        ),
        (
            s("Tool 工具"),
            format!("corpvet {}", env!("CARGO_PKG_VERSION")),
        ),
    ]));

    out.push(Block::Heading(format!(
        "Verdict 结论: {} · {}",
        verdict.level.label_en(),
        verdict.level.label_zh()
    )));
    out.push(Block::Para(verdict.headline_en.clone()));
    out.push(Block::Para(verdict.headline_zh.clone()));
    if !verdict.flags.is_empty() {
        let rows = verdict
            .flags
            .iter()
            .map(|f| {
                vec![
                    format!("{} {}", f.level.marker(), level_tag(f.level)),
                    format!("{} · {}", f.en, f.zh),
                    f.evidence_text(),
                ]
            })
            .collect();
        out.push(table(&["level", "finding 发现", "evidence 依据"], rows));
    }

    out.push(Block::Heading(s("Sources 数据来源")));
    let rows = verdict
        .sources
        .iter()
        .filter(|r| r.state != SourceState::NotAsked)
        .map(|r| {
            let calls = v.calls.get(&r.source);
            vec![
                format!("{} {}", r.source.label_en(), r.source.label_zh()),
                state(r.state, r.records),
                answered(calls),
                calls.map_or_else(String::new, |c| c.order_numbers.join(", ")),
            ]
        })
        .collect();
    out.push(table(
        &[
            "source",
            "result",
            "answered",
            "vendor order numbers 订单号",
        ],
        rows,
    ));

    qualifications(v, &mut out);
    certificates(v, &mut out);
    customs(v, &mut out);
    not_read(v, &mut out);

    out.push(Block::Heading(s("Credit report 信用报告")));
    out.push(Block::Para(match &meta.report {
        Some(o) => format!(
            "Order {} ({}), {:?}{}",
            o.order_no.as_deref().unwrap_or("not numbered"),
            o.format,
            o.state,
            o.file
                .as_deref()
                .map_or_else(String::new, |f| format!(", downloaded to {f}"))
        ),
        None => s("No credit report was ordered for this company. 未订购信用报告。"),
    }));
    out
}

fn level_tag(level: FlagLevel) -> &'static str {
    match level {
        FlagLevel::Red => "RED",
        FlagLevel::Warning => "WARN",
        FlagLevel::Good => "GOOD",
    }
}

fn state(state: SourceState, records: usize) -> String {
    match state {
        SourceState::Found => format!("{records} records"),
        SourceState::Partial => format!("{records} records, partly read"),
        SourceState::NotFound => s("no record 无记录"),
        SourceState::Failed => s("FAILED 失败"),
        SourceState::NotAsked => s("not asked"),
    }
}

/// When, how and by whom a source's answers were had.
fn answered(calls: Option<&Calls>) -> String {
    let Some(c) = calls else {
        return String::new();
    };
    let when = c
        .fetched_at
        .map_or_else(String::new, crate::domain::dates::china_minute);
    let mut how = Vec::new();
    if c.billed > 0 {
        how.push(format!("{} fresh", c.billed));
    }
    if c.cached > 0 {
        how.push(format!("{} cached", c.cached));
    }
    if c.stale {
        how.push(s("STALE"));
    }
    let by = if c.fetched_by.is_empty() {
        String::new()
    } else {
        format!(
            ", fetched by {}",
            c.fetched_by.iter().cloned().collect::<Vec<_>>().join(", ")
        )
    };
    format!("{when} ({}){by}", how.join(", "))
}

fn qualifications(v: &Vetted, out: &mut Vec<Block>) {
    for (source, outcome) in [
        (SourceId::QualificationsQcc, &v.records.qualifications_qcc),
        (SourceId::QualificationsJuhe, &v.records.qualifications_juhe),
    ] {
        let Outcome::Found(list) = outcome else {
            continue;
        };
        out.push(Block::Heading(format!(
            "{} {}",
            source.label_en(),
            source.label_zh()
        )));
        let rows = list
            .iter()
            .map(|q| {
                vec![
                    q.cert_no.clone(),
                    q.category.clone(),
                    q.names.join("; "),
                    q.grades
                        .iter()
                        .map(|g| g.label_en())
                        .collect::<Vec<_>>()
                        .join("; "),
                    date(q.expires),
                    q.expiry(v.today).label(),
                    q.issuer.clone(),
                ]
            })
            .collect();
        out.push(table(
            &[
                "certificate no. 证书编号",
                "category 类别",
                "qualifications 资质名称",
                "grade 等级",
                "expires 有效期",
                "on the as-of date",
                "issuer 发证机关",
            ],
            rows,
        ));
    }
}

fn certificates(v: &Vetted, out: &mut Vec<Block>) {
    let Outcome::Found(set) = &v.records.certificates else {
        return;
    };
    out.push(Block::Heading(format!(
        "Certificates 企业证书 ({} of {})",
        set.items.len(),
        set.total
    )));
    let rows = set
        .items
        .iter()
        .map(|c| {
            let detail = v.records.details.get(&c.id);
            let status = detail
                .map(|d| d.status.label())
                .or_else(|| c.status.as_ref().map(|st| st.label()))
                .unwrap_or_else(|| s("unknown 未知"));
            let checked = match (detail, &c.status) {
                (Some(_), _) => "checked (detail) 已核验",
                (None, Some(_)) => "from the list 列表",
                (None, None) => "NOT CHECKED 未核验",
            };
            vec![
                c.number.clone(),
                c.product_name.clone(),
                c.type_desc.clone(),
                date(c.ends),
                status,
                s(checked),
            ]
        })
        .collect();
    out.push(table(
        &[
            "number 证书编号",
            "product 产品",
            "type 类型",
            "valid until 有效期至",
            "status 状态",
            "status from",
        ],
        rows,
    ));
}

fn customs(v: &Vetted, out: &mut Vec<Block>) {
    let Outcome::Found(records) = &v.records.customs else {
        return;
    };
    out.push(Block::Heading(s("Customs credit 海关信用")));
    let rows = records
        .iter()
        .map(|r| {
            vec![
                r.reg_no.clone(),
                r.customs_office.clone(),
                format!("{} {}", r.level.label_zh(), r.level.label_en()),
                r.registered_text.clone(),
                r.annual_status.clone(),
                if r.cancelled {
                    s("cancelled 已注销")
                } else {
                    s("")
                },
            ]
        })
        .collect();
    out.push(table(
        &[
            "registration no. 海关编码",
            "office 注册海关",
            "credit level 信用等级",
            "registered 注册日期",
            "annual report 年报",
            "",
        ],
        rows,
    ));
    let penalties: Vec<Vec<String>> = records
        .iter()
        .flat_map(|r| r.penalties.iter())
        .map(|p| {
            vec![
                p.decision_no.clone(),
                p.party.clone(),
                p.date_text.clone(),
                format!("{} {}", p.nature.label_zh(), p.nature.label_en()),
            ]
        })
        .collect();
    if penalties.is_empty() {
        out.push(Block::Para(s(
            "No customs penalty recorded. 无海关行政处罚记录。",
        )));
    } else {
        out.push(Block::Heading(s("Customs penalties 海关行政处罚")));
        out.push(table(
            &[
                "decision no. 决定书文号",
                "party 当事人",
                "date 处罚日期",
                "nature 案件性质",
            ],
            penalties,
        ));
    }
}

/// Everything the verdict could not rest on: failed sources, lists read in part,
/// certificates whose status was never checked.
fn not_read(v: &Vetted, out: &mut Vec<Block>) {
    let mut lines = Vec::new();
    for r in &v.verdict.sources {
        if let Some(e) = &r.error {
            lines.push(Block::Alert(format!(
                "{} {}: {}{} ({})",
                r.source.label_en(),
                r.source.label_zh(),
                e.message,
                e.gloss
                    .as_deref()
                    .map_or_else(String::new, |g| format!(" · {g}")),
                e.class
            )));
        }
    }
    for (source, c) in &v.records.coverage {
        if c.unread() > 0 {
            lines.push(Block::Alert(format!(
                "{}: {} of {} records read (the page cap); the rest not read",
                source.label_en(),
                c.listed,
                c.total
            )));
        }
    }
    let counts = &v.verdict.counts;
    let unchecked = v.records.certificates.found().map_or(0, |set| {
        set.items
            .iter()
            .filter(|c| c.status.is_none() && !v.records.details.contains_key(&c.id))
            .count()
    });
    if unchecked > 0 {
        lines.push(Block::Alert(format!(
            "{unchecked} of {} listed certificates have no status of their own and were not \
             checked (each check is a billed detail call) · {unchecked} 张证书未核验状态",
            counts.certificates
        )));
    }
    if counts.certificates_total > counts.certificates as u64 {
        lines.push(Block::Alert(format!(
            "certificates: {} of {} listed (the page cap)",
            counts.certificates, counts.certificates_total
        )));
    }
    out.push(Block::Heading(s("What was not read 未核查部分")));
    if lines.is_empty() {
        out.push(Block::Para(s(
            "Every asked source answered in full. 所有数据源均已完整核查。",
        )));
    } else {
        out.extend(lines);
    }
}
