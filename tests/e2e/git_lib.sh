# Helpers for the `leakhound git` end-to-end tests (sourced, not run).
# Repositories are built with the git CLI in a temporary directory; dates are
# fixed so commit ids and exposure windows are deterministic.
set -euo pipefail
: "${LEAKHOUND:?set LEAKHOUND to the leakhound binary}"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$WORK/gitconfig"
git config --global user.name "Test Author"
git config --global user.email "author@example.com"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
git config --global protocol.file.allow always
export SOURCE_DATE_EPOCH=1735689600  # 2025-01-01: the report's "now"

fail() {
  echo "FAIL: $*" >&2
  if [[ -f "$WORK/out.json" ]]; then sed -n 1,200p "$WORK/out.json" >&2; fi
  if [[ -f "$WORK/err" ]]; then cat "$WORK/err" >&2; fi
  exit 1
}

# gh_token SEED: a GitHub classic token with a valid CRC32 checksum.
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

# aws_key SEED: an AWS access key id (AKIA + 16 of [A-Z2-7]).
aws_key() {
  python3 -c "import random,sys; r=random.Random('leakhound-e2e-'+sys.argv[1]); print('AKIA'+''.join(r.choice('ABCDFGHIJKLMNOPQRSTUVWXYZ234567') for _ in range(16)))" "$1"
}

# new_repo DIR: an empty repository (branch main).
new_repo() {
  git init -q "$1"
}

# commit_on DAY MSG [git commit args]: commits everything in the current
# directory on 2024-01-DAY (DAY as two digits).
commit_on() {
  local day=$1 msg=$2
  shift 2
  git add -A
  GIT_AUTHOR_DATE="2024-01-${day}T12:00:00Z" GIT_COMMITTER_DATE="2024-01-${day}T12:00:00Z" \
    git commit -q --allow-empty -m "$msg" "$@"
  git rev-parse HEAD
}

# lh ARGS...: runs `leakhound git ARGS --format json`; the report goes to
# $WORK/out.json, stderr to $WORK/err, the exit code to RC.
lh() {
  RC=0
  "$LEAKHOUND" git "$@" --format json --progress never >"$WORK/out.json" 2>"$WORK/err" || RC=$?
}

# expect_rc N: the last lh run exited with N.
expect_rc() {
  [[ "$RC" == "$1" ]] || fail "expected exit code $1, got $RC"
}

# check PYTHON_EXPR [MESSAGE]: evaluates the expression with r = the report
# and f = its findings list; fails the test when it is false.
check() {
  python3 - "$WORK/out.json" "$1" <<'PY' || fail "${2:-$1}"
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
}

# err_has TEXT: stderr of the last run contains TEXT.
err_has() {
  grep -qF -- "$1" "$WORK/err" || fail "stderr lacks '$1'"
}
