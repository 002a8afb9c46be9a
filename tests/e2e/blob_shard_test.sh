#!/usr/bin/env bash
# `leakhound git REPO --shard I/N --out DIR` (blob shards of one repository):
# for N = 1..4 the merged shards hold exactly what one run finds (every
# credential, location, introduced/removed commit, ref still holding it),
# on a history with renames, deletions, a re-introduction, an unmerged
# branch, a commit message and one secret in many blobs; a missing shard
# makes the merge incomplete (exit 2); shard mode refuses flags it cannot
# honour.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error
export XDG_CACHE_HOME="$TMP/cache" LEAKHOUND_FINGERPRINT_KEY=blob-shard-test-key-0123
mapfile -t T < <(gh_tokens blob 5)
COMPARE="$SOURCE_DIR/bench/shard_compare.py"
SCHEMA="$SOURCE_DIR/docs/schema/report.schema.json"

R="$TMP/repo"
make_repo "$R" && cd "$R"
printf 'token = "%s"\n' "${T[0]}" >config.ini
for i in $(seq 1 12); do printf 'file %d\nkey = "%s"\n' "$i" "${T[2]}" >"many$i.ini"; done
commit_on 01 "first" >/dev/null
printf '# edited\ntoken = "%s"\n' "${T[0]}" >config.ini
printf 'other = "%s"\n' "${T[1]}" >other.ini
commit_on 02 "second" >/dev/null
git checkout -q -b feature
printf 'note: %s\n' "${T[0]}" >notes.txt
commit_on 03 "feature keeps the token" >/dev/null
git checkout -q main
mkdir settings && git mv config.ini settings/config.ini
for i in $(seq 1 6); do printf 'file %d v2\nkey = "%s"\n' "$i" "${T[2]}" >"many$i.ini"; done
commit_on 04 "rename" >/dev/null
git rm -q settings/config.ini
printf 'other = "%s"\n# v2\n' "${T[1]}" >other.ini
commit_on 05 "remove the token" >/dev/null
git rm -q other.ini many7.ini
commit_on 06 "remove other" >/dev/null
printf 'token = "%s"\n' "${T[0]}" >restored.ini
commit_on 07 "re-introduce the token" >/dev/null
git rm -q restored.ini
commit_on 08 "$(printf 'drop it again\n\nleaked GITHUB_TOKEN=%s' "${T[3]}")" >/dev/null
cd "$TMP"

# --- 1. One run, as a blob shard 0/1.
run_lh git "$R" --shard 0/1 --out "$TMP/n1" -q
expect_rc 1 "single run"
findings=$(grep -c '"type":"finding"' "$TMP/n1/shard-0.jsonl" || true)
[[ $findings -ge 4 ]] && pass || fail "single run found $findings findings"
expect_eq "$(json_eval "$TMP/n1/shard-0.manifest.json" "d['repositories'][0]['blob_shard'] == {'index': 0, 'count': 1}")" \
  True "manifest names the blob shard"
run_lh merge "$TMP/n1" --inventory "$TMP/n1.db" -q
expect_rc 0 "merge of one shard"
run_lh inventory export --inventory "$TMP/n1.db" -o "$TMP/n1.json"
expect_rc 0 "export"

# --- 2. N = 2, 3, 4 shards: the merged inventory and the combined findings
# equal the single run's.
for n in 2 3 4; do
  with=0
  for ((i = 0; i < n; i++)); do
    run_lh git "$R" --shard "$i/$n" --out "$TMP/n$n" -q
    [[ $RC == 0 || $RC == 1 ]] && pass || fail "shard $i/$n exit $RC: $ERR"
    [[ $RC == 1 ]] && with=$((with + 1))
    python3 "$SOURCE_DIR/tests/e2e/validate_scale.py" "$SCHEMA" shard "$TMP/n$n/shard-$i" &&
      pass || fail "shard $i/$n files violate the schema"
  done
  [[ $with -ge 2 ]] && pass || fail "$n shards: only $with found anything (blobs not split?)"
  run_lh merge "$TMP/n$n" --inventory "$TMP/n$n.db" -q
  expect_rc 0 "merge of $n blob shards"
  run_lh inventory export --inventory "$TMP/n$n.db" -o "$TMP/n$n.json"
  python3 "$COMPARE" inventory "$TMP/n1.json" "$TMP/n$n.json" >"$TMP/cmp" 2>&1 &&
    pass || fail "$n shards: inventory differs: $(cat "$TMP/cmp")"
  python3 "$COMPARE" jsonl "$TMP/n1/shard-0.jsonl" "$TMP/n$n"/shard-*.jsonl >"$TMP/cmp" 2>&1 &&
    pass || fail "$n shards: findings differ: $(cat "$TMP/cmp")"
  expect_contains "$(cat "$TMP/cmp")" "equal: $((findings)) credentials" "$n shards: every credential"
