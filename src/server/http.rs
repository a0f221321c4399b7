//! HTTP/1.1 messages on a blocking stream: a request's head read with `httparse` within a deadline
//! and a size limit, and answers written whole with their length (GET and HEAD only: no request
//! body is ever read, no answer is chunked).

use std::io::{Read, Write};
use std::time::Instant;

/// Longest request target (path and query) accepted (414 past it).
pub const MAX_URI_BYTES: usize = 8192;
/// Longest request head (request line and header lines) read; past it the request is refused
/// (414 when the request line alone is longer than [`MAX_URI_BYTES`], else 431).
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Most header lines in a request head (431 past it).
const MAX_HEADERS: usize = 100;

/// A request's head: all the server reads of a request.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target as sent: `/path?query` (origin form), `http://host/path` (absolute
    /// form), `host:port` (authority form, for CONNECT) or `*`.
    pub target: String,
    /// Header names in lower case, with their values as sent.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor: u8,
}

impl Request {
    /// A GET of `target` addressed to `localhost`, as a test drives the routes without a socket.
    pub fn get(target: &str) -> Request {
        Request {
            method: "GET".into(),
            target: target.into(),
            headers: vec![("host".into(), b"localhost".to_vec())],
            minor: 1,
        }
    }

    /// The values of a header, in order.
    pub fn header<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.headers.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_slice())
    }

    /// The authority the target names itself (absolute or authority form), if any.
    pub fn authority(&self) -> Option<&str> {
        if self.target.starts_with('/') || self.target == "*" {
            return None;
        }
        let rest = self.target.split_once("://").map_or(self.target.as_str(), |(_, rest)| rest);
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        Some(&rest[..end])
    }

    /// The path and query of the target (`/` when an absolute target names none).
    pub fn path_and_query(&self) -> &str {
        if self.target.starts_with('/') || self.target == "*" {
            return &self.target;
        }
        let Some((_, rest)) = self.target.split_once("://") else { return "" };
        rest.find(['/', '?']).map_or("/", |start| &rest[start..])
    }

    /// The path, still percent-encoded.
    pub fn path(&self) -> &str {
        let pq = self.path_and_query();
        pq.split_once('?').map_or(pq, |(path, _)| path)
    }

    /// The query string, still percent-encoded.
    pub fn query(&self) -> Option<&str> {
        self.path_and_query().split_once('?').map(|(_, query)| query)
    }

    /// Whether a body follows the head (which the server never reads, so the connection cannot
    /// carry another request after it).
    pub fn has_body(&self) -> bool {
        self.header("transfer-encoding").next().is_some()
            || self.header("content-length").any(|v| std::str::from_utf8(v).map_or(true, |n| n.trim() != "0"))
    }

    /// Whether the client keeps the connection for another request: HTTP/1.1 unless it says
    /// `Connection: close`, HTTP/1.0 only when it says `Connection: keep-alive`.
    pub fn keeps_alive(&self) -> bool {
        let said = |token: &str| {
            self.header("connection")
                .flat_map(|v| v.split(|&b| b == b','))
                .any(|t| t.trim_ascii().eq_ignore_ascii_case(token.as_bytes()))
        };
        if self.minor == 0 {
            said("keep-alive")
        } else {
            !said("close")
        }
    }
}

/// An answer: status, headers, the whole body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// Header names in lower case; `content-length` is added when written.
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// An answer of this status, type and body.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response { status, headers: vec![("content-type", content_type.to_string())], body: body.into() }
    }

    /// An HTML page.
    pub fn html(status: u16, page: String) -> Response {
        Response::new(status, "text/html; charset=utf-8", page)
    }

    /// Plain text.
    pub fn text(status: u16, text: impl Into<String>) -> Response {
        Response::new(status, "text/plain; charset=utf-8", text.into())
    }

    /// The answer with a header set (replacing one of the same name).
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.set(name, value);
        self
    }

    /// Sets a header, replacing one of the same name.
    pub fn set(&mut self, name: &'static str, value: impl Into<String>) {
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value.into()));
    }

    /// The value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// Writes the answer in one piece: the body's length always, the body itself unless the
    /// request was HEAD, and `connection: close` when the connection ends after it.
    pub fn write_to(&self, out: &mut impl Write, with_body: bool, close: bool) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("content-length: {}\r\n", self.body.len()));
        head.push_str(&format!("date: {}\r\n", httpdate::fmt_http_date(std::time::SystemTime::now())));
        head.push_str(if close { "connection: close\r\n\r\n" } else { "connection: keep-alive\r\n\r\n" });
        let mut all = head.into_bytes();
        if with_body {
            all.extend_from_slice(&self.body);
        }
        out.write_all(&all)?;
        out.flush()
    }
}

