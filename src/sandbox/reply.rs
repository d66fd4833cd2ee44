//! A rendered answer before it becomes an HTTP response: it carries whether the vendor would
//! bill it, so the route can count it in one place.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub const JSON: &str = "application/json; charset=utf-8";
pub const XML: &str = "application/xml; charset=utf-8";

/// What nginx answers when its upstream is down; clients must not try to parse it as JSON.
const BAD_GATEWAY_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

#[derive(Debug, Clone)]
pub struct Reply {
    pub http: StatusCode,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub billed: bool,
    pub headers: Vec<(HeaderName, String)>,
}

impl Reply {
    /// A vendor answer: always HTTP 200, like the real services.
    pub fn vendor(content_type: &'static str, body: String, billed: bool) -> Reply {
        Reply {
            http: StatusCode::OK,
            content_type,
            body: body.into_bytes(),
            billed,
            headers: Vec::new(),
        }
    }

    pub fn bad_gateway() -> Reply {
        Reply {
            http: StatusCode::BAD_GATEWAY,
            content_type: "text/html",
            body: BAD_GATEWAY_PAGE.as_bytes().to_vec(),
            billed: false,
            headers: vec![(header::SERVER, "nginx".to_string())],
        }
    }

    pub fn plain(http: StatusCode, text: &str) -> Reply {
        Reply {
            http,
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
            billed: false,
            headers: Vec::new(),
        }
    }

    /// The first half of the body (cut on a UTF-8 boundary): what a dropped upstream
    /// connection behind a buffering proxy looks like. Never billed: nothing usable arrived.
    pub fn truncated(mut self) -> Reply {
        let mut cut = self.body.len() / 2;
        while cut > 0 && self.body.get(cut).is_some_and(|b| b & 0xC0 == 0x80) {
            cut -= 1;
        }
        self.body.truncate(cut);
        self.billed = false;
        self
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = (self.http, self.body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests;
