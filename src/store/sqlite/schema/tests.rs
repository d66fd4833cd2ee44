use rusqlite::Connection;

use super::{migrate, VERSION};

fn version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_file_gets_every_step() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate(&mut conn).unwrap();
    assert_eq!(version(&conn), VERSION);
    migrate(&mut conn).unwrap();
    assert_eq!(version(&conn), VERSION, "a second open changes nothing");
}

#[test]
fn a_file_from_before_versioning_is_upgraded_in_place() {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, company TEXT NOT NULL,
         format TEXT NOT NULL, order_no TEXT, state TEXT NOT NULL, created_at INTEGER NOT NULL,
         updated_at INTEGER NOT NULL, report_url TEXT, file TEXT, note TEXT);
         INSERT INTO orders (company, format, order_no, state, created_at, updated_at)
         VALUES ('企查查科技有限公司', 'pdf', 'R1', 'ordered', 1, 1);",
    )
    .unwrap();
    migrate(&mut conn).unwrap();
    assert_eq!(version(&conn), VERSION);
    let kept: String = conn
        .query_row("SELECT order_no FROM orders", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "R1", "the order ledger survives the upgrade");
}

#[test]
fn a_file_from_a_newer_corpvet_is_refused_and_left_alone() {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "user_version", VERSION + 1)
        .unwrap();
    let err = migrate(&mut conn).unwrap_err();
    assert!(err.contains("newer corpvet"), "{err}");
    assert_eq!(version(&conn), VERSION + 1);
}

/// Processes opening one new file at once: every one comes up, none fails on the race to
/// create the tables (a deferred transaction that read the schema before another process
/// wrote it fails with SQLITE_BUSY_SNAPSHOT at once, whatever the busy timeout).
#[test]
fn openers_racing_on_a_new_file_all_come_up() {
    use std::sync::{Arc, Barrier};
    for round in 0..40 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.sqlite3");
        let start = Arc::new(Barrier::new(6));
        let openers: Vec<_> = (0..6)
            .map(|_| {
                let (path, start) = (path.clone(), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    crate::store::sqlite::SqliteStore::open(&path).map(|_| ())
                })
            })
            .collect();
        for o in openers {
            let result = o.join().unwrap();
            assert!(result.is_ok(), "round {round}: {:?}", result.err());
        }
    }
}
