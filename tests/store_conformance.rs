//! The same store tests on both backends: the embedded SQLite file and the team database on
//! PostgreSQL (issue 13). A backend that passes these keeps every promise the services
//! rely on: answers and refusals kept, the ledger's claim one step, identities, the lists.

mod pg_support;

use std::sync::{Arc, Barrier};

use corpvet::store::{
    Budget, CallRecord, Claim, Limits, OrderState, Outcome, PgStore, Reserved, Settled,
    SqliteStore, Store, StoredAnswer, MAX_SEARCHES,
};

/// An answer as the store keeps it: written by the store's user, "ana" in these tests.
fn answer(at: i64, payload: &str) -> StoredAnswer {
    StoredAnswer {
        fetched_at: at,
        no_result: false,
        payload: payload.into(),
        fetched_by: Some("ana".into()),
    }
}

fn answers_are_kept_replaced_counted_and_cleared(s: Arc<dyn Store>) {
    assert_eq!(s.answer("k1").unwrap(), None);
    s.put_answer("k1", "qcc", "building", &answer(100, "{\"a\":1}"))
        .unwrap();
    s.put_answer("k1", "qcc", "building", &answer(200, "{\"a\":2}"))
        .unwrap();
    let none = StoredAnswer {
        no_result: true,
        ..answer(150, "{}")
    };
    s.put_answer("k2", "juhe", "building", &none).unwrap();
    assert_eq!(s.answer("k1").unwrap(), Some(answer(200, "{\"a\":2}")));
    assert_eq!(s.answer("k2").unwrap(), Some(none));
    let stats = s.stats(0).unwrap();
    assert_eq!((stats.entries, stats.no_result), (2, 1));
    assert_eq!((stats.oldest, stats.newest), (Some(150), Some(200)));
    assert_eq!(stats.payload_bytes, 9);
    assert_eq!(stats.by_endpoint.len(), 2);
    assert_eq!(s.clear_answers().unwrap(), 2);
    assert_eq!(s.answer("k1").unwrap(), None);
}

fn a_cooldown_holds_until_it_ends(s: Arc<dyn Store>) {
    s.put_cooldown("k", 500, "查询过于频繁").unwrap();
    assert_eq!(
        s.cooldown("k", 499).unwrap(),
        Some((500, "查询过于频繁".to_string()))
    );
    assert_eq!(s.cooldown("k", 500).unwrap(), None);
    assert_eq!(s.stats(0).unwrap().cooldowns, 1);
}

fn searches_are_listed_newest_first_once_per_keyword(s: Arc<dyn Store>) {
    s.record_search("甲公司", "building", Some("qcc"), 10)
        .unwrap();
    s.record_search("乙公司", "certs", None, 20).unwrap();
    s.record_search(" 甲公司 ", "building", Some("qcc"), 30)
        .unwrap();
    s.record_search("  ", "building", None, 40).unwrap();
    let recent = s.recent_searches(10).unwrap();
    let seen: Vec<_> = recent
        .iter()
        .map(|r| (r.keyword.as_str(), r.searched_at, r.times))
        .collect();
    assert_eq!(seen, [("甲公司", 30, 2), ("乙公司", 20, 1)]);
}

fn the_history_keeps_the_newest_searches_only(s: Arc<dyn Store>) {
    let over = MAX_SEARCHES + 3;
    for i in 0..over {
        s.record_search(&format!("公司{i}"), "building", None, i)
            .unwrap();
    }
    let kept = s.recent_searches(usize::MAX).unwrap();
    assert_eq!(kept.len() as i64, MAX_SEARCHES);
    assert_eq!(kept[0].keyword, format!("公司{}", over - 1));
    assert_eq!(kept[kept.len() - 1].keyword, "公司3");
}

/// Billable calls sent in `mode` from `since`, and their fen, as the budgets count them.
fn spent(
    s: &Arc<dyn Store>,
    since: i64,
    mode: &str,
) -> Result<(u64, i64), corpvet::store::StoreError> {
    let calls = s.calls(since, i64::MAX)?;
    let billed = calls
        .iter()
        .filter(|c| c.mode == mode && c.outcome == Outcome::Sent && c.billable);
    Ok(billed.fold((0, 0), |(n, fen), c| (n + 1, fen + c.price_fen)))
}

