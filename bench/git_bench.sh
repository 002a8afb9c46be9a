#!/usr/bin/env bash
# `leakhound git` (full-history audit) against the floor
#   git cat-file --batch-all-objects --batch --unordered >/dev/null
# on the same repositories in the same run: median wall time of each, their
# ratio (target <= 1.0), peak RSS (/usr/bin/time -v; target < 300 MB on a
# 1 GB history) and leakhound's throughput in unique blob bytes per second
# (time should grow linearly with those bytes: compare the sizes).
#
# usage: bench/git_bench.sh [--sizes "N1 N2 N3"] [--runs R] [--leakhound BIN]
#                           [--args "EXTRA LEAKHOUND ARGS"] [REPO...]
#   --sizes   commit counts of the generated histories (default "2000 5000 12000";
#             bench/make_repo.sh builds them from /usr/include text, deterministic)
#   --runs    timed runs per command and repository (default 3; plus one warm-up)
#   REPO...   any other local repositories (bare or not) to measure too
# Environment: LEAKHOUND_BENCH_DIR (default /tmp/leakhound-bench) caches the
# generated repositories; LEAKHOUND (default build/leakhound) is the binary.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${LEAKHOUND_BENCH_DIR:-/tmp/leakhound-bench}
BIN=${LEAKHOUND:-$ROOT/build/leakhound}
SIZES="2000 5000 12000" RUNS=3 EXTRA=""
REPOS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --leakhound) BIN=$2; shift 2 ;;
    --args) EXTRA=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) sed -n '2,17p' "$0" >&2; exit 2 ;;
    *) REPOS+=("$1"); shift ;;
  esac
done
[[ -x $BIN ]] || { echo "git_bench: no leakhound binary at $BIN (set LEAKHOUND)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "git_bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
mkdir -p "$WORK"

GENERATED=()
for n in $SIZES; do
  repo=$WORK/git-$n.git
  if [[ ! -f $repo/bench-ready ]]; then
    echo "generating $repo ($n commits)" >&2
    "$ROOT/bench/make_repo.sh" "$repo" "$n" >&2
    touch "$repo/bench-ready"
  fi
  GENERATED+=("$repo")
done

# measure CMD...: runs it RUNS times (after a warm-up) and prints
# "<median wall seconds> <max peak RSS KiB> <median CPU seconds (user+sys)>".
measure() {
  local times=() cpus=() rss=0 out
  "$@" >/dev/null 2>&1 || true
  for ((r = 0; r < RUNS; r++)); do
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.$$" "$@" >/dev/null 2>&1 || true
    read -r wall kb user sys < <(tail -1 "$WORK/time.$$")
    times+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc -l)")
    ((kb > rss)) && rss=$kb
  done
  median() { printf '%s\n' "$@" | sort -g | sed -n "$(((RUNS + 1) / 2))p"; }
  printf '%s %s %s\n' "$(median "${times[@]}")" "$rss" "$(median "${cpus[@]}")"
}

trap 'rm -f "$WORK/time.$$"' EXIT
printf '%-24s %7s %8s %9s %9s %6s %8s %8s %8s %8s %7s\n' repository commits "blob MB" "cat-file" leakhound ratio "cf CPU" "lh CPU" "lh RSS" "cf RSS" "lh MB/s"
for repo in "${GENERATED[@]}" "${REPOS[@]}"; do
  gitdir=$(git -C "$repo" rev-parse --absolute-git-dir)
  commits=$(git -C "$gitdir" rev-list --all --count)
  blob_mb=$(git -C "$gitdir" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' \
    --unordered | awk '$1 == "blob" { s += $2 } END { printf "%.1f", s / 1e6 }')
  read -r cf_s cf_kb cf_cpu < <(measure git -C "$gitdir" cat-file --batch-all-objects --batch --unordered)
  # shellcheck disable=SC2086
  read -r lh_s lh_kb lh_cpu < <(measure "$BIN" git "$gitdir" --format json --progress never -q $EXTRA)
  printf '%-24s %7s %8s %8ss %8ss %6.2f %7.2fs %7.2fs %6.0fMB %6.0fMB %7.0f\n' "$(basename "$repo")" \
    "$commits" "$blob_mb" "$cf_s" "$lh_s" "$(echo "$lh_s / $cf_s" | bc -l)" "$cf_cpu" "$lh_cpu" \
    "$(echo "$lh_kb / 1024" | bc -l)" \
    "$(echo "$cf_kb / 1024" | bc -l)" "$(echo "$blob_mb / $lh_s" | bc -l)"
done
echo "(median of $RUNS runs after a warm-up; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
