//! The request timeout, kept by one thread for all connections: a request's handler runs on its
//! connection's own thread (no hand-over to another thread and back, which on a busy machine cost
//! the slowest answers twice their time), and a request still unanswered at its deadline is
//! answered 503 by the watchdog, its connection then closed, while the handler runs on to its own
//! deadline (searches and comparisons check it as they go) and its answer is dropped.

use std::collections::BTreeMap;
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::http::Response;

/// Shortest wait of the watchdog with no request being answered.
const IDLE_WAIT: Duration = Duration::from_millis(10);

/// A request being answered: its connection, and whether its answer has a body (not HEAD).
struct Watched {
    socket: Arc<TcpStream>,
    with_body: bool,
}

/// The requests being answered, by deadline. Whoever takes a request out answers it: its
/// connection's thread when the handler is done in time, the watchdog at the deadline.
type Due = Mutex<BTreeMap<(Instant, u64), Watched>>;

/// The timeout of every request, and the thread that keeps it.
pub struct Watchdog {
    timeout: Duration,
    due: Arc<Due>,
    next: AtomicU64,
}

/// One request watched; [`Ticket::in_time`] says who answers it.
pub struct Ticket<'a> {
    due: &'a Due,
    key: (Instant, u64),
}

impl Watchdog {
    /// A watchdog answering `late(timeout)` to requests not answered within `timeout`.
    pub fn start(timeout: Duration, late: fn(Duration) -> Response) -> std::io::Result<Watchdog> {
        let due: Arc<Due> = Arc::new(Mutex::new(BTreeMap::new()));
        let watched = Arc::clone(&due);
        std::thread::Builder::new().name("echoes-watchdog".into()).spawn(move || loop {
            // Deadlines come in order (one timeout for all): with none due, none can fall due
            // sooner than one timeout from now (at the least [`IDLE_WAIT`], however short the
            // timeout: no spinning).
            let wait = {
                let mut due = watched.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                while due.first_key_value().is_some_and(|((when, _), _)| *when <= now) {
                    if let Some((_, request)) = due.pop_first() {
                        answer_late(request, late(timeout));
                    }
                }
                due.first_key_value()
                    .map_or(timeout.max(IDLE_WAIT), |((when, _), _)| when.saturating_duration_since(now))
            };
            std::thread::sleep(wait);
        })?;
        Ok(Watchdog { timeout, due, next: AtomicU64::new(0) })
    }

    /// Watches a request from now on.
    pub fn watch(&self, socket: &Arc<TcpStream>, with_body: bool) -> Ticket<'_> {
        let key = (Instant::now() + self.timeout, self.next.fetch_add(1, Ordering::Relaxed));
        let watched = Watched { socket: Arc::clone(socket), with_body };
        self.due.lock().unwrap_or_else(|e| e.into_inner()).insert(key, watched);
        Ticket { due: &self.due, key }
    }
}

impl Ticket<'_> {
    /// Whether the request is still the caller's to answer; `false` when the watchdog answered it
    /// at its deadline and closed its connection.
    pub fn in_time(self) -> bool {
        self.due.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.key).is_some()
    }
}

/// Writes the late answer and ends the connection, on a thread of the pool (a client that does
/// not read must not hold up the watchdog).
fn answer_late(request: Watched, mut late: Response) {
    super::limits::secure(&mut late);
    let _ = super::pool::run(move || {
        let mut socket = &*request.socket;
        let _ = late.write_to(&mut socket, request.with_body, true);
        let _ = socket.shutdown(Shutdown::Write);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn connected() -> (Arc<TcpStream>, TcpStream) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        (Arc::new(listener.accept().unwrap().0), client)
    }

    #[test]
    fn a_request_unanswered_at_its_deadline_is_answered_late_and_closed() {
        let dog = Watchdog::start(Duration::from_millis(200), |t| Response::text(503, format!("over {t:?}"))).unwrap();
        let (server, mut client) = connected();
        let started = Instant::now();
        let ticket = dog.watch(&server, true);
        let mut got = String::new();
        client.read_to_string(&mut got).unwrap();
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(200) && took < Duration::from_secs(2), "{took:?}");
        assert!(got.starts_with("HTTP/1.1 503 ") && got.ends_with("over 200ms"), "{got}");
        assert!(got.contains("connection: close") && got.contains("x-frame-options: DENY"), "{got}");
        assert!(!ticket.in_time(), "the late answer is the watchdog's");
        // Answered in time: the caller answers, the watchdog writes nothing.
        let (server, mut client) = connected();
        assert!(dog.watch(&server, true).in_time());
        std::thread::sleep(Duration::from_millis(400));
        client.set_nonblocking(true).unwrap();
        let mut buf = [0u8; 16];
        assert!(client.read(&mut buf).is_err(), "nothing was written");
    }
}