fn the_spend_ledger_keeps_calls_and_counts_the_billable_ones(s: Arc<dyn Store>) {
    let call = |at: i64, mode: &str, outcome: Outcome, billable: bool, fen: i64| CallRecord {
        at,
        by: None,
        mode: mode.into(),
        vendor: "qcc".into(),
        endpoint: "OperationCheck/GetList".into(),
        company: "甲公司".into(),
        params: r#"{"searchKey":"甲公司"}"#.into(),
        outcome,
        status: Some("200".into()),
        order_number: Some("ORD1".into()),
        billable,
        price_fen: fen,
    };
    s.record_call(&call(100, "live", Outcome::Sent, true, 50))
        .unwrap();
    s.record_call(&call(200, "live", Outcome::Sent, false, 0))
        .unwrap();
    s.record_call(&call(300, "live", Outcome::CacheHit, false, 0))
        .unwrap();
    s.record_call(&call(400, "sandbox", Outcome::Sent, true, 50))
        .unwrap();
    s.record_call(&call(500, "live", Outcome::Sent, true, 25))
        .unwrap();
    assert_eq!(spent(&s, 0, "live").unwrap(), (2, 75));
    assert_eq!(spent(&s, 150, "live").unwrap(), (1, 25));
    assert_eq!(spent(&s, 0, "sandbox").unwrap(), (1, 50));
    let kept = s.calls(200, 500).unwrap();
    let seen: Vec<_> = kept.iter().map(|c| (c.at, c.outcome)).collect();
    assert_eq!(
        seen,
        [
            (200, Outcome::Sent),
            (300, Outcome::CacheHit),
            (400, Outcome::Sent)
        ]
    );
    assert_eq!(kept[0].order_number.as_deref(), Some("ORD1"));
    assert_eq!(kept[0].by.as_deref(), Some("ana"), "the store's own user");

    // A reservation within the budget is a billable row until settled; over it, no row.
    let limits = Limits {
        day_start: 0,
        month_start: 0,
        daily_calls: 0,
        daily_fen: 100,
        monthly_fen: 0,
    };
    let Reserved::Row(id) = s
        .reserve_call(&call(600, "live", Outcome::Sent, true, 25), &limits)
        .unwrap()
    else {
        panic!("75 + 25 is within 100");
    };
    assert_eq!(spent(&s, 0, "live").unwrap(), (3, 100));
    assert_eq!(
        s.reserve_call(&call(601, "live", Outcome::Sent, true, 1), &limits)
            .unwrap(),
        Reserved::Over {
            budget: Budget::DailyYuan,
            calls: 3,
            fen: 100
        }
    );
    let settled = Settled {
        outcome: Outcome::Sent,
        status: Some("107".into()),
        order_number: None,
        billable: false,
        price_fen: 0,
    };
    s.settle_call(id, Some(&settled)).unwrap();
    assert_eq!(
        spent(&s, 0, "live").unwrap(),
        (2, 75),
        "a refused signature is free"
    );
    let Reserved::Row(gone) = s
        .reserve_call(&call(602, "live", Outcome::Sent, true, 25), &limits)
        .unwrap()
    else {
        panic!("within the budget again");
    };
    s.settle_call(gone, None).unwrap();
    assert_eq!(s.calls(602, 603).unwrap(), [], "never sent: no row");
}

fn an_order_is_written_before_and_followed_after(s: Arc<dyn Store>) {
    let Claim::New(id) = s.claim_order("甲公司", "pdf", 0, 100).unwrap() else {
        panic!("nothing stood yet");
    };
    match s.claim_order(" 甲公司 ", "pdf", 0, 101).unwrap() {
        Claim::Standing(r) => assert_eq!((r.id, r.state), (id, OrderState::Sending)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        s.claim_order("甲公司", "word", 0, 102).unwrap(),
        Claim::New(_)
    ));
    s.order_placed(id, "R1", 103).unwrap();
    s.order_progress("R1", OrderState::Ready, Some("/r"), None, 104)
        .unwrap();
    s.order_file("R1", "/tmp/r.pdf", 105).unwrap();
    let r = s.recent_order("甲公司", "pdf", 50).unwrap().unwrap();
    assert_eq!(r.state, OrderState::Ready);
    assert_eq!(
        (
            r.order_no.as_deref(),
            r.report_url.as_deref(),
            r.file.as_deref()
        ),
        (Some("R1"), Some("/r"), Some("/tmp/r.pdf"))
    );
    // Outside the window, or after a refusal, nothing stands, and a claim writes a new row.
    assert!(s.recent_order("甲公司", "pdf", 101).unwrap().is_none());
    assert!(matches!(
        s.claim_order("甲公司", "pdf", 150, 150).unwrap(),
        Claim::New(_)
    ));
    let refused = s.begin_order("乙公司", "pdf", 200).unwrap();
    s.order_failed(refused, OrderState::Failed, "116", 201)
        .unwrap();
    assert!(s.recent_order("乙公司", "pdf", 0).unwrap().is_none());
    assert_eq!(s.orders(10).unwrap().len(), 4);
    assert_eq!(s.orders(10).unwrap()[0].company, "乙公司", "newest first");
}

