//! The records a tab lists, seen uniformly: the list, the detail pane, copy and export all
//! read them through here, so a field shown is a field exported.

use chrono::NaiveDate;

use crate::domain::certificate::Certificate;
use crate::domain::customs::CustomsRecord;
use crate::domain::dates::{Expires, Judged};
use crate::domain::page::Page;
use crate::domain::qualification::Qualification;
use crate::service::Response;

use super::state::{State, Tab};

/// One kept answer page of any lookup tab.
#[derive(Debug, Clone, Copy)]
pub enum PageView<'a> {
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

impl<'a> PageView<'a> {
    pub fn from_response(r: &'a Response) -> Option<PageView<'a>> {
        match r {
            Response::Qualifications(p) => Some(PageView::Qualifications(p)),
            Response::Certificates(p) => Some(PageView::Certificates(p)),
            Response::Customs(p) => Some(PageView::Customs(p)),
            Response::CertificateDetail(_) => None,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            PageView::Qualifications(p) => p.items.len(),
            PageView::Certificates(p) => p.items.len(),
            PageView::Customs(p) => p.items.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn record(&self, i: usize) -> Option<Record<'a>> {
        match *self {
            PageView::Qualifications(p) => p.items.get(i).map(Record::Qualification),
            PageView::Certificates(p) => p.items.get(i).map(Record::Certificate),
            PageView::Customs(p) => p.items.get(i).map(Record::Customs),
        }
    }

    pub fn records(&self) -> Vec<Record<'a>> {
        (0..self.len()).filter_map(|i| self.record(i)).collect()
    }

    pub fn page(&self) -> u64 {
        match self {
            PageView::Qualifications(p) => p.page,
            PageView::Certificates(p) => p.page,
            PageView::Customs(p) => p.page,
        }
    }

    pub fn page_count(&self) -> u64 {
        match self {
            PageView::Qualifications(p) => p.page_count(),
            PageView::Certificates(p) => p.page_count(),
            PageView::Customs(p) => p.page_count(),
        }
    }

    /// "page 2/3 · 47 total".
    pub fn label(&self) -> String {
        match self {
            PageView::Qualifications(p) => p.label(),
            PageView::Certificates(p) => p.label(),
            PageView::Customs(p) => p.label(),
        }
    }

    /// The page as pretty JSON (items, each with its expiry on `today`, and paging), for
    /// export.
    pub fn to_json(&self, today: NaiveDate) -> String {
        let r = match self {
            PageView::Qualifications(p) => serde_json::to_string_pretty(&judged(p, today)),
            PageView::Certificates(p) => serde_json::to_string_pretty(&judged(p, today)),
            PageView::Customs(p) => serde_json::to_string_pretty(p),
        };
        r.unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

/// The page the active tab shows, if it has been answered.
pub fn current_page(state: &State) -> Option<PageView<'_>> {
    page_of(state, state.tab)
}

/// The page `tab` shows, if it has been answered.
pub fn page_of(state: &State, tab: Tab) -> Option<PageView<'_>> {
    let key = state.key_of(tab)?;
    PageView::from_response(&state.registry.answer(&key)?.response)
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

    /// The whole record as pretty JSON (`Y`), with its expiry on `today`.
    pub fn to_json(&self, today: NaiveDate) -> String {
        let r = match self {
            Record::Qualification(q) => serde_json::to_string_pretty(&Judged::on(*q, today)),
            Record::Certificate(c) => serde_json::to_string_pretty(&Judged::on(*c, today)),
            Record::Customs(r) => serde_json::to_string_pretty(r),
        };
        r.unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
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
                    c.status.as_ref().map_or_else(
                        || "unchecked".to_string(),
                        |s| format!("{} ({})", s.label_zh(), s.label_en()),
                    ),
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

/// A page with each record judged on `today`, borrowed.
fn judged<T: Expires>(page: &Page<T>, today: NaiveDate) -> Page<Judged<&T>> {
    page.map_ref(|r| Judged::on(r, today))
}
