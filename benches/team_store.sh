#!/usr/bin/env bash
# A cached lookup, whole process, through the team database against the same through this
# user's SQLite files (issue 13; figures in docs/PERFORMANCE.md):
#
#   cargo build --release && benches/team_store.sh
#
# Starts its own throwaway PostgreSQL cluster (scripts/postgres: loopback, scram-sha-256),
# stores the answer once in each store, then times `corpvet building <company> --json`
# answered from it. Uses scratch HOMEs; stops everything it started. Needs hyperfine.
set -euo pipefail

cd "$(dirname "$0")/.."
bin=$PWD/target/release/corpvet
company=${COMPANY:-浙江华屹建设集团有限公司}
runs=${RUNS:-40}
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "missing: hyperfine" >&2; exit 1; }

. scripts/postgres
start_postgres
sqlite_home=$(mktemp -d)
team_home=$(mktemp -d)
trap 'stop_postgres; rm -rf "$sqlite_home" "$team_home"' EXIT

HOME=$sqlite_home "$bin" building "$company" --json >/dev/null 2>&1
HOME=$team_home CORPVET_STORE_URL=$CORPVET_TEST_POSTGRES "$bin" building "$company" --json >/dev/null 2>&1

echo "== machine: $(nproc) cores, $(date -u +%F)"
HOME=$sqlite_home hyperfine -N --warmup 3 --runs "$runs" \
    -n sqlite "$bin building $company --json"
HOME=$team_home CORPVET_STORE_URL=$CORPVET_TEST_POSTGRES hyperfine -N --warmup 3 --runs "$runs" \
    -n postgres "$bin building $company --json"
