use super::*;
use crate::store::OrderLedger;

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_healthy_or_missing_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    assert_eq!(repair(&path).unwrap(), Repair::Missing);
    SqliteStore::open(&path).unwrap();
    assert_eq!(repair(&path).unwrap(), Repair::Healthy);
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    std::fs::write(
        &path,
        b"this is not SQLite at all, just text written over it",
    )
    .unwrap();
    let Repair::Rebuilt { kept_aside, tables } = repair(&path).unwrap() else {
        panic!("rebuilt");
    };
    assert!(kept_aside.exists(), "the damaged file is kept");
    assert!(tables.iter().all(|t| t.lost.is_some()), "{tables:?}");
    assert!(SqliteStore::open(&path).is_ok());
    let names = files(dir.path());
    assert_eq!(names[0], "state.sqlite3", "{names:?}");
    assert!(names[1].starts_with("state.sqlite3.broken-"), "{names:?}");
}

/// The order ledger survives damage elsewhere in the file: its rows are copied across.
#[test]
fn the_order_ledger_is_kept_when_it_can_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    {
        let store = SqliteStore::open(&path).unwrap();
        let id = store
            .begin_order("甲建设集团有限公司", "pdf", 1_700_000_000)
            .unwrap();
        store.order_placed(id, "ORDER42", 1_700_000_001).unwrap();
        // Damage SQLite can see but that leaves the ledger readable: an index made wrong.
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO searches (keyword, kind, provider, searched_at)
               VALUES ('乙公司', 'name', NULL, 1);
             PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = replace(sql, 'searched_at', 'keyword')
               WHERE name = 'searches_by_time';
             PRAGMA writable_schema = OFF;",
        )
        .unwrap();
    }
    let Repair::Rebuilt { tables, .. } = repair(&path).unwrap() else {
        panic!("rebuilt");
    };
    let orders = tables.iter().find(|t| t.table == "orders").unwrap();
    assert_eq!(orders.rows, Some(1), "{tables:?}");
    let store = SqliteStore::open(&path).unwrap();
    let standing = store
        .claim_order("甲建设集团有限公司", "pdf", 0, 1_700_000_002)
        .unwrap();
    assert!(
        matches!(standing, crate::store::Claim::Standing(_)),
        "the order placed before the damage still stands"
    );
}

/// A damaged file an older corpvet wrote, which could not be brought up to this schema (its
/// tables lack the newer columns), still gives its ledger up: the columns both have are
/// copied, the others left empty.
#[test]
fn the_ledger_of_an_older_schema_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let older = dir.path().join("older.sqlite3");
    {
        let store = SqliteStore::open(&older).unwrap();
        let id = store
            .begin_order("甲建设集团有限公司", "pdf", 1_700_000_000)
            .unwrap();
        store.order_placed(id, "ORDER42", 1_700_000_001).unwrap();
        store
            .conn()
            .execute_batch(
                "ALTER TABLE orders DROP COLUMN by_user;
                 ALTER TABLE searches DROP COLUMN by_user;
                 ALTER TABLE answers DROP COLUMN fetched_by;
                 PRAGMA user_version = 3;",
            )
            .unwrap();
    }
    let fresh = SqliteStore::open(&dir.path().join("state.sqlite3")).unwrap();
    let tables = salvage(&fresh, &older);
    let orders = tables.iter().find(|t| t.table == "orders").unwrap();
    assert_eq!(orders.rows, Some(1), "{tables:?}");
    let order = fresh.orders(1).unwrap().remove(0);
    assert_eq!(
        (order.order_no.as_deref(), order.by),
        (Some("ORDER42"), None)
    );
}
