#!/usr/bin/env bash
# `leakhound git --manifest repos.jsonl --shard I/N --out DIR`: each
# repository lands in exactly one shard (stable across runs and engines'
# variables), a failing repository makes its shard incomplete (exit 2)
# without stopping it, and a retried shard replaces its files.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error
export XDG_CACHE_HOME="$TMP/cache" LEAKHOUND_FINGERPRINT_KEY=shard-test-key-0123456789
SHARED=$(gh_token shared)

# 12 repositories; the same token planted in 5 of them, its own in each.
: >"$TMP/repos.jsonl"
mapfile -t OWN < <(gh_tokens own 12)
for i in $(seq -w 1 12); do
  make_repo "$TMP/r$i" && cd "$TMP/r$i"
  printf 'mine = "%s"\n' "${OWN[10#$i - 1]}" >own.ini
  if ((10#$i % 3 == 0)); then printf 'shared = "%s"\n' "$SHARED" >shared.ini; fi
  commit_on "$i" "r$i" >/dev/null
  if ((10#$i % 2 == 0)); then
    git clone -q --bare "$TMP/r$i" "$TMP/srv-r$i.git"
    echo "{\"url\": \"file://$TMP/srv-r$i.git\", \"name\": \"org/r$i\"}" >>"$TMP/repos.jsonl"
  else
    echo "{\"url\": \"$TMP/r$i\", \"name\": \"org/r$i\"}" >>"$TMP/repos.jsonl"
  fi
done
cd "$TMP"

# --- 1. Four shards cover every repository exactly once.
for s in 0 1 2 3; do
  run_lh git --manifest "$TMP/repos.jsonl" --shard "$s/4" --out "$TMP/out"
  [[ $RC == 1 || $RC == 0 ]] && pass || fail "shard $s exit $RC: $ERR"
done
python3 - "$TMP/out" <<'PY' && pass || fail "shard coverage"
import json, sys, glob
d = sys.argv[1]
names, findings = [], 0
for i in range(4):
    m = json.load(open(f"{d}/shard-{i}.manifest.json"))
    assert m["status"] == "complete", m
    assert m["shard"] == {"index": i, "count": 4}
    assert m["rules_digest"].startswith("sha256:")
    for r in m["repositories"]:
        assert r["status"] == "complete" and r["refs"], r
        names.append(r["name"])
    lines = [json.loads(l) for l in open(f"{d}/shard-{i}.jsonl")]
    for l in lines:
        assert l["manifest"]["name"] in [r["name"] for r in m["repositories"]]
    findings += sum(1 for l in lines if l["type"] == "finding")
assert sorted(names) == [f"org/r{i:02d}" for i in range(1, 13)], names
assert findings == 12 + 4, findings
PY
[[ -z $(find "$TMP/out" -name '*.part*') ]] && pass || fail "temporary files left"
for s in 0 1 2 3; do
  python3 "$SOURCE_DIR/tests/e2e/validate_scale.py" "$SOURCE_DIR/docs/schema/report.schema.json" \
    shard "$TMP/out/shard-$s" && pass || fail "shard $s files violate the schema"
done
expect_eq "$(stat -c %a "$TMP/out/shard-0.jsonl")" 600 "owner-only shard file"

# --- 2. Same assignment from the engines' variables.
for s in 0 1 2 3; do cp "$TMP/out/shard-$s.manifest.json" "$TMP/flag-$s.json"; done
JOB_COMPLETION_INDEX=2 JOB_COMPLETIONS=4 run_lh git --manifest "$TMP/repos.jsonl" --out "$TMP/k8s"
SLURM_ARRAY_TASK_ID=7 SLURM_ARRAY_TASK_MIN=5 SLURM_ARRAY_TASK_COUNT=4 \
  run_lh git --manifest "$TMP/repos.jsonl" --out "$TMP/slurm"
CI_NODE_INDEX=3 CI_NODE_TOTAL=4 run_lh git --manifest "$TMP/repos.jsonl" --out "$TMP/gitlab"
names() { python3 -c "import json,sys; print(sorted(r['name'] for r in json.load(open(sys.argv[1]))['repositories']))" "$1"; }
expect_eq "$(names "$TMP/k8s/shard-2.manifest.json")" "$(names "$TMP/flag-2.json")" "JOB_COMPLETION_INDEX"
expect_eq "$(names "$TMP/slurm/shard-2.manifest.json")" "$(names "$TMP/flag-2.json")" "SLURM_ARRAY_TASK_ID - MIN"
expect_eq "$(names "$TMP/gitlab/shard-2.manifest.json")" "$(names "$TMP/flag-2.json")" "CI_NODE_INDEX from 1"

# --- 3. A failing repository: recorded, the rest still scanned, exit 2;
# the retry (after the repository is back) replaces the files.
cp "$TMP/repos.jsonl" "$TMP/bad.jsonl"
echo "{\"url\": \"file://$TMP/gone.git\", \"name\": \"org/gone\"}" >>"$TMP/bad.jsonl"
run_lh git --manifest "$TMP/bad.jsonl" --shard 0/1 --out "$TMP/bad"
expect_rc 2 "one repository failed"
python3 "$SOURCE_DIR/tests/e2e/validate_scale.py" "$SOURCE_DIR/docs/schema/report.schema.json" \
  shard "$TMP/bad/shard-0" && pass || fail "incomplete shard violates the schema"
python3 - "$TMP/bad/shard-0.manifest.json" <<'PY' && pass || fail "failed repository recorded"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["status"] == "incomplete"
st = {r["name"]: r["status"] for r in m["repositories"]}
assert st.pop("org/gone") == "failed" and set(st.values()) == {"complete"} and len(st) == 12, st
assert [r for r in m["repositories"] if r["name"] == "org/gone"][0]["error"]
PY
git clone -q --bare "$TMP/r01" "$TMP/gone.git"
run_lh git --manifest "$TMP/bad.jsonl" --shard 0/1 --out "$TMP/bad"
expect_rc 1 "retry succeeds"
expect_eq "$(json_eval "$TMP/bad/shard-0.manifest.json" "d['status']")" complete "retry replaced the manifest"

# --- 4. Bad input: one line, exit 2.
echo '{"name": "no url"}' >"$TMP/nourl.jsonl"
run_lh git --manifest "$TMP/nourl.jsonl" --out "$TMP/x"
expect_rc 2 && err_has 'nourl.jsonl:1: no "url"'
run_lh git --manifest "$TMP/repos.jsonl" --shard 4/4 --out "$TMP/x"
expect_rc 2 && err_has "expected I/N"
run_lh git --manifest "$TMP/repos.jsonl"
expect_rc 2 && err_has "needs --out"
run_lh git --shard 0/2 .
expect_rc 2 && err_has "--shard needs --out"
finish
