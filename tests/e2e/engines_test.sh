#!/usr/bin/env bash
# The engine templates of docs/scale.md: ci/kubernetes/*.yaml are valid YAML
# with the Indexed-Job fields the shard contract needs, and valid against the
# batch/v1 models of Debian's python3-kubernetes (no API server offline);
# ci/matrix/*.yml parse and cover every shard; ci/slurm/ scripts run for real
# as a Slurm array would run them (the SLURM_ARRAY_* variables sbatch sets,
# without slurmctld), then the merge, and the inventory holds every repository.
# Blob shards of one repository: the shard commands of every template (GitHub
# matrix, GitLab parallel, Kubernetes Indexed Job, Slurm array) run locally
# as each engine would run them, then their merge; each inventory equals the
# single run's.
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error
python3 -c "import yaml" 2>/dev/null || { echo "SKIP: python3-yaml missing"; exit 77; }
CI="$SOURCE_DIR/ci"

python3 - "$CI" <<'PY' && pass || fail "kubernetes manifests"
import sys, yaml
ci = sys.argv[1]
def job_specs(doc):
    if doc["kind"] == "Job":
        yield doc["spec"]
    elif doc["kind"] == "CronJob":
        yield doc["spec"]["jobTemplate"]["spec"]
n_indexed = 0
for f in ("shard-job.yaml", "merge-job.yaml", "nightly-cronjob.yaml", "blob-shard-job.yaml"):
    for doc in yaml.safe_load_all(open(f"{ci}/kubernetes/{f}")):
        assert doc["apiVersion"] == "batch/v1", f
        for spec in job_specs(doc):
            pod = spec["template"]["spec"]
            assert pod["restartPolicy"] == "Never", f
            c = pod["containers"][0]
            assert c["image"] and (c.get("args") or c.get("command")), f
            mounts = {m["name"] for m in c.get("volumeMounts", [])}
            assert mounts <= {v["name"] for v in pod.get("volumes", [])}, f
            if spec.get("completionMode") == "Indexed":
                n_indexed += 1
                env = {e["name"]: e.get("value") for e in c["env"]}
                assert env["JOB_COMPLETIONS"] == str(spec["completions"]), f
                assert "LEAKHOUND_FINGERPRINT_KEY" in env, f
                # a manifest's shards, or one repository's blob shards (git REPO)
                assert "--manifest" in c["args"] or not c["args"][1].startswith("-"), f
                assert "--out" in c["args"], f
                # findings must not fail the pod (exit 1 would be retried, then fail the index)
                assert c["args"][c["args"].index("--exit-code") + 1] == "0", f
                assert spec["backoffLimitPerIndex"] >= 1, f
