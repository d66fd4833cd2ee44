//! Search history as the front ends use it: the explorer's recall list (Ctrl-R, Up) is the
//! state store's searches, so a search made with the CLI can be recalled in the explorer.

use super::services::Services;

impl Services {
    /// Recent keywords, oldest first (the explorer's order), one entry per keyword. `None`
    /// when no state store is open, it cannot be read, or it holds none: the explorer then
    /// falls back to its own history file.
    pub async fn recent_keywords(&self, limit: usize) -> Option<Vec<String>> {
        let records = self.state_call(move |s| s.recent_searches(limit)).await?;
        let mut seen = std::collections::HashSet::new();
        let mut entries: Vec<String> = records
            .into_iter()
            .map(|r| r.keyword)
            .filter(|k| seen.insert(k.clone()))
            .collect();
        if entries.is_empty() {
            return None;
        }
        entries.reverse();
        Some(entries)
    }
}

#[cfg(test)]
mod tests;
