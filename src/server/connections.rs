//! Connections: HTTP/1.1 with a deadline for each request's headers, and a bounded number of
//! connections at once, idle ones making way for new ones.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;

/// Longest a connection may take to send a request's headers, or stay idle between requests.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// Most connections served at once (see [`serve`] for who makes way when all are taken).
pub const MAX_CONNECTIONS: usize = 128;

/// A connection being served: told to close when another needs its place, unless it has sent a
/// request (`proven`): an idle client's connection makes way for a new one; a real client's keeps
/// its place.
struct Place {
    id: u64,
    proven: Arc<std::sync::atomic::AtomicBool>,
    close: tokio::sync::oneshot::Sender<()>,
}

/// The connections being served, oldest first.
type Places = Arc<Mutex<std::collections::VecDeque<Place>>>;

/// Serves `router` on `listener` until `shutdown` completes: HTTP/1.1 with a deadline for each
/// request's headers (which also closes connections left idle), and at most [`MAX_CONNECTIONS`]
/// at once, so descriptors are never exhausted. When all places are taken, a new connection takes
/// the place of the oldest one that has not sent a request yet (an idle client), so idle clients
/// cannot shut real ones out; if every place is a real client's, the new connection is closed.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let places: Places = Arc::new(Mutex::new(std::collections::VecDeque::new()));
    let mut next_id = 0u64;
    tokio::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of descriptors or a connection reset before it was accepted: keep serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let proven = Arc::new(AtomicBool::new(false));
        let (close, closed) = tokio::sync::oneshot::channel::<()>();
        let id = next_id;
        next_id += 1;
        {
            let mut taken = places.lock().unwrap_or_else(|e| e.into_inner());
            if taken.len() >= MAX_CONNECTIONS {
                match taken.iter().position(|p| !p.proven.load(Ordering::Relaxed)) {
                    Some(i) => {
                        if let Some(idle) = taken.remove(i) {
                            let _ = idle.close.send(());
                        }
                    }
                    None => {
                        drop(stream);
                        continue;
                    }
                }
            }
            taken.push_back(Place { id, proven: proven.clone(), close });
        }
        // Answers go out at once, not held back waiting for the client's acknowledgement.
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let places = places.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                proven.store(true, Ordering::Relaxed);
                tower::ServiceExt::oneshot(router.clone(), req)
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = closed => {}
            }
            places.lock().unwrap_or_else(|e| e.into_inner()).retain(|p| p.id != id);
        });
    }
}
