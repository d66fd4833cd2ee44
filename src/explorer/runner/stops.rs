//! Jobs that can be told to send nothing more while the answers already asked for still
//! arrive (a `D` run), by id: stopping is not aborting, which would throw away answers that
//! are billed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio_util::sync::CancellationToken;

use crate::app::job::JobId;

#[derive(Clone, Default)]
pub struct Stops {
    inner: Arc<Mutex<HashMap<JobId, CancellationToken>>>,
}

impl Stops {
    /// The token job `id` checks before each call.
    pub fn start(&self, id: JobId) -> CancellationToken {
        let token = CancellationToken::new();
        self.lock().insert(id, token.clone());
        token
    }

    /// Tell job `id` to send nothing more; false when it is not running.
    pub fn stop(&self, id: JobId) -> bool {
        self.lock()
            .get(&id)
            .map(CancellationToken::cancel)
            .is_some()
    }

    /// Job `id` ended (or was aborted).
    pub fn end(&self, id: JobId) {
        self.lock().remove(&id);
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<JobId, CancellationToken>> {
        // Every update is one map operation: a panic cannot leave it half-done.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}
