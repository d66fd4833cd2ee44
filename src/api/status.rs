//! Every status code in the five vendor documents: the vendor's Chinese message, a short
//! English gloss, and a class that decides what a caller does with it.

use serde::Serialize;

/// Which vendor answered; their code spaces overlap (QCC 105 ≠ Juhe's old 105).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Vendor {
    Qcc,
    Juhe,
}

/// What a status code means for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusClass {
    /// Success: show the data.
    Ok,
    /// A valid answer with nothing in it (QCC 201, Juhe 265004): an empty state, not an error.
    NoResult,
    /// Still processing (205): poll again.
    Pending,
    /// The request itself was wrong (202, 213, 215, 223 …): fix the input.
    BadInput,
    /// The vendor does not support this query for this company (207, 208 …).
    Unsupported,
    /// The key or account is unusable (101–104, 111–115 …): stop and check the account.
    KeyOrAccount,
    /// Signature rejected or IP banned (107): check the secret and the system clock.
    Signature,
    /// Daily or account quota spent (109, 112, 116): stop until it is topped up or resets.
    Quota,
    /// Traffic shaping (120): retry later with back-off.
    Throttled,
    /// The same query failed repeatedly (110): do not repeat it for two hours.
    Cooldown,
    /// A fault on the vendor's side (199, 203, 500, 265000 …): retry later.
    UpstreamFault,
    /// The endpoint is retired (105, 10021).
    Retired,
    /// A code in no document: treat as an error and show the vendor's message.
    Unknown,
}

impl StatusClass {
    /// Whether repeating the same request later can succeed without the user changing anything.
    pub fn retryable(self) -> bool {
        matches!(self, StatusClass::Throttled | StatusClass::UpstreamFault)
    }

    /// Whether this class is a successful, billed answer (data or an empty result).
    pub fn is_answer(self) -> bool {
        matches!(self, StatusClass::Ok | StatusClass::NoResult)
    }

    /// One plain sentence on what the user should do.
    pub fn advice(self) -> &'static str {
        match self {
            StatusClass::Ok | StatusClass::NoResult => "",
            StatusClass::Pending => "The vendor is still working on it; corpvet polls again.",
            StatusClass::BadInput => "Check the company name or code and try again.",
            StatusClass::Unsupported => "The vendor cannot answer this query for this company.",
            StatusClass::KeyOrAccount => {
                "Check the API key and the account in the vendor's console (设置中心 → 我的公司)."
            }
            StatusClass::Signature => {
                "Check the secret key and that this machine's clock is correct (the signature \
                 embeds the time)."
            }
            StatusClass::Quota => {
                "The quota is spent: top up the account or wait for the daily reset."
            }
            StatusClass::Throttled => "The vendor is shedding load: wait a little and retry.",
            StatusClass::Cooldown => {
                "Do not repeat this query for two hours; the vendor blocks it."
            }
            StatusClass::UpstreamFault => "A fault at the vendor: retry later.",
            StatusClass::Retired => "The vendor has retired this endpoint.",
            StatusClass::Unknown => "An undocumented status: see the vendor's message.",
        }
    }
}

/// A documented status code with its fixed message and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusInfo {
    pub vendor: Vendor,
    pub code: &'static str,
    /// The vendor's own message from the document's table.
    pub message: &'static str,
    /// A short English gloss of that message.
    pub gloss: &'static str,
    pub class: StatusClass,
}

use StatusClass::*;

macro_rules! table {
    ($name:ident, $vendor:expr, [$(($code:literal, $class:expr, $msg:literal, $gloss:literal)),* $(,)?]) => {
        static $name: &[StatusInfo] = &[
            $(StatusInfo { vendor: $vendor, code: $code, message: $msg, gloss: $gloss, class: $class }),*
        ];
    };
}

