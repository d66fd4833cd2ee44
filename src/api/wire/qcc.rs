//! QCC result payloads (the `Result` of each endpoint's envelope).

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::api::lenient;
use crate::api::wire::WireResult;

/// `BuildingQualificationCheck/GetList` and `OperationCheck/GetList` share this shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VerifiedList<T> {
    /// 1 = data exists, 0 = none.
    #[serde(rename = "VerifyResult", deserialize_with = "lenient::u64")]
    pub verify_result: u64,
    #[serde(
        rename = "Data",
        deserialize_with = "lenient::vec",
        bound(deserialize = "T: serde::de::DeserializeOwned")
    )]
    pub data: Vec<T>,
}

/// One qualification certificate (`Result.Data[]` of building qualification).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BuildingQualification {
    #[serde(rename = "CertNo", deserialize_with = "lenient::string")]
    pub cert_no: String,
    /// 资质类型: 施工资质, 设计资质 …
    #[serde(rename = "Category", deserialize_with = "lenient::string")]
    pub category: String,
    #[serde(rename = "CertNameList", deserialize_with = "lenient::strings")]
    pub cert_name_list: Vec<String>,
    /// yyyy-MM-dd
    #[serde(rename = "SignDate", deserialize_with = "lenient::string")]
    pub sign_date: String,
    /// The expiry date, yyyy-MM-dd.
    #[serde(rename = "ValidPeriod", deserialize_with = "lenient::string")]
    pub valid_period: String,
    #[serde(rename = "SignDept", deserialize_with = "lenient::string")]
    pub sign_dept: String,
    /// The same names comma-joined.
    #[serde(rename = "CertScope", deserialize_with = "lenient::string")]
    pub cert_scope: String,
}

pub type BuildingResult = VerifiedList<BuildingQualification>;

/// One certificate of `ECICertification/SearchCertification` (`Result[]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Certification {
    #[serde(rename = "Id", deserialize_with = "lenient::string")]
    pub id: String,
    /// Product name (often empty for management-system certificates).
    #[serde(rename = "Name", deserialize_with = "lenient::string")]
    pub name: String,
    /// Type code, e.g. `cnca027`.
    #[serde(rename = "Type", deserialize_with = "lenient::string")]
    pub kind: String,
    /// yyyy-MM-dd HH:mm:ss
    #[serde(rename = "StartDate", deserialize_with = "lenient::string")]
    pub start_date: String,
    #[serde(rename = "EndDate", deserialize_with = "lenient::string")]
    pub end_date: String,
    #[serde(rename = "No", deserialize_with = "lenient::string")]
    pub no: String,
    #[serde(rename = "TypeDesc", deserialize_with = "lenient::string")]
    pub type_desc: String,
    /// Not in the document, but real rows carry it: the certificate's status (有效, 撤销 …).
    #[serde(
        rename = "Status",
        deserialize_with = "lenient::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub status: String,
    /// Not in the document, but real rows carry it: the issuing bodies (names, or objects
    /// with a name; null when none).
    #[serde(
        rename = "InstitutionList",
        deserialize_with = "institutions",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub institution_list: Vec<String>,
}

/// `InstitutionList` as names: strings kept, an object's `Name` (or its first text value)
/// taken, anything else dropped; null or absent is empty.
fn institutions<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let name = |v: Value| match v {
        Value::String(s) => Some(s),
        Value::Object(map) => map
            .get("Name")
            .or_else(|| map.get("InstitutionName"))
            .cloned()
            .or_else(|| map.into_iter().map(|(_, v)| v).find(Value::is_string))
            .map(lenient::value_to_string),
        _ => None,
    };
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(name)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Value::String(s) if !s.trim().is_empty() => vec![s.trim().to_string()],
        _ => Vec::new(),
    })
}

/// The `Result[]` of `SearchCertification`: a list whose unreadable elements (a `null`, a
/// string) are skipped instead of failing the whole page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CertificationList(#[serde(deserialize_with = "lenient::vec")] pub Vec<Certification>);

impl std::ops::Deref for CertificationList {
    type Target = Vec<Certification>;

    fn deref(&self) -> &Vec<Certification> {
        &self.0
    }
}

impl IntoIterator for CertificationList {
    type Item = Certification;
    type IntoIter = std::vec::IntoIter<Certification>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// `ECICertification/GetCertificationDetailById` result: a free-form map whose keys vary by
/// certificate type, kept in the order it arrived.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CertificationDetail {
    #[serde(rename = "Id", deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(rename = "Data", deserialize_with = "ordered_text_map")]
    pub data: IndexMap<String, String>,
    /// Reserved by the vendor; kept as sent.
    #[serde(rename = "Schema")]
    pub schema: Value,
}