fn names_tied_to_a_code_share_its_orders(s: Arc<dyn Store>) {
    let Claim::New(id) = s.claim_order("甲公司", "pdf", 0, 100).unwrap() else {
        panic!("nothing stood yet");
    };
    assert!(s
        .recent_order("91320594088140947F", "pdf", 0)
        .unwrap()
        .is_none());
    s.tie("甲公司", "91320594088140947F", 101).unwrap();
    s.tie("甲有限公司", "91320594088140947F", 101).unwrap();
    assert_eq!(
        s.identity("甲公司").unwrap().as_deref(),
        Some("91320594088140947F")
    );
    for other in ["91320594088140947F", "甲有限公司"] {
        match s.claim_order(other, "pdf", 0, 102).unwrap() {
            Claim::Standing(r) => assert_eq!(r.id, id, "{other}"),
            claim => panic!("{other}: {claim:?}"),
        }
    }
}

/// Eight claimants at once, each with its own connection (as eight processes would be):
/// one new row between them, the others find it.
fn claims_at_once_write_one_row(open: impl Fn() -> Arc<dyn Store> + Sync) {
    let barrier = Barrier::new(8);
    let claims: Vec<Claim> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let s = open();
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    s.claim_order("丙公司", "pdf", 0, 100).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let new = claims.iter().filter(|c| matches!(c, Claim::New(_))).count();
    assert_eq!(new, 1, "{claims:?}");
}

fn the_watchlist_keeps_its_order_and_last_snapshot(s: Arc<dyn Store>) {
    assert!(s.watch_add("乙公司", 10).unwrap());
    assert!(s.watch_add("甲公司", 20).unwrap());
    assert!(!s.watch_add(" 甲公司 ", 30).unwrap());
    assert!(s.is_watched("甲公司").unwrap());
    s.save_snapshot("甲公司", 40, "red", "{\"n\":1}").unwrap();
    s.save_snapshot("甲公司", 50, "clean", "{\"n\":2}").unwrap();
    let list = s.watch_list().unwrap();
    let seen: Vec<_> = list
        .iter()
        .map(|w| (w.keyword.as_str(), w.last_run, w.last_level.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [("乙公司", None, None), ("甲公司", Some(50), Some("clean"))]
    );
    assert_eq!(
        s.last_snapshot("甲公司").unwrap().unwrap().snapshot,
        "{\"n\":2}"
    );
    assert!(s.watch_remove("甲公司").unwrap());
    assert!(!s.watch_remove("甲公司").unwrap());
    assert_eq!(s.last_snapshot("甲公司").unwrap(), None);
}

fn a_lease_has_one_holder_until_it_is_given_back_or_runs_out(s: Arc<dyn Store>) {
    assert!(s.take_lease("q", "a", 100, 160).unwrap());
    assert!(!s.take_lease("q", "b", 120, 180).unwrap(), "a holds it");
    assert!(
        s.take_lease("q", "a", 121, 181).unwrap(),
        "a again: renewed"
    );
    assert!(
        s.take_lease("other", "b", 122, 182).unwrap(),
        "another question"
    );
    s.drop_lease("q", "b").unwrap();
    assert!(
        !s.take_lease("q", "b", 123, 183).unwrap(),
        "only the holder gives it back"
    );
    s.drop_lease("q", "a").unwrap();
    assert!(s.take_lease("q", "b", 124, 184).unwrap());
    assert!(s.take_lease("q", "c", 184, 244).unwrap(), "b's ran out");
}

/// A store opened for a user writes the name on what it records.
fn who_searched_ordered_and_fetched_is_recorded(s: Arc<dyn Store>) {
    s.record_search("甲公司", "building", None, 10).unwrap();
    s.claim_order("甲公司", "pdf", 0, 11).unwrap();
    s.put_answer("k", "qcc", "building", &answer(12, "{}"))
        .unwrap();
    assert_eq!(s.recent_searches(1).unwrap()[0].by.as_deref(), Some("ana"));
    assert_eq!(s.orders(1).unwrap()[0].by.as_deref(), Some("ana"));
    assert_eq!(
        s.answer("k").unwrap().unwrap().fetched_by.as_deref(),
        Some("ana")
    );
}

/// Slots booked in one schedule: the first at once, the next one interval later, a burst
/// ahead of that, and each account on its own.
fn slots_are_booked_one_interval_apart(s: Arc<dyn Store>) {
    assert_eq!(s.book_slot("qcc", 10_000, 0).unwrap(), 0);
    let second = s.book_slot("qcc", 10_000, 0).unwrap();
    assert!((9_000..=10_000).contains(&second), "{second}");
    assert_eq!(
        s.book_slot("juhe", 10_000, 0).unwrap(),
        0,
        "another account"
    );
    // With room for a burst of three, the next two are at once too.
    assert_eq!(s.book_slot("burst", 10_000, 20_000).unwrap(), 0);
    assert_eq!(s.book_slot("burst", 10_000, 20_000).unwrap(), 0);
    assert_eq!(s.book_slot("burst", 10_000, 20_000).unwrap(), 0);
    assert!(s.book_slot("burst", 10_000, 20_000).unwrap() > 9_000);
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    let dir = tempfile::tempdir().unwrap();
                    let store = corpvet::store::SqliteStore::open(&dir.path().join("s.db"))
                        .unwrap()
                        .with_user("ana");
                    super::$name(std::sync::Arc::new(store));
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    let Some(url) = crate::pg_support::fresh_database() else { return };
                    let store = corpvet::store::PgStore::open(&url).unwrap().with_user("ana");
                    super::$name(std::sync::Arc::new(store));
                }
            )*
        }
    };
}