table!(
    QCC,
    Vendor::Qcc,
    [
        ("200", Ok, "【有效请求】查询成功", "success"),
        ("201", NoResult, "【有效请求】查询无结果", "no result"),
        (
            "202",
            BadInput,
            "【有效请求】查询参数错误，请检查",
            "invalid parameters"
        ),
        ("205", Pending, "【有效请求】等待处理中", "still processing"),
        (
            "207",
            Unsupported,
            "【有效请求】请求数据的条目数超过上限（5000）",
            "more than 5000 rows requested"
        ),
        (
            "208",
            Unsupported,
            "【有效请求】此接口不支持此公司类型查询",
            "this company type is not supported"
        ),
        (
            "209",
            Unsupported,
            "【有效请求】企业数量超过上限",
            "too many companies"
        ),
        (
            "213",
            BadInput,
            "【有效请求】参数长度不能小于 2",
            "keyword shorter than 2 characters"
        ),
        (
            "215",
            BadInput,
            "【有效请求】不支持的查询关键字",
            "unsupported keyword"
        ),
        (
            "218",
            Unsupported,
            "【有效请求】该企业暂不支持空壳扫描",
            "shell-company scan not supported for this company"
        ),
        (
            "219",
            Unsupported,
            "【有效请求】该企业暂不支持准入尽调",
            "due-diligence scan not supported for this company"
        ),
        (
            "105",
            Retired,
            "【有效请求】接口已下线停用",
            "endpoint retired"
        ),
        (
            "110",
            Cooldown,
            "【有效请求】当前相同查询连续出错，请等 2小时后重试",
            "same query failed repeatedly: wait 2 hours"
        ),
        (
            "101",
            KeyOrAccount,
            "【无效请求】当前的 KEY无效或者还未生效中",
            "key invalid or not yet active"
        ),
        (
            "102",
            KeyOrAccount,
            "【无效请求】当前 KEY已欠费",
            "key in arrears"
        ),
        (
            "103",
            KeyOrAccount,
            "【无效请求】当前 KEY被暂停使用",
            "key suspended"
        ),
        (
            "104",
            KeyOrAccount,
            "【无效请求】请求 KEY异常，请联系管理员",
            "key abnormal: contact the vendor (older tables: system maintenance, try again later)"
        ),
        (
            "106",
            KeyOrAccount,
            "【无效请求】非法请求过多，请联系管理员",
            "too many illegal requests: contact the vendor"
        ),
        (
            "107",
            Signature,
            "【无效请求】被禁止的 IP或者签名错误",
            "IP banned or signature wrong"
        ),
        (
            "108",
            KeyOrAccount,
            "【无效请求】异常请求过多，请联系管理员",
            "too many abnormal requests: contact the vendor (older tables: request format wrong)"
        ),
        (
            "109",
            Quota,
            "【无效请求】请求超过每日系统限制",
            "daily system limit exceeded"
        ),
        (
            "111",
            KeyOrAccount,
            "【无效请求】接口权限未开通，请联系管理员",
            "endpoint not enabled for this key"
        ),
        (
            "112",
            Quota,
            "【无效请求】您的账号剩余使用量已不足或已过期",
            "account balance spent or expired"
        ),
        (
            "113",
            KeyOrAccount,
            "【无效请求】当前接口已被删除，请重新申请",
            "endpoint removed from the account: apply again"
        ),
        (
            "114",
            KeyOrAccount,
            "【无效请求】当前接口已被禁用，请联系管理员",
            "endpoint disabled for this account"
        ),
        (
            "115",
            KeyOrAccount,
            "【无效请求】身份验证错误或者已过期",
            "authentication failed or expired"
        ),
        (
            "116",
            Quota,
            "【无效请求】请求超过每日调用总量限制",
            "daily call quota exhausted"
        ),
        (
            "117",
            BadInput,
            "【无效请求】当前不支持的请求参数调用量过多",
            "too many calls with unsupported parameters"
        ),
        (
            "118",
            Unsupported,
            "【无效请求】当前接口不支持此方式的调用",
            "endpoint does not support this call method"
        ),
        (
            "119",
            KeyOrAccount,
            "【无效请求】您的帐号出现异常，请联系管理员",
            "account abnormal: contact the vendor"
        ),
        (
            "120",
            Throttled,
            "【无效请求】系统流量异常，请稍后再试",
            "traffic anomaly: retry later"
        ),
        (
            "121",
            KeyOrAccount,
            "【无效请求】数据不能出境",
            "data may not leave China"
        ),
        (
            "199",
            UpstreamFault,
            "【无效请求】系统未知错误，请联系技术客服",
            "unknown system error"
        ),
        (
            "203",
            UpstreamFault,
            "【无效请求】系统查询有异常，请联系技术人员",
            "query failed inside the vendor"
        ),
        (
            "214",
            KeyOrAccount,
            "【无效请求】您还未购买过该接口，请先购买",
            "endpoint not purchased"
        ),
        (
            "223",
            BadInput,
            "【无效请求】当前接口的计费方式不支持此查询参数",
            "billing plan does not allow this parameter"
        ),
        (
            "500",
            UpstreamFault,
            "【无效请求】接口相关的逻辑错误",
            "vendor logic error"
        ),
    ]
);

