#!/usr/bin/env bash
# End to end: the GitHub Action (ci/github-action/action.yml). Every `run:`
# step runs under `bash --noprofile --norc -eo pipefail` (run_action.py) with
# a simulated runner environment (event JSON, GITHUB_OUTPUT/ENV/PATH,
# GITHUB_STEP_SUMMARY, workspace) for pull_request, push, merge_group,
# schedule and workflow_dispatch: the job status follows leakhound's exit
# code, SARIF is written for the upload step, the summary has the findings
# table with redacted secrets. The image path runs through a `docker`
# stand-in that runs the binary in the mounted directory; the .deb path needs
# root and apt and is covered by tests/e2e/install_test.sh's package.
source "$(dirname "$0")/lib.sh"
git_fixture_env
RUN_ACTION="$SOURCE_DIR/tests/e2e/run_action.py"
ACTION_DIR="$SOURCE_DIR/ci/github-action"
AK=$(aws_key_id 811)
AK_OLD=$(aws_key_id 812)
BIN="$TMP/bin"
mkdir -p "$BIN"
ln -s "$LEAKHOUND" "$BIN/leakhound"

# origin: main has an old secret (added and removed); feature adds a new one.
git init -q --bare "$TMP/origin.git"
git clone -q "$TMP/origin.git" "$TMP/ws" 2>/dev/null
cd "$TMP/ws" || die "cd $TMP/ws"
echo "readme" >README && commit_on 01 "init" >/dev/null
printf 'old = %s\n' "$AK_OLD" >old.env && commit_on 02 "old key" >/dev/null
git rm -q old.env && commit_on 03 "remove old key" >/dev/null
MAIN=$(git rev-parse HEAD)
git checkout -q -b feature
echo "clean change" >clean.txt && CLEAN=$(commit_on 04 "clean")
printf 'AWS_ACCESS_KEY_ID=%s\n' "$AK" >app.env && LEAKY=$(commit_on 05 "leak")
git push -q origin main feature 2>/dev/null

# run EVENT_NAME EVENT_JSON NAME [INPUT=VALUE...]: runs the action; sets STATUS,
# EXITCODE, SUMMARY, and R (its result dir).
run() {
  local ev=$1 json=$2 name=$3
  shift 3
  R="$TMP/res-$name"
  printf '%s\n' "$json" >"$TMP/event-$name.json"
  rm -f "$TMP/ws/leakhound.sarif"
  (cd "$TMP/ws" && env -u LEAKHOUND PATH="$BIN:$PATH" python3 "$RUN_ACTION" "$ACTION_DIR" "$TMP/ws" "$ev" \
    "$TMP/event-$name.json" "$R" "$@") >"$TMP/run-$name.out" 2>"$TMP/run-$name.err"
  STATUS=$(json_eval "$R/result.json" "d['status']" 2>/dev/null)
  EXITCODE=$(json_eval "$R/result.json" "d['outputs']['exit-code']" 2>/dev/null)
  SUMMARY=$(cat "$R/summary.md" 2>/dev/null)
}
uploaded() {  # the upload step ran with the SARIF file, which validates
  expect_eq "$(json_eval "$R/result.json" "[s['outcome'] for s in d['steps'] if 'upload-sarif' in s.get('uses','')][0]")" \
    "uses" "$1: upload-sarif step reached"
  expect_eq "$(json_eval "$TMP/ws/leakhound.sarif" "d['version']")" "2.1.0" "$1: SARIF written"
}

git checkout -q feature
run pull_request "{\"pull_request\": {\"base\": {\"sha\": \"$MAIN\"}, \"head\": {\"sha\": \"$LEAKY\"}}}" pr
expect_eq "$STATUS" "failure" "pull_request adding a key: job fails"
expect_eq "$EXITCODE" "1" "pull_request: exit-code output 1"
uploaded pull_request
expect_contains "$SUMMARY" "| aws.access-key-id | \`app.env:1\` | \`AKIA****" "pull_request: summary table row, redacted"
expect_not_contains "$SUMMARY" "$AK" "pull_request: no raw secret in the summary"
expect_not_contains "$(cat "$TMP/run-pr.out" "$TMP/run-pr.err")" "$AK" "pull_request: no raw secret in the log"
expect_not_contains "$SUMMARY" "old.env" "pull_request: the old key is outside the range"