assert n_indexed == 3, n_indexed
PY
# The same manifests against the batch/v1 schema of Debian's python3-kubernetes
# (tests/e2e/validate_k8s.py; what it checks is in docs/scale.md), and a
# broken copy that it must reject.
/usr/bin/python3 -c "import kubernetes" 2>/dev/null || die "python3-kubernetes missing (ci/install-deps.sh --test)"
/usr/bin/python3 "$SOURCE_DIR/tests/e2e/validate_k8s.py" "$CI"/kubernetes/*.yaml 2>"$TMP/k8s.err" && pass ||
  fail "kubernetes manifests against the schema: $(cat "$TMP/k8s.err")"
sed -e 's/restartPolicy: Never/restartPolicy: Never\n      restartPolicyy: Never/' -e 's/completions: 16/completions: "16"/' \
  "$CI/kubernetes/shard-job.yaml" >"$TMP/broken.yaml"
if /usr/bin/python3 "$SOURCE_DIR/tests/e2e/validate_k8s.py" "$TMP/broken.yaml" 2>"$TMP/k8s.err"; then
  fail "validate_k8s.py accepted a broken Job"
else
  expect_contains "$(cat "$TMP/k8s.err")" "restartPolicyy: unknown field of V1PodSpec" "unknown field"
  expect_contains "$(cat "$TMP/k8s.err")" "spec.completions: expected int" "wrong type"
fi
python3 - "$CI" <<'PY' && pass || fail "CI matrix templates"
import sys, yaml
ci = sys.argv[1]
gh = yaml.safe_load(open(f"{ci}/matrix/github-actions.yml"))
shards = gh["jobs"]["shard"]["strategy"]["matrix"]["shard"]
assert shards == list(range(int(gh["env"]["SHARDS"]))), shards
assert gh["jobs"]["merge"]["needs"] == "shard"
gl = yaml.safe_load(open(f"{ci}/matrix/gitlab-ci.yml"))
assert gl["leakhound-shard"]["parallel"] >= 2
assert "--manifest" in gl["leakhound-shard"]["script"][0]
gh = yaml.safe_load(open(f"{ci}/matrix/github-actions-blob-shards.yml"))
assert gh["jobs"]["shard"]["strategy"]["matrix"]["shard"] == list(range(int(gh["env"]["SHARDS"])))
assert gh["jobs"]["merge"]["needs"] == "shard"
gl = yaml.safe_load(open(f"{ci}/matrix/gitlab-ci-blob-shards.yml"))
assert gl["leakhound-blob-shard"]["parallel"] >= 2
PY
for f in "$CI"/slurm/*; do bash -n "$f" && pass || fail "$f does not parse"; done

# A 50-repository fleet, 8 array tasks numbered 10-17 (Slurm's --array=10-17).
export LEAKHOUND_FINGERPRINT_KEY=engines-test-key-0123456789
SHARED=$(gh_token engines-shared)
: >"$TMP/repos.jsonl"
mapfile -t OWN < <(gh_tokens engines 50)
for i in $(seq 1 50); do
  make_repo "$TMP/r$i" && cd "$TMP/r$i"
  printf 'mine = "%s"\n' "${OWN[i - 1]}" >own.ini
  if ((i % 10 == 0)); then printf 'k = "%s"\n' "$SHARED" >shared.ini; fi
  commit_on 01 "r$i" >/dev/null
  echo "{\"url\": \"$TMP/r$i\", \"name\": \"org/r$i\"}" >>"$TMP/repos.jsonl"
done
cd "$TMP"
for t in $(seq 10 17); do
  rc=0
  LEAKHOUND=$LEAKHOUND SLURM_ARRAY_TASK_ID=$t SLURM_ARRAY_TASK_MIN=10 SLURM_ARRAY_TASK_COUNT=8 \
    SLURM_CPUS_PER_TASK=1 bash "$CI/slurm/shards.sbatch" "$TMP/repos.jsonl" "$TMP/out" \
    >"$TMP/task-$t.log" 2>&1 || rc=$?
  [[ $rc == 1 || $rc == 0 ]] && pass || fail "array task $t exit $rc: $(cat "$TMP/task-$t.log")"
done
expect_eq "$(ls "$TMP"/out/shard-*.manifest.json | wc -l)" 8 "8 shard manifests"
LEAKHOUND=$LEAKHOUND bash "$CI/slurm/merge.sbatch" "$TMP/out" "$TMP/inv.db" >"$TMP/merge.log" 2>&1 \
  && pass || fail "merge job: $(cat "$TMP/merge.log")"
expect_eq "$(json_eval "$TMP/inv.json" "' '.join(str(d['summary'][k]) for k in ('secrets', 'locations', 'repositories'))")" \
  "51 55 50" "inventory: 50 own keys + 1 shared in 5 repositories"

# --- Blob shards of one repository, through every engine's template.
make_repo "$TMP/big" && cd "$TMP/big"
mapfile -t BIG < <(gh_tokens engines-big 12)
for i in $(seq 1 12); do
  printf 'k%s = "%s"\n' "$i" "${BIG[i - 1]}" >"f$i.ini"
  for j in 1 2 3; do printf 'int x%s_%s;\n' "$i" "$j" >"n$i-$j.c"; done
  commit_on "$(printf %02d "$i")" "c$i" >/dev/null
done
git rm -q f3.ini f7.ini && commit_on 13 "drop two" >/dev/null
printf 'again = "%s"\n' "${BIG[2]}" >again.ini && commit_on 14 "re-add one" >/dev/null
cd "$TMP"
# The reference: one run of the whole repository.
"$LEAKHOUND" git "$TMP/big" --out "$TMP/single" --exit-code 0 -q && pass || fail "single run"
"$LEAKHOUND" merge "$TMP/single" --inventory "$TMP/single.db" -q 2>/dev/null || true
"$LEAKHOUND" inventory export --inventory "$TMP/single.db" -o "$TMP/single.json"
expect_eq "$(json_eval "$TMP/single.json" 'd["summary"]["secrets"]')" 12 "single run: 12 credentials"
# Slurm: array tasks 0-3 as sbatch --array=0-3 runs them, then merge.sbatch.
for t in 0 1 2 3; do
  rc=0
  LEAKHOUND=$LEAKHOUND SLURM_ARRAY_TASK_ID=$t SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=4 \
    SLURM_CPUS_PER_TASK=1 bash "$CI/slurm/blob-shards.sbatch" "$TMP/big" "$TMP/slurm-blobs" \
    >"$TMP/btask-$t.log" 2>&1 || rc=$?
  expect_eq "$rc" 0 "blob shard array task $t: $(cat "$TMP/btask-$t.log")"
done
LEAKHOUND=$LEAKHOUND bash "$CI/slurm/merge.sbatch" "$TMP/slurm-blobs" "$TMP/slurm-blobs.db" \
  >"$TMP/bmerge.log" 2>&1 && pass || fail "blob merge job: $(cat "$TMP/bmerge.log")"
# GitHub, GitLab and Kubernetes: their shard and merge commands, run locally
# with the variables each engine sets (tests/e2e/run_engine_templates.py).
mkdir -p "$TMP/bin" && ln -sf "$LEAKHOUND" "$TMP/bin/leakhound"
PATH="$TMP/bin:$PATH" python3 "$SOURCE_DIR/tests/e2e/run_engine_templates.py" "$CI" "$TMP/big" "$TMP/engines" \
  >"$TMP/engines.log" 2>&1 && pass || fail "engine templates: $(tail -n 20 "$TMP/engines.log")"
same_inventory() {
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
sys.exit(0 if a["secrets"] == b["secrets"] and a["summary"] == b["summary"] else 1)
PY
}
for inv in "$TMP/slurm-blobs.json" "$TMP"/engines/*/inventory.json; do
  [[ -f $inv ]] && same_inventory "$TMP/single.json" "$inv" && pass ||
    fail "blob shards through ${inv#"$TMP"/}: inventory differs from the single run"
done
expect_eq "$(ls "$TMP"/engines/*/inventory.json | wc -l)" 3 "github, gitlab and kubernetes inventories"
finish
