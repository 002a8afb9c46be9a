#!/usr/bin/env bash
# Scale-out measurements (issue 17, docs/scale.md): a fleet of REPOS git
# repositories built from real text (/usr/include headers, 300 commits each),
# one GitHub-shaped key planted in every 7th repository plus one key of its
# own in each; then `git --manifest` with 1, 2, 4 and 8 shards. Prints, per
# shard count: the slowest shard's wall time (what N machines would take),
# the sum of shard CPU times, and the merge time; and a floor run in the same
# invocation (`git cat-file --batch-all-objects --batch` over every
# repository, CPU seconds). Shards run one after another here (2 cores, shared),
# so per-shard numbers are what one machine per shard would see.
# Also: distinct credentials versus locations in the merged inventory; with
# SHARD_BENCH_POSTGRES=1, the merge of the 8 shards into a throwaway
# PostgreSQL (started here, tests/e2e/postgres_server.sh) against the same
# merge into a new SQLite file, and whether their exports are identical.
#
# usage: [SHARD_BENCH_POSTGRES=1] bench/shard_bench.sh build/leakhound [REPOS (56)]
set -euo pipefail
lh=$(realpath "${1:?usage: shard_bench.sh LEAKHOUND [REPOS]}")
repos=${2:-56}
work=$(mktemp -d /tmp/lh-shard-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache LEAKHOUND_FINGERPRINT_KEY=bench-key-0123456789abcdef
token() {  # a checksummed GitHub classic token from a seed
  python3 -c "
import random,sys,zlib
a='0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
r=random.Random(sys.argv[1]); b=''.join(r.choice(a) for _ in range(30)); n=zlib.crc32(b.encode()); s=''
while n: s,n=a[n%62]+s,n//62
print('ghp_'+b+s.rjust(6,'0'))" "$1"
}
shared=$(token shared)
mapfile -t headers < <(find /usr/include -name '*.h' -size +2k -size -64k | sort | head -n 20000)
: >"$work/repos.jsonl"
for ((r = 0; r < repos; r++)); do
  dir=$work/fleet/r$r.git
  git init -q --bare "$dir"
  python3 - "$r" "$(token "own-$r")" "$([[ $((r % 7)) == 0 ]] && echo "$shared")" "${headers[@]}" <<'PY' | git -C "$dir" fast-import --quiet
import random, sys
r, own, shared, files = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
rng = random.Random(r)
out = sys.stdout.buffer
def blob(path, data):
    out.write(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)) + data + b"\n")
for i in range(300):
    src = rng.choice(files)
    data = open(src, "rb").read()
    msg = b"c%d\n" % i
    out.write(b"commit refs/heads/main\ncommitter B <b@x> %d +0000\ndata %d\n%s" % (1700000000 + i, len(msg), msg))
    blob("src/" + src.split("/")[-1], data)
    if i == 150:
        blob("config/app.ini", b"token = \"%s\"\n" % own.encode())
        if shared:
            blob("config/shared.ini", b"key = \"%s\"\n" % shared.encode())
PY
  echo "{\"url\": \"$dir\", \"name\": \"fleet/r$r\"}" >>"$work/repos.jsonl"
done
bytes=$(du -sb "$work/fleet" | cut -f1)
echo "fleet: $repos repositories, $((bytes / 1048576)) MiB of packs"

# /usr/bin/time writes "Command exited with non-zero status N" first when
# the command fails (exit 1 = findings): the numbers are on the last line.
cpu() { tail -n1 "$1" | awk '{print $1 + $2}'; }
wall() { tail -n1 "$1" | awk '{print $3}'; }  # user + sys from /usr/bin/time -f '%U %S %e'
# Floor: every object of every repository through git cat-file.
/usr/bin/time -f '%U %S %e' -o "$work/floor.t" bash -c '
  for d in "$1"/fleet/*.git; do git -C "$d" cat-file --batch-all-objects --batch >/dev/null; done' _ "$work"
echo "floor (git cat-file, all repositories): cpu $(cpu "$work/floor.t") s, wall $(wall "$work/floor.t") s"

for n in 1 2 4 8; do
  out=$work/out-$n
  max_wall=0 sum_cpu=0
  for ((s = 0; s < n; s++)); do
    /usr/bin/time -f '%U %S %e' -o "$work/t" "$lh" git --manifest "$work/repos.jsonl" \
      --shard "$s/$n" --out "$out" -q -j1 || [[ $? == 1 ]]
    read -r u sy w < <(tail -n1 "$work/t")
    sum_cpu=$(python3 -c "print(round($sum_cpu + $u + $sy, 2))")
    max_wall=$(python3 -c "print(max($max_wall, $w))")
  done
  /usr/bin/time -f '%U %S %e' -o "$work/m" "$lh" merge "$out" --inventory "$work/inv-$n.db" -q
  echo "shards $n: slowest shard wall ${max_wall} s, shard cpu total ${sum_cpu} s, merge $(wall "$work/m") s"
done
"$lh" inventory export --inventory "$work/inv-4.db" >"$work/inv.json"
python3 -c "
import json,sys; d=json.load(open(sys.argv[1])); s=d['summary']
top=max(d['secrets'], key=lambda x: x['repositories'])
print(f\"inventory: {s['secrets']} distinct credentials, {s['locations']} locations, {s['repositories']} repositories; most shared: {top['repositories']} repositories\")" "$work/inv.json"
# Equivalence: the same credentials, locations and first/last seen (commit
# dates) whatever the shard count.
"$lh" inventory export --inventory "$work/inv-1.db" >"$work/inv-1.json"
for n in 2 4 8; do
  "$lh" inventory export --inventory "$work/inv-$n.db" >"$work/inv-$n.json"
  echo "inventory of $n shards $(cmp -s "$work/inv-1.json" "$work/inv-$n.json" && echo == || echo DIFFERS from) inventory of 1 shard"
done

if [[ ${SHARD_BENCH_POSTGRES:-} == 1 ]]; then
  TMP=$work
  die() { echo "shard_bench: $*" >&2; exit 1; }
  on_exit() { trap "$1; rm -rf '$work'" EXIT; }
  source "$(dirname "$0")/../tests/e2e/postgres_server.sh"
  start_postgres
  psql -d postgres -c "CREATE ROLE bench LOGIN PASSWORD 'bench-pass-0123'" -c "CREATE DATABASE inv OWNER bench"
  uri="postgresql://bench:bench-pass-0123@127.0.0.1:$PORT/inv"
  i=0
  for target in "$work/inv-pg-floor.db" "$uri" "$work/inv-pg-floor.db" "$uri"; do
    /usr/bin/time -f '%U %S %e' -o "$work/m" "$lh" merge "$work/out-8" --inventory "$target" -q
    name=$([[ $target == postgresql* ]] && echo "postgresql" || echo "sqlite")
    what=$( ((i < 2)) && echo "new" || echo "again (no-op)")
    i=$((i + 1))
    echo "merge of 8 shards into $name, $what: wall $(wall "$work/m") s, leakhound cpu $(cpu "$work/m") s"
  done
  "$lh" inventory export --inventory "$uri" >"$work/inv-pg.json"
  "$lh" inventory export --inventory "$work/inv-pg-floor.db" >"$work/inv-sq.json"
  echo "postgresql export $(cmp -s "$work/inv-pg.json" "$work/inv-sq.json" && echo == || echo DIFFERS from) sqlite export"
fi