/// An object of scalars as ordered text; `null` is an empty map.
fn ordered_text_map<'de, D: Deserializer<'de>>(d: D) -> Result<IndexMap<String, String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Object(map) => map
            .into_iter()
            .map(|(k, v)| (k, lenient::value_to_string(v)))
            .collect(),
        _ => IndexMap::new(),
    })
}

/// One customs registration (`OperationCheck/GetList` `Result.Data[]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomsRecord {
    #[serde(rename = "Id", deserialize_with = "lenient::string")]
    pub id: String,
    /// 注册海关
    #[serde(rename = "RegGov", deserialize_with = "lenient::string")]
    pub reg_gov: String,
    /// 经营类别
    #[serde(rename = "TradeType", deserialize_with = "lenient::string")]
    pub trade_type: String,
    #[serde(rename = "RegDate", deserialize_with = "lenient::string")]
    pub reg_date: String,
    /// 海关注册编码
    #[serde(rename = "RegNo", deserialize_with = "lenient::string")]
    pub reg_no: String,
    #[serde(rename = "AdminArea", deserialize_with = "lenient::string")]
    pub admin_area: String,
    #[serde(rename = "EconoArea", deserialize_with = "lenient::string")]
    pub econo_area: String,
    #[serde(rename = "SpecialArea", deserialize_with = "lenient::string")]
    pub special_area: String,
    /// 海关注销标志 (正常 / 注销)
    #[serde(rename = "CancelFlag", deserialize_with = "lenient::string")]
    pub cancel_flag: String,
    /// 年报情况 (已报送 / 未报送)
    #[serde(rename = "AnnualStatus", deserialize_with = "lenient::string")]
    pub annual_status: String,
    /// 报关有效期
    #[serde(rename = "ValidityDate", deserialize_with = "lenient::string")]
    pub validity_date: String,
    #[serde(rename = "IndustryType", deserialize_with = "lenient::string")]
    pub industry_type: String,
    #[serde(rename = "EBusinessType", deserialize_with = "lenient::string")]
    pub e_business_type: String,
    #[serde(rename = "IdentifyDate", deserialize_with = "lenient::string")]
    pub identify_date: String,
    /// 信用等级
    #[serde(rename = "IdentifyLevel", deserialize_with = "lenient::string")]
    pub identify_level: String,
    /// 认证证书编码 (AEOCN… for AEO)
    #[serde(rename = "IdentifyCode", deserialize_with = "lenient::string")]
    pub identify_code: String,
    #[serde(rename = "PunishList", deserialize_with = "lenient::vec")]
    pub punish_list: Vec<Penalty>,
}

pub type CustomsResult = VerifiedList<CustomsRecord>;

/// A customs administrative penalty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Penalty {
    #[serde(rename = "No", deserialize_with = "lenient::string")]
    pub no: String,
    #[serde(rename = "DecisionNo", deserialize_with = "lenient::string")]
    pub decision_no: String,
    #[serde(rename = "Party", deserialize_with = "lenient::string")]
    pub party: String,
    #[serde(rename = "PunishDate", deserialize_with = "lenient::string")]
    pub punish_date: String,
    /// 案件性质: 违规, 走私 …
    #[serde(rename = "CaseProp", deserialize_with = "lenient::string")]
    pub case_prop: String,
}

/// `Report/CreateReport` result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportOrder {
    #[serde(rename = "OrderNo", deserialize_with = "lenient::string")]
    pub order_no: String,
}

/// `Report/GetReportInfo` result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportInfo {
    /// `S` = ready; `F`/`E` = failed; anything else = in progress.
    #[serde(rename = "ReportStatus", deserialize_with = "lenient::string")]
    pub report_status: String,
    /// Path on the QCC host, e.g. `/api/rpt/retrieve?code=…`.
    #[serde(rename = "ReportUrl", deserialize_with = "lenient::string")]
    pub report_url: String,
}

impl<T: serde::de::DeserializeOwned + Default> WireResult for VerifiedList<T> {
    const IS_ARRAY: bool = false;
}

impl WireResult for CertificationList {
    const IS_ARRAY: bool = true;
}

impl WireResult for CertificationDetail {
    const IS_ARRAY: bool = false;
}

impl WireResult for ReportOrder {
    const IS_ARRAY: bool = false;
}

impl WireResult for ReportInfo {
    const IS_ARRAY: bool = false;
}
