//! What calls cost and how much may be spent (issue 14): `[prices]` in ¥ per billable call,
//! from the account's contract, and `[budget]` per account (with the team store, for the
//! whole team). Money is kept in fen (¥0.01) everywhere past the file, as whole numbers.

use serde::{Deserialize, Serialize};

use super::fields::Field;
use crate::api::juhe::QUALIFICATION_PATH;
use crate::api::qcc::endpoint;

/// ¥ per billable call, by endpoint. 0: unknown (counted as calls, not in ¥).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PricesSection {
    pub building: f64,
    pub certificates: f64,
    pub certificate_detail: f64,
    pub customs: f64,
    pub create_report: f64,
    pub report_info: f64,
    pub juhe: f64,
}

impl PricesSection {
    /// The price of one billable call of `endpoint`, in fen.
    pub fn fen(&self, endpoint: &str) -> i64 {
        let yuan = match endpoint {
            endpoint::BUILDING => self.building,
            endpoint::CERT_SEARCH => self.certificates,
            endpoint::CERT_DETAIL => self.certificate_detail,
            endpoint::CUSTOMS => self.customs,
            endpoint::CREATE_REPORT => self.create_report,
            endpoint::REPORT_INFO => self.report_info,
            QUALIFICATION_PATH => self.juhe,
            _ => 0.0,
        };
        to_fen(yuan)
    }

    /// Whether any price is set (else the ¥ figures are left out, not shown as ¥0).
    pub fn any(&self) -> bool {
        [
            self.building,
            self.certificates,
            self.certificate_detail,
            self.customs,
            self.create_report,
            self.report_info,
            self.juhe,
        ]
        .iter()
        .any(|p| *p > 0.0)
    }
}

/// Limits on what the account spends; 0: no limit. Days and months are China's (UTC+8).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetSection {
    /// Billable calls per day.
    pub daily_calls: u32,
    /// ¥ per day.
    pub daily_yuan: f64,
    /// ¥ per calendar month.
    pub monthly_yuan: f64,
}

/// ¥ as fen, rounded to the nearest fen.
pub fn to_fen(yuan: f64) -> i64 {
    (yuan * 100.0).round() as i64
}

/// Fen as ¥ text: `¥12.50`.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}¥{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

fn amount(v: &str) -> Result<f64, String> {
    match v.trim().trim_start_matches('¥').parse::<f64>() {
        Ok(n) if n.is_finite() && (0.0..=10_000_000.0).contains(&n) => Ok(n),
        _ => Err(format!(
            "{v:?} is not an amount of ¥ from 0 to 10000000 (e.g. 0.5)"
        )),
    }
}

fn shown(yuan: f64) -> String {
    format!("{yuan}")
}

/// A key holding an amount of ¥: `section.name`.
macro_rules! yuan_field {
    ($section:ident . $name:ident, $env:literal) => {
        Field {
            key: concat!(stringify!($section), ".", stringify!($name)),
            env: $env,
            secret: false,
            get: |c| shown(c.$section.$name),
            set: |c, v| {
                c.$section.$name = amount(v)?;
                Ok(())
            },
        }
    };
}

/// The keys of `[prices]` and `[budget]`.
pub static MONEY_FIELDS: &[Field] = &[
    yuan_field!(prices.building, "CORPVET_PRICE_BUILDING"),
    yuan_field!(prices.certificates, "CORPVET_PRICE_CERTIFICATES"),
    yuan_field!(
        prices.certificate_detail,
        "CORPVET_PRICE_CERTIFICATE_DETAIL"
    ),
    yuan_field!(prices.customs, "CORPVET_PRICE_CUSTOMS"),
    yuan_field!(prices.create_report, "CORPVET_PRICE_CREATE_REPORT"),
    yuan_field!(prices.report_info, "CORPVET_PRICE_REPORT_INFO"),
    yuan_field!(prices.juhe, "CORPVET_PRICE_JUHE"),
    Field {
        key: "budget.daily_calls",
        env: "CORPVET_BUDGET_DAILY_CALLS",
        secret: false,
        get: |c| c.budget.daily_calls.to_string(),
        set: |c, v| {
            c.budget.daily_calls = v
                .trim()
                .parse()
                .map_err(|_| format!("{v:?} is not a whole number of calls (0: no limit)"))?;
            Ok(())
        },
    },
    yuan_field!(budget.daily_yuan, "CORPVET_BUDGET_DAILY_YUAN"),
    yuan_field!(budget.monthly_yuan, "CORPVET_BUDGET_MONTHLY_YUAN"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_whole_fen() {
        assert_eq!(to_fen(0.1 + 0.2), 30);
        assert_eq!(yuan(1250), "¥12.50");
        assert_eq!(yuan(5), "¥0.05");
        let prices = PricesSection {
            certificate_detail: 0.35,
            ..PricesSection::default()
        };
        assert_eq!(prices.fen(endpoint::CERT_DETAIL), 35);
        assert_eq!(prices.fen(endpoint::BUILDING), 0);
        assert!(prices.any());
        assert!(amount("-1").is_err() && amount("abc").is_err());
        assert_eq!(amount("¥2.5"), Ok(2.5));
    }
}
