#!/usr/bin/env bash
# End to end: ci/leakhound-ci.sh. With fake CI environments (GitHub Actions,
# GitLab CI, Bitbucket, Azure Pipelines, Jenkins) it must compute exactly the
# range the job is about (checked with --dry-run); without one it refuses
# (exit 2) unless --range is given; a real run scans the range, writes SARIF,
# fetches a base commit a shallow clone lacks, and picks up the baseline.
source "$(dirname "$0")/lib.sh"

CI_SCRIPT="$SOURCE_DIR/ci/leakhound-ci.sh"
AK1=$(aws_key_id 801)

# A remote with main (3 commits) and a feature branch (2 commits off main~1),
# and a clone of it with both remote-tracking refs.
git init -q --bare "$TMP/remote.git"
git clone -q "$TMP/remote.git" "$TMP/seed" 2>/dev/null
cd "$TMP/seed"
git checkout -q -b main
for i in 1 2; do echo "m$i" >"m$i.txt" && git add . && git commit -q -m "m$i"; done
git checkout -q -b feature
printf 'k = %s\n' "$AK1" >leak.txt
git add . && git commit -q -m f1
echo f2 >f2.txt && git add . && git commit -q -m f2
git checkout -q main
echo m3 >m3.txt && git add . && git commit -q -m m3
git push -q origin main feature 2>/dev/null
M1=$(git rev-parse main~2) M2=$(git rev-parse main~1) M3=$(git rev-parse main)
F2=$(git rev-parse feature)
git clone -q "$TMP/remote.git" "$TMP/work" 2>/dev/null
cd "$TMP/work"
git fetch -q origin

# ci_env VAR=VALUE... -- ARGS...: runs the script in a clean environment (so
# the CI running this test does not leak its own variables); sets RC OUT ERR.
ci_env() {
  local vars=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do vars+=("$1"); shift; done
  shift
  env -i PATH="$PATH" HOME="$HOME" LEAKHOUND="$LEAKHOUND" XDG_CACHE_HOME="$XDG_CACHE_HOME" \
    GIT_CONFIG_NOSYSTEM=1 "${vars[@]}" sh "$CI_SCRIPT" "$@" >"$TMP/.out" 2>"$TMP/.err"
  RC=$?
  OUT=$(cat "$TMP/.out")
  ERR=$(cat "$TMP/.err")
}
range_is() {  # range_is EXPECTED MESSAGE: checks the dry-run output
  expect_eq "$RC" "0" "$2: exit 0"
  expect_contains "$OUT" "range=$1" "$2: range"
}
event() { echo "$1" >"$TMP/event.json"; }

# GitHub Actions.
event "{\"pull_request\": {\"base\": {\"sha\": \"$M3\"}, \"head\": {\"sha\": \"$F2\"}}}"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run
range_is "$M3..$F2" "github pull_request: base.sha..head.sha (two dots)"
expect_contains "$OUT" "platform=github" "github detected"
event "{\"before\": \"$M1\", \"after\": \"$M3\", \"repository\": {\"default_branch\": \"main\"}}"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=push GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run
range_is "$M1..$M3" "github push: before..after"
event "{\"before\": \"0000000000000000000000000000000000000000\", \"after\": \"$F2\", \"repository\": {\"default_branch\": \"main\"}}"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=push GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run
range_is "$M2..$F2" "github push of a new branch: merge base with the default branch"
event "{\"before\": \"$F2\", \"after\": \"0000000000000000000000000000000000000000\"}"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=push GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run
expect_eq "$RC" "0" "github branch deletion: nothing to scan"
expect_contains "$ERR" "deletes a branch" "github branch deletion is said"
event "{\"merge_group\": {\"base_sha\": \"$M3\", \"head_sha\": \"$F2\"}}"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=merge_group GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run
range_is "$M3..$F2" "github merge_group: base_sha..head_sha"
event "{}"
for ev in schedule workflow_dispatch; do
  ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=$ev GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run
  range_is "full-history" "github $ev: a full-history audit"
  expect_contains "$OUT" "command: $LEAKHOUND git" "github $ev: plain leakhound git"
done
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=workflow_dispatch GITHUB_EVENT_PATH="$TMP/event.json" -- --format json
expect_eq "$RC" "1" "github workflow_dispatch: the audit finds the secret on the feature branch"
expect_contains "$OUT" "aws" "workflow_dispatch audit reports the AWS key"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=issue_comment GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run
expect_eq "$RC" "2" "github issue_comment: no range, exit 2"
expect_contains "$ERR" "--range" "no range: says to pass --range"
printf '{"pull_request": {' >"$TMP/event.json"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run
expect_eq "$RC" "2" "malformed event JSON: exit 2"
expect_eq "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" "1" "malformed event JSON: one line"
expect_contains "$ERR" "malformed event JSON" "malformed event JSON: named"
expect_not_contains "$ERR" "Traceback" "malformed event JSON: no traceback"
event '["not", "an", "object"]'
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=push GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run
expect_eq "$RC" "2" "event JSON that is not an object: exit 2"
event "{}"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=workflow_dispatch GITHUB_EVENT_PATH="$TMP/event.json" -- --dry-run --range "$M1..$M3"
range_is "$M1..$M3" "explicit --range wins over detection"

