//! What every request passes before a handler sees it: addressed to this server by name (no DNS
//! rebinding), only GET and HEAD, a bounded request target, a bounded time; and the headers every
//! answer carries (none of them CORS: no other site may read the answers).

use std::sync::atomic::{AtomicUsize, Ordering};
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

/// Most handlers running at once, those whose client was answered at the timeout included (they
/// end at their own deadline); a request past it is answered busy.
pub const MAX_RUNNING: usize = 512;

/// Handlers running now.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Refuses what is not for this server or not read-only, bounds the rest in size and time (the
/// `work` runs on a thread of its own), and adds the headers every answer carries.
pub fn guard(guard: &Guard, req: Request, work: impl FnOnce(&Request) -> Response + Send + 'static) -> Response {
    let mut response = match refused(guard, &req) {
        Some(refusal) => refusal,
        None => in_time(guard.timeout, move || work(&req)),
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

/// The answer `work` gives, run on a thread of the pool; a panic inside is a 500, never a crash.
/// Past `timeout` the client is answered 503 and the server answers others, while the work goes
/// on to its own deadline (searches and comparisons check it as they go).
fn in_time(timeout: Duration, work: impl FnOnce() -> Response + Send + 'static) -> Response {
    /// One place among [`MAX_RUNNING`], given back when the work ends.
    struct Running;
    impl Drop for Running {
        fn drop(&mut self) {
            RUNNING.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let busy = || api_error(503, "too many requests at once; try again in a few seconds").with("retry-after", "5");
    let running = Running;
    if RUNNING.fetch_add(1, Ordering::SeqCst) >= MAX_RUNNING {
        return busy();
    }
    let (answered, answer) = std::sync::mpsc::sync_channel(1);
    let spawned = super::pool::run(move || {
        let _running = running;
        let response = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
            .unwrap_or_else(|_| api_error(500, "the request failed inside echoes"));
        let _ = answered.send(response);
    });
    if spawned.is_err() {
        return busy();
    }
    match answer.recv_timeout(timeout) {
        Ok(response) => response,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            let message = format!(
                "the request took longer than {} s; narrow it, or raise serve --timeout",
                timeout.as_secs_f64()
            );
            api_error(503, &message).with("retry-after", "10")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => api_error(500, "the request failed inside echoes"),
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

    fn guarded(
        timeout: Duration,
        work: impl FnOnce(&Request) -> Response + Send + 'static,
    ) -> (Response, std::time::Duration) {
        let guard = Guard { timeout, hosts: Hosts::default() };
        let started = std::time::Instant::now();
        (super::guard(&guard, Request::get("/"), work), started.elapsed())
    }

    #[test]
    fn a_panic_is_a_500_and_slow_work_a_503_at_the_timeout() {
        let (panicked, _) = guarded(Duration::from_secs(30), |_| panic!("a handler's bug"));
        assert_eq!(panicked.status, 500);
        assert!(String::from_utf8_lossy(&panicked.body).contains("failed inside echoes"));
        let (slow, took) = guarded(Duration::from_millis(200), |_| {
            std::thread::sleep(Duration::from_secs(2));
            Response::text(200, "late")
        });
        assert_eq!((slow.status, slow.header("retry-after")), (503, Some("10")));
        assert!(String::from_utf8_lossy(&slow.body).contains("took longer than 0.2 s"));
        assert!(took >= Duration::from_millis(200) && took < Duration::from_secs(1), "{took:?}");
        let (fast, _) = guarded(Duration::from_millis(200), |req| Response::text(200, req.path().to_string()));
        assert_eq!((fast.status, fast.body.as_slice()), (200, b"/".as_slice()));
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
            let answer = super::guard(&guard, req, |_| unreachable!("refused before any work"));
            assert_eq!(answer.status, status);
            assert_eq!(answer.header("content-security-policy"), Some(CSP));
            assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        }
    }
}
