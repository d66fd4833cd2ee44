#!/usr/bin/env bash
# Issue 12, point 14: a 100 000-company batch, offline (nothing sent: every source answers
# "not stored" locally), to the CSV output. Prints the wall time and peak memory, then,
# in a second run under strace, how many bytes were written to the output file (its
# temporary files and renames included) against the final file's size.
#
#   cargo build --release && benches/batch_100k.sh [ROWS]
#
# Goal: under 30 s, and the output written at most a few times its final size.
set -euo pipefail

cd "$(dirname "$0")/.."
bin=${BIN:-$PWD/target/release/corpvet}
rows=${1:-100000}
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 1; }
command -v strace >/dev/null || { echo "missing: strace" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch XDG_CONFIG_HOME=$scratch/config XDG_CACHE_HOME=$scratch/cache \
    XDG_DATA_HOME=$scratch/data XDG_STATE_HOME=$scratch/state
for v in $(env | grep -o '^CORPVET_[A-Z_]*'); do unset "$v"; done

python3 - "$scratch/list.csv" "$rows" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8") as f:
    f.write("序号,公司名称\n")
    for i in range(1, n + 1):
        f.write(f"{i},测试{i:06d}号建设工程有限公司\n")
PY

echo "== $rows rows, offline, $(nproc) cores, $(date -u +%F)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" \
    "$bin" batch "$scratch/list.csv" --offline --out "$scratch/out.csv" >/dev/null 2>"$scratch/err" \
    || true
tail -1 "$scratch/err"
final=$(stat -c %s "$scratch/out.csv")
rm -f "$scratch/out.csv"
strace -f -y -qq -e trace=write,pwrite64 -o "$scratch/trace" \
    "$bin" batch "$scratch/list.csv" --offline --out "$scratch/out.csv" >/dev/null 2>&1 || true
sum() { grep "$1" "$scratch/trace" | sed -n 's/.*= \([0-9]\+\)$/\1/p' | paste -sd+ | bc; }
written=$(sum 'out\.csv\.[0-9]*\.tmp')
journal=$(sum 'out\.csv\.journal')
echo "output file: $final bytes; written to it (whole, twice): $written bytes;" \
    "journal: ${journal:-0} bytes; in all $(echo "scale=2; ($written + ${journal:-0}) / $final" | bc)x its size"
