//! Juhe building-qualification payload (`result` of the envelope).

use serde::{Deserialize, Serialize};

use crate::api::lenient;
use crate::api::wire::WireResult;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JuheResult {
    #[serde(deserialize_with = "lenient::u64")]
    pub total: u64,
    #[serde(deserialize_with = "lenient::vec")]
    pub items: Vec<JuheQualification>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct JuheQualification {
    /// 发证机关
    #[serde(deserialize_with = "lenient::string")]
    pub organ: String,
    /// 证书有效期 (expiry), yyyy-MM-dd
    #[serde(deserialize_with = "lenient::string")]
    pub effective_time: String,
    #[serde(deserialize_with = "lenient::string")]
    pub business_id: String,
    /// 发证日期
    #[serde(deserialize_with = "lenient::string")]
    pub issuing_certificate_time: String,
    /// 资质类别
    #[serde(rename = "type", deserialize_with = "lenient::string")]
    pub kind: String,
    #[serde(deserialize_with = "lenient::string")]
    pub certificate_num: String,
    /// Comma-joined names.
    #[serde(deserialize_with = "lenient::string")]
    pub qualification_name: String,
}

impl WireResult for JuheResult {
    const IS_ARRAY: bool = false;
}
