//! Parse-and-normalise benchmarks (issue 6): a 5000-record answer (the upstream maximum)
//! for building qualifications (QCC and Juhe), certificates and customs, from the raw HTTP
//! body to the domain page the CLI prints and the explorer lists, exactly the steps
//! `worker::Services` takes after the transfer (envelope, status, typed `Result`, domain
//! conversion with expiry and grade normalisation, paging).
//!
//! The bodies are the vendor documents' own examples (`tests/fixtures/docs/`) with their
//! records repeated to 5000.
//!
//! `cargo bench --bench parse` (add `-- --measurement-time 2` for a quicker run).

mod support;

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use serde_json::{json, Value};

use corpvet::api::wire::envelope::{parse_juhe, parse_qcc};
use corpvet::api::wire::juhe::JuheResult;
use corpvet::api::wire::qcc::{BuildingResult, CertificationList, CustomsResult};
use corpvet::domain::page::Page;
use corpvet::domain::{Certificate, CustomsRecord, Qualification};

const RECORDS: usize = 5000;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docs")
        .join(name);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The array at `pointer` in `doc`, its elements cycled to `n`.
fn grown(mut doc: Value, pointer: &str, n: usize) -> Vec<u8> {
    let arr = doc.pointer_mut(pointer).unwrap();
    let items: Vec<Value> = arr
        .as_array()
        .unwrap()
        .iter()
        .cycle()
        .take(n)
        .cloned()
        .collect();
    *arr = Value::Array(items);
    if let Some(paging) = doc.get_mut("Paging") {
        *paging = json!({"PageSize": n, "PageIndex": 1, "TotalRecords": n});
    }
    serde_json::to_vec(&doc).unwrap()
}

fn building(body: &[u8]) -> Page<Qualification> {
    let reply = parse_qcc::<BuildingResult>(200, body).unwrap();
    let items: Vec<Qualification> = reply
        .data
        .map(|r| r.data.into_iter().map(Qualification::from_qcc).collect())
        .unwrap_or_default();
    let n = items.len() as u64;
    Page::from_paging(items, None, 1, n.max(1))
}

fn juhe(body: &[u8]) -> Page<Qualification> {
    let reply = parse_juhe::<JuheResult>(200, body).unwrap();
    let paging = reply.paging;
    let items: Vec<Qualification> = reply
        .data
        .map(|r| r.items.into_iter().map(Qualification::from_juhe).collect())
        .unwrap_or_default();
    Page::from_paging(items, paging, 1, 20)
}

fn certificates(body: &[u8]) -> Page<Certificate> {
    let reply = parse_qcc::<CertificationList>(200, body).unwrap();
    let paging = reply.paging;
    let items: Vec<Certificate> = reply
        .data
        .map(|l| l.into_iter().map(Certificate::from_wire).collect())
        .unwrap_or_default();
    Page::from_paging(items, paging, 1, 20)
}

fn customs(body: &[u8]) -> Page<CustomsRecord> {
    let reply = parse_qcc::<CustomsResult>(200, body).unwrap();
    let paging = reply.paging;
    let items: Vec<CustomsRecord> = reply
        .data
        .map(|r| r.data.into_iter().map(CustomsRecord::from_wire).collect())
        .unwrap_or_default();
    Page::from_paging(items, paging, 1, 20)
}

fn bench_parse(c: &mut Criterion) {
    let bodies = [
        (
            "building_qcc",
            grown(
                fixture("qcc_building_getlist.json"),
                "/Result/Data",
                RECORDS,
            ),
        ),
        (
            "building_juhe",
            grown(
                fixture("juhe_building_query.json"),
                "/result/items",
                RECORDS,
            ),
        ),
        (
            "certificates",
            grown(fixture("qcc_certs_search.json"), "/Result", RECORDS),
        ),
        (
            "customs",
            grown(fixture("qcc_customs_getlist.json"), "/Result/Data", RECORDS),
        ),
    ];
    // Each body really holds 5000 records and all of them survive normalisation.
    assert_eq!(building(&bodies[0].1).items.len(), RECORDS);
    assert_eq!(juhe(&bodies[1].1).items.len(), RECORDS);
    assert_eq!(certificates(&bodies[2].1).items.len(), RECORDS);
    assert_eq!(customs(&bodies[3].1).items.len(), RECORDS);

    // The answer is freed outside the timing (`iter_with_large_drop`): freeing 5000 records
    // is not reading them, and happens whenever the list is replaced.
    let mut g = c.benchmark_group("parse_normalise_5000");
    g.throughput(Throughput::Elements(RECORDS as u64));
    for (name, body) in &bodies {
        println!("{name}: {} bytes for {RECORDS} records", body.len());
    }
    g.bench_function("building_qcc", |b| {
        b.iter_with_large_drop(|| building(black_box(&bodies[0].1)))
    });
    g.bench_function("building_juhe", |b| {
        b.iter_with_large_drop(|| juhe(black_box(&bodies[1].1)))
    });
    g.bench_function("certificates", |b| {
        b.iter_with_large_drop(|| certificates(black_box(&bodies[2].1)))
    });
    g.bench_function("customs", |b| {
        b.iter_with_large_drop(|| customs(black_box(&bodies[3].1)))
    });
    g.finish();

    // What freeing a 5000-record answer costs, for the record.
    let mut g = c.benchmark_group("drop_5000");
    g.bench_function("customs", |b| {
        b.iter_batched(|| customs(&bodies[3].1), drop, BatchSize::LargeInput)
    });
    g.finish();

    // Where the time goes, for the two slowest: the JSON text to a `serde_json::Value`
    // alone; the envelope parser (text to typed wire records); the domain conversion alone.
    let mut g = c.benchmark_group("parse_breakdown_5000");
    g.throughput(Throughput::Elements(RECORDS as u64));
    let qcc_body = &bodies[0].1;
    let customs_body = &bodies[3].1;
    g.bench_function("building_qcc/json_value_only", |b| {
        b.iter(|| black_box(serde_json::from_slice::<Value>(black_box(qcc_body)).unwrap()))
    });
    g.bench_function("building_qcc/envelope_to_wire", |b| {
        b.iter(|| black_box(parse_qcc::<BuildingResult>(200, black_box(qcc_body)).unwrap()))
    });
    let wire = parse_qcc::<BuildingResult>(200, qcc_body)
        .unwrap()
        .data
        .unwrap();
    // The conversion consumes the wire records: each iteration gets a fresh copy, made
    // outside the timing.
    g.bench_function("building_qcc/wire_to_domain", |b| {
        b.iter_batched(
            || wire.data.clone(),
            |data| {
                data.into_iter()
                    .map(Qualification::from_qcc)
                    .collect::<Vec<_>>()
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("customs/json_value_only", |b| {
        b.iter(|| black_box(serde_json::from_slice::<Value>(black_box(customs_body)).unwrap()))
    });
    g.bench_function("customs/envelope_to_wire", |b| {
        b.iter(|| black_box(parse_qcc::<CustomsResult>(200, black_box(customs_body)).unwrap()))
    });
    let wire = parse_qcc::<CustomsResult>(200, customs_body)
        .unwrap()
        .data
        .unwrap();
    g.bench_function("customs/wire_to_domain", |b| {
        b.iter_batched(
            || wire.data.clone(),
            |data| {
                data.into_iter()
                    .map(CustomsRecord::from_wire)
                    .collect::<Vec<_>>()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::config();
    targets = bench_parse
}
criterion_main!(benches);