# GitLab CI.
ci_env GITLAB_CI=true CI_MERGE_REQUEST_DIFF_BASE_SHA="$M2" CI_MERGE_REQUEST_SOURCE_BRANCH_SHA="$F2" CI_COMMIT_SHA="$M3" -- --dry-run
range_is "$M2..$F2" "gitlab merge request: diff base..source branch sha"
ci_env GITLAB_CI=true CI_COMMIT_BEFORE_SHA="$M1" CI_COMMIT_SHA="$M3" -- --dry-run
range_is "$M1..$M3" "gitlab push: before..commit"
ci_env GITLAB_CI=true CI_COMMIT_BEFORE_SHA=0000000000000000000000000000000000000000 CI_COMMIT_SHA="$F2" CI_DEFAULT_BRANCH=main -- --dry-run
range_is "$M2..$F2" "gitlab new branch: merge base with the default branch"
ci_env GITLAB_CI=true CI_PIPELINE_SOURCE=schedule CI_COMMIT_SHA="$M3" -- --dry-run
range_is "full-history" "gitlab schedule: a full-history audit"

# Bitbucket Pipelines.
ci_env BITBUCKET_BUILD_NUMBER=7 BITBUCKET_COMMIT="$F2" BITBUCKET_PR_DESTINATION_BRANCH=main -- --dry-run
range_is "$M2..$F2" "bitbucket pull request: merge base with the destination branch"
ci_env BITBUCKET_BUILD_NUMBER=7 BITBUCKET_COMMIT="$F2" BITBUCKET_PR_DESTINATION_COMMIT="$M3" -- --dry-run
range_is "$M3..$F2" "bitbucket pull request: destination commit"
ci_env BITBUCKET_BUILD_NUMBER=7 BITBUCKET_COMMIT="$F2" -- --dry-run
expect_eq "$RC" "2" "bitbucket branch build without a range: exit 2"

# Azure Pipelines.
ci_env TF_BUILD=True SYSTEM_PULLREQUEST_TARGETBRANCH=refs/heads/main SYSTEM_PULLREQUEST_SOURCECOMMITID="$F2" BUILD_SOURCEVERSION="$M3" -- --dry-run
range_is "$M2..$F2" "azure pull request: merge base with the target branch .. source commit"

# Jenkins.
ci_env JENKINS_URL=http://ci CHANGE_TARGET=main GIT_COMMIT="$F2" -- --dry-run
range_is "$M2..$F2" "jenkins change request: merge base with CHANGE_TARGET"
ci_env JENKINS_URL=http://ci GIT_PREVIOUS_SUCCESSFUL_COMMIT="$M1" GIT_COMMIT="$M3" -- --dry-run
range_is "$M1..$M3" "jenkins branch build: previous successful..commit"

# No CI at all, and malformed ranges.
ci_env -- --dry-run
expect_eq "$RC" "2" "no CI environment and no --range: exit 2"
ci_env -- --dry-run --range "$M1...$M3"
expect_eq "$RC" "2" "three-dot range refused"

# Extra arguments reach leakhound; a baseline at the top is used.
ci_env -- --dry-run --range "$M1..$M3" --format sarif -o out.sarif
expect_contains "$OUT" "git --range $M1..$M3 --format sarif -o out.sarif" "arguments are passed to leakhound git"
expect_not_contains "$OUT" "--baseline" "no baseline file: no --baseline"
echo '{"version": 1, "entries": []}' >.leakhound-baseline.json
ci_env -- --dry-run --range "$M1..$M3"
expect_contains "$OUT" "--baseline $TMP/work/.leakhound-baseline.json" "baseline at the top is passed"
rm .leakhound-baseline.json

# Real runs: the PR range with the leak is blocked and written as SARIF; the
# push range on main is clean.
event "{\"pull_request\": {\"base\": {\"sha\": \"$M3\"}, \"head\": {\"sha\": \"$F2\"}}}"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$TMP/event.json" -- --format sarif --output "$TMP/pr.sarif"
expect_eq "$RC" "1" "pull request with a leak: exit 1"
expect_eq "$(json_eval "$TMP/pr.sarif" "[(r['ruleId'], r['locations'][0]['physicalLocation']['artifactLocation']['uri']) for r in d['runs'][0]['results']]")" \
  "[('aws.access-key-id', 'leak.txt')]" "SARIF: the leak, with a repository-relative URI"
expect_eq "$(json_eval "$TMP/pr.sarif" "len(d['runs'][0]['results'][0]['partialFingerprints']['leakhound/v1'])")" "32" \
  "SARIF: partialFingerprints carry the secret's fingerprint"
bash "$SOURCE_DIR/tests/e2e/validate_sarif.sh" "$TMP/pr.sarif" >"$TMP/.v" 2>&1
case $? in
  0) pass ;;
  2) echo "note: SARIF multitool unavailable, range SARIF not validated: $(head -c 200 "$TMP/.v")" >&2 ;;
  *) fail "SARIF multitool rejects the range report: $(head -c 600 "$TMP/.v")" ;;
esac
event "{\"before\": \"$M1\", \"after\": \"$M3\", \"repository\": {\"default_branch\": \"main\"}}"
ci_env GITHUB_ACTIONS=true GITHUB_EVENT_NAME=push GITHUB_EVENT_PATH="$TMP/event.json" --
expect_eq "$RC" "0" "push range on main is clean"

# A shallow clone lacks the base: the script fetches it.
git clone -q --depth 1 --branch feature "file://$TMP/remote.git" "$TMP/shallow" 2>/dev/null
cd "$TMP/shallow"
git cat-file -e "$M2^{commit}" 2>/dev/null && fail "shallow clone unexpectedly has the base" || pass
ci_env GITLAB_CI=true CI_MERGE_REQUEST_DIFF_BASE_SHA="$M2" CI_MERGE_REQUEST_SOURCE_BRANCH_SHA="$F2" --
expect_eq "$RC" "1" "shallow clone: base fetched, the leak is found ($ERR)"

finish
