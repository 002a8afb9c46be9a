#!/bin/sh
# leakhound-ci.sh: scan exactly the commits a CI job is about -- a pull or
# merge request's commits, or the commits a push added -- with
# `leakhound git --range BASE..HEAD` (reports only the lines those commits
# add). BASE and HEAD come from the CI platform's environment:
#
#   GitHub Actions   pull_request[_target]: event .pull_request.base.sha .. .pull_request.head.sha
#                    push: event .before .. .after; new branch: merge base with the default branch
#                    merge_group: event .merge_group.base_sha .. .merge_group.head_sha
#                    schedule, workflow_dispatch: a full-history audit (no range)
#   GitLab CI        merge request: CI_MERGE_REQUEST_DIFF_BASE_SHA .. CI_MERGE_REQUEST_SOURCE_BRANCH_SHA
#                    (or CI_COMMIT_SHA); push: CI_COMMIT_BEFORE_SHA .. CI_COMMIT_SHA; new branch:
#                    merge base with CI_DEFAULT_BRANCH; schedule and web (manual) pipelines:
#                    a full-history audit (no range)
#   Bitbucket        pull request: BITBUCKET_PR_DESTINATION_COMMIT (or the merge base with
#                    BITBUCKET_PR_DESTINATION_BRANCH) .. BITBUCKET_COMMIT
#   Azure Pipelines  pull request: merge base with SYSTEM_PULLREQUEST_TARGETBRANCH ..
#                    SYSTEM_PULLREQUEST_SOURCECOMMITID (or BUILD_SOURCEVERSION)
#   Jenkins          change request: merge base with CHANGE_TARGET .. GIT_COMMIT;
#                    branch build: GIT_PREVIOUS_SUCCESSFUL_COMMIT .. GIT_COMMIT
#
# Usage: leakhound-ci.sh [--range BASE..HEAD] [--dry-run] [--] [leakhound git options...]
#   --range    use this range instead of detecting one (required where nothing is detected)
#   --dry-run  print the platform, base, head and the command; scan nothing
#   Everything else goes to `leakhound git` (e.g. --format sarif --output leakhound.sarif).
#   A .leakhound-baseline.json at the top of the repository is passed as --baseline.
# Environment: LEAKHOUND (the binary; default: leakhound on PATH),
#   LEAKHOUND_CI_REMOTE (remote to fetch missing commits from; default origin).
# Exit codes: those of leakhound (0 clean, 1 findings, 2 error); 2 when no range
# can be determined or the event file is not JSON: the job never passes because
# it scanned nothing by mistake.
set -u

leakhound=${LEAKHOUND:-leakhound}
remote=${LEAKHOUND_CI_REMOTE:-origin}
range=""
dry_run=0
platform=""
base=""
head=""
audit=0

die() {
  echo "leakhound-ci: error: $*" >&2
  exit 2
}
note() { echo "leakhound-ci: $*" >&2; }
all_zeros() {
  case "$1" in
    "" | *[!0]*) return 1 ;;
    *) return 0 ;;
  esac
}
have_commit() { git cat-file -e "$1^{commit}" 2>/dev/null; }

# Makes sure commit $1 is present (CI clones often hold one branch only):
# fetches it by id, so the range has both ends.
ensure_commit() {
  have_commit "$1" && return 0
  [ "$dry_run" = 1 ] && return 0
  git fetch -q --no-tags "$remote" "$1" 2>/dev/null
  have_commit "$1" || die "commit $1 is not in this clone and could not be fetched from $remote (fetch the full history, e.g. actions/checkout fetch-depth: 0, GIT_DEPTH: 0)"
}

# merge_base BRANCH HEAD: where HEAD's commits left BRANCH (fetched if missing).
merge_base() {
  _ref="refs/remotes/$remote/$1"
  if ! git rev-parse -q --verify "$_ref" >/dev/null && [ "$dry_run" = 0 ]; then
    git fetch -q --no-tags "$remote" "+refs/heads/$1:$_ref" 2>/dev/null ||
      die "cannot fetch branch $1 from $remote to find the merge base"
  fi
  _mb=$(git merge-base "$_ref" "$2" 2>/dev/null) || die "no merge base between $1 and $2"
  echo "$_mb"
}

