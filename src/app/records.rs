//! The records a tab lists, seen uniformly: the list, the detail pane, copy and export all
//! read them through here, so a field shown is a field exported.

use chrono::NaiveDate;

use crate::domain::certificate::{CertStatus, Certificate};
use crate::domain::customs::CustomsRecord;
use crate::domain::dates::{Expires, Judged};
use crate::domain::page::Page;
use crate::domain::qualification::Qualification;
use crate::service::Response;

use super::state::{State, Tab};

/// One kept answer page of any lookup tab.
#[derive(Debug, Clone, Copy)]
pub enum List<'a> {
    Qualifications(&'a Page<Qualification>),
    Certificates(&'a Page<Certificate>),
    Customs(&'a Page<CustomsRecord>),
}

/// One row of any lookup tab.
#[derive(Debug, Clone, Copy)]
pub enum Record<'a> {
    Qualification(&'a Qualification),
    Certificate(&'a Certificate),
    Customs(&'a CustomsRecord),
}

impl<'a> List<'a> {
    pub fn from_response(r: &'a Response) -> Option<List<'a>> {
        match r {
            Response::Qualifications(p) => Some(List::Qualifications(p)),
            Response::Certificates(p) => Some(List::Certificates(p)),
            Response::Customs(p) => Some(List::Customs(p)),
            Response::CertificateDetail(_) => None,
        }
    }

    /// Rows in the page (a filter aside).
    fn rows(&self) -> usize {
        match self {
            List::Qualifications(p) => p.items.len(),
            List::Certificates(p) => p.items.len(),
            List::Customs(p) => p.items.len(),
        }
    }

    pub fn record(&self, i: usize) -> Option<Record<'a>> {
        match *self {
            List::Qualifications(p) => p.items.get(i).map(Record::Qualification),
            List::Certificates(p) => p.items.get(i).map(Record::Certificate),
            List::Customs(p) => p.items.get(i).map(Record::Customs),
        }
    }

    /// The vendor's total across all pages.
    pub fn total(&self) -> u64 {
        match self {
            List::Qualifications(p) => p.total,
            List::Certificates(p) => p.total,
            List::Customs(p) => p.total,
        }
    }

    /// Pages of the whole list (at least 1).
    pub fn page_count(&self) -> u64 {
        self.paging().1
    }

    fn paging(&self) -> (u64, u64, String) {
        match self {
            List::Qualifications(p) => (p.page, p.page_count(), p.label()),
            List::Certificates(p) => (p.page, p.page_count(), p.label()),
            List::Customs(p) => (p.page, p.page_count(), p.label()),
        }
    }
}

/// A page as the list shows it: every row, or the rows a `/` filter keeps (by index into
/// the page). Selection, the detail pane, copy and export all go through it, so they act
/// on what is on screen.
#[derive(Debug, Clone)]
pub struct PageView<'a> {
    pub list: List<'a>,
    /// The rows kept, when a filter is on.
    rows: Option<Vec<usize>>,
    filter: Option<&'a str>,
}

impl<'a> PageView<'a> {
    pub fn from_response(r: &'a Response) -> Option<PageView<'a>> {
        List::from_response(r).map(|list| PageView {
            list,
            rows: None,
            filter: None,
        })
    }

    /// Only the rows any field of which contains `filter` (case folded), a certificate's
    /// status as the list shows it (`status_of`) included; an empty or blank filter keeps
    /// them all.
    pub fn filtered(
        self,
        filter: &'a str,
        today: NaiveDate,
        status_of: &dyn Fn(&Certificate) -> String,
    ) -> PageView<'a> {
        let needle = filter.trim().to_lowercase();
        if needle.is_empty() {
            return self;
        }
        let rows = (0..self.list.rows())
            .filter(|&i| {
                self.list
                    .record(i)
                    .is_some_and(|r| r.matches(&needle, today, status_of))
            })
            .collect();
        PageView {
            rows: Some(rows),
            filter: Some(filter),
            ..self
        }
    }

    /// Rows shown.
    pub fn len(&self) -> usize {
        self.rows.as_ref().map_or(self.list.rows(), Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The filter in force and the rows of the page it reads, when one is on.
    pub fn filter(&self) -> Option<(&'a str, usize)> {
        self.filter.map(|f| (f, self.list.rows()))
    }

    /// Row `i` of those shown.
    pub fn record(&self, i: usize) -> Option<Record<'a>> {
        let at = match &self.rows {
            Some(rows) => *rows.get(i)?,
            None => i,
        };
        self.list.record(at)
    }

    /// Where row `i` of those shown is in the page.
    pub fn index_in_page(&self, i: usize) -> Option<usize> {
        match &self.rows {
            Some(rows) => rows.get(i).copied(),
            None => (i < self.list.rows()).then_some(i),
        }
    }

    /// Which shown row is row `at` of the page, if it is shown.
    pub fn position_of(&self, at: usize) -> Option<usize> {
        match &self.rows {
            Some(rows) => rows.iter().position(|&r| r == at),
            None => (at < self.list.rows()).then_some(at),
        }
    }

    pub fn records(&self) -> Vec<Record<'a>> {
        (0..self.len()).filter_map(|i| self.record(i)).collect()
    }

    pub fn page(&self) -> u64 {
        self.list.paging().0
    }

    pub fn page_count(&self) -> u64 {
        self.list.paging().1
    }

    /// "page 2/3 · 47 total".
    pub fn label(&self) -> String {
        self.list.paging().2
    }

    /// The rows shown as pretty JSON (each with its expiry on `today`), with the page's
    /// paging and the filter when one is on, for export.
    /// A certificate's `checked_status` is what the list shows (`status_of`: the detail's
    /// when one is held).
    pub fn to_json(&self, today: NaiveDate, status_of: &dyn Fn(&Certificate) -> String) -> String {
        let items: Vec<serde_json::Value> = self
            .records()
            .iter()
            .map(|r| {
                let mut v = r.to_value(today);
                if let (Record::Certificate(c), Some(map)) = (r, v.as_object_mut()) {
                    map.insert("checked_status".into(), serde_json::json!(status_of(c)));
                }
                v
            })
            .collect();
        let (page, _, _) = self.list.paging();
        let (page_size, total) = match self.list {
            List::Qualifications(p) => (p.page_size, p.total),
            List::Certificates(p) => (p.page_size, p.total),
            List::Customs(p) => (p.page_size, p.total),
        };
        let mut doc = serde_json::json!({
            "items": items,
            "page": page,
            "page_size": page_size,
            "total": total,
        });
        if let (Some(f), Some(map)) = (self.filter, doc.as_object_mut()) {
            map.insert("filter".into(), serde_json::json!(f));
        }
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

/// The page the active tab shows, if it has been answered.
pub fn current_page(state: &State) -> Option<PageView<'_>> {
    page_of(state, state.tab)
}

/// The page `tab` shows, if it has been answered.
pub fn page_of(state: &State, tab: Tab) -> Option<PageView<'_>> {
    let key = state.key_of(tab)?;
    let page = PageView::from_response(&state.registry.answer(&key)?.response)?;
    Some(page.filtered(state.filter(tab), state.today, &|c| shown_status(state, c)))
}

/// A certificate's status as its list row shows it: the detail's when one is held (fetched
/// now or read from the store), else the row's own, else "unchecked".
pub fn shown_status(state: &State, c: &Certificate) -> String {
    let detail = match state.detail(&c.id) {
        Some(super::registry::DetailFetch::Ready(d)) => Some(d),
        _ => None,
    };
    c.known_status(detail)
        .map_or_else(|| "unchecked".to_string(), CertStatus::label)
}

/// The selected record of the active tab.
pub fn selected(state: &State) -> Option<Record<'_>> {
    current_page(state)?.record(state.view(state.tab).selected)
}

impl Record<'_> {
    /// The value `y` copies: what identifies the row to a registry clerk.
    pub fn key_value(&self) -> String {
        match self {
            Record::Qualification(q) => q.cert_no.clone(),
            Record::Certificate(c) => c.number.clone(),
            Record::Customs(r) => {
                if r.level_text.is_empty() {
                    r.level.label_zh().to_string()
                } else {
                    r.level_text.clone()
                }
            }
        }
    }

    /// What `y` says it copied.
    pub fn key_name(&self) -> &'static str {
        match self {
            Record::Qualification(_) => "certificate no.",
            Record::Certificate(_) => "certificate number",
            Record::Customs(_) => "credit level",
        }
    }

    /// The whole record as JSON, with its expiry on `today`.
    pub fn to_value(&self, today: NaiveDate) -> serde_json::Value {
        let r = match self {
            Record::Qualification(q) => serde_json::to_value(Judged::on(*q, today)),
            Record::Certificate(c) => serde_json::to_value(Judged::on(*c, today)),
            Record::Customs(r) => serde_json::to_value(r),
        };
        r.unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }))
    }

    /// The whole record as pretty JSON (`Y`), with its expiry on `today`.
    pub fn to_json(&self, today: NaiveDate) -> String {
        serde_json::to_string_pretty(&self.to_value(today)).unwrap_or_default()
    }

    /// Whether any field holds `needle` (already lower-cased), as the list or the detail
    /// pane shows it.
    pub fn matches(
        &self,
        needle: &str,
        today: NaiveDate,
        status_of: &dyn Fn(&Certificate) -> String,
    ) -> bool {
        let has = |s: &str| s.to_lowercase().contains(needle);
        let named = match self {
            Record::Qualification(q) => q.names.iter().any(|n| has(n)),
            Record::Certificate(c) => has(&status_of(c)),
            Record::Customs(r) => r
                .penalties
                .iter()
                .any(|p| has(&p.decision_no) || has(&p.nature_text)),
        };
        named || self.fields(today).iter().any(|(_, _, v)| has(v))
    }

    /// Every field, labelled in Chinese and English, in reading order. Lists (qualification
    /// names, penalties) are drawn separately by the detail pane and joined for CSV.
    /// Expiry is judged on `today`.
    pub fn fields(&self, today: NaiveDate) -> Vec<(&'static str, &'static str, String)> {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            Record::Qualification(q) => vec![
                ("资质证书号", "certificate no.", q.cert_no.clone()),
                ("资质类别", "category", q.category.clone()),
                (
                    "最高等级",
                    "best grade",
                    format!(
                        "{} ({})",
                        q.best_grade().label_zh(),
                        q.best_grade().label_en()
                    ),
                ),
                ("发证日期", "issued", date(q.issued)),
                ("证书有效期", "expires", date(q.expires)),
                ("有效状态", "expiry", q.expiry(today).label()),
                ("发证机关", "issuer", q.issuer.clone()),
                ("数据来源", "provider", q.provider.label().to_string()),
                (
                    "记录编号",
                    "record id",
                    q.business_id.clone().unwrap_or_default(),
                ),
            ],
            Record::Certificate(c) => vec![
                ("证书编号", "certificate number", c.number.clone()),
                ("证书类型", "type", c.type_desc.clone()),
                (
                    "证书类别",
                    "family",
                    format!("{} ({})", c.family.label_zh(), c.family.label_en()),
                ),
                ("产品名称", "product", c.product_name.clone()),
                ("颁证日期", "starts", date(c.starts)),
                ("证书到期日期", "ends", date(c.ends)),
                (
                    "证书状态",
                    "status",
                    c.status
                        .as_ref()
                        .map_or_else(|| "unchecked".to_string(), CertStatus::label),
                ),
                ("发证机构", "issuers", c.institutions.join("、")),
                ("类型代码", "type code", c.type_code.clone()),
                ("证书ID", "id", c.id.clone()),
            ],
            Record::Customs(r) => {
                let mut f = r.labelled_fields();
                f.insert(
                    1,
                    (
                        "信用等级（现行）",
                        "level (current scale)",
                        format!("{} ({})", r.level.label_zh(), r.level.label_en()),
                    ),
                );
                f
            }
        }
    }

    /// The record's expiry on `today` (customs records have none).
    pub fn expiry(&self, today: NaiveDate) -> Option<crate::domain::dates::Expiry> {
        match self {
            Record::Qualification(q) => Some(q.expiry(today)),
            Record::Certificate(c) => Some(c.expiry(today)),
            Record::Customs(_) => None,
        }
    }

    /// What a vetter must notice about this record on `today`.
    pub fn flags(&self, today: NaiveDate) -> Vec<String> {
        match (self, self.expiry(today)) {
            (Record::Customs(r), _) => r.flags(),
            (_, Some(e)) if e.needs_attention() => vec![e.label()],
            _ => Vec::new(),
        }
    }
}
