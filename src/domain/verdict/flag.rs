//! One finding of a vet: how serious it is, what it says in English and Chinese, and the
//! record behind it, so a front end can jump straight to that record.

use serde::Serialize;

use super::SourceId;

/// How serious a flag is. Orders red first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagLevel {
    Red,
    Warning,
    Good,
}

impl FlagLevel {
    pub fn code(self) -> &'static str {
        match self {
            FlagLevel::Red => "red",
            FlagLevel::Warning => "warning",
            FlagLevel::Good => "good",
        }
    }

    /// A one-column marker that carries the meaning without colour.
    pub fn marker(self) -> &'static str {
        match self {
            FlagLevel::Red => "✗",
            FlagLevel::Warning => "!",
            FlagLevel::Good => "✓",
        }
    }
}

/// Which rule raised a flag (a stable machine name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagCode {
    /// Customs level 失信企业 or 严重失信企业 (red).
    CustomsDishonest,
    /// A customs penalty of nature 走私 (red).
    SmugglingPenalty,
    /// A qualification past its expiry date (red: every qualification held is required).
    QualificationExpired,
    /// A certificate whose detail status is 撤销 or 注销 (red).
    CertificateRevoked,
    /// A qualification expiring within 90 days (warning).
    QualificationExpiring,
    /// A certificate expiring within 90 days (warning).
    CertificateExpiring,
    /// A certificate past its expiry date, or whose status says 过期/失效 (warning).
    CertificateExpired,
    /// A certificate status other than 有效 that is not red: 暂停 or undocumented (warning).
    CertificateNotValid,
    /// The issuing body's status (发证机构状态) is not 有效 (warning).
    IssuerNotValid,
    /// Customs registration 注销 (warning).
    CustomsCancelled,
    /// A customs penalty that is not smuggling (warning; smuggling is red).
    CustomsPenalty,
    /// Customs annual report 未报送 (warning).
    AnnualReportMissing,
    /// Certificates whose status was not checked: details are billed one by one (warning).
    CertificatesUnchecked,
    /// A source that could not be checked (warning).
    SourceFailed,
    /// A paged list read only up to the page cap: records beyond it were not checked
    /// (warning).
    ListIncomplete,
    /// Customs 高级认证企业 (good).
    AdvancedCertified,
    /// Every qualification is within its validity (good).
    QualificationsValid,
    /// QCC and Juhe differ on a qualification: one lacks it, or its expiry or grade differs
    /// (warning, both records as evidence).
    ProvidersDisagree,
    /// QCC and Juhe list the same qualifications with the same dates and grades (good).
    ProvidersAgree,
}

/// The record behind a flag: which source, which row (0-based over everything fetched
/// from that source, all pages), which penalty of a customs record, and the field's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub source: SourceId,
    /// Row in that source's list; `None` when the flag is about the source as a whole.
    pub index: Option<usize>,
    /// Row in the customs record's `PunishList`.
    pub penalty: Option<usize>,
    /// The record's own id: qualification certificate number, certificate id, customs id,
    /// penalty decision number.
    pub id: Option<String>,
    /// The domain field (`expires`, `level`, `nature`, `status` …).
    pub field: &'static str,
    /// The field as the registry names it (证书有效期, 信用等级 …).
    pub label: &'static str,
    /// The value that raised the flag, as shown.
    pub value: String,
}

impl Evidence {
    /// Evidence about row `index` of `source`.
    pub fn row(source: SourceId, index: usize, id: &str, field: &'static str) -> Self {
        Evidence {
            source,
            index: Some(index),
            penalty: None,
            id: (!id.is_empty()).then(|| id.to_string()),
            field,
            label: "",
            value: String::new(),
        }
    }

    pub fn label(mut self, label: &'static str) -> Self {
        self.label = label;
        self
    }

    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = value.into();
        self
    }

    /// "customs #1 信用等级 = 失信企业".
    pub fn describe(&self) -> String {
        let mut out = self.source.code().to_string();
        if let Some(i) = self.index {
            out.push_str(&format!(" #{}", i + 1));
        }
        if let Some(p) = self.penalty {
            out.push_str(&format!(" penalty #{}", p + 1));
        }
        if let Some(id) = &self.id {
            out.push_str(&format!(" [{id}]"));
        }
        let label = if self.label.is_empty() {
            self.field
        } else {
            self.label
        };
        if !self.value.is_empty() {
            out.push_str(&format!(" {label} = {}", self.value));
        }
        out
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub level: FlagLevel,
    pub code: FlagCode,
    /// Plain English.
    pub en: String,
    /// The same in Chinese.
    pub zh: String,
    /// The records behind it (empty for a count such as unchecked certificates).
    pub evidence: Vec<Evidence>,
}

impl Flag {
    /// Every evidence record on one line, `; ` between them (exports, the dossier).
    pub fn evidence_text(&self) -> String {
        self.evidence
            .iter()
            .map(Evidence::describe)
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn new(level: FlagLevel, code: FlagCode, en: String, zh: String) -> Self {
        Flag {
            level,
            code,
            en,
            zh,
            evidence: Vec::new(),
        }
    }

    pub fn with(mut self, evidence: Evidence) -> Self {
        self.evidence.push(evidence);
        self
    }
}