# The range walk and the audit need every commit: fetches the history a
# shallow clone lacks.
unshallow() {
  if [ "$dry_run" = 0 ] && [ "$(git rev-parse --is-shallow-repository)" = true ]; then
    note "shallow clone: fetching the history from $remote (fetch-depth: 0 / GIT_DEPTH: 0 avoids this)"
    git fetch -q --no-tags --unshallow "$remote" || die "cannot unshallow the clone from $remote"
  fi
}

# The repository's .leakhound-baseline.json, if it has one (printed).
find_baseline() {
  _top=$(git rev-parse --show-toplevel 2>/dev/null)
  if [ -n "$_top" ] && [ -f "$_top/.leakhound-baseline.json" ]; then
    echo "$_top/.leakhound-baseline.json"
  fi
}

# json_check FILE: dies (one line, exit 2) unless FILE holds a JSON object.
json_check() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'PY' || exit 2
import json, sys
try:
    with open(sys.argv[1]) as f:
        d = json.load(f)
    if not isinstance(d, dict):
        raise ValueError("not a JSON object")
except (OSError, ValueError) as e:
    msg = str(e).splitlines()[0] if str(e) else type(e).__name__
    print("leakhound-ci: error: %s: malformed event JSON: %s" % (sys.argv[1], msg), file=sys.stderr)
    sys.exit(2)
PY
  elif command -v jq >/dev/null 2>&1; then
    jq -e 'type == "object"' "$1" >/dev/null 2>&1 || die "$1: malformed event JSON"
  else
    die "reading $1 needs python3 or jq"
  fi
}

# json_get FILE KEY...: a string at a path of keys in a JSON file (python3, else jq).
json_get() {
  _file=$1
  shift
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$_file" "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2:]:
    d = d.get(k) if isinstance(d, dict) else None
print(d if isinstance(d, str) else "")
PY
  elif command -v jq >/dev/null 2>&1; then
    _path=""
    for _k in "$@"; do _path="$_path.\"$_k\""; done
    jq -r "$_path // empty" "$_file"
  else
    die "reading $_file needs python3 or jq"
  fi
}

detect_github() {
  platform=github
  ev=${GITHUB_EVENT_PATH:-}
  if [ -z "$ev" ] || [ ! -f "$ev" ]; then die "GITHUB_EVENT_PATH is not a file"; fi
  json_check "$ev"
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target | pull_request_review)
      base=$(json_get "$ev" pull_request base sha)
      head=$(json_get "$ev" pull_request head sha)
      ;;
    push)
      base=$(json_get "$ev" before)
      head=$(json_get "$ev" after)
      [ -n "$head" ] || head=${GITHUB_SHA:-}
      if all_zeros "$base"; then
        default=$(json_get "$ev" repository default_branch)
        [ -n "$default" ] || die "new branch push without repository.default_branch in the event"
        base=$(merge_base "$default" "$head")
      fi
      ;;
    merge_group)
      base=$(json_get "$ev" merge_group base_sha)
      head=$(json_get "$ev" merge_group head_sha)
      [ -n "$head" ] || head=${GITHUB_SHA:-}
      ;;
    schedule | workflow_dispatch) audit=1 ;;
    *) ;;
  esac
}

detect_gitlab() {
  platform=gitlab
  case "${CI_PIPELINE_SOURCE:-}" in
    schedule | web)
      audit=1
      return
      ;;
  esac
  if [ -n "${CI_MERGE_REQUEST_DIFF_BASE_SHA:-}" ]; then
    base=$CI_MERGE_REQUEST_DIFF_BASE_SHA
    head=${CI_MERGE_REQUEST_SOURCE_BRANCH_SHA:-${CI_COMMIT_SHA:-}}
  elif [ -n "${CI_COMMIT_SHA:-}" ]; then
    head=$CI_COMMIT_SHA
    base=${CI_COMMIT_BEFORE_SHA:-}
    if all_zeros "$base" || [ -z "$base" ]; then
      [ -n "${CI_DEFAULT_BRANCH:-}" ] || die "new branch pipeline without CI_DEFAULT_BRANCH"
      base=$(merge_base "$CI_DEFAULT_BRANCH" "$head")
    fi
  fi
}