/// The reason phrase of the statuses the server gives.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// What reading a request's head came to.
#[derive(Debug)]
pub enum Head {
    /// A request, and the bytes of the buffer its head took.
    Request(Request, usize),
    /// A head the server refuses (too large, malformed), with the answer; the connection ends.
    Refused(Response),
    /// The client closed the connection, or sent no whole head before the deadline.
    Gone,
}

/// Reads the next request's head into `buf` (which may already hold bytes sent after the last
/// request), waiting no later than `deadline`.
pub fn read_head(stream: &mut std::net::TcpStream, buf: &mut Vec<u8>, deadline: Instant) -> Head {
    let mut chunk = [0u8; 8192];
    loop {
        match parse(buf) {
            Ok(Some(parsed)) => return parsed,
            Ok(None) => {}
            Err(refused) => return Head::Refused(refused),
        }
        if buf.len() > MAX_HEAD_BYTES {
            return Head::Refused(too_large(buf));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Head::Gone;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Head::Gone,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Head::Gone,
        }
    }
}

/// The request whose head `buf` holds whole; `None` while it is not whole yet.
fn parse(buf: &[u8]) -> Result<Option<Head>, Response> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let used = match parsed.parse(buf) {
        Ok(httparse::Status::Complete(used)) => used,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(Response::text(431, format!("more than {MAX_HEADERS} header lines\n")))
        }
        Err(httparse::Error::Version) => return Err(Response::text(505, "HTTP/1.0 and HTTP/1.1 only\n")),
        Err(e) => return Err(Response::text(400, format!("malformed request: {e}\n"))),
    };
    let target = parsed.path.unwrap_or_default();
    if !target.is_ascii() {
        return Err(Response::text(400, "malformed request: the target is not percent-encoded\n"));
    }
    let request = Request {
        method: parsed.method.unwrap_or_default().to_string(),
        target: target.to_string(),
        headers: parsed.headers.iter().map(|h| (h.name.to_ascii_lowercase(), h.value.to_vec())).collect(),
        minor: parsed.version.unwrap_or(1),
    };
    Ok(Some(Head::Request(request, used)))
}

/// The answer to a head over [`MAX_HEAD_BYTES`]: 414 when its request line alone is over the
/// target limit, else 431.
fn too_large(buf: &[u8]) -> Response {
    let line = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
    if line > MAX_URI_BYTES {
        Response::text(414, format!("request target over {MAX_URI_BYTES} bytes\n"))
    } else {
        Response::text(431, format!("request head over {MAX_HEAD_BYTES} bytes\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(raw: &str) -> Request {
        match parse(raw.as_bytes()) {
            Ok(Some(Head::Request(r, used))) => {
                assert_eq!(used, raw.len());
                r
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn targets_in_every_form_give_their_path_query_and_authority() {
        let r = head("GET /api/search?q=a%20b HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assert_eq!((r.path(), r.query(), r.authority()), ("/api/search", Some("q=a%20b"), None));
        let r = head("GET http://Example.org:8080/docs?page=2 HTTP/1.1\r\n\r\n");
        assert_eq!((r.path(), r.query(), r.authority()), ("/docs", Some("page=2"), Some("Example.org:8080")));
        let r = head("GET http://example.org HTTP/1.1\r\n\r\n");
        assert_eq!((r.path(), r.authority()), ("/", Some("example.org")));
        let r = head("CONNECT 127.0.0.1:80 HTTP/1.1\r\n\r\n");
        assert_eq!(r.authority(), Some("127.0.0.1:80"));
    }

    #[test]
    fn connections_are_kept_as_each_version_says() {
        assert!(head("GET / HTTP/1.1\r\n\r\n").keeps_alive());
        assert!(!head("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").keeps_alive());
        assert!(!head("GET / HTTP/1.0\r\n\r\n").keeps_alive());
        assert!(head("GET / HTTP/1.0\r\nConnection: te, Keep-Alive\r\n\r\n").keeps_alive());
        assert!(!head("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").has_body());
        assert!(head("GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\n").has_body());
        assert!(head("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").has_body());
    }

    #[test]
    fn partial_and_malformed_heads_are_told_apart() {
        assert!(matches!(parse(b"GET / HTTP/1.1\r\nHost: a"), Ok(None)));
        assert!(matches!(parse(b"GET / HTTP/1.1\r\nHost a\r\n\r\n"), Err(r) if r.status == 400));
        assert!(matches!(parse(b"GET / HTTP/2.0\r\n\r\n"), Err(r) if r.status == 505));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "A: b\r\n".repeat(MAX_HEADERS + 1));
        assert!(matches!(parse(many.as_bytes()), Err(r) if r.status == 431));
        assert_eq!(too_large(format!("GET /{}", "a".repeat(MAX_HEAD_BYTES)).as_bytes()).status, 414);
        let long_headers = format!("GET / HTTP/1.1\r\nA: {}", "b".repeat(MAX_HEAD_BYTES));
        assert_eq!(too_large(long_headers.as_bytes()).status, 431);
    }
}
