#!/usr/bin/env bash
# Whole-process figures of docs/PERFORMANCE.md, in one go:
#   1. `corpvet certs <company> --json` against the standalone sandbox over loopback,
#      uncached (--refresh) and cached, next to benches/curl_lookup.sh (hyperfine);
#   2. the explorer's start to first drawn frame, in tmux at 120x40;
#   3. the explorer's idle resident memory, and with a company loaded.
#
#   cargo build --release && benches/whole_process.sh
#
# Needs hyperfine, tmux, curl, jq. Uses a scratch HOME so your cache and history are
# untouched; stops everything it started.
set -euo pipefail

cd "$(dirname "$0")/.."
bin=$PWD/target/release/corpvet
port=${PORT:-18080}
company=${COMPANY:-深圳市鹏科智联电子股份有限公司}
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
for tool in hyperfine tmux curl jq md5sum; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

scratch=$(mktemp -d)
export HOME=$scratch XDG_CONFIG_HOME=$scratch/config XDG_CACHE_HOME=$scratch/cache \
    XDG_DATA_HOME=$scratch/data XDG_STATE_HOME=$scratch/state
session=corpvet-perf-$$
sandbox_pid=
cleanup() {
    tmux kill-session -t "$session" 2>/dev/null || true
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"

"$bin" sandbox --port "$port" >"$scratch/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 50); do
    curl -s "http://127.0.0.1:$port/__sandbox/counters" >/dev/null && break
    sleep 0.1
done

echo "== 1. CLI lookup vs curl + md5sum + jq"
(
    export CORPVET_QCC_KEY=sandbox-key CORPVET_QCC_SECRET=sandbox-secret
    export CORPVET_QCC_BASE_URL=http://127.0.0.1:$port/api/yj
    hyperfine -N --warmup 5 --runs "${RUNS:-60}" \
        "$bin certs $company --json --refresh" \
        "$bin certs $company --json" \
        "bash benches/curl_lookup.sh $company"
    before=$(curl -s "http://127.0.0.1:$port/__sandbox/counters" | jq '."ECICertification/SearchCertification".requests')
    "$bin" certs "$company" --json >/dev/null 2>&1
    after=$(curl -s "http://127.0.0.1:$port/__sandbox/counters" | jq '."ECICertification/SearchCertification".requests')
    echo "a cached lookup reached the sandbox $((after - before)) time(s) (expected 0)"
)

echo "== 2. explorer start to first frame (120x40, built-in sandbox)"
for i in $(seq "${FRAMES:-10}"); do
    tmux kill-session -t "$session" 2>/dev/null || true
    tmux new-session -d -s "$session" -x 120 -y 40 bash
    sleep 0.3
    rm -f "$scratch/t0"
    # The scratch folders again: a tmux server already running has its own environment.
    tmux send-keys -t "$session" "date +%s%N > $scratch/t0; exec env HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME XDG_DATA_HOME=$XDG_DATA_HOME XDG_STATE_HOME=$XDG_STATE_HOME $bin" Enter
    until [ -s "$scratch/t0" ]; do :; done
    until tmux capture-pane -p -t "$session" | grep -q Certificates; do :; done
    t1=$(date +%s%N)
    echo "run $i: $(((t1 - $(cat "$scratch/t0")) / 1000)) us"
done

echo "== 3. explorer resident memory"
sleep 2
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
echo "idle: $(grep VmRSS "/proc/$pid/status")"
tmux send-keys -t "$session" "$company" Enter
sleep 1.5
tmux send-keys -t "$session" Escape 2
sleep 1
tmux send-keys -t "$session" Enter
sleep 1
tmux send-keys -t "$session" Escape 3
sleep 1
echo "with a company loaded (certificates, a detail, customs): $(grep VmRSS "/proc/$pid/status")"

echo "== 4. explorer resident memory with 5000 rows (against the standalone sandbox, so the"
echo "      sandbox's own memory is not counted; QCC's largest answer, 5000 qualifications)"
big=中国华夏建设工程集团有限公司
rss() { grep VmRSS "/proc/$1/status" | awk '{print $2 " kB"}'; }
wait_screen() { until tmux capture-pane -p -t "$session" | grep -q -- "$1"; do sleep 0.05; done; }
for i in $(seq "${BIG_RUNS:-3}"); do
    tmux kill-session -t "$session" 2>/dev/null || true
    rm -rf "$scratch/big" && mkdir -p "$scratch/big"
    tmux new-session -d -s "$session" -x 120 -y 40 \
        "exec env HOME=$scratch/big XDG_CONFIG_HOME=$scratch/big/config XDG_CACHE_HOME=$scratch/big/cache \
XDG_DATA_HOME=$scratch/big/data XDG_STATE_HOME=$scratch/big/state \
CORPVET_QCC_KEY=sandbox-key CORPVET_QCC_SECRET=sandbox-secret \
CORPVET_QCC_BASE_URL=http://127.0.0.1:$port/api/yj $bin"
    wait_screen "Certificates"
    sleep 1
    pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
    idle=$(rss "$pid")
    tmux send-keys -t "$session" "$big" Enter
    wait_screen "5000 found"
    sleep 1
    overview=$(rss "$pid")
    tmux send-keys -t "$session" Escape 2
    wait_screen "5000 total"
    sleep 1
    listed=$(rss "$pid")
    tmux send-keys -t "$session" G
    wait_screen "▶ E100034996"
    sleep 0.5
    echo "run $i: idle $idle; Overview vetted (5000 qualifications, 1991 flags) $overview;" \
        "Qualifications tab listing 5000 $listed; at the last row $(rss "$pid")"
done
