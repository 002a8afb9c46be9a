#!/usr/bin/env bash
# Per-rule prefilter cost on real source text: the costliest rules alone and
# left out of the whole database, and the whole matcher's single-core MB/s
# (`leakhound rules bench`, docs/rules.md "Measured cost").
#
# usage: bench/rule_cost.sh [--sample-mb N] [--top N] [TEXT]
#   TEXT  file to measure on (default: every .h under /usr/include, sorted and
#         concatenated into $LEAKHOUND_BENCH_DIR/headers.h)
# Extra rule options (e.g. LH_ARGS="--no-builtin-rules --rules rules") go to
# every run. Environment: LEAKHOUND (default build/leakhound).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${LEAKHOUND_BENCH_DIR:-/tmp/leakhound-bench}
BIN=${LEAKHOUND:-$ROOT/build/leakhound}
SAMPLE=16 TOP=25 TEXT=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --sample-mb) SAMPLE=$2; shift 2 ;;
    --top) TOP=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) sed -n '2,11p' "$0" >&2; exit 2 ;;
    *) TEXT=$1; shift ;;
  esac
done
[[ -x $BIN ]] || { echo "rule_cost: no leakhound binary at $BIN (set LEAKHOUND)" >&2; exit 2; }
mkdir -p "$WORK"
if [[ -z $TEXT ]]; then
  TEXT=$WORK/headers.h
  if [[ ! -s $TEXT ]]; then
    find /usr/include -name '*.h' -print0 | sort -z | xargs -0 cat >"$TEXT"
  fi
fi
# shellcheck disable=SC2086
"$BIN" rules bench "$TEXT" --sample-mb "$SAMPLE" --top "$TOP" ${LH_ARGS:-}
echo "(text: $TEXT, $(($(stat -c %s "$TEXT") / 1048576)) MiB; first $SAMPLE MiB measured; load average $(cut -d' ' -f1-3 /proc/loadavg))"
