//! The watchlist: the explorer's `w`, and `watch run` (re-vet every watched company, keep a
//! snapshot of each, and say what changed since the previous one). Fresh stored answers are
//! reused, so an unchanged day costs nothing.

use std::sync::Arc;

use chrono::NaiveDate;
use futures_util::stream::{self, StreamExt};

use crate::domain::verdict::watch::{diff, Change, Snapshot};

use super::services::Services;
use super::vet::{vet_company, VetOptions, Vetted};

/// One watched company's run.
#[derive(Debug, Clone)]
pub struct WatchOutcome {
    pub vetted: Vetted,
    /// When the previous snapshot was taken (Unix seconds), if there was one.
    pub previous: Option<i64>,
    /// What changed since it (empty on a first run).
    pub changes: Vec<Change>,
    /// Why this run's snapshot was not kept, if it was not.
    pub warning: Option<String>,
}

impl Services {
    /// The explorer's `w`: add (`Some(true)`), remove (`Some(false)`) or only read (`None`)
    /// `keyword` on the watchlist. Whether it is watched afterwards; an error when no state
    /// store is open or it failed.
    pub async fn watch(&self, keyword: &str, set: Option<bool>) -> Result<bool, String> {
        let store =
            Arc::clone(self.state.as_ref().ok_or_else(|| {
                "no state store is open: the watchlist is unavailable".to_string()
            })?);
        let keyword = keyword.to_string();
        let now = crate::store::now();
        tokio::task::spawn_blocking(move || match set {
            Some(true) => store.watch_add(&keyword, now).map(|_| true),
            Some(false) => store.watch_remove(&keyword).map(|_| false),
            None => store.is_watched(&keyword),
        })
        .await
        .map_err(|e| format!("the watchlist task failed: {e}"))?
        .map_err(|e| e.to_string())
    }

    /// Re-vet every watched company (`concurrency` at a time), keep a snapshot of each and
    /// compare it with the previous one. An empty list answers empty; no state store, or one
    /// that cannot be read, is an error.
    pub async fn watch_run(
        &self,
        today: NaiveDate,
        opts: &VetOptions,
        concurrency: usize,
    ) -> Result<Vec<WatchOutcome>, String> {
        let store =
            Arc::clone(self.state.as_ref().ok_or_else(|| {
                "no state store is open: the watchlist is unavailable".to_string()
            })?);
        let list = self
            .state_call(|s| s.watch_list())
            .await
            .ok_or_else(|| format!("cannot read the watchlist in {}", store.location()))?;
        let vetted: Vec<Vetted> = stream::iter(list.iter().map(|e| e.keyword.clone()))
            .map(|kw| async move { vet_company(self, &kw, today, opts).await })
            .buffered(concurrency.max(1))
            .collect()
            .await;
        let mut outcomes = Vec::new();
        for v in vetted {
            let snapshot = Snapshot::of(&v.records, &v.verdict, today);
            let keyword = v.keyword.clone();
            let prev = self
                .state_call(move |s| s.last_snapshot(&keyword))
                .await
                .flatten();
            let changes = prev
                .as_ref()
                .and_then(|p| serde_json::from_str::<Snapshot>(&p.snapshot).ok())
                .map_or_else(Vec::new, |p| diff(&p, &snapshot));
            let warning = match serde_json::to_string(&snapshot) {
                Ok(text) => {
                    let (keyword, level) = (v.keyword.clone(), v.verdict.level.code());
                    let at = crate::store::now();
                    self.state_call(move |s| s.save_snapshot(&keyword, at, level, &text))
                        .await
                        .is_none()
                        .then(|| format!("snapshot of {} not kept (see the log)", v.keyword))
                }
                Err(e) => Some(format!("snapshot of {} not kept: {e}", v.keyword)),
            };
            outcomes.push(WatchOutcome {
                vetted: v,
                previous: prev.map(|p| p.taken_at),
                changes,
                warning,
            });
        }
        Ok(outcomes)
    }
}