run pull_request "{\"pull_request\": {\"base\": {\"sha\": \"$MAIN\"}, \"head\": {\"sha\": \"$LEAKY\"}}}" pr-nofail fail-on-findings=false
expect_eq "$STATUS" "success" "fail-on-findings=false: job passes"
expect_eq "$EXITCODE" "1" "fail-on-findings=false: exit-code still 1"

run push "{\"before\": \"$MAIN\", \"after\": \"$CLEAN\", \"repository\": {\"default_branch\": \"main\"}}" push
expect_eq "$STATUS" "success" "push of a clean commit: job passes"
expect_eq "$EXITCODE" "0" "push: exit-code 0"
expect_contains "$SUMMARY" "no secrets found" "push: summary says clean"
uploaded push

run merge_group "{\"merge_group\": {\"base_sha\": \"$MAIN\", \"head_sha\": \"$LEAKY\"}}" mg
expect_eq "$STATUS" "failure" "merge_group adding a key: job fails"
expect_contains "$SUMMARY" "app.env:1" "merge_group: finding in the summary"

for ev in schedule workflow_dispatch; do
  run "$ev" "{}" "$ev"
  expect_eq "$STATUS" "failure" "$ev: full audit fails on history secrets"
  expect_contains "$SUMMARY" "old.env:1" "$ev: the removed old key is found (full history)"
  expect_contains "$SUMMARY" "app.env:1" "$ev: the feature key is found"
done

run push "{\"before\": \"$MAIN\", \"after\": \"$CLEAN\"}" args args="--format json"
expect_eq "$STATUS" "failure" "args that break the SARIF output: job fails"
run pull_request '{"pull_request": ' badjson
expect_eq "$STATUS" "failure" "malformed event JSON: job fails"
expect_eq "$EXITCODE" "2" "malformed event JSON: exit-code 2"
expect_contains "$(cat "$TMP/run-badjson.err")" "malformed event JSON" "malformed event JSON: said in one line"

# The image path: no leakhound on PATH, a docker stand-in that records its
# arguments and runs the binary in the -w directory (the mounted workspace).
mkdir -p "$TMP/dockerbin"
cat >"$TMP/dockerbin/docker" <<DOCKER
#!/bin/sh
echo "docker \$*" >>"$TMP/docker.log"
[ "\$1" = pull ] && exit 0
shift
while [ \$# -gt 0 ]; do
  case "\$1" in
    -w) cd "\$2" || exit 125; shift 2 ;;
    -v | -e | --user) shift 2 ;;
    -*) shift ;;
    *) shift; break ;;
  esac
done
exec "$LEAKHOUND" "\$@"
DOCKER
chmod +x "$TMP/dockerbin/docker"
R="$TMP/res-image"
(cd "$TMP/ws" && env -u LEAKHOUND PATH="$TMP/dockerbin:/usr/bin:/bin" python3 "$RUN_ACTION" "$ACTION_DIR" "$TMP/ws" pull_request \
  "$TMP/event-pr.json" "$R" image=ghcr.io/example/leakhound:test) >"$TMP/run-image.out" 2>&1
expect_eq "$(json_eval "$R/result.json" "d['outputs']['exit-code']")" "1" "image path: the scan ran and found the key"
expect_contains "$(cat "$TMP/docker.log")" "docker pull -q ghcr.io/example/leakhound:test" "image path: pulls the image"
grep -qF -- "-v $TMP/ws:$TMP/ws -w $TMP/ws ghcr.io/example/leakhound:test git --range" "$TMP/docker.log" && pass ||
  { fail "image path: the scan runs in the image, workspace mounted at its own path"; cat "$TMP/docker.log" >&2; cat "$TMP/run-image.out" >&2; }
rm -rf "$TMP/res-nothing"
(cd "$TMP/ws" && env -u LEAKHOUND PATH="/usr/bin:/bin" python3 "$RUN_ACTION" "$ACTION_DIR" "$TMP/ws" push \
  "$TMP/event-push.json" "$TMP/res-nothing") >/dev/null 2>&1
expect_eq "$(json_eval "$TMP/res-nothing/result.json" "d['status']")" "failure" \
  "no leakhound, no deb, no docker: the job fails (never passes unscanned)"

# Timing of the steps from start to SARIF, for docs/ci.md (not asserted).
json_eval "$TMP/res-pr/result.json" "' '.join('%s=%ss' % (s['name'].split(' ')[0], s.get('seconds','-')) for s in d['steps'])" >&2
finish
