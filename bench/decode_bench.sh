#!/usr/bin/env bash
# The decode stage alone (base64 runs, percent-encoding, escapes, HTML
# entities: decode::TextDecoder) on real blobs, this tree against a base
# revision, interleaved in the same invocation: CPU seconds, MB/s, the ratio,
# and a digest of every layer built (equal digests: both decode the same).
#
# usage: bench/decode_bench.sh [--base REV] [--runs N] [--raw] FILE
#   FILE   `git cat-file --batch-all-objects --batch` output (default), or
#          with --raw any text file taken as one blob
#   --base git revision to compare against (default: main)
# Environment: LEAKHOUND_BENCH_DIR (default /tmp/leakhound-bench) holds the
# driver binaries.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${LEAKHOUND_BENCH_DIR:-/tmp/leakhound-bench}
BASE=main RUNS=3 RAW=()
while [[ $# -gt 1 ]]; do
  case $1 in
    --base) BASE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --raw) RAW=(--raw); shift ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
  esac
done
[[ $# -eq 1 && -f $1 ]] || { sed -n '2,12p' "$0" >&2; exit 2; }
FILE=$1
mkdir -p "$WORK"

# build OUT SRC_ROOT: the driver from SRC_ROOT's src/decode and core headers.
build() {
  g++ -std=c++20 -O2 -g -DNDEBUG -I"$2/src" "$ROOT/bench/decode_bench.cc" \
    "$2"/src/decode/layer.cc "$2"/src/decode/base64.cc "$2"/src/decode/escapes.cc \
    -o "$1" -lz
}
base_src=$WORK/decode-base-src
rm -rf "$base_src" && mkdir -p "$base_src"
git -C "$ROOT" archive "$BASE" src/decode src/core | tar -x -C "$base_src"
build "$WORK/decode_bench_base" "$base_src" &
build "$WORK/decode_bench_new" "$ROOT"
wait

for ((r = 1; r <= RUNS; r++)); do
  printf 'base %s: ' "$BASE"
  "$WORK/decode_bench_base" "$FILE" "${RAW[@]}"
  printf 'this tree: '
  "$WORK/decode_bench_new" "$FILE" "${RAW[@]}"
done | tee "$WORK/decode_bench.out"
awk '/^base/ { for (i = 1; i <= NF; ++i) if ($i == "CPU,") b[++nb] = $(i - 2) }
     /^this/ { for (i = 1; i <= NF; ++i) if ($i == "CPU,") n[++nn] = $(i - 2) }
     END { asort(b); asort(n); m = int((nb + 1) / 2);
           printf "CPU median: base %.3f s, this tree %.3f s, ratio %.2f\n", b[m], n[m], n[m] / b[m];
           printf "CPU fastest: base %.3f s, this tree %.3f s, ratio %.2f\n", b[1], n[1], n[1] / b[1] }' \
  "$WORK/decode_bench.out"
