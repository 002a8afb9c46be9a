# The one helper library of the end-to-end tests (sourced, not run). Each test
# runs the real binary ($LEAKHOUND) on files and git repositories it creates
# in a temporary directory ($TMP, removed on exit).
#
# One failure style:
# - Checks (expect_*, check, err_has, fail) count: a failed check prints
#   "FAIL: ..." and the test goes on, so one run shows every failure. They
#   never return non-zero, so they are safe under `set -e`.
# - A failed precondition (a server that does not start, a fixture that
#   cannot be built) aborts at once with `die`; a test may also `set -e` so
#   that any failed setup command aborts.
# - A test ends with `finish`: it prints the counts and exits 1 when a check
#   failed or none ran, else 0. Whatever way the test ends (finish, die,
#   set -e, a plain exit), it never exits 0 with a failed check, nor without
#   reaching finish.
set -uo pipefail

: "${LEAKHOUND:?LEAKHOUND must point at the leakhound binary}"
: "${SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export XDG_CACHE_HOME="${E2E_CACHE:-/tmp/leakhound-e2e-cache}"
export GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.com"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.com"
export GIT_CONFIG_NOSYSTEM=1 HOME="${HOME:-/root}"

TMP=$(mktemp -d /tmp/lh-e2e.XXXXXX)
FAILURES=0
PASSES=0
FINISHED=0
CLEANUPS=()

# on_exit COMMAND: runs COMMAND (a string for eval) when the test exits, last
# registered first, before $TMP is removed. Tests register cleanups here
# instead of replacing the EXIT trap.
on_exit() { CLEANUPS+=("$1"); }

_lib_exit() {
  local rc=$? i
  for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do eval "${CLEANUPS[i]}" || true; done
  rm -rf "$TMP"
  if [[ $FINISHED -eq 0 && $rc -ne 77 ]]; then
    echo "ABORTED (exit $rc) before finish: $PASSES passed, $FAILURES failed so far" >&2
    [[ $rc -ne 0 ]] || rc=1
  fi
  if [[ $FAILURES -ne 0 && $rc -eq 0 ]]; then rc=1; fi
  exit "$rc"
}
trap _lib_exit EXIT

fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { PASSES=$((PASSES + 1)); }
# die MESSAGE: a failed precondition; the test stops here (exit 1).
die() { echo "ABORT: $*" >&2; exit 1; }
# abort_on_error: from here on any failed command outside a condition (set -e,
# also inside functions) aborts the test, naming the command and its line.
abort_on_error() {
  set -eE
  trap '_lib_err $? "$LINENO" "$BASH_COMMAND"' ERR
}
_lib_err() { echo "ABORT: line $2: $3 (exit $1)" >&2; }

# expect_eq ACTUAL EXPECTED MESSAGE
expect_eq() { if [[ "$1" == "$2" ]]; then pass; else fail "$3: expected '$2', got '$1'"; fi; }
# expect_contains HAYSTACK NEEDLE MESSAGE
expect_contains() { if [[ "$1" == *"$2"* ]]; then pass; else fail "$3: '$2' not in: ${1:0:400}"; fi; }
expect_not_contains() { if [[ "$1" != *"$2"* ]]; then pass; else fail "$3: '$2' unexpectedly in output"; fi; }

# run_lh ARGS...: runs leakhound with a 120 s timeout (600 s in sanitizer
# builds: `rules check` compiles every rule's Hyperscan pattern, about 20 s of
# CPU in a release build and several times that under TSan; LH_TIMEOUT=N
# overrides both for one call); sets RC, OUT,
# ERR, and leaves stdout in $OUT_FILE and stderr in $ERR_FILE.
OUT_FILE="$TMP/.out"
ERR_FILE="$TMP/.err"
# shellcheck disable=SC2034  # OUT and ERR are for the tests
run_lh() {
  RC=0
  _LAST_RUN_SHOWN=0
  timeout "${LH_TIMEOUT:-$([[ -n ${LEAKHOUND_SANITIZED:-} ]] && echo 600 || echo 120)}" "$LEAKHOUND" "$@" \
    >"$OUT_FILE" 2>"$ERR_FILE" || RC=$?
  OUT=$(cat "$OUT_FILE")
  ERR=$(cat "$ERR_FILE")
}

# expect_rc N [MESSAGE]: the last run_lh exited with N.
expect_rc() {
  if [[ "$RC" == "$1" ]]; then pass; else
    fail "${2:-exit code}: expected exit code $1, got $RC"
    _show_last_run
  fi
}

# check PYTHON_EXPR [MESSAGE]: evaluates the expression over the last run's
# stdout parsed as a JSON report, with r = the report and f = its findings
# list; one(rule=None) is the only finding (of that rule), asserting there is
# exactly one. A false expression, or one that raises, fails the check.
check() {
  if python3 - "$OUT_FILE" "$1" <<'PY'; then pass; else
import json, sys
r = json.load(open(sys.argv[1]))
f = r['findings']
def one(rule=None):
    xs = [x for x in f if rule is None or x['rule_id'] == rule]
    assert len(xs) == 1, f'expected one finding, got {len(xs)}'
    return xs[0]
ok = eval(sys.argv[2])
sys.exit(0 if ok else 1)
PY
    fail "${2:-$1}"
    _show_last_run
  fi
}

