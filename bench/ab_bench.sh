#!/usr/bin/env bash
# A/B throughput of two leakhound binaries (e.g. main's and a branch's) on
# the same inputs in the same run, alternating A and B so machine load hits
# both alike: median wall and user CPU time of each, the ratio B/A (target
# <= ~1.02 for a change that must not cost throughput) and each binary's
# finding count. Every target is scanned with one worker (-j1) unless
# --jobs says otherwise, so the numbers are per-core matcher throughput.
#
# usage: bench/ab_bench.sh [--runs R] [--jobs N] A_BIN B_BIN TARGET...
#   TARGET   a directory or file (`scan`), or a git repository given as git:PATH (`git`)
# Example (the provider table of issue 13):
#   git clone -q --bare /work/shared/corpora/curl.bundle /tmp/curl.git
#   bench/ab_bench.sh /tmp/lh-main build/leakhound /usr/include git:/tmp/curl.git
set -euo pipefail
RUNS=3 JOBS=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
(($# >= 3)) || { sed -n '2,13p' "$0" >&2; exit 2; }
A=$1 B=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# run BIN TARGET OUT: prints "wall user" seconds; the JSON report goes to OUT.
run() {
  local bin=$1 target=$2 out=$3 cmd
  if [[ $target == git:* ]]; then cmd=(git "${target#git:}"); else cmd=(scan "$target"); fi
  /usr/bin/time -f '%e %U' -o "$work/time" "$bin" "${cmd[@]}" -j"$JOBS" -q --no-config \
    --format json -o "$out" >/dev/null 2>&1 || true
  tail -n 1 "$work/time"  # time prepends "Command exited with non-zero status N" (1 = findings)
}
for target in "$@"; do
  label=${target#git:}
  bytes=$(if [[ $target == git:* ]]; then
    git -C "$label" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' |
      awk '$1 == "blob" {s += $2} END {print s}'
  else du -sb --apparent-size "$label" | awk '{print $1}'; fi)
  run "$A" "$target" "$work/warm.json" >/dev/null  # page cache and rule cache
  : >"$work/a" ; : >"$work/b"
  for ((i = 0; i < RUNS; i++)); do
    run "$A" "$target" "$work/a.json" >>"$work/a"
    run "$B" "$target" "$work/b.json" >>"$work/b"
  done
  fa=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$work/a.json")
  fb=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$work/b.json")
  wa=$(awk '{print $1}' "$work/a" | median) ua=$(awk '{print $2}' "$work/a" | median)
  wb=$(awk '{print $1}' "$work/b" | median) ub=$(awk '{print $2}' "$work/b" | median)
  printf '%s (%d MB, -j%s, median of %s):\n' "$target" "$((bytes / 1000000))" "$JOBS" "$RUNS"
  printf '  A %-40s wall %6.2fs user %6.2fs  %5.0f MB/s  %s findings\n' "$A" "$wa" "$ua" "$(echo "$bytes/1000000/$wa" | bc -l)" "$fa"
  printf '  B %-40s wall %6.2fs user %6.2fs  %5.0f MB/s  %s findings\n' "$B" "$wb" "$ub" "$(echo "$bytes/1000000/$wb" | bc -l)" "$fb"
  printf '  ratio B/A: wall %.3f, user %.3f\n' "$(echo "$wb/$wa" | bc -l)" "$(echo "$ub/$ua" | bc -l)"
done