detect_bitbucket() {
  platform=bitbucket
  head=${BITBUCKET_COMMIT:-}
  if [ -n "${BITBUCKET_PR_DESTINATION_COMMIT:-}" ]; then
    base=$BITBUCKET_PR_DESTINATION_COMMIT
  elif [ -n "${BITBUCKET_PR_DESTINATION_BRANCH:-}" ]; then
    base=$(merge_base "$BITBUCKET_PR_DESTINATION_BRANCH" "$head")
  fi
}

detect_azure() {
  platform=azure
  if [ -n "${SYSTEM_PULLREQUEST_TARGETBRANCH:-}" ]; then
    head=${SYSTEM_PULLREQUEST_SOURCECOMMITID:-${BUILD_SOURCEVERSION:-}}
    base=$(merge_base "${SYSTEM_PULLREQUEST_TARGETBRANCH#refs/heads/}" "$head")
  fi
}

detect_jenkins() {
  platform=jenkins
  head=${GIT_COMMIT:-}
  [ -n "$head" ] || head=$(git rev-parse HEAD)
  if [ -n "${CHANGE_TARGET:-}" ]; then
    base=$(merge_base "$CHANGE_TARGET" "$head")
  elif [ -n "${GIT_PREVIOUS_SUCCESSFUL_COMMIT:-}" ]; then
    base=$GIT_PREVIOUS_SUCCESSFUL_COMMIT
  fi
}

while [ $# -gt 0 ]; do
  case "$1" in
    --range)
      [ $# -ge 2 ] || die "--range needs BASE..HEAD"
      range=$2
      shift 2
      ;;
    --range=*)
      range=${1#--range=}
      shift
      ;;
    --dry-run)
      dry_run=1
      shift
      ;;
    --)
      shift
      break
      ;;
    *) break ;;
  esac
done

git rev-parse --git-dir >/dev/null 2>&1 || die "not inside a git repository"

if [ -n "$range" ]; then
  platform=explicit
  case "$range" in
    *...*) die "--range $range: use two dots (BASE..HEAD); three dots would scan from the merge base" ;;
    *..*) base=${range%%..*} head=${range#*..} ;;
    *) die "--range $range: expected BASE..HEAD" ;;
  esac
elif [ "${GITHUB_ACTIONS:-}" = true ]; then
  detect_github
elif [ "${GITLAB_CI:-}" = true ]; then
  detect_gitlab
elif [ -n "${BITBUCKET_BUILD_NUMBER:-}" ]; then
  detect_bitbucket
elif [ -n "${TF_BUILD:-}" ]; then
  detect_azure
elif [ -n "${JENKINS_URL:-}" ]; then
  detect_jenkins
fi

if [ "$audit" = 1 ]; then
  # Scheduled and manual runs audit every commit reachable from every ref.
  unshallow
  set -- git "$@"
  baseline_file=$(find_baseline)
  [ -z "$baseline_file" ] || set -- "$@" --baseline "$baseline_file"
  echo "platform=$platform" >&2
  echo "mode=audit (${GITHUB_EVENT_NAME:-${CI_PIPELINE_SOURCE:-}}): full history" >&2
  if [ "$dry_run" = 1 ]; then
    echo "platform=$platform"
    echo "range=full-history"
    echo "command: $leakhound $*"
    exit 0
  fi
  exec "$leakhound" "$@"
fi
if all_zeros "$head"; then
  note "the push deletes a branch: nothing to scan"
  exit 0
fi
if [ -z "$base" ] || [ -z "$head" ]; then
  die "cannot tell which commits to scan (platform: ${platform:-unknown}, event: ${GITHUB_EVENT_NAME:-${CI_PIPELINE_SOURCE:-?}}); pass --range BASE..HEAD"
fi
unshallow
ensure_commit "$base"
ensure_commit "$head"

set -- git --range "$base..$head" "$@"
baseline_file=$(find_baseline)
[ -z "$baseline_file" ] || set -- "$@" --baseline "$baseline_file"
echo "platform=$platform" >&2
echo "base=$base" >&2
echo "head=$head" >&2
if [ "$dry_run" = 1 ]; then
  echo "platform=$platform"
  echo "range=$base..$head"
  echo "command: $leakhound $*"
  exit 0
fi
if [ "$(git rev-parse "$base^{commit}")" = "$(git rev-parse "$head^{commit}")" ]; then
  note "base and head are the same commit: nothing new to scan"
fi
exec "$leakhound" "$@"
