//! What every request passes before a handler sees it: addressed to this server by name (no DNS
//! rebinding), only GET and HEAD, a bounded request target, a bounded time; and the headers every
//! answer carries (none of them CORS: no other site may read the answers).

use std::time::Duration;

use super::answer::api_error;
use super::http::{Request, Response, MAX_URI_BYTES};

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

/// Refuses what is not for this server or not read-only, bounds the rest in size, answers it
/// (a panic inside `work` is a 500, never a crash), and adds the headers every answer carries.
/// The time is bounded by the server's watchdog, with [`timed_out`]'s answer.
pub fn guard(guard: &Guard, req: &Request, work: impl FnOnce(&Request) -> Response) -> Response {
    let mut response = match refused(guard, req) {
        Some(refusal) => refusal,
        None => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(req)))
            .unwrap_or_else(|_| api_error(500, "the request failed inside echoes")),
    };
    secure(&mut response);
    response
}

/// Sets the headers every answer carries: no sniffing of types, no framing, no scripts.
pub fn secure(response: &mut Response) {
    response.set("x-content-type-options", "nosniff");
    response.set("x-frame-options", "DENY");
    response.set("content-security-policy", CSP);
}

/// The answer to a request not answered within `timeout`.
pub fn timed_out(timeout: Duration) -> Response {
    let message =
        format!("the request took longer than {} s; narrow it, or raise serve --timeout", timeout.as_secs_f64());
    api_error(503, &message).with("retry-after", "10")
}

/// The answer to a request this server does not serve, if it is one.
fn refused(guard: &Guard, req: &Request) -> Option<Response> {
    // The name asked for: the request target's own (absolute form) and the Host header, both
    // checked when both are given; a request naming neither is refused too.
    let named: Vec<String> = req
        .authority()
        .map(str::to_string)
        .into_iter()
        .chain(req.header("host").map(|h| String::from_utf8_lossy(h).into_owned()))
        .collect();
    if named.is_empty() || !named.iter().all(|n| guard.hosts.allows(n)) {
        return Some(Response::text(
            421,
            "echoes answers requests addressed to localhost, an IP address or a name given with serve --public-host\n",
        ));
    }
    if req.method != "GET" && req.method != "HEAD" {
        return Some(Response::text(405, "read-only: GET only\n").with("allow", "GET, HEAD"));
    }
    if req.path_and_query().len() > MAX_URI_BYTES {
        return Some(Response::text(414, format!("request target over {MAX_URI_BYTES} bytes\n")));
    }
    None
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

    #[test]
    fn a_panic_is_a_500_and_the_late_answer_says_the_timeout() {
        let guard = Guard { timeout: Duration::from_secs(1), hosts: Hosts::default() };
        let panicked = super::guard(&guard, &Request::get("/"), |_| panic!("a handler's bug"));
        assert_eq!(panicked.status, 500);
        assert!(String::from_utf8_lossy(&panicked.body).contains("failed inside echoes"));
        let fine = super::guard(&guard, &Request::get("/"), |req| Response::text(200, req.path().to_string()));
        assert_eq!((fine.status, fine.body.as_slice()), (200, b"/".as_slice()));
        let late = timed_out(Duration::from_millis(300));
        assert_eq!((late.status, late.header("retry-after")), (503, Some("10")));
        assert!(String::from_utf8_lossy(&late.body).contains("took longer than 0.3 s"));
    }

    #[test]
    fn refusals_carry_the_headers_every_answer_carries() {
        let guard = Guard { timeout: Duration::from_secs(1), hosts: Hosts::default() };
        let mut foreign = Request::get("/");
        foreign.headers = vec![("host".into(), b"attacker.example".to_vec())];
        let mut post = Request::get("/");
        post.method = "POST".into();
        let long = Request::get(&format!("/?q={}", "a".repeat(MAX_URI_BYTES)));
        for (req, status) in [(foreign, 421), (post, 405), (long, 414)] {
            let answer = super::guard(&guard, &req, |_| unreachable!("refused before any work"));
            assert_eq!(answer.status, status);
            assert_eq!(answer.header("content-security-policy"), Some(CSP));
            assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        }
    }
}
