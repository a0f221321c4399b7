//! The server's threads, kept for the next work: a connection (or a late answer) runs on a thread
//! that has finished its last work when there is one, else on a new thread; a thread idle for
//! [`IDLE`] ends. A waiting thread is woken at once, where a new one on a busy machine waits its
//! turn behind every running thread (milliseconds, on each connection).
//!
//! The pool itself does not bound the threads: its callers do (the connections' places).

use std::collections::VecDeque;
use std::sync::{Condvar, LazyLock, Mutex};
use std::time::Duration;

/// How long a thread waits for new work before it ends.
pub const IDLE: Duration = Duration::from_secs(10);

type Job = Box<dyn FnOnce() + Send + 'static>;

struct Pool {
    queue: Mutex<Queue>,
    /// Signalled when a job is queued for a waiting thread.
    queued: Condvar,
}

struct Queue {
    jobs: VecDeque<Job>,
    /// Threads waiting for a job.
    waiting: usize,
}

static POOL: LazyLock<Pool> =
    LazyLock::new(|| Pool { queue: Mutex::new(Queue { jobs: VecDeque::new(), waiting: 0 }), queued: Condvar::new() });

/// Runs `job` on a waiting thread, or on a new one when every thread is busy; an error when no
/// thread could be made.
pub fn run(job: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
    let pool = &*POOL;
    let mut queue = pool.queue.lock().unwrap_or_else(|e| e.into_inner());
    if queue.waiting > queue.jobs.len() {
        queue.jobs.push_back(Box::new(job));
        drop(queue);
        pool.queued.notify_one();
        return Ok(());
    }
    drop(queue);
    std::thread::Builder::new().name("echoes-serve".into()).spawn(move || {
        job();
        pool.work();
    })?;
    Ok(())
}

impl Pool {
    /// Takes queued jobs until none comes for [`IDLE`].
    fn work(&self) {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(job) = queue.jobs.pop_front() {
                drop(queue);
                job();
                queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
                continue;
            }
            queue.waiting += 1;
            let (woken, waited) = self.queued.wait_timeout(queue, IDLE).unwrap_or_else(|e| e.into_inner());
            queue = woken;
            queue.waiting -= 1;
            if waited.timed_out() && queue.jobs.is_empty() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_run_on_threads_that_finished_theirs() {
        let (done, finished) = std::sync::mpsc::channel();
        let mut threads = std::collections::BTreeSet::new();
        for i in 0..50 {
            let done = done.clone();
            run(move || done.send((i, std::thread::current().id())).unwrap()).unwrap();
            let (j, thread) = finished.recv().unwrap();
            assert_eq!(i, j);
            threads.insert(format!("{thread:?}"));
            // The thread is back waiting before the next job comes.
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(threads.len() < 10, "{} threads for 50 jobs one after another", threads.len());
        // Jobs that wait for each other each get a thread: none waits behind another.
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let wait = std::sync::Arc::new(Mutex::new(wait));
        let (ran, count) = std::sync::mpsc::channel();
        for _ in 0..20 {
            let (wait, ran) = (std::sync::Arc::clone(&wait), ran.clone());
            run(move || {
                ran.send(()).unwrap();
                let _ = wait.lock().unwrap().recv();
            })
            .unwrap();
        }
        for _ in 0..20 {
            count.recv_timeout(Duration::from_secs(10)).expect("every job started");
        }
        drop(go);
    }
}