table!(
    JUHE,
    Vendor::Juhe,
    [
        ("0", Ok, "success", "success"),
        (
            "265000",
            UpstreamFault,
            "网络超时,请稍后再试",
            "network timeout: retry later"
        ),
        ("265001", BadInput, "参数缺失", "parameter missing"),
        ("265002", BadInput, "参数不合法", "parameter invalid"),
        ("265003", UpstreamFault, "请求失败", "request failed"),
        ("265004", NoResult, "查询无结果", "no result"),
        ("265005", UpstreamFault, "未知错误", "unknown error"),
        ("10001", KeyOrAccount, "错误的请求KEY", "wrong key"),
        (
            "10002",
            KeyOrAccount,
            "该KEY无请求权限",
            "key has no permission"
        ),
        ("10003", KeyOrAccount, "KEY过期", "key expired"),
        ("10004", KeyOrAccount, "错误的OPENID", "wrong OPENID"),
        (
            "10005",
            KeyOrAccount,
            "应用未审核超时，请提交认证",
            "application not reviewed: submit verification"
        ),
        (
            "10007",
            KeyOrAccount,
            "未知的请求源",
            "unknown request source"
        ),
        ("10008", KeyOrAccount, "被禁止的IP", "IP banned"),
        ("10009", KeyOrAccount, "被禁止的KEY", "key banned"),
        (
            "10011",
            Throttled,
            "当前IP请求超过限制",
            "too many requests from this IP"
        ),
        ("10012", Quota, "请求超过次数限制", "call quota exceeded"),
        (
            "10013",
            Quota,
            "测试KEY超过请求限制",
            "test key over its limit"
        ),
        (
            "10014",
            UpstreamFault,
            "系统内部异常",
            "vendor internal error"
        ),
        (
            "10020",
            UpstreamFault,
            "接口维护",
            "endpoint under maintenance"
        ),
        ("10021", Retired, "接口停用", "endpoint retired"),
    ]
);

/// Every documented status of `vendor`.
pub fn all(vendor: Vendor) -> &'static [StatusInfo] {
    match vendor {
        Vendor::Qcc => QCC,
        Vendor::Juhe => JUHE,
    }
}

/// The documented meaning of `code` (surrounding spaces ignored), or `None` if no document
/// lists it.
pub fn lookup(vendor: Vendor, code: &str) -> Option<&'static StatusInfo> {
    let code = code.trim();
    all(vendor).iter().find(|s| s.code == code)
}

/// The class of `code`; undocumented codes are [`StatusClass::Unknown`].
pub fn classify(vendor: Vendor, code: &str) -> StatusClass {
    lookup(vendor, code).map_or(Unknown, |s| s.class)
}

#[cfg(test)]
mod tests;