done
# The comparison can fail: one shard alone is not the single run.
python3 "$COMPARE" jsonl "$TMP/n1/shard-0.jsonl" "$TMP/n4/shard-0.jsonl" >/dev/null &&
  fail "one of four shards compared equal to the whole" || pass
# Still present: the feature branch still holds the first token.
python3 - "$TMP/n4.json" "${T[0]:0:4}" <<'PY' && pass || fail "still_present lost in the merge"
import json, sys
d = json.load(open(sys.argv[1]))
assert any(l["still_present"] for s in d["secrets"] for l in s["locations"]), d
PY

# --- 3. A missing shard: merged, but incomplete (exit 2, scans row says so);
# the whole set afterwards completes it. Finish times are pinned: the retried
# shard may finish later than the partial set (3a) or in the same second (3b).
pin_finished() {  # DIR TIME: every manifest of DIR finished at TIME
  python3 - "$1" "$2" <<'PY'
import glob, json, sys
for p in glob.glob(sys.argv[1] + "/*.manifest.json"):
    d = json.load(open(p))
    d["finished"] = sys.argv[2]
    json.dump(d, open(p, "w"))
PY
}
scans() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*), group_concat(status || ' ' || shard, ';') FROM scans ORDER BY scanned_at, id\").fetchone())" "$1"; }
locations() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM locations').fetchone()[0])" "$1"; }
for case in later same; do
  mkdir -p "$TMP/$case-partial" "$TMP/$case-whole"
  cp "$TMP/n4"/shard-* "$TMP/$case-whole/"
  cp "$TMP/n4"/shard-{0,1,2}.* "$TMP/$case-partial/"
  pin_finished "$TMP/$case-partial" 2026-01-01T00:00:00Z
  pin_finished "$TMP/$case-whole" "$([[ $case == later ]] && echo 2026-01-01T00:00:07Z || echo 2026-01-01T00:00:00Z)"
  run_lh merge "$TMP/$case-partial" --inventory "$TMP/$case.db"
  expect_rc 2 "$case: merge with a missing blob shard"
  err_has "incomplete"
  python3 - "$TMP/$case.db" <<'PY' && pass || fail "$case: scans row of the partial merge"
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT status, shard, error FROM scans").fetchall()
assert len(rows) == 1 and rows[0][0] == "incomplete" and rows[0][1] == "blobs 3/4", rows
assert "3 of 4" in rows[0][2], rows
PY
  run_lh merge "$TMP/$case-whole" --inventory "$TMP/$case.db" -q
  expect_rc 0 "$case: merge of the whole set after the partial one"
  want=$([[ $case == later ]] && echo "(2, 'incomplete blobs 3/4;complete blobs 4/4')" || echo "(1, 'complete blobs 4/4')")
  expect_eq "$(scans "$TMP/$case.db")" "$want" "$case: the complete scan replaces the partial one"
  run_lh merge "$TMP/$case-whole" --inventory "$TMP/$case.db" -q
  expect_rc 0 "$case: merging again changes nothing"
  run_lh merge "$TMP/$case-partial" --inventory "$TMP/$case.db" -q
  expect_eq "$(scans "$TMP/$case.db")" "$want" "$case: idempotent, and the partial set does not come back"
  expect_eq "$(locations "$TMP/$case.db")" "$(locations "$TMP/n4.db")" "$case: locations of the whole set"
done

# --- 4. The shard from the engines' variables; flags shard mode cannot honour.
JOB_COMPLETION_INDEX=1 JOB_COMPLETIONS=2 run_lh git "$R" --out "$TMP/env" -q
[[ $RC == 0 || $RC == 1 ]] && pass || fail "shard from JOB_COMPLETION_INDEX: exit $RC"
expect_eq "$(json_eval "$TMP/env/shard-1.manifest.json" "d['repositories'][0]['blob_shard'] == {'index': 1, 'count': 2}")" \
  True "JOB_COMPLETION_INDEX picks the blob shard"
run_lh git "$R" --shard 0/2 --out "$TMP/x" -o "$TMP/x.json"
expect_rc 2 "-o in shard mode" && err_has "--output does not apply"
run_lh git "$R" --shard 0/2 --out "$TMP/x" -f sarif
expect_rc 2 "-f sarif in shard mode" && err_has "--format sarif does not apply"
run_lh git "$R" --shard 0/2 --out "$TMP/x" --color always
expect_rc 2 "--color in shard mode" && err_has "--color does not apply"
run_lh git "$R" --shard 0/2 --out "$TMP/x" -f jsonl -q
[[ $RC == 0 || $RC == 1 ]] && pass || fail "-f jsonl is what a shard writes: exit $RC"
run_lh git "$R" --shard 0/2
expect_rc 2 "--shard without --out" && err_has "--shard needs --out"
run_lh git "$R" --shard 2/2 --out "$TMP/x"
expect_rc 2 "bad shard" && err_has "expected I/N"
finish
