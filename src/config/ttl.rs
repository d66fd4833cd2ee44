//! Lifetimes written the way people say them: `90s`, `30m`, `24h`, `7d` (a bare number is
//! seconds). Used for cache lifetimes and the report-reuse window.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A lifetime. Serialised as the shortest exact `<n><unit>` string.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ttl(pub Duration);

impl Ttl {
    pub const fn secs(n: u64) -> Ttl {
        Ttl(Duration::from_secs(n))
    }

    pub const fn hours(n: u64) -> Ttl {
        Ttl(Duration::from_secs(n * 3600))
    }

    pub const fn days(n: u64) -> Ttl {
        Ttl(Duration::from_secs(n * 86_400))
    }

    pub fn duration(self) -> Duration {
        self.0
    }

    /// `90s`, `30m`, `24h`, `7d`, `1d 12h` is not accepted: one number, one unit.
    pub fn parse(text: &str) -> Result<Ttl, String> {
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let n: u64 = num.parse().map_err(|_| {
            format!("{text:?} is not a lifetime: write a number and a unit, e.g. 90s, 30m, 24h, 7d")
        })?;
        let factor = match unit.trim() {
            "" | "s" | "sec" | "secs" => 1,
            "m" | "min" | "mins" => 60,
            "h" | "hour" | "hours" => 3600,
            "d" | "day" | "days" => 86_400,
            other => {
                return Err(format!(
                    "unknown unit {other:?} in {text:?}: use s, m, h or d"
                ))
            }
        };
        n.checked_mul(factor)
            .map(Ttl::secs)
            .ok_or_else(|| format!("{text:?} is too long"))
    }
}

impl fmt::Display for Ttl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.as_secs();
        if s == 0 {
            f.write_str("0s")
        } else if s.is_multiple_of(86_400) && s >= 2 * 86_400 {
            write!(f, "{}d", s / 86_400)
        } else if s.is_multiple_of(3600) {
            write!(f, "{}h", s / 3600)
        } else if s.is_multiple_of(60) {
            write!(f, "{}m", s / 60)
        } else {
            write!(f, "{s}s")
        }
    }
}

impl fmt::Debug for Ttl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ttl({self})")
    }
}

impl Serialize for Ttl {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Ttl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ttl, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Secs(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Secs(n) => Ok(Ttl::secs(n)),
            Raw::Text(t) => Ttl::parse(&t).map_err(serde::de::Error::custom),
        }
    }
}

/// "3 h ago", "12 min ago", "2 d ago", "just now": the age of a cached answer.
pub fn age_label(age: Duration) -> String {
    let s = age.as_secs();
    if s < 60 {
        "just now".to_string()
    } else if s < 3600 {
        format!("{} min ago", s / 60)
    } else if s < 86_400 {
        format!("{} h ago", s / 3600)
    } else {
        format!("{} d ago", s / 86_400)
    }
}

/// "1 h 59 min", "12 min", "40 s": a time left.
pub fn left_label(left: Duration) -> String {
    let s = left.as_secs();
    if s >= 3600 {
        format!("{} h {:02} min", s / 3600, (s % 3600) / 60)
    } else if s >= 60 {
        format!("{} min", s.div_ceil(60))
    } else {
        format!("{s} s")
    }
}

#[cfg(test)]
mod tests;
