//! How handlers answer: query parameters checked (malformed ones answered as JSON or as a page),
//! JSON errors, and bodies rendered by the CLI's renderers.

use super::http::{Request, Response};
use super::params::Params;
use crate::render::{html, Format};

/// How a handler answers malformed query parameters (`limit=-1`, `exact=maybe`).
pub trait Answer {
    fn bad_request(message: &str) -> Response;
}

/// The API's JSON error.
pub struct Json;
/// An error page.
pub struct Page;

impl Answer for Json {
    fn bad_request(message: &str) -> Response {
        api_error(400, message)
    }
}

impl Answer for Page {
    fn bad_request(message: &str) -> Response {
        Response::html(400, html::error_page(message))
    }
}

/// The request's query parameters; malformed ones (a field named in the message) answered as `A`
/// says.
pub fn params<A: Answer>(req: &Request) -> Result<Params, Response> {
    let query = req.query().unwrap_or_default();
    let fields = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(fields)
        .map_err(|e| A::bad_request(&format!("Failed to deserialize query string: {e}")))
}

/// An API error: status and a JSON body `{"error": "..."}`.
pub(super) fn api_error(status: u16, message: &str) -> Response {
    Response::new(status, "application/json", format!("{}\n", serde_json::json!({ "error": message })))
}

/// Renders with one of the CLI's renderers into a response.
pub(super) fn rendered(format: Format, write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Response {
    let mut buf = Vec::new();
    if let Err(e) = write(&mut buf) {
        return api_error(500, &e.to_string());
    }
    let kind = if format == Format::Csv { "text/csv; charset=utf-8" } else { "application/json" };
    Response::new(200, kind, buf)
}
