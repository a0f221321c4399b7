//! Connections: a thread of the pool each, HTTP/1.1 kept alive with a deadline for each request's head, and a
//! bounded number of connections at once, idle ones making way for new ones.

use std::collections::VecDeque;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::http::{read_head, Head, Request, Response};
use super::watchdog::Watchdog;

/// Longest a connection may take to send a request's head, or stay idle between requests.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// Most connections served at once (see [`serve`] for who makes way when all are taken).
pub const MAX_CONNECTIONS: usize = 128;
/// Longest a client may take to take in an answer, each time it stops reading.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest, and most bytes, read and dropped after the last answer on a connection that may have
/// sent more (a body, a refused head), so that the client reads the answer before the close.
const LINGER: Duration = Duration::from_secs(2);
const LINGER_BYTES: usize = 1 << 20;

/// A connection being served: closed when another needs its place, unless it has sent a request
/// (`proven`): an idle client's connection makes way for a new one; a real client's keeps its place.
struct Place {
    id: u64,
    proven: Arc<AtomicBool>,
    /// The same socket, to close it from the accepting thread.
    socket: Arc<TcpStream>,
}

/// The connections being served, oldest first.
type Places = Arc<Mutex<VecDeque<Place>>>;

/// Serves `answer` on `listener` for good: a thread for each connection (from [`super::pool`]),
/// which answers its requests within the `watchdog`'s time, HTTP/1.1 with a deadline for each
/// request's head (which also closes connections left idle), and at most [`MAX_CONNECTIONS`] at
/// once, so descriptors and threads are never exhausted. When all places are taken, a new
/// connection takes the place of the oldest one that has not sent a request yet (an idle client),
/// so idle clients cannot shut real ones out; if every place is a real client's, the new
/// connection is closed.
pub fn serve(
    listener: TcpListener,
    watchdog: Watchdog,
    answer: impl Fn(&Request) -> Response + Send + Sync + 'static,
) -> std::io::Result<()> {
    listener.set_nonblocking(false)?;
    let answer = Arc::new(answer);
    let watchdog = Arc::new(watchdog);
    let places: Places = Arc::new(Mutex::new(VecDeque::new()));
    for id in 0u64.. {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            // Out of descriptors or a connection reset before it was accepted: keep serving.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let proven = Arc::new(AtomicBool::new(false));
        let Ok(socket) = stream.try_clone().map(Arc::new) else { continue };
        if !take_place(&places, Place { id, proven: Arc::clone(&proven), socket: Arc::clone(&socket) }) {
            continue;
        }
        let (answer, watchdog, left) = (Arc::clone(&answer), Arc::clone(&watchdog), Arc::clone(&places));
        let spawned = super::pool::run(move || {
            let talk = std::panic::AssertUnwindSafe(|| converse(stream, &socket, &proven, &watchdog, answer.as_ref()));
            let _ = std::panic::catch_unwind(talk);
            left.lock().unwrap_or_else(|e| e.into_inner()).retain(|p| p.id != id);
        });
        if spawned.is_err() {
            places.lock().unwrap_or_else(|e| e.into_inner()).retain(|p| p.id != id);
        }
    }
    Ok(())
}

/// Gives `new` a place, closing the oldest idle connection when all are taken; `false` (and `new`
/// closed) when every place is a real client's.
fn take_place(places: &Places, new: Place) -> bool {
    let mut taken = places.lock().unwrap_or_else(|e| e.into_inner());
    if taken.len() >= MAX_CONNECTIONS {
        match taken.iter().position(|p| !p.proven.load(Ordering::Relaxed)) {
            Some(i) => {
                if let Some(idle) = taken.remove(i) {
                    let _ = idle.socket.shutdown(Shutdown::Both);
                }
            }
            None => {
                let _ = new.socket.shutdown(Shutdown::Both);
                return false;
            }
        }
    }
    taken.push_back(new);
    true
}

/// Answers the requests of one connection until it closes, goes quiet past [`HEADER_TIMEOUT`],
/// sends what cannot be followed by another request, or asks to close.
fn converse(
    mut stream: TcpStream,
    socket: &Arc<TcpStream>,
    proven: &AtomicBool,
    watchdog: &Watchdog,
    answer: &(impl Fn(&Request) -> Response + ?Sized),
) {
    // Answers go out at once, not held back waiting for the client's acknowledgement.
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    // What the client sent past the last head read: the start of its next request.
    let mut buf = Vec::new();
    loop {
        let (request, used) = match read_head(&mut stream, &mut buf, Instant::now() + HEADER_TIMEOUT) {
            Head::Request(request, used) => (request, used),
            Head::Refused(mut refusal) => {
                super::limits::secure(&mut refusal);
                if refusal.write_to(&mut stream, true, true).is_ok() {
                    linger(&mut stream);
                }
                return;
            }
            Head::Gone => return,
        };
        buf.drain(..used);
        proven.store(true, Ordering::Relaxed);
        // A body is never read, so nothing after it can be told from it: the connection ends.
        let body = request.has_body();
        let close = body || !request.keeps_alive();
        let with_body = request.method != "HEAD";
        let ticket = watchdog.watch(socket, with_body);
        let response = answer(&request);
        // Past the deadline the watchdog has answered, and closed the connection.
        if !ticket.in_time() {
            return;
        }
        if response.write_to(&mut stream, with_body, close).is_err() {
            return;
        }
        if close {
            if body || !buf.is_empty() {
                linger(&mut stream);
            }
            return;
        }
    }
}

/// Ends the connection without losing the answer just written: closing a socket with unread input
/// resets it, and a reset can reach the client before the answer is read. The input is read and
/// dropped until the client closes, within [`LINGER`] and [`LINGER_BYTES`].
fn linger(stream: &mut TcpStream) {
    use std::io::Read;
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + LINGER;
    let mut dropped = 0;
    let mut chunk = [0u8; 8192];
    while dropped < LINGER_BYTES {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => dropped += n,
        }
    }
}
