//! The jobs still running, by id. Cancelling a job is aborting its task; a job's entry is
//! removed when its task ends, however it ends (answered, aborted, panicked), and only its
//! own entry: a newer job may have taken the id.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::task::{AbortHandle, Id};

use crate::app::job::JobId;

#[derive(Clone, Default)]
pub struct LiveJobs {
    inner: Arc<Mutex<HashMap<JobId, AbortHandle>>>,
}

impl LiveJobs {
    /// Run `work` as job `id`. A job still running under the same id is aborted: one id
    /// names one request.
    pub fn spawn(&self, id: JobId, work: impl Future<Output = ()> + Send + 'static) {
        // Held across the spawn, so the task cannot end (and look for its entry) before
        // the entry exists.
        let mut map = self.lock();
        let live = self.clone();
        let task = tokio::spawn(async move {
            let _entry = Entry {
                live,
                id,
                task: tokio::task::id(),
            };
            work.await;
        });
        if let Some(old) = map.insert(id, task.abort_handle()) {
            old.abort();
        }
    }

    /// Abort job `id`; false when no such job runs (finished or unknown id).
    pub fn abort(&self, id: JobId) -> bool {
        match self.lock().remove(&id) {
            Some(task) => {
                task.abort();
                true
            }
            None => false,
        }
    }

    /// The explorer hung up: abort everything.
    pub fn abort_all(&self) {
        for (_, task) in self.lock().drain() {
            task.abort();
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<JobId, AbortHandle>> {
        // A panic while holding this lock cannot leave the map half-updated; carry on.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Removes its job's entry when the task ends (dropped with the task's future).
struct Entry {
    live: LiveJobs,
    id: JobId,
    task: Id,
}

impl Drop for Entry {
    fn drop(&mut self) {
        let mut map = self.live.lock();
        if map.get(&self.id).is_some_and(|t| t.id() == self.task) {
            map.remove(&self.id);
        }
    }
}
