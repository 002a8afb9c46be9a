#!/usr/bin/env bash
# Blob shards of one repository (issue 17, docs/scale.md): the merged output
# of N blob shards equals the single run's. Runs, on REPO (default
# /work/curl.git, a bare clone of shared/corpora/curl.bundle):
#   1. the single run: `git REPO --shard 0/1 --out one` (one blob shard is the
#      whole repository; same files as the shards write);
#   2. N blob shards (default 4) one after another: `git REPO --shard I/N`;
#   3. `merge` of each set into an inventory, `inventory export -f json`;
# then compares (bench/shard_compare.py): the two inventories (every secret,
# location, commit, path, still_present), and the shards' JSONL combined by
# the merge rule against the single run's (locations, introduced and removed
# commits, refs still holding it, exposure days). Prints equal/different and
# the timings: per shard CPU (user+sys) and wall, the merge time, and a floor
# in the same invocation (`git cat-file --batch-all-objects --batch`, CPU).
# Shards run one after another on this (shared) machine: per-shard numbers
# are what one machine per shard would see; CPU times are the ones to read.
#
# usage: bench/shard_equivalence.sh build/leakhound [REPO] [N]
set -euo pipefail
lh=$(realpath "${1:?usage: shard_equivalence.sh LEAKHOUND [REPO] [N]}")
repo=$(realpath "${2:-/work/curl.git}")
n=${3:-4}
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/lh-shard-eq.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache LEAKHOUND_FINGERPRINT_KEY=bench-key-0123456789abcdef
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1800000000}  # one "now" for every run

# /usr/bin/time -f '%U %S %e': user, sys, wall on the last line (the line
# before says "Command exited with non-zero status 1" when there are findings).
timed() {
  local log=$1
  shift
  /usr/bin/time -f '%U %S %e' -o "$log" "$@" || [[ $? == 1 ]]
}
cpu() { tail -n1 "$1" | awk '{printf "%.2f", $1 + $2}'; }
wall() { tail -n1 "$1" | awk '{printf "%.2f", $3}'; }

/usr/bin/time -f '%U %S %e' -o "$work/floor.t" \
  git -C "$repo" cat-file --batch-all-objects --batch >/dev/null
echo "repository: $repo ($(git -C "$repo" rev-list --all | wc -l) commits)"
echo "floor (git cat-file --batch-all-objects --batch): cpu $(cpu "$work/floor.t") s, wall $(wall "$work/floor.t") s"

timed "$work/one.t" "$lh" git "$repo" --shard 0/1 --out "$work/one" -q
echo "single run: cpu $(cpu "$work/one.t") s, wall $(wall "$work/one.t") s"
total=0
slowest=0
for ((i = 0; i < n; i++)); do
  timed "$work/s$i.t" "$lh" git "$repo" --shard "$i/$n" --out "$work/shards" -q
  c=$(cpu "$work/s$i.t")
  w=$(wall "$work/s$i.t")
  f=$(grep -c '"type":"finding"' "$work/shards/shard-$i.jsonl" || true)
  echo "blob shard $i/$n: cpu $c s, wall $w s, $f finding lines"
  total=$(awk -v a="$total" -v b="$c" 'BEGIN {printf "%.2f", a + b}')
  slowest=$(awk -v a="$slowest" -v b="$w" 'BEGIN {print (b > a ? b : a)}')
done
echo "all $n shards: cpu $total s; slowest shard wall $slowest s"

timed "$work/m1.t" "$lh" merge "$work/one" --inventory "$work/one.db" -q
timed "$work/mn.t" "$lh" merge "$work/shards" --inventory "$work/shards.db" -q
echo "merge: 1 shard $(wall "$work/m1.t") s, $n shards $(wall "$work/mn.t") s (wall)"
"$lh" inventory export --inventory "$work/one.db" -o "$work/one.json"
"$lh" inventory export --inventory "$work/shards.db" -o "$work/shards.json"

status=0
printf 'inventory (secrets, locations, commits, paths, still_present): '
python3 "$here/shard_compare.py" inventory "$work/one.json" "$work/shards.json" || status=1
printf 'findings (locations, introduced, removed, still_present, exposure days): '
python3 "$here/shard_compare.py" jsonl "$work/one/shard-0.jsonl" "$work/shards"/shard-*.jsonl ||
  status=1
exit $status
