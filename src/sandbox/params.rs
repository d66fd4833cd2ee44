//! Request parameters: the query string merged with an urlencoded form body, looked up by
//! name case-insensitively (the vendors' servers are ASP.NET, whose binding ignores case).

use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// Bodies larger than this are refused before any handler runs.
const MAX_BODY: usize = 64 * 1024;

/// What a vendor route needs from a request: its method, headers and parameters.
#[derive(Debug)]
pub struct Incoming {
    pub method: Method,
    pub headers: HeaderMap,
    pub params: Params,
}

impl<S: Send + Sync> FromRequest<S> for Incoming {
    type Rejection = Response;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let body = axum::body::to_bytes(body, MAX_BODY)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        let params = Params::parse(parts.uri.query(), &parts.headers, &body);
        Ok(Incoming {
            method: parts.method,
            headers: parts.headers,
            params,
        })
    }
}

/// Name/value pairs, query string first, then the form body.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(query: Option<&str>, headers: &HeaderMap, body: &[u8]) -> Params {
        let mut pairs: Vec<(String, String)> = query
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        if is_form(headers) && !body.is_empty() {
            pairs.extend(url::form_urlencoded::parse(body).into_owned());
        }
        Params(pairs)
    }

    /// The first non-blank value of `name`, trimmed; `None` when absent or blank.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .find(|v| !v.is_empty())
    }

    /// A positive number parameter: `default` when absent, `Err` when not a number or < 1.
    pub fn positive(&self, name: &str, default: usize) -> Result<usize, ()> {
        match self.text(name) {
            None => Ok(default),
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(n),
                _ => Err(()),
            },
        }
    }
}

/// Form bodies are parsed when declared, or undeclared (curl -d without a header still
/// sends one; a JSON body is not a vendor format and is ignored).
fn is_form(headers: &HeaderMap) -> bool {
    match headers.get(header::CONTENT_TYPE) {
        None => true,
        Some(v) => v
            .to_str()
            .map(|s| {
                s.to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded")
            })
            .unwrap_or(false),
    }
}

/// One page of `items` (1-based `index`), or `None` when the page is past the last one or
/// there is nothing at all.
pub fn page<T>(items: &[T], index: usize, size: usize) -> Option<&[T]> {
    let start = index.checked_sub(1)?.checked_mul(size)?;
    if start >= items.len() {
        return None;
    }
    let end = start.saturating_add(size).min(items.len());
    Some(&items[start..end])
}

#[cfg(test)]
mod tests;
