use std::sync::Arc;

use crate::config::Config;
use crate::service::{Backend, Services};
use crate::store::prelude::*;

#[tokio::test]
async fn history_comes_from_the_store_newest_last_once_per_keyword() {
    let settings = Config::default().api_settings().0;
    let backend = || async { Backend::connect(&settings).await.unwrap() };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    let without = Services::new(backend().await);
    assert_eq!(
        without.recent_keywords(10).await,
        None,
        "no store: the file is used"
    );
    let store = Arc::new(SqliteStore::open(&path).unwrap());
    let services =
        Services::new(backend().await).with_state(store.clone(), std::time::Duration::ZERO);
    assert_eq!(
        services.recent_keywords(10).await,
        None,
        "an empty store: the file is used"
    );
    store.record_search("甲公司", "certs", None, 10).unwrap();
    store
        .record_search("乙公司", "building", Some("qcc"), 20)
        .unwrap();
    store.record_search("甲公司", "customs", None, 30).unwrap();
    assert_eq!(
        services.recent_keywords(10).await,
        Some(vec!["乙公司".to_string(), "甲公司".to_string()])
    );
}