on_both_backends!(
    answers_are_kept_replaced_counted_and_cleared,
    a_cooldown_holds_until_it_ends,
    searches_are_listed_newest_first_once_per_keyword,
    the_history_keeps_the_newest_searches_only,
    the_spend_ledger_keeps_calls_and_counts_the_billable_ones,
    an_order_is_written_before_and_followed_after,
    names_tied_to_a_code_share_its_orders,
    the_watchlist_keeps_its_order_and_last_snapshot,
    a_lease_has_one_holder_until_it_is_given_back_or_runs_out,
    who_searched_ordered_and_fetched_is_recorded,
    slots_are_booked_one_interval_apart,
);

#[test]
fn sqlite_claims_at_once_write_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    SqliteStore::open(&path).unwrap();
    claims_at_once_write_one_row(|| Arc::new(SqliteStore::open(&path).unwrap()));
}

#[test]
fn postgres_claims_at_once_write_one_row() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    PgStore::open(&url).unwrap();
    claims_at_once_write_one_row(|| Arc::new(PgStore::open(&url).unwrap()));
}

/// How many schema steps the database at `url` has recorded.
fn schema_steps(url: &str) -> i64 {
    let mut admin = ::postgres::Client::connect(url, ::postgres::NoTls).unwrap();
    admin
        .query_one("SELECT COUNT(*) FROM corpvet_schema", &[])
        .unwrap()
        .get(0)
}

/// Two versions on one team database: an older corpvet meeting a newer schema refuses, and
/// says so, and leaves the database as it is.
#[test]
fn postgres_a_newer_schema_is_refused_and_left_alone() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    PgStore::open(&url).unwrap();
    let mut admin = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    admin
        .execute(
            "INSERT INTO corpvet_schema (version, applied_at, applied_by) VALUES (99, 0, 'corpvet 9')",
            &[],
        )
        .unwrap();
    let e = PgStore::open(&url).unwrap_err().to_string();
    assert!(e.contains("newer corpvet (schema 99"), "{e}");
    assert_eq!(schema_steps(&url), corpvet::store::postgres::VERSION + 1);
}

/// Opening again (a second analyst, a second version of the same release) applies nothing
/// twice.
#[test]
fn postgres_openers_at_once_migrate_once() {
    let Some(url) = pg_support::fresh_database() else {
        return;
    };
    std::thread::scope(|scope| {
        for _ in 0..6 {
            scope.spawn(|| PgStore::open(&url).unwrap());
        }
    });
    assert_eq!(schema_steps(&url), corpvet::store::postgres::VERSION);
}
