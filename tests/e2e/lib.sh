# Shared helpers for end-to-end tests (sourced). Each test runs the real
# binary ($LEAKHOUND) on files and git repositories it creates in a temp dir.
set -uo pipefail

: "${LEAKHOUND:?LEAKHOUND must point at the leakhound binary}"
: "${SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export XDG_CACHE_HOME="${E2E_CACHE:-/tmp/leakhound-e2e-cache}"
export GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.com"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.com"
export GIT_CONFIG_NOSYSTEM=1 HOME="${HOME:-/root}"

TMP=$(mktemp -d /tmp/lh-e2e.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
FAILURES=0
PASSES=0

fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { PASSES=$((PASSES + 1)); }

# expect_eq ACTUAL EXPECTED MESSAGE
expect_eq() { if [[ "$1" == "$2" ]]; then pass; else fail "$3: expected '$2', got '$1'"; fi; }
# expect_contains HAYSTACK NEEDLE MESSAGE
expect_contains() { if [[ "$1" == *"$2"* ]]; then pass; else fail "$3: '$2' not in: ${1:0:400}"; fi; }
expect_not_contains() { if [[ "$1" != *"$2"* ]]; then pass; else fail "$3: '$2' unexpectedly in output"; fi; }

# run_lh ARGS...: runs leakhound with a 120 s timeout (600 s in sanitizer
# builds: `rules check` compiles every rule's Hyperscan pattern, about 20 s of
# CPU in a release build and several times that under TSan); sets RC, OUT, ERR.
run_lh() {
  timeout "$([[ -n ${LEAKHOUND_SANITIZED:-} ]] && echo 600 || echo 120)" "$LEAKHOUND" "$@" \
    >"$TMP/.out" 2>"$TMP/.err"
  RC=$?
  OUT=$(cat "$TMP/.out")
  ERR=$(cat "$TMP/.err")
}

# Fake credentials in real formats (never real keys).
# github_token [SEED]: ghp_ + 30 base62 + CRC32 checksum in base62.
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
# aws_key_id [SEED]: AKIA + 16 of [A-Z2-7].
aws_key_id() {
  python3 -c "import random,sys; r=random.Random(int(sys.argv[1])); print('AKIA'+''.join(r.choice('ABCDFGHJKLMNPQRSTUVWXYZ234567') for _ in range(16)))" "${1:-1}"
}

# json_field FILE PYTHON-EXPR: evaluates EXPR with `d` = the parsed JSON.
json_eval() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

finish() {
  echo "$PASSES passed, $FAILURES failed"
  [[ $FAILURES -eq 0 ]]
}
