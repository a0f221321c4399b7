//! What every request passes before a handler sees it: addressed to this server by name (no DNS
//! rebinding), only GET and HEAD, a bounded request target, a bounded time; and the headers every
//! answer carries (none of them CORS: no other site may read the answers).

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Longest request target (path and query) accepted.
pub const MAX_URI_BYTES: usize = 8192;
/// Longest a request may take before it is answered with 503, unless `serve --timeout` says.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The Content-Security-Policy of every page: no scripts, no requests, inline styles only.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The `Host` values a request may name: `localhost` or an IP address (a page cannot make a
/// browser send either for a name of its own, as DNS rebinding needs), with the port the server
/// listens on, or a name the user gave with `serve --public-host` (any port: a proxy in front
/// may listen on another).
#[derive(Debug, Clone, Default)]
pub struct Hosts {
    /// The port listened on; `None` takes any (a router driven without a listener).
    pub port: Option<u16>,
    /// Names given with `--public-host`, in lower case.
    pub public: Vec<String>,
}

impl Hosts {
    /// Whether a `Host` value (`name`, `name:port`, `[v6]:port`) names this server.
    pub fn allows(&self, value: &str) -> bool {
        let value = value.trim();
        let (name, port) = match value.strip_prefix('[') {
            Some(rest) => match rest.split_once(']') {
                Some((v6, "")) => (v6, None),
                Some((v6, after)) => match after.strip_prefix(':') {
                    Some(port) => (v6, Some(port)),
                    None => return false,
                },
                None => return false,
            },
            None => match value.split_once(':') {
                Some((name, port)) => (name, Some(port)),
                None => (value, None),
            },
        };
        let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
        let port = match port.map(str::parse::<u16>) {
            Some(Ok(p)) => Some(p),
            Some(Err(_)) => return false,
            None => None,
        };
        if self.public.contains(&name) {
            return true;
        }
        let bracketed = value.starts_with('[');
        let local = name == "localhost"
            || (bracketed && name.parse::<std::net::Ipv6Addr>().is_ok())
            || (!bracketed && name.parse::<std::net::Ipv4Addr>().is_ok());
        // Without a port, the Host names port 80.
        local && self.port.is_none_or(|ours| port.unwrap_or(80) == ours)
    }
}

/// What the guard checks against.
#[derive(Debug, Clone)]
pub struct Guard {
    pub timeout: Duration,
    pub hosts: Hosts,
}

/// Refuses what is not for this server or not read-only, bounds the rest in size and time, and
/// adds the headers every answer carries.
pub async fn guard(State(guard): State<Guard>, req: Request, next: Next) -> Response {
    // The name asked for: the request target's own (absolute form) and the Host header, both
    // checked when both are given; a request naming neither is refused too.
    let named: Vec<String> = req
        .uri()
        .authority()
        .map(|a| a.as_str().to_string())
        .into_iter()
        .chain(req.headers().get_all(header::HOST).iter().map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned()))
        .collect();
    if named.is_empty() || !named.iter().all(|n| guard.hosts.allows(n)) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            "echoes answers requests addressed to localhost, an IP address or a name given with serve --public-host\n",
        )
            .into_response();
    }
    if req.method() != axum::http::Method::GET && req.method() != axum::http::Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "read-only: GET only\n")
            .into_response();
    }
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_URI_BYTES {
        return (StatusCode::URI_TOO_LONG, format!("request target over {MAX_URI_BYTES} bytes\n")).into_response();
    }
    match tokio::time::timeout(guard.timeout, next.run(req)).await {
        Ok(mut response) => {
            let h = response.headers_mut();
            h.insert(header::X_CONTENT_TYPE_OPTIONS, header::HeaderValue::from_static("nosniff"));
            h.insert(header::X_FRAME_OPTIONS, header::HeaderValue::from_static("DENY"));
            h.insert(header::CONTENT_SECURITY_POLICY, header::HeaderValue::from_static(CSP));
            response
        }
        // The work still running in the blocking pool stops at its own deadline (searches check
        // it as they collect); the client has its answer now, and the server answers others.
        Err(_) => {
            let message = format!(
                "the request took longer than {} s; narrow it, or raise serve --timeout",
                guard.timeout.as_secs_f64()
            );
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "application/json"), (header::RETRY_AFTER, "10")],
                format!("{}\n", serde_json::json!({ "error": message })),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_this_server_are_answered() {
        let hosts = Hosts { port: Some(8080), public: vec!["echoes.example.org".into()] };
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LocalHost.:8080",
            "[::1]:8080",
            "10.0.0.5:8080",
            "echoes.example.org",
            "Echoes.Example.org:443",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in [
            "attacker.example:8080",
            "attacker.example",
            "localhost:8081",
            "127.0.0.1",
            "localhost.attacker.example:8080",
            "[::1]",
            "::1:8080",
            "127.0.0.1:80:8080",
            "",
            "[::1:8080",
            "1.2.3.4.nip.io:8080",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
        let port80 = Hosts { port: Some(80), public: Vec::new() };
        assert!(port80.allows("localhost") && port80.allows("127.0.0.1:80"));
    }
}
