#!/usr/bin/env bash
# Reading every blob of a repository, three ways, in the same run:
#   (a) git cat-file --batch-all-objects --batch --unordered >/dev/null   (the floor, all objects)
#   (b) source/pack PackReader, every blob, 1 and 2 threads   (target: (b) <= (a))
#   (c) libgit2 git_odb_read of every blob in pack order, 1 thread
# plus, for reference, `git cat-file --batch` of just the blobs in pack order and
# PackReader reading every object. Prints medians and ratios to (a).
#
# usage: bench/pack_read_bench.sh [--repo PATH] [--commits N] [--runs N]
#                                 [--budget-mb M] [--no-libgit2]
#   --repo PATH   any local repository (bare or not); default: a deterministic
#                 history generated from /usr/include text (N commits, default
#                 4000, ~0.7 GB of unique blob content), cached in $WORK.
# Environment: LEAKHOUND_BENCH_DIR (default /tmp/leakhound-bench) holds the
# driver binary and generated repositories.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${LEAKHOUND_BENCH_DIR:-/tmp/leakhound-bench}
REPO="" COMMITS=4000 RUNS=3 BUDGET=256 LIBGIT2=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --repo) REPO=$2; shift 2 ;;
    --commits) COMMITS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --budget-mb) BUDGET=$2; shift 2 ;;
    --no-libgit2) LIBGIT2=0; shift ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
  esac
done
mkdir -p "$WORK"

# The driver, rebuilt when any of its sources is newer (no dependency on the
# top-level CMake build).
DRIVER=$WORK/pack_read_bench
SOURCES=("$ROOT"/bench/pack_read_bench.cc "$ROOT"/src/source/git/pack/*.cc "$ROOT"/src/core/core.cc)
if [[ ! -x $DRIVER ]] || [[ -n $(find "${SOURCES[@]}" "$ROOT"/src/source/git/pack/*.h -newer "$DRIVER") ]]; then
  echo "building $DRIVER" >&2
  g++ -std=c++20 -O2 -g -DNDEBUG -Wall -Wextra -Wno-missing-field-initializers -I"$ROOT/src" "${SOURCES[@]}" -o "$DRIVER" \
    $(pkg-config --cflags --libs libgit2 libdeflate) -pthread
fi

if [[ -z $REPO ]]; then
  REPO=$WORK/gen-$COMMITS.git
  if [[ ! -f $REPO/bench-ready ]]; then
    echo "generating $REPO ($COMMITS commits; takes a minute or two)" >&2
    rm -rf "$REPO"
    git init -q --bare "$REPO"
    "$DRIVER" gen --commits "$COMMITS" | git -C "$REPO" fast-import --quiet
    git -C "$REPO" repack -adfq   # like a gc'd clone: window 10, depth 50
    touch "$REPO/bench-ready"
  fi
fi
GITDIR=$(git -C "$REPO" rev-parse --absolute-git-dir)

BLOBS=$WORK/blobs.$$
trap 'rm -f "$BLOBS"' EXIT
git -C "$GITDIR" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectname)' \
  --unordered | awk '$1 == "blob" { print $2 }' >"$BLOBS"

# time_cmd NAME CMD...: appends "NAME wall cpu" to $RESULTS.
RESULTS=$WORK/results.$$
trap 'rm -f "$BLOBS" "$RESULTS"' EXIT
time_cmd() {
  local name=$1 t
  shift
  t=$({ TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1)
  awk -v n="$name" '{ printf "%s %.3f %.3f\n", n, $1, $2 + $3 }' <<<"$t" >>"$RESULTS"
}
catfile_all() { git -C "$GITDIR" cat-file --batch-all-objects --batch --unordered; }
catfile_blobs() { git -C "$GITDIR" cat-file --batch <"$BLOBS"; }
pack() { "$DRIVER" read --repo "$GITDIR" --budget-mb "$BUDGET" "$@"; }

: >"$RESULTS"
for ((r = 1; r <= RUNS; r++)); do  # interleaved, so load changes hit every series alike
  time_cmd "a_catfile_all_objects" catfile_all
  time_cmd "a2_catfile_blobs" catfile_blobs
  time_cmd "b_pack_blobs_1thread" pack --threads 1
  time_cmd "b_pack_blobs_2threads" pack --threads 2
  time_cmd "b2_pack_all_objects_1thread" pack --threads 1 --all-types
  if ((LIBGIT2)); then time_cmd "c_libgit2_blobs_1thread" pack --mode libgit2 --threads 1; fi
done

echo "repository: $GITDIR"
echo "$(wc -l <"$BLOBS") blobs; $(pack --threads 1 | tr ' ' '\n' | grep -E '^(bytes|peak_rss_mb)=' | tr '\n' ' ')(PackReader, 1 thread)"
echo "median of $RUNS runs, whole processes; cpu = user + sys"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf "%-30s %9s %9s %10s %10s\n" series wall_s cpu_s "wall/(a)" "cpu/(a)"
aw=$(awk '$1 == "a_catfile_all_objects" { print $2 }' "$RESULTS" | median)
ac=$(awk '$1 == "a_catfile_all_objects" { print $3 }' "$RESULTS" | median)
for name in $(cut -d' ' -f1 "$RESULTS" | sort -u); do
  w=$(awk -v n="$name" '$1 == n { print $2 }' "$RESULTS" | median)
  c=$(awk -v n="$name" '$1 == n { print $3 }' "$RESULTS" | median)
  awk -v n="$name" -v w="$w" -v c="$c" -v aw="$aw" -v ac="$ac" \
    'BEGIN { printf "%-30s %9.3f %9.3f %10.2f %10.2f\n", n, w, c, w / aw, c / ac }'
done
