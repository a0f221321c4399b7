//! How handlers answer: query parameters checked (malformed ones answered as JSON or as a page),
//! JSON errors, bodies rendered by the CLI's renderers, and work run off the async runtime.

use axum::extract::{FromRequestParts, Query};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

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
        api_error(StatusCode::BAD_REQUEST, message)
    }
}

impl Answer for Page {
    fn bad_request(message: &str) -> Response {
        (StatusCode::BAD_REQUEST, Html(html::error_page(message))).into_response()
    }
}

/// Query parameters, malformed ones answered as `A` says.
pub struct Checked<A>(pub Params, pub(super) std::marker::PhantomData<A>);
/// Parameters of an API call.
pub type ApiQuery = Checked<Json>;
/// Parameters of a page.
pub type PageQuery = Checked<Page>;

impl<S: Send + Sync, A: Answer> FromRequestParts<S> for Checked<A> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Response> {
        match Query::<Params>::from_request_parts(parts, state).await {
            Ok(Query(p)) => Ok(Checked(p, std::marker::PhantomData)),
            Err(e) => Err(A::bad_request(&e.body_text())),
        }
    }
}

/// Runs CPU work on the blocking pool, off the async runtime, so that the request timeout can
/// answer for it and other requests are not held up; a panic inside becomes a 500, never a crash.
pub(super) async fn blocking(work: impl FnOnce() -> Response + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(response) => response,
        Err(_) => api_error(StatusCode::INTERNAL_SERVER_ERROR, "the request failed inside echoes"),
    }
}

/// An API error: status and a JSON body `{"error": "..."}`.
pub(super) fn api_error(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], format!("{}\n", serde_json::json!({ "error": message })))
        .into_response()
}

/// Renders with one of the CLI's renderers into a response.
pub(super) fn rendered(format: Format, write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Response {
    let mut buf = Vec::new();
    if let Err(e) = write(&mut buf) {
        return api_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string());
    }
    let kind = if format == Format::Csv { "text/csv; charset=utf-8" } else { "application/json" };
    ([(header::CONTENT_TYPE, kind)], buf).into_response()
}