# err_has TEXT: stderr of the last run contains TEXT.
err_has() {
  if grep -qF -- "$1" "$ERR_FILE"; then pass; else
    fail "stderr lacks '$1'"
    _show_last_run
  fi
}

# After the first failed check on a run: its stderr and the start of its
# report, once per run (later failures on the same run add nothing new).
_LAST_RUN_SHOWN=0
_show_last_run() {
  [[ $_LAST_RUN_SHOWN -eq 0 ]] || return 0
  _LAST_RUN_SHOWN=1
  echo "--- stderr of the last run:" >&2
  head -c 4000 "$ERR_FILE" >&2
  echo "--- stdout of the last run (first 200 lines):" >&2
  sed -n 1,200p "$OUT_FILE" >&2
  echo "---" >&2
}

# json_eval FILE PYTHON-EXPR: evaluates EXPR with `d` = the parsed JSON.
json_eval() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# finish: the end of every test; exits 0 when every check passed, else 1.
finish() {
  FINISHED=1
  echo "$PASSES passed, $FAILURES failed"
  if [[ $FAILURES -eq 0 && $PASSES -eq 0 ]]; then
    echo "FAIL: no check ran" >&2
    FAILURES=1
  fi
  if [[ $FAILURES -eq 0 ]]; then exit 0; fi
  exit 1
}

# --- Fake credentials in real formats (never real keys). Deterministic: tests
# rely on the exact values, so the two families below stay as they are (they
# seed differently and give different values for the same seed).

# github_token [SEED]: ghp_ + 30 base62 + CRC32 checksum in base62; integer SEED.
github_token() {
  python3 - "${1:-1}" <<'PY'
import random, sys, zlib
d = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
rng = random.Random(int(sys.argv[1]))
body = "".join(rng.choice(d) for _ in range(30))
c = zlib.crc32(body.encode())
s = ""
for _ in range(6):
    s = d[c % 62] + s
    c //= 62
print("ghp_" + body + s)
PY
}
# aws_key_id [SEED]: AKIA + 16 of [A-Z2-7]; integer SEED.
aws_key_id() {
  python3 -c "import random,sys; r=random.Random(int(sys.argv[1])); print('AKIA'+''.join(r.choice('ABCDFGHJKLMNPQRSTUVWXYZ234567') for _ in range(16)))" "${1:-1}"
}

# gh_token NAME: a GitHub classic token with a valid CRC32 checksum, seeded by
# a name (the git history tests: "history", "range-old", ...).
gh_token() {
  python3 - "$1" <<'PY'
import random, sys, zlib
a = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
rnd = random.Random('leakhound-e2e-' + sys.argv[1])
body = ''.join(rnd.choice(a) for _ in range(30))
n, s = zlib.crc32(body.encode()), ''
while n:
    s, n = a[n % 62] + s, n // 62
print('ghp_' + body + s.rjust(6, '0'))
PY
}
# aws_key NAME: an AWS access key id (AKIA + 16 of [A-Z2-7]), seeded by a name.
# gh_tokens PREFIX N: N GitHub classic tokens (one a line) seeded by
# PREFIX-1..N, in one python start (the tests' fleets need many).
gh_tokens() {
  python3 - "$1" "$2" <<'PY'
import random, sys, zlib
a = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
for i in range(1, int(sys.argv[2]) + 1):
    rnd = random.Random('leakhound-e2e-%s-%d' % (sys.argv[1], i))
    body = ''.join(rnd.choice(a) for _ in range(30))
    n, s = zlib.crc32(body.encode()), ''
    while n:
        s, n = a[n % 62] + s, n // 62
    print('ghp_' + body + s.rjust(6, '0'))
PY
}

aws_key() {
  python3 -c "import random,sys; r=random.Random('leakhound-e2e-'+sys.argv[1]); print('AKIA'+''.join(r.choice('ABCDFGHIJKLMNOPQRSTUVWXYZ234567') for _ in range(16)))" "$1"
}

# --- Git repositories with deterministic history (the `leakhound git` tests).

# git_fixture_env: an isolated git configuration in $TMP (branch main, file
# protocol allowed for local clones) and SOURCE_DATE_EPOCH=2025-01-01, the
# report's "now", so exposure windows are exact.
git_fixture_env() {
  export GIT_CONFIG_GLOBAL="$TMP/gitconfig"
  git config --global user.name "Test Author"
  git config --global user.email "author@example.com"
  git config --global init.defaultBranch main
  git config --global advice.detachedHead false
  git config --global protocol.file.allow always
  export SOURCE_DATE_EPOCH=1735689600
}

# make_repo DIR: an empty repository (branch main).
make_repo() { git init -q "$1" || die "git init $1"; }

# commit_on DAY MSG [git commit args]: commits everything in the current
# directory on 2024-01-DAY (DAY as two digits); prints the commit id.
commit_on() {
  local day=$1 msg=$2
  shift 2
  git add -A || return
  GIT_AUTHOR_DATE="2024-01-${day}T12:00:00Z" GIT_COMMITTER_DATE="2024-01-${day}T12:00:00Z" \
    git commit -q --allow-empty -m "$msg" "$@" || return
  git rev-parse HEAD
}

# git_json ARGS...: run_lh git ARGS --format json --progress never (the
# report on stdout, for check).
git_json() { run_lh git "$@" --format json --progress never; }
