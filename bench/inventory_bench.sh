#!/usr/bin/env bash
# Inventory merge cost, SQLite against PostgreSQL (docs/scale.md): one
# synthetic shard of REPOS repositories with FINDINGS findings each (distinct
# keys, one shared by every 50th repository; commit dates and exposure as a
# real shard has them), merged into a new SQLite file (the floor) and into a
# throwaway PostgreSQL started here (tests/e2e/postgres_server.sh), then
# merged again (a no-op: every scan already merged). Prints wall and
# leakhound CPU per merge
# and, for PostgreSQL, the server's CPU for the merge (its connection's
# backend process), and whether the two exports are identical.
#
# usage: bench/inventory_bench.sh build/leakhound [REPOS (1000)] [FINDINGS (20)]
set -euo pipefail
lh=$(realpath "${1:?usage: inventory_bench.sh LEAKHOUND [REPOS] [FINDINGS]}")
repos=${2:-1000} per=${3:-20}
TMP=$(mktemp -d /tmp/lh-inv-bench.XXXXXX)
die() { echo "inventory_bench: $*" >&2; exit 1; }
on_exit() { trap "$1; rm -rf '$TMP'" EXIT; }
trap 'rm -rf "$TMP"' EXIT
source "$(dirname "$0")/../tests/e2e/postgres_server.sh"
start_postgres
psql -d postgres -c "CREATE ROLE bench LOGIN PASSWORD 'bench-pass-0123'" -c "CREATE DATABASE inv OWNER bench" >/dev/null
mkdir "$TMP/shards"
python3 - "$TMP/shards" "$repos" "$per" <<'PY'
import json, random, sys
out, repos, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1)
recs, lines = [], []
for i in range(repos):
    url, name = f"/fleet/r{i}.git", f"org/r{i}"
    recs.append({"url": url, "name": name, "status": "complete", "findings": per, "exit_code": 1,
                 "refs": [{"name": "refs/heads/main", "target": "a" * 40, "date": "2024-06-01T00:00:00Z"}]})
    for k in range(per):
        fp = "%064x" % rng.getrandbits(256) if k else "%064x" % (i % 50)
        lines.append(json.dumps({
            "type": "finding", "rule_id": "github.pat", "fingerprint": fp, "redacted": "ghp_****",
            "severity": "high", "path": f"src/f{k}.py", "line": k + 1, "column": 3,
            "commit": {"id": "%040x" % rng.getrandbits(160), "date": "2024-01-%02dT00:00:00Z" % (k % 28 + 1)},
            "exposure": {"introduced": {"date": "2024-01-01T00:00:00Z"}, "removed": None,
                         "still_present": ["refs/heads/main"]},
            "manifest": {"url": url, "name": name}}))
json.dump({"version": 1, "tool": {"name": "leakhound", "version": "bench"}, "shard": {"index": 0, "count": 1},
           "finished": "2026-12-07T09:00:00Z", "status": "complete", "repositories": recs},
          open(out + "/shard-0.manifest.json", "w"))
open(out + "/shard-0.jsonl", "w").write("\n".join(lines) + "\n")
PY
uri="postgresql://bench:bench-pass-0123@127.0.0.1:$PORT/inv"
i=0
# The PostgreSQL server's CPU for a merge: its connection's backend process,
# once exited, is counted in the postmaster's children times (cutime + cstime).
server_cpu() {
  python3 - "$(head -n1 "$PGDIR/data/postmaster.pid")" <<'PY'
import os, sys
f = open(f"/proc/{sys.argv[1]}/stat").read().rsplit(")", 1)[1].split()
print((int(f[13]) + int(f[14])) / os.sysconf("SC_CLK_TCK"))
PY
}
for target in "$TMP/inv.db" "$uri" "$TMP/inv.db" "$uri"; do
  before=$(server_cpu)
  /usr/bin/time -f '%e %U %S' -o "$TMP/t" "$lh" merge "$TMP/shards" --inventory "$target" -q
  sleep 0.5  # the backend exits and is reaped
  read -r w u s <"$TMP/t"
  server=""
  if [[ $target == postgres* ]]; then server=$(python3 -c "print(', server cpu %5.2f s' % ($(server_cpu) - $before))"); fi
  printf '%-10s %-13s wall %5.2f s, leakhound cpu %5.2f s%s\n' "$([[ $target == postgres* ]] && echo postgresql || echo sqlite)" \
    "$( ((i < 2)) && echo new || echo "again (no-op)")" "$w" "$(python3 -c "print($u + $s)")" "$server"
  i=$((i + 1))
done
"$lh" inventory export --inventory "$uri" -f csv -o "$TMP/pg.csv"
"$lh" inventory export --inventory "$TMP/inv.db" -f csv -o "$TMP/sqlite.csv"
echo "$repos repositories, $(($(wc -l <"$TMP/pg.csv") - 1)) locations; exports $(cmp -s "$TMP/pg.csv" "$TMP/sqlite.csv" && echo identical || echo DIFFER)"
