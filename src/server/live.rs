//! One consistent build for every request: the server follows the index as `echoes add` or a
//! rebuild changes it, and each request reads the build that was current when it came in (its
//! searches, documents and pages alike), never one half updated.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

/// What tells builds apart ([`crate::index::build_signature`]).
type Signature = Option<(PathBuf, std::time::SystemTime, u64)>;

/// How to open the current build.
type Open<T> = Box<dyn Fn() -> anyhow::Result<Arc<T>> + Send + Sync>;

/// The state opened from the current build of an index, opened again when the build changes.
pub struct Live<T> {
    inner: Arc<Inner<T>>,
}

impl<T> Clone for Live<T> {
    fn clone(&self) -> Live<T> {
        Live { inner: Arc::clone(&self.inner) }
    }
}

struct Inner<T> {
    /// The index followed; `None`: the first state is kept.
    dir: Option<PathBuf>,
    current: RwLock<(Signature, Arc<T>)>,
    /// Held while a new build is opened, so that it is opened once.
    opening: Mutex<()>,
    open: Option<Open<T>>,
}

impl<T> Live<T> {
    /// A state that never changes.
    pub fn fixed(state: Arc<T>) -> Live<T> {
        Live {
            inner: Arc::new(Inner {
                dir: None,
                current: RwLock::new((None, state)),
                opening: Mutex::new(()),
                open: None,
            }),
        }
    }

    /// `state`, opened from the index in `dir` as it is now; `open` opens it again.
    pub fn following(
        state: Arc<T>,
        dir: PathBuf,
        open: impl Fn() -> anyhow::Result<Arc<T>> + Send + Sync + 'static,
    ) -> Live<T> {
        let signature = crate::index::build_signature(&dir);
        Live {
            inner: Arc::new(Inner {
                dir: Some(dir),
                current: RwLock::new((signature, state)),
                opening: Mutex::new(()),
                open: Some(Box::new(open)),
            }),
        }
    }

    /// The state of the current build (opened first when the build has changed since; when it
    /// cannot be opened, the last one, until the build changes again).
    pub fn current(&self) -> Arc<T> {
        let read = |i: &Inner<T>| i.current.read().unwrap_or_else(|e| e.into_inner()).clone();
        let (Some(dir), Some(open)) = (&self.inner.dir, &self.inner.open) else { return read(&self.inner).1 };
        let now = crate::index::build_signature(dir);
        let (seen, state) = read(&self.inner);
        if seen == now || now.is_none() {
            return state;
        }
        let _one = self.inner.opening.lock().unwrap_or_else(|e| e.into_inner());
        let (seen, state) = read(&self.inner);
        if seen == now {
            return state;
        }
        let state = open().unwrap_or(state);
        *self.inner.current.write().unwrap_or_else(|e| e.into_inner()) = (now, Arc::clone(&state));
        state
    }
}
